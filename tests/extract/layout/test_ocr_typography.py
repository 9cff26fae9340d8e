"""Typography that OCR reads as plain characters, restored on OCR pages only."""

from __future__ import annotations

from pipeline.extract.layout.lines import page_lines
from pipeline.extract.page import PageWords, Word


def _page(texts: list[str], reader: str) -> PageWords:
    words, x = [], 100.0
    for text in texts:
        words.append(Word(text, x, x + 8 * len(text), 100.0, 112.0))
        x += 8 * len(text) + 5
    return PageWords(1, 600.0, 800.0, words, [], reader=reader)


def test_a_bullet_read_as_guillemets_is_a_bullet_again():
    # tif_5353_1: the bullet "•" came out of Tesseract as "»«".
    for mark in ("«", "»", "»«"):
        line = page_lines(_page([mark, "mängden", "matsvinn", "minskar"], "ocr"))[0]
        assert line.text == "• mängden matsvinn minskar"


def test_guillemets_on_a_text_page_stay():
    line = page_lines(_page(["»«", "mängden"], "text"))[0]
    assert line.text == "»« mängden"


def test_dashes_stay_as_the_ocr_path_measured_them():
    # ocr.dashes decided each lone dash (a spaced hyphen it measured as one stays a hyphen:
    # shared scan 001, "programmet - Tillgänglighet").
    line = page_lines(_page(["klimatpositivt", "–", "genom", "programmet", "-", "Till"], "ocr"))[0]
    assert line.text == "klimatpositivt – genom programmet - Till"


def test_bare_grid_strokes_on_an_ocr_page_are_dropped():
    line = page_lines(_page(["|", "Indikator", "_", "Målvärde", "|"], "ocr"))[0]
    assert line.text == "Indikator Målvärde"
