"""The synthetic plan generator: deterministic per seed, gold consistent with the spec and findable in
the text, and every layout variation the parser must survive actually produced."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from pipeline.model import LEVELS_BY_NAME
from plans_dev.synth import PlanSpec, Rendered, gold_of, random_plan, render_document, render_text
from plans_dev.synth.__main__ import SAMPLES, doc_seed, main

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "data" / "raw"
SAMPLE_GOLD = ROOT / "tests" / "fixtures" / "synth_gold"
N_SEEDS = 200

Doc = tuple[int, PlanSpec, Rendered, dict[str, Any]]

PARENT_LEVELS: dict[str, set[str | None]] = {
    "kf_inriktningsmal": {None},
    "kf_verksamhetsomradesmal": {"kf_inriktningsmal"},
    "namndmal": {"kf_verksamhetsomradesmal"},
    "enhetsmal": {"namndmal", "kf_verksamhetsomradesmal"},
}
PERIODS = {"År", "Tertial", "Halvår", "Kvartal", "Månad"}
GOLD_KEYS = ["source", "district", "unit", "plan_type", "plan_year", "dnr", "goals", "goal_sections",
             "indicators", "activities", "sections"]  # fmt: skip

#: Every variation the generator promises; each must occur somewhere in N_SEEDS documents.
REQUIRED_FEATURES = {
    # page layout
    "blank_between_lines", "compact_lines", "paragraph_gap", "no_paragraph_gap",
    "cover_page", "toc", "toc_wrapped", "dnr",
    "furniture_full", "furniture_plain", "furniture_sid", "furniture_running",
    "page_break_furniture", "page_break_hint_only", "furniture_mid_paragraph", "page_break_mid_paragraph",
    # goal tree
    "heading_wrapped", "prefix_Avdelningsmål", "prefix_Områdesmål", "enhetsmal_under_kf",
    "namndmal_without_enhetsmal", "missing_inriktningsmal",
    "goal_section_beskrivning", "goal_section_forvantat_resultat", "goal_section_arbetssatt",
    "goal_section_resursanvandning", "goal_section_uppfoljning", "goal_section_utveckling",
    "goal_section_kommentar", "goal_section_samverkan", "goal_section_medarbetarskap",
    "bullets_dash", "bullets_dot", "bullets_numbered",
    # tables
    "indicators_at_kf_inriktningsmal", "indicators_at_kf_verksamhetsomradesmal", "indicators_at_namndmal",
    "indicators_at_enhetsmal", "activities_at_namndmal", "activities_at_enhetsmal",
    "activities_at_kf_verksamhetsomradesmal",
    "indicator_header_wrapped", "indicator_one_line", "indicator_name_wrapped", "indicator_empty_cell",
    "indicator_kf_missing", "indicator_target_missing", "indicator_cell_broken", "indicator_cell_midword",
    "indicator_comment", "table_header_repeated", "activity_one_line", "activity_wrapped",
    "period_År", "period_Tertial", "period_Halvår", "period_Kvartal", "period_Månad",
    # as an OCR pass lays the page out
    "ocr_layout", "ocr_tables", "ocr_indicator_wrapped", "ocr_indicator_one_line", "ocr_activity_wrapped",
    "ocr_activity_one_line", "ocr_row_gaps", "ocr_row_glyph", "ocr_header_damaged", "furniture_debris",
    # narrative
    "section_three_level", "section_heading_colon", "missing_organisationsbeskrivning", "missing_ovrigt",
    "missing_ekonomi",
}  # fmt: skip


def _doc(seed: int) -> Doc:
    spec = random_plan(seed)
    return seed, spec, render_document(spec, seed), gold_of(spec, f"synth_{seed}.txt")


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return [_doc(s) for s in range(N_SEEDS)]


def clean_text(r: Rendered) -> str:
    """What a perfect reader sees: noise lines dropped, mid-word breaks joined, whitespace collapsed."""
    out: list[str] = []
    glue = False
    for i, line in enumerate(r.lines):
        if i in r.noise or not line.strip():
            continue
        if glue and out:
            out[-1] += line.strip()
        else:
            out.append(line.strip())
        glue = i in r.unterminated
    return " ".join(" ".join(out).split())


# --- determinism ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 17, 4242, 2**31 - 5])
def test_deterministic_per_seed(seed: int) -> None:
    a, b = random_plan(seed), random_plan(seed)
    assert a == b
    assert render_text(a, seed) == render_text(b, seed)
    assert gold_of(a, "x.txt") == gold_of(b, "x.txt")


def test_seeds_differ() -> None:
    texts = {render_text(random_plan(s), s) for s in range(20)}
    assert len(texts) == 20


def test_render_seed_changes_layout_not_gold() -> None:
    spec = random_plan(5)
    gold = gold_of(spec, "x.txt")
    assert render_text(spec, 5) != render_text(spec, 6)
    assert gold_of(spec, "x.txt") == gold  # rendering does not touch the spec


def test_overrides() -> None:
    spec = random_plan(3, district="Farsta", plan_year=2024, domain="aldre", cover_page=True, dnr="FA 2023/1")
    assert (spec.district, spec.plan_year, spec.domain, spec.dnr) == ("Farsta", 2024, "aldre", "FA 2023/1")
    assert spec.layout.cover_page
    assert "Dnr: FA 2023/1 " in render_text(spec, 3)
    with pytest.raises(TypeError):
        random_plan(3, colour="blue")
    with pytest.raises(ValueError):
        random_plan(3, cover_page=False, dnr="FA 2023/12")


# --- gold consistent with the spec ------------------------------------------------------------------


def _collapsed(s: str) -> bool:
    return bool(s) and s == " ".join(s.split())


def test_gold_structure(docs: list[Doc]) -> None:
    for seed, spec, _, gold in docs:
        assert list(gold) == GOLD_KEYS, seed
        assert gold["plan_type"] == "Verksamhetsplan" and gold["source"] == f"synth_{seed}.txt"
        assert (gold["district"], gold["unit"], gold["plan_year"], gold["dnr"]) == (
            spec.district, spec.unit, spec.plan_year, spec.dnr)  # fmt: skip
        levels: dict[str, str] = {}
        codes: dict[str, str | None] = {}
        titles = set()
        for n, g in enumerate(gold["goals"], 1):
            assert g["id"] == f"G{n}"
            assert g["level"] in LEVELS_BY_NAME
            parent_level = None if g["parent"] is None else levels[g["parent"]]  # parents come first
            assert parent_level in PARENT_LEVELS[g["level"]], (seed, g)
            if g["level"] == "kf_inriktningsmal":
                assert re.fullmatch(r"\d", g["code"])
            elif g["level"] == "kf_verksamhetsomradesmal":
                assert re.fullmatch(r"\d\.\d+", g["code"]) and g["code"].startswith(f"{codes[g['parent']]}.")
            else:
                assert g["code"] is None
            prefixes = {None, "Avdelningsmål", "Områdesmål"} if g["level"] == "enhetsmal" else {None}
            assert g["prefix"] in prefixes
            assert _collapsed(g["title"])
            titles.add(g["title"])
            levels[g["id"]], codes[g["id"]] = g["level"], g["code"]
        assert len(titles) == len(gold["goals"]), seed  # unique titles make matching unambiguous
        for s in gold["goal_sections"]:
            assert s["goal"] in levels and re.fullmatch(r"[a-z_]+", s["kind"]) and _collapsed(s["text"])
        for ind in gold["indicators"]:
            assert ind["goal"] in levels and _collapsed(ind["name"])
            assert ind["target"] is not None or ind["kf_target"] is not None
            assert ind["period"] in PERIODS and ind["uncertain"] is False
            for key in ("target", "kf_target", "comment"):
                assert ind[key] is None or _collapsed(ind[key])
        for a in gold["activities"]:
            assert a["goal"] in levels and _collapsed(a["text"])
            assert dt.date.fromisoformat(a["start"]) <= dt.date.fromisoformat(a["end"])
        for s in gold["sections"]:
            assert s["path"] and all(_collapsed(p) for p in s["path"]) and _collapsed(s["text"])
            assert not s["path"][-1].endswith(":")
        json.dumps(gold, ensure_ascii=False)


# --- gold findable in the text ---------------------------------------------------------------------


def test_gold_appears_in_text(docs: list[Doc]) -> None:
    for seed, spec, r, gold in docs:
        text = clean_text(r)
        for node, _ in spec.iter_goals():
            assert " ".join(node.heading.split()) in text, (seed, node.heading)
        for s in gold["goal_sections"]:
            assert s["text"] in text, (seed, s["text"][:60])
        for s in gold["sections"]:
            assert s["text"] in text and s["path"][-1] in text, (seed, s["path"])
        for ind in gold["indicators"]:
            values = " ".join(v for v in (ind["target"], ind["kf_target"], ind["period"]) if v)
            # OCR layout: the values close the row's first line, inside the name
            name_text = text.replace(f" {values} ", " ").replace(" ¢ ", " ") if spec.layout.ocr else text
            assert ind["name"] in name_text and values in text, (seed, ind)
            if ind["comment"]:
                assert f"Kommentar {ind['comment']}" in text, (seed, ind)
        for a in gold["activities"]:
            dates = f"{a['start']} {a['end']}"
            if spec.layout.ocr:  # the dates close the row's first line
                assert dates in text and a["text"] in text.replace(f" {dates}", ""), (seed, a)
            else:
                assert f"{a['text']} {dates}" in text, (seed, a)


def test_metadata_findable(docs: list[Doc]) -> None:
    for seed, spec, r, _ in docs:
        assert spec.unit in r.text and spec.district in r.text, seed
        assert f"Utvecklingsområden {spec.plan_year}" in r.text, seed
        if spec.dnr:
            assert f"Dnr: {spec.dnr}" in r.text, seed
        if not spec.layout.cover_page:  # then the unit opens "Enhetens uppdrag"
            assert spec.intro[0].children[0].paragraphs[0].startswith(spec.unit), seed


def test_line_format(docs: list[Doc]) -> None:
    for seed, spec, r, _ in docs:
        assert r.text.endswith("\n") and "\r" not in r.text and "\t" not in r.text
        if spec.layout.ocr:  # no line ends in a space, no word is cut
            assert not r.unterminated and all(ln == ln.rstrip() for ln in r.lines), seed
            continue
        for i, line in enumerate(r.lines):
            assert line == "" or line.endswith(" ") or i in r.unterminated, (seed, i, line)
        for i in r.unterminated:  # a mid-word break is followed by a blank line, then the rest
            assert r.lines[i + 1] == "" and r.lines[i + 2].endswith(" ")


def test_new_page_starts_with_a_space(docs: list[Doc]) -> None:
    """After every furniture block the first text line carries one leading space (a page-break hint)."""
    for seed, _, r, _ in docs:
        cover_end = max((i for i in r.noise if "Sid 1 (" in r.lines[i]), default=-1)
        for i in sorted(r.noise):
            if i <= cover_end or i + 1 in r.noise or i + 1 >= len(r.lines):
                continue
            nxt = next(ln for ln in r.lines[i + 1 :] if ln.strip())
            assert nxt.startswith(" "), (seed, i, nxt)


def test_cover_and_toc_are_noise(docs: list[Doc]) -> None:
    for seed, spec, r, gold in docs:
        toc = [i for i, ln in enumerate(r.lines) if "Innehållsförteckning" in ln]
        assert bool(toc) == spec.layout.toc, seed
        assert all(i in r.noise for i in toc)
        body = [ln for i, ln in enumerate(r.lines) if i not in r.noise]
        assert not any(re.search(r"\.{4,}\d+ $", ln) for ln in body)  # no dot leaders outside the TOC
        assert not any("Innehållsförteckning" in p for s in gold["sections"] for p in s["path"])
        if spec.layout.furniture_rate == 1.0:  # every page but an uncovered first one shows "Sid N (M)"
            # (logo debris may stand before it in the OCR layout)
            sids = [r.lines[i].rstrip() for i in r.noise if re.search(r"^(?:\S+ )?Sid \d+ \(", r.lines[i])]
            assert len(sids) == r.n_pages - (0 if spec.layout.cover_page else 1), seed
            assert all(sid.endswith(f"({r.n_pages})") for sid in sids)


# --- coverage of the variations ---------------------------------------------------------------------


def test_every_variation_occurs(docs: list[Doc]) -> None:
    seen = set().union(*(r.features for _, _, r, _ in docs))
    assert REQUIRED_FEATURES - seen == set()


def test_textual_variations_present(docs: list[Doc]) -> None:
    """A few variations checked on the text itself, not only on the renderer's own report."""
    text = "\n".join(r.text for _, _, r, _ in docs)
    assert re.search(r"^\S.* %  (År|Tertial|Halvår|Kvartal|Månad) $", text, re.M)  # empty KF cell
    assert re.search(r"^Enhetsmål: Avdelningsmål: ", text, re.M)
    assert re.search(r"^Enhetsmål: Områdesmål: ", text, re.M)
    assert re.search(r"^  Indikator Årsmål KF:s årsmål $\n^år 20\d\d Periodicitet $", text, re.M)
    assert re.search(r"^Kommentar $", text, re.M)
    assert re.search(r"^Tas fram av $|Tas fram av $", text, re.M)
    assert re.search(r"^Sid \d+ \(\d+\) $", text, re.M)
    assert re.search(r"^Dnr: \S+ 20\d\d/\d+", text, re.M)
    assert re.search(r"^ \S.* 20\d\d-\d\d-\d\d 20\d\d-\d\d-\d\d $", text, re.M)  # one-line activity
    # OCR layout: dates and values close a row's first line, the text goes on below
    assert re.search(r"^\S.* 20\d\d-\d\d-\d\d 20\d\d-\d\d-\d\d$\n^\S.*[^ \d]$", text, re.M)
    assert re.search(r"^\S.* (År|Tertial|Halvår|Kvartal|Månad)$\n(?:\n)?^[a-zåäö]\S*(?: \S+)*$", text, re.M)
    assert re.search(r"^[A-Za-z]{2,4} Tj[äaé]nsteutl[åaé]tande$", text, re.M)  # debris, lost diacritics
    assert re.search(r"^Indikator (?:Arsmal|Érsmél) KF:s", text, re.M)


