"""Synthetic plans rendered to PDF: deterministic, laid out like the real ones, with their gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.pdf.text_layer import open_pdf, text_layer_words
from plans_dev.synth import pdf as synth_pdf
from plans_dev.synth import random_plan
from plans_dev.synth.pdf import main, render_pdf


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    spec = random_plan(5)
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    render_pdf(spec, a, 5)
    render_pdf(random_plan(5), b, 5)
    render_pdf(random_plan(6), c, 6)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()


def test_pages_look_like_the_real_plans(tmp_path: Path) -> None:
    spec = random_plan(11, cover_page=True, toc=False, furniture_style="full")
    path = tmp_path / "plan.pdf"
    n = render_pdf(spec, path, 11)
    pages = text_layer_words(path)
    assert len(pages) == n == open_pdf(path).n_pages
    for page in pages:
        words = [w.text for w in page.words]
        assert "Tjänsteutlåtande" in words and "start.stockholm" in words
        assert f"({n})" in words and spec.contact.switchboard in words
        head = next(w for w in page.words if w.text == "Tjänsteutlåtande")
        foot = next(w for w in page.words if w.text == "start.stockholm")
        assert head.bold and head.top < 60 and foot.top > 780
    cover = " ".join(w.text for w in pages[0].words)
    assert f"{spec.plan_type} {spec.plan_year}" in cover and f"{spec.district} stadsdelsnämnd" in cover


def test_cli_writes_pdfs_and_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--out", str(tmp_path / "pdf"), "--gold", str(tmp_path / "gold"), "--n", "2", "--seed", "3"])
        == 0
    )
    pdfs = sorted((tmp_path / "pdf").glob("*.pdf"))
    golds = sorted((tmp_path / "gold").glob("*.gold.json"))
    assert [p.name for p in pdfs] == ["synth_3_0.pdf", "synth_3_1.pdf"]
    assert [json.loads(g.read_text(encoding="utf-8"))["source"] for g in golds] == [p.name for p in pdfs]
    assert "wrote 2 PDF documents" in capsys.readouterr().out


def test_without_dejavu_helvetica_still_prints_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(synth_pdf, "FONT_DIR", tmp_path / "no-fonts")
    synth_pdf.fonts.cache_clear()
    try:
        path = tmp_path / "plan.pdf"
        render_pdf(random_plan(2, cover_page=True), path, 2)
        words = {w.text for p in text_layer_words(path) for w in p.words}
        assert "Tjänsteutlåtande" in words and "Förväntat" in words
    finally:
        synth_pdf.fonts.cache_clear()
