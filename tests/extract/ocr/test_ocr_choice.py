"""Keeping the better Swedish of a page's text layer and its fresh OCR."""

from __future__ import annotations

from pipeline.extract.ocr.choice import better_reading, swedish_score
from pipeline.extract.page import PageWords, Word

CLEAN = (
    "Målet ska nås genom att erbjuda invånare med funktionsnedsättning individuellt anpassade "
    "stödinsatser av hög kvalitet. Nämndens medarbetare ska delta i utbildning och följa upp "
    "åtgärderna under året. Förskolan arbetar för ökad trygghet och delaktighet för alla barn."
)
# The same text as an OCR pass without Swedish reads it.
DAMAGED = (
    "Malet ska nas genom att erbjuda invanare med funktionsnedsattning individuellt anpassade "
    "stédinsatser av hdg kvalitet. Namndens medarbetare ska delta i utbildning och folja upp "
    "atgarderna under aret. Forskolan arbetar for 6kad trygghet och delaktighet for alla barn."
)


def page(text: str, reader: str) -> PageWords:
    words = [Word(w, 10.0 * i, 10.0 * i + 8, 100, 110) for i, w in enumerate(text.split())]
    return PageWords(1, 595, 842, words, reader=reader)


def test_damaged_text_scores_lower() -> None:
    clean, damaged = swedish_score(page(CLEAN, "ocr")), swedish_score(page(DAMAGED, "text"))
    assert clean.known_share > 0.95 > damaged.known_share
    assert clean.value > damaged.value + 0.2


def test_ocr_in_swedish_replaces_a_damaged_layer() -> None:
    layer, ocr = page(DAMAGED, "text"), page(CLEAN, "ocr")
    assert better_reading(layer, ocr) is ocr


def test_a_good_layer_is_kept() -> None:
    layer, ocr = page(CLEAN, "text"), page(DAMAGED, "ocr")
    assert better_reading(layer, ocr) is layer
    # Equal readings: the layer has exact positions and wins the tie.
    assert better_reading(layer, page(CLEAN, "ocr")) is layer


def test_ocr_that_lost_most_of_the_page_does_not_win() -> None:
    layer = page(DAMAGED, "text")
    ocr = page(" ".join(CLEAN.split()[:8]), "ocr")
    assert better_reading(layer, ocr) is layer


def test_without_ocr_the_layer_is_all_there_is() -> None:
    layer = page(DAMAGED, "text")
    assert better_reading(layer) is layer