def test_encodable_in_cp1252(docs: list[Doc]) -> None:
    for _, _, r, _ in docs:
        r.text.encode("cp1252")


def test_fast_enough() -> None:
    start = time.perf_counter()
    for s in range(300):
        spec = random_plan(s)
        render_text(spec, s)
        gold_of(spec, "x.txt")
    assert time.perf_counter() - start < 10  # about 1 s on a laptop; 5,000 documents well under a minute


# --- command line and bundled samples ---------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-16"])
def test_cli_writes_documents_and_gold(tmp_path: Path, encoding: str) -> None:
    assert main(["--out", str(tmp_path / "txt"), "--n", "3", "--seed", "9", "--gold", str(tmp_path / "gold"),
                 "--encoding", encoding]) == 0  # fmt: skip
    for i in range(3):
        name = f"synth_9_{i}"
        seed = doc_seed(9, i)
        spec = random_plan(seed)
        raw = (tmp_path / "txt" / f"{name}.txt").read_bytes()
        assert raw.decode(encoding) == render_text(spec, seed)
        gold = json.loads((tmp_path / "gold" / f"{name}.gold.json").read_text(encoding="utf-8"))
        assert gold == gold_of(spec, f"{name}.txt")


def test_bundled_samples_are_current() -> None:
    """data/raw and tests/fixtures/synth_gold are what ``python -m plans_dev.synth --samples`` writes."""
    for sample in SAMPLES:
        spec = random_plan(sample.seed, **sample.overrides)
        path = RAW / f"{sample.name}.txt"
        assert path.read_bytes().decode(sample.encoding) == render_text(spec, sample.seed), sample.name
        gold = json.loads((SAMPLE_GOLD / f"{sample.name}.gold.json").read_text(encoding="utf-8"))
        assert gold == gold_of(spec, path.name) and gold["source"] == path.name


def test_bundled_samples_vary() -> None:
    specs = [random_plan(s.seed, **s.overrides) for s in SAMPLES]
    features = [render_document(spec, s.seed).features for spec, s in zip(specs, SAMPLES, strict=True)]
    assert {s.encoding for s in SAMPLES} == {"utf-8", "cp1252", "utf-16"}
    assert {spec.plan_year for spec in specs} == set(range(2022, 2028))
    assert len({spec.district for spec in specs}) >= 4 and len({spec.unit for spec in specs}) == len(specs)
    assert {spec.layout.cover_page for spec in specs} == {True, False}
    assert {spec.layout.blank_between_lines for spec in specs} == {True, False}
    assert {spec.layout.ocr for spec in specs} == {True, False}
    seen = set().union(*features)
    for level in ("kf_verksamhetsomradesmal", "namndmal", "enhetsmal"):
        assert f"indicators_at_{level}" in seen
    assert seen & {"missing_organisationsbeskrivning", "missing_ovrigt", "missing_ekonomi"}
    assert {"toc", "indicator_comment", "indicator_empty_cell", "furniture_mid_paragraph"} <= seen
