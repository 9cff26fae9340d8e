"""Letters the Swedish OCR model read as others of their shape, put back from the lexicon
and the document's own words: our own sentences with the slips a scan shows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.model import Line, SourceDocument
from pipeline.repair import default_context, repair
from pipeline.repair.ocr import RepairContext
from pipeline.repair.slips import document_words, fix_slips

# The rest of the document, read right: what the document itself knows.
DOCUMENT = [
    "Stadsdelsnämndens verksamheter arbetar för ökad trygghet.",
    "Uppföljningen görs av stadsdelsnämndens förvaltning varje tertial.",
    "Förvaltningen tar fram en plan och lyfter fram frågan.",
]

# (read, printed): cases as data.
CASES = [
    ("Stadsdelshämndens verksamheter ska ta fram", "Stadsdelsnämndens verksamheter ska ta fram"),
    ("Medarbetarna använder Al-verktyget i arbetet", "Medarbetarna använder AI-verktyget i arbetet"),
    ("Arbetet i Ml-andan fortsätter", "Arbetet i MI-andan fortsätter"),
    ("Förskolan ska arbeta för ökad delaktighet", "Förskolan ska arbeta för ökad delaktighet"),
    ("Riksdalervägen och teamet RVT", "Riksdalervägen och teamet RVT"),  # unknown names stay
    ("Al är ett träd och ett ord", "Al är ett träd och ett ord"),  # no compound after it
    ("Enheten lyfter ftam tryggheten", "Enheten lyfter fram tryggheten"),  # the document's "fram"
    # "r" read as "t" is put back only where the document reads the word so.
    ("Arbetet med ftamtagandet av planen", "Arbetet med ftamtagandet av planen"),
    ("Rummet ftax stod tomt", "Rummet ftax stod tomt"),  # short, and the document does not say
    ("Möblerna finns på Stocket", "Möblerna finns på Stocket"),  # a name: "stocker" needs the document
]


@pytest.fixture(scope="module")
def ctx() -> RepairContext:
    return default_context()


@pytest.mark.parametrize(("read", "printed"), CASES)
def test_slips_are_put_back(ctx: RepairContext, read: str, printed: str) -> None:
    fixed, _ = fix_slips(read, ctx, document_words([*DOCUMENT, read]))
    assert fixed == printed


def test_a_compound_hunspell_allows_is_kept_without_the_document_saying_otherwise(ctx: RepairContext) -> None:
    read = "Stadsdelshämndens verksamheter"
    assert fix_slips(read, ctx, document_words([read]))[0] == read


def _source(extraction: str, texts: list[str]) -> SourceDocument:
    lines = [Line(text, i + 1, 1) for i, text in enumerate(texts)]
    return SourceDocument("plan.pdf", "0" * 64, "pdf", extraction, lines)


def test_only_ocr_read_text_is_repaired_and_every_change_recorded() -> None:
    texts = [*DOCUMENT, CASES[0][0]]
    by_ocr = repair(_source("pdf_ocr", texts))
    assert by_ocr.source.lines[-1].text == CASES[0][1]
    assert [(r.original, r.replacement, r.rule) for r in by_ocr.repairs] == [
        ("Stadsdelshämndens", "Stadsdelsnämndens", "ocr_slip")
    ]
    by_text_layer = repair(_source("pdf_text", texts))
    assert by_text_layer.source.lines[-1].text == CASES[0][0]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdehilmnrtuåäöAIMl- "), max_size=40))
def test_any_text_gives_text_and_listed_words_stay(text: str) -> None:
    ctx = default_context()
    fixed, changes = fix_slips(text, ctx, document_words([text]))
    assert isinstance(fixed, str)
    for read, _ in changes:  # a listed word changes only as an acronym's capital I
        assert not ctx.lexicon.listed(read.lower()) or read[0].isupper()
