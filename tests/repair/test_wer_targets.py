"""The OCR repair stage's targets, on both test sets and the clean plans of ../shared.

- WER after repair at most 1 % on set 1 (real OCR, 003 against 000/001) and set 2 (synthetic
  damage on 002);
- at most 0.2 % of the reference words made wrong (right before repair, wrong after);
- no repair on the clean plans 000-002 other than real mojibake.

The damaged paragraphs go to ``repair_text`` as one document, one paragraph per line, with
the context ``plans_dev.testsets.repair`` prescribes (never the reference's own document).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.repair import repair
from pipeline.repair.ocr import RepairContext, repair_text
from plans_dev.measure.wer import RepairScore, compare, total
from plans_dev.testsets.repair import (
    ParagraphPair,
    context_clean,
    context_set1,
    context_set2,
    corpus_file,
    real_pairs,
    synthetic_set,
)

WER_AFTER = 0.01
MADE_WRONG = 0.002


def _score(pairs: list[ParagraphPair], context: list[str]) -> RepairScore:
    repaired, _ = repair_text("\n".join(p.damaged for p in pairs), RepairContext.build(context))
    lines = repaired.split("\n")
    assert len(lines) == len(pairs), "repair_text must keep the line breaks"
    return total([compare(p.clean, p.damaged, r) for p, r in zip(pairs, lines, strict=True)])


@pytest.fixture(scope="module")
def set1(shared: Path) -> RepairScore:
    return _score(real_pairs(shared), context_set1(shared))


@pytest.fixture(scope="module")
def set2(shared: Path) -> RepairScore:
    return _score(synthetic_set(shared), context_set2(shared))


def _report(score: RepairScore) -> str:
    return (
        f"WER before {score.wer_before:.2%}, after {score.wer_after:.2%}, "
        f"made wrong {score.made_wrong_rate:.3%} ({score.made_wrong} of {score.n_ref} words)"
    )


def test_set1_wer_after_repair(set1: RepairScore):
    assert set1.wer_after <= WER_AFTER, _report(set1)


def test_set1_made_wrong(set1: RepairScore):
    assert set1.made_wrong_rate <= MADE_WRONG, _report(set1)


def test_set2_wer_after_repair(set2: RepairScore):
    assert set2.wer_after <= WER_AFTER, _report(set2)


def test_set2_made_wrong(set2: RepairScore):
    assert set2.made_wrong_rate <= MADE_WRONG, _report(set2)


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_clean_plans_get_no_repair_but_mojibake(shared: Path, prefix: str):
    """The repair stage as the pipeline runs it (damage check first) changes no word of a
    clean plan. Symbol-font bullets mapped to "•" (rule character_map) are not word repairs."""
    source = extract(corpus_file(prefix, shared))
    result = repair(source, context=RepairContext.build(context_clean(prefix, shared)))
    wrong = [
        (r.lineno, r.original, r.replacement, r.rule)
        for r in result.repairs
        if "mojibake" not in r.rule and r.rule != "character_map"
    ]
    assert result.damage.score == 0.0
    assert wrong == [], f"{len(wrong)} repairs on a clean plan, first: {wrong[:5]}"
