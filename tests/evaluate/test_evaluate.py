"""Evaluation against gold: a perfect parse scores 1.0, and each kind of damage costs exactly what
the matching rules say it should."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.evaluate import EvalReport, GoldError, evaluate, format_report, gold_to_tables, load_gold
from pipeline.evaluate.match import best_gold_stem, furniture_hits, matches_gold_stem, pair_keys
from pipeline.evaluate.report import SCORED_TABLES, TableScore
from pipeline.store.schema import TABLES

SHARED_GOLD = Path(__file__).resolve().parents[2] / ".." / "shared" / "gold"

Tables = dict[str, pd.DataFrame]


def _goal(gid: str, parent: str | None, level: str, code: str | None, prefix: str | None, title: str) -> dict:
    return {"id": gid, "parent": parent, "level": level, "code": code, "prefix": prefix, "title": title}


def _indicator(goal: str, name: str, target: str | None, kf_target: str | None, period: str) -> dict:
    return {
        "goal": goal,
        "name": name,
        "target": target,
        "kf_target": kf_target,
        "period": period,
        "comment": None,
        "uncertain": False,
    }


def _activity(goal: str, text: str, start: str, end: str) -> dict:
    return {"goal": goal, "text": text, "start": start, "end": end}


# Invented content (the shared gold must not be copied into the project), shaped like a real plan.
SMALL_GOLD: dict[str, Any] = {
    "source": "900_demo.txt",
    "district": "Exempelstaden",
    "unit": "Enheten för stöd",
    "plan_type": "Verksamhetsplan",
    "plan_year": 2026,
    "dnr": "EX 2025/17",
    "goals": [
        _goal("G1", None, "kf_inriktningsmal", "1", None, "Ett första inriktningsmål"),
        _goal("G2", "G1", "kf_verksamhetsomradesmal", "1.1", None, "Ett verksamhetsområdesmål om stöd"),
        _goal("G3", "G2", "namndmal", None, None, "Nämndens mål om stöd"),
        _goal("G4", "G3", "enhetsmal", None, "Avdelningsmål", "Avdelningens mål om stöd"),
        _goal("G5", "G3", "enhetsmal", None, None, "Enhetens mål om stöd"),
        _goal("G6", None, "kf_inriktningsmal", "2", None, "Ett andra inriktningsmål"),
        _goal("G7", "G6", "kf_verksamhetsomradesmal", "2.1", None, "Klimatmålet"),
        _goal("G8", "G7", "namndmal", None, None, "Nämnden är klimatsmart"),
        _goal("G9", "G8", "enhetsmal", None, None, "Enheten är klimatsmart"),
    ],
    "goal_sections": [
        {"goal": "G3", "kind": "beskrivning", "text": "Målet nås genom stöd."},
        {"goal": "G3", "kind": "forvantat_resultat", "text": "- Fler får stöd. - Färre väntar."},
        {"goal": "G4", "kind": "arbetssatt", "text": "Avdelningen arbetar tillsammans."},
        {"goal": "G5", "kind": "arbetssatt", "text": "Enheten arbetar nära brukarna."},
        {"goal": "G8", "kind": "beskrivning", "text": "Nämnden minskar utsläppen."},
        {"goal": "G9", "kind": "uppfoljning", "text": "Följs upp i tertialrapporten."},
    ],
    "indicators": [
        _indicator("G2", "Andel nöjda brukare", "90 %", "Tas fram av nämnd", "År"),
        _indicator("G3", "Antal aktiviteter", "12", None, "Tertial"),
        _indicator("G7", "Andel ekologiska livsmedel", "80 %", "70 %", "År"),
    ],
    "activities": [
        _activity("G3", "Nämnden inför ett nytt arbetssätt", "2026-01-01", "2026-12-31"),
        _activity("G5", "Enheten utbildar personalen", "2026-02-01", "2026-06-30"),
        _activity("G9", "Enheten sorterar avfallet", "2026-01-01", "2026-12-31"),
    ],
    "sections": [
        {"path": ["Inledning", "Enhetens uppdrag"], "text": "Enheten ger stöd i hemmet."},
        {"path": ["Inledning", "Utvecklingsområden 2026"], "text": "• Digitalisera. • Utbilda."},
        {"path": ["Övrigt"], "text": "Inget övrigt."},
    ],
}
STEM = "900_demo"


# --- helpers ----------------------------------------------------------------------------------


def write_parsed(docs: list[Tables], parsed_dir: Path) -> Path:
    """Write each document's tables as ``<parsed_dir>/<table>/part-<i>.parquet`` with our schemas."""
    for i, tables in enumerate(docs):
        for name, df in tables.items():
            (parsed_dir / name).mkdir(parents=True, exist_ok=True)
            table = pa.Table.from_pandas(df, schema=TABLES[name], preserve_index=False)
            pq.write_table(table, parsed_dir / name / f"part-{i}.parquet")
    return parsed_dir


def write_gold(golds: dict[str, dict[str, Any]], gold_dir: Path) -> Path:
    gold_dir.mkdir(parents=True, exist_ok=True)
    for stem, gold in golds.items():
        (gold_dir / f"{stem}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return gold_dir


def perfect(gold: dict[str, Any] = SMALL_GOLD, doc_id: str = "d900", source: str = "900_demo.txt") -> Tables:
    return gold_to_tables(gold, doc_id, source)


def run(tmp_path: Path, docs: list[Tables], gold: dict[str, Any] = SMALL_GOLD) -> EvalReport:
    gold_dir = write_gold({STEM: gold}, tmp_path / "gold")
    return evaluate(gold_dir, write_parsed(docs, tmp_path / "parsed"))


def goal_id(tables: Tables, title: str) -> str:
    goals = tables["goals"]
    return str(goals.loc[goals["title"] == title, "goal_id"].iloc[0])


def edit(
    tables: Tables, table: str, where: Callable[[pd.DataFrame], pd.Series], column: str, value: Any
) -> None:
    df = tables[table]
    mask = where(df)
    assert mask.sum() == 1, "a mutation should touch exactly one row"
    df[column] = df[column].astype(object)
    df.loc[mask, column] = value


def score(report: EvalReport, table: str) -> tuple[int, int, int]:
    s = report.tables[table]
    return s.tp, s.n_parsed, s.n_gold


def acc(report: EvalReport, name: str) -> tuple[int, int]:
    f = report.fields[name]
    return f.correct, f.total


def assert_perfect(report: EvalReport) -> None:
    for table, s in report.tables.items():
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), table
        assert s.tp == s.n_gold == s.n_parsed, table
    for name, f in report.fields.items():
        assert f.correct == f.total, name
    assert report.furniture_count == 0
    assert not report.unmatched_gold


N_GOLD = {t: len(SMALL_GOLD[t]) for t in SCORED_TABLES}


# --- perfect parses ---------------------------------------------------------------------------


def test_perfect_parse_of_real_gold_scores_one(tmp_path: Path) -> None:
    if not SHARED_GOLD.is_dir():
        pytest.skip(f"shared gold annotations not found at {SHARED_GOLD}")
    gold_files = load_gold(SHARED_GOLD)
    assert gold_files, "no *.gold.json in the shared gold directory"
    docs = [gold_to_tables(g.data, f"doc{i:03d}", g.data["source"]) for i, g in enumerate(gold_files)]

    report = evaluate(SHARED_GOLD, write_parsed(docs, tmp_path / "parsed"))

    assert_perfect(report)
    assert [d.gold_stem for d in report.documents] == [g.stem for g in gold_files]
    for table in SCORED_TABLES:
        assert report.tables[table].n_gold == sum(len(g.data[table]) for g in gold_files)
    assert report.passes({**{t: 1.0 for t in SCORED_TABLES}, "furniture": 0})
    for doc, gold in zip(report.documents, gold_files, strict=True):
        assert len(doc.goal_alignment) == len(gold.data["goals"])


def test_perfect_parse_of_small_gold(tmp_path: Path) -> None:
    report = run(tmp_path, [perfect()])
    assert_perfect(report)
    assert {t: report.tables[t].n_gold for t in SCORED_TABLES} == N_GOLD
    assert acc(report, "metadata.dnr") == (1, 1)


def test_gold_to_tables_follows_the_schema() -> None:
    tables = perfect()
    for name, df in tables.items():
        assert list(df.columns) == TABLES[name].names
    assert tables["indicators"]["period"].tolist() == ["år", "tertial", "år"]
    goals = tables["goals"]
    assert not set(goals["goal_id"]) & {g["id"] for g in SMALL_GOLD["goals"]}, "ids must not coincide"


# --- damage and its exact cost ----------------------------------------------------------------


def test_dropped_goal_costs_its_row_and_what_hangs_on_it(tmp_path: Path) -> None:
    tables = perfect()
    goals = tables["goals"]
    tables["goals"] = goals[goals["title"] != "Enhetens mål om stöd"]

    report = run(tmp_path, [tables])

    assert score(report, "goals") == (8, 8, 9)
    assert report.tables["goals"].precision == 1.0
    assert report.tables["goals"].recall == pytest.approx(8 / 9)
    # Its one section now hangs on an unknown goal: wrong on both sides.
    assert score(report, "goal_sections") == (5, 6, 6)
    assert report.tables["goal_sections"].precision == pytest.approx(5 / 6)
    # Activities do not key on the goal; their attachment does.
    assert score(report, "activities") == (3, 3, 3)
    assert acc(report, "activities.goal") == (2, 3)
    assert score(report, "indicators") == (3, 3, 3)


def test_changed_title_breaks_the_goal_and_its_children(tmp_path: Path) -> None:
    tables = perfect()
    edit(tables, "goals", lambda df: df["title"] == "Nämndens mål om stöd", "title", "Nämndens mål om STÖD")

    report = run(tmp_path, [tables])

    # The goal itself and its two children (parent key) are wrong.
    assert score(report, "goals") == (6, 9, 9)
    assert report.tables["goals"].f1 == pytest.approx(6 / 9)
    # Its two sections are wrong; the children's sections still hang on the right headings.
    assert score(report, "goal_sections") == (4, 6, 6)
    assert score(report, "indicators") == (3, 3, 3)
    assert acc(report, "indicators.goal") == (2, 3)
    assert acc(report, "activities.goal") == (2, 3)


def test_wrong_parent_costs_only_the_goal(tmp_path: Path) -> None:
    tables = perfect()
    other = goal_id(tables, "Nämnden är klimatsmart")
    edit(tables, "goals", lambda df: df["title"] == "Enhetens mål om stöd", "parent_goal_id", other)

    report = run(tmp_path, [tables])

    assert score(report, "goals") == (8, 9, 9)
    assert report.tables["goals"].precision == pytest.approx(8 / 9)
    assert report.tables["goals"].recall == pytest.approx(8 / 9)
    assert score(report, "goal_sections") == (6, 6, 6)
    assert acc(report, "activities.goal") == (3, 3)
    assert "G5" not in report.documents[0].goal_alignment


def test_indicator_value_in_the_other_column(tmp_path: Path) -> None:
    tables = perfect()
    row = lambda df: df["name"] == "Antal aktiviteter"  # noqa: E731
    edit(tables, "indicators", row, "kf_target_raw", "12")
    edit(tables, "indicators", row, "target_raw", None)

    report = run(tmp_path, [tables])

    assert score(report, "indicators") == (2, 3, 3)
    assert report.tables["indicators"].precision == pytest.approx(2 / 3)
    assert report.tables["indicators"].recall == pytest.approx(2 / 3)
    assert acc(report, "indicators.target_raw") == (2, 3)
    assert acc(report, "indicators.kf_target_raw") == (2, 3)
    assert acc(report, "indicators.period") == (3, 3)
    assert acc(report, "indicators.goal") == (2, 2)


def test_space_before_a_per_cent_sign_carries_nothing(tmp_path: Path) -> None:
    tables = perfect()
    row = lambda df: df["name"] == "Andel ekologiska livsmedel"  # noqa: E731
    edit(tables, "indicators", row, "target_raw", "80%")
    edit(tables, "indicators", row, "kf_target_raw", "70  %")
    report = run(tmp_path / "a", [tables])
    assert score(report, "indicators") == (3, 3, 3)
    assert acc(report, "indicators.target_raw") == (3, 3)

    tables = perfect()
    edit(tables, "indicators", row, "target_raw", "8 0 %")  # another number, not another spacing
    assert score(run(tmp_path / "b", [tables]), "indicators") == (2, 3, 3)


def test_indicator_under_the_wrong_goal(tmp_path: Path) -> None:
    tables = perfect()
    wrong = goal_id(tables, "Nämnden är klimatsmart")
    edit(tables, "indicators", lambda df: df["name"] == "Antal aktiviteter", "goal_id", wrong)

    report = run(tmp_path, [tables])

    assert score(report, "indicators") == (3, 3, 3)
    assert acc(report, "indicators.goal") == (2, 3)


def test_lookalike_goal_is_told_apart_by_alignment(tmp_path: Path) -> None:
    tables = perfect()
    # A duplicated heading (same level, code, title, other parent) and an indicator attached to it.
    goals = tables["goals"]
    dup = goals[goals["title"] == "Nämndens mål om stöd"].assign(
        goal_id="dup", parent_goal_id=None, ordinal=99
    )
    tables["goals"] = pd.concat([goals, dup], ignore_index=True)
    edit(tables, "indicators", lambda df: df["name"] == "Antal aktiviteter", "goal_id", "dup")

    report = run(tmp_path, [tables])

    assert score(report, "goals") == (9, 10, 9)
    assert acc(report, "indicators.goal") == (2, 3)


def test_period_is_compared_case_insensitively(tmp_path: Path) -> None:
    tables = perfect()
    tables["indicators"]["period"] = tables["indicators"]["period"].str.upper()
    assert run(tmp_path, [tables]).tables["indicators"].tp == 3


def test_text_normalisation_is_nfc_and_whitespace_only(tmp_path: Path) -> None:
    tables = perfect()
    title = "Nämndens mål om stöd"
    edit(tables, "goals", lambda df: df["title"] == title, "title", "  Nämndens\n mål  om\tstöd ")
    sections = tables["goal_sections"]
    sections["text"] = [unicodedata.normalize("NFD", t) for t in sections["text"]]
    assert run(tmp_path / "a", [tables]).tables["goals"].tp == 9
    assert run(tmp_path / "a", [tables]).tables["goal_sections"].tp == 6

    tables = perfect()
    edit(tables, "goals", lambda df: df["title"] == title, "title", title.lower())
    assert run(tmp_path / "b", [tables]).tables["goals"].tp == 6


def test_activity_date_and_extra_section_row(tmp_path: Path) -> None:
    tables = perfect()
    trained = lambda df: df["text"] == "Enheten utbildar personalen"  # noqa: E731
    edit(tables, "activities", trained, "end_date", dt.date(2026, 7, 1))
    tables["sections"] = pd.concat([tables["sections"], tables["sections"].iloc[[2]]], ignore_index=True)

    report = run(tmp_path, [tables])

    assert score(report, "activities") == (2, 3, 3)
    assert acc(report, "activities.end_date") == (2, 3)
    assert acc(report, "activities.start_date") == (3, 3)
    assert acc(report, "activities.goal") == (2, 2)
    assert score(report, "sections") == (3, 4, 3)
    assert report.tables["sections"].precision == pytest.approx(3 / 4)
    assert report.tables["sections"].recall == 1.0


def test_section_path_is_part_of_the_key(tmp_path: Path) -> None:
    tables = perfect()
    tables["sections"]["path"] = [["Inledning"], ["Inledning", "Utvecklingsområden 2026"], ["Övrigt"]]
    assert score(run(tmp_path, [tables]), "sections") == (2, 3, 3)


def test_metadata_accuracy(tmp_path: Path) -> None:
    tables = perfect()
    tables["documents"]["plan_year"] = 2025
    tables["documents"]["dnr"] = None
    report = run(tmp_path, [tables])
    assert acc(report, "metadata.plan_year") == (0, 1)
    assert acc(report, "metadata.dnr") == (0, 1)
    assert acc(report, "metadata.unit") == (1, 1)


# --- documents --------------------------------------------------------------------------------


def test_stem_matching() -> None:
    assert matches_gold_stem("data/raw/000_ab.txt", "000_ab")
    assert matches_gold_stem("000_ab.pdf", "000_ab")
    assert matches_gold_stem("/x/000_ab-scan-ocr-eng.pdf", "000_ab")
    assert matches_gold_stem(r"C:\in\000_ab-scan.pdf", "000_ab")
    assert not matches_gold_stem("000_abc.txt", "000_ab")
    assert not matches_gold_stem("x000_ab.txt", "000_ab")
    assert best_gold_stem("a-b.txt", ["a", "a-b"]) == "a-b"
    assert best_gold_stem("a-c.txt", ["a", "a-b"]) == "a"


def test_each_variant_is_evaluated_separately(tmp_path: Path) -> None:
    variants = ["900_demo.txt", "900_demo.pdf", "900_demo-scan.pdf"]
    docs = [perfect(doc_id=f"v{i}", source=f"raw/{s}") for i, s in enumerate(variants)]
    damaged = docs[2]
    damaged["goals"] = damaged["goals"].iloc[1:]  # drop the first goal of the scan only
    docs.append(perfect(doc_id="other", source="raw/901_other.txt"))

    report = run(tmp_path, docs)

    assert [d.source_path for d in report.documents] == sorted(f"raw/{s}" for s in variants)
    assert report.unmatched_parsed == ["raw/901_other.txt"]
    assert score(report, "goals")[2] == 3 * 9
    by_source = {d.source_path: d.scores["goals"].tp for d in report.documents}
    # Dropping a top-level goal also breaks its child's parent key.
    assert by_source == {"raw/900_demo.txt": 9, "raw/900_demo.pdf": 9, "raw/900_demo-scan.pdf": 7}


def test_gold_without_parse_counts_as_missed(tmp_path: Path) -> None:
    other = copy.deepcopy(SMALL_GOLD)
    gold_dir = write_gold({STEM: SMALL_GOLD, "901_missing": other}, tmp_path / "gold")

    report = evaluate(gold_dir, write_parsed([perfect()], tmp_path / "parsed"))

    assert report.unmatched_gold == ["901_missing"]
    assert score(report, "goals") == (9, 9, 18)
    assert report.tables["goals"].recall == 0.5
    missing = next(d for d in report.documents if d.source_path is None)
    assert missing.scores["goals"].f1 == 0.0
    assert acc(report, "metadata.dnr") == (1, 2)
    assert "901_missing (not parsed)" in format_report(report, verbose=True)


def test_empty_parsed_directory_is_gold_matching_nothing(tmp_path: Path) -> None:
    (tmp_path / "parsed" / "goals").mkdir(parents=True)  # a table directory with no files yet
    with pytest.raises(GoldError, match="matches any of the 1 gold files"):  # a score would be of nothing
        evaluate(write_gold({STEM: SMALL_GOLD}, tmp_path / "gold"), tmp_path / "parsed")


# --- furniture --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tjänsteutlåtande",
        "Första raden\nTjänsteutlåtande\nSida",
        "text Sid 12 (22) mer text",
        "Besök start.stockholm för mer",
        "Telefon 08-508 22 384",
        "0850822384",
        "växel 08-508 220 00",
    ],
)
def test_furniture_patterns_find(text: str) -> None:
    assert furniture_hits(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tjänsteutlåtandet skickas till nämnden",
        "Se sid 12 i bilagan",
        "Målet är 80 % år 2026",
        "2026-01-01 till 2026-12-31",
        "Öppet 08.00-16.00",
        "Antal 0,8 per brukare",
        None,
    ],
)
def test_furniture_patterns_leave_real_text(text: str | None) -> None:
    assert furniture_hits(text) == []


def test_furniture_in_parsed_text_is_counted(tmp_path: Path) -> None:
    tables = perfect()
    tables["sections"]["text"] = [
        "Enheten ger stöd. Sid 3 (12) i hemmet.",
        "• Digitalisera.",
        "Ring 08-508 22 384",
    ]
    edit(tables, "goals", lambda df: df["title"] == "Klimatmålet", "title", "Tjänsteutlåtande\nKlimatmålet")

    report = run(tmp_path, [tables])

    assert report.furniture_count == 3
    assert not report.passes({"furniture": 0})
    assert report.passes({"furniture": 3})
    assert any(f.startswith("goals[6].title") for f in report.documents[0].furniture)


# --- report -----------------------------------------------------------------------------------


def test_format_report_shows_misses_when_verbose(tmp_path: Path) -> None:
    tables = perfect()
    edit(tables, "goals", lambda df: df["title"] == "Klimatmålet", "title", "Klimatmalet")
    report = run(tmp_path, [tables])

    short = format_report(report, verbose=False)
    long = format_report(report, verbose=True)

    for table in SCORED_TABLES:
        assert table in short
    assert "indicators.target_raw" in short
    assert "Klimatmalet" not in short
    assert "- kf_verksamhetsomradesmal | 2.1 | ∅ | Klimatmålet" in long
    assert "+ kf_verksamhetsomradesmal | 2.1 | ∅ | Klimatmalet" in long
    assert "900_demo.txt" in long


def test_passes_and_failures(tmp_path: Path) -> None:
    tables = perfect()
    tables["goals"] = tables["goals"].iloc[:-1]
    report = run(tmp_path, [tables])

    assert report.passes({"goals.precision": 1.0, "indicators": 1.0})
    assert not report.passes({"goals": 0.95})
    assert report.failures({"goals.recall": 0.9, "sections.f1": 0.5}) == ["goals.recall: 0.889 (min 0.900)"]
    assert report.passes({"activities.goal": 0.6})
    with pytest.raises(KeyError):
        report.passes({"nonsense": 1.0})


def test_table_score_edge_cases() -> None:
    assert TableScore.from_counts("x", 0, 0, 0).f1 == 1.0
    assert TableScore.from_counts("x", 0, 0, 5).f1 == 0.0
    assert TableScore.from_counts("x", 0, 5, 0).f1 == 0.0
    s = TableScore.from_counts("x", 3, 4, 6)
    assert (s.precision, s.recall) == (0.75, 0.5)
    assert s.f1 == pytest.approx(0.6)


@given(st.lists(st.integers(0, 4), max_size=12), st.lists(st.integers(0, 4), max_size=12))
def test_pair_keys_is_a_multiset_intersection(gold: list[int], parsed: list[int]) -> None:
    pairs = pair_keys(gold, parsed)
    assert len(pairs) == sum((Counter(gold) & Counter(parsed)).values())
    assert all(gold[i] == parsed[j] for i, j in pairs)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)


# --- the command: gold that scores nothing is an error, not 1.000 ------------------------------


def test_eval_command_refuses_gold_that_scores_nothing_with_one_line(tmp_path: Path, capsys) -> None:
    from pipeline.cli import main

    parsed = write_parsed([perfect()], tmp_path / "parsed")
    empty = tmp_path / "empty_gold"
    empty.mkdir()
    assert main(["eval", "--gold", str(empty), "--parsed", str(parsed), "--fail-under", "goals=0.9"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no *.gold.json files" in err

    unmatched = write_gold({"111_other_plan": SMALL_GOLD}, tmp_path / "unmatched")
    assert main(["eval", "--gold", str(unmatched), "--parsed", str(parsed)]) == 2
    assert "matches any of the 1 gold files" in capsys.readouterr().err

    gold = write_gold({STEM: SMALL_GOLD}, tmp_path / "gold")
    assert main(["eval", "--gold", str(gold), "--parsed", str(parsed), "--fail-under", "goalz=0.9"]) == 2
    err = capsys.readouterr().err
    assert err == "plans eval: --fail-under: unknown measure(s) goalz\n"
    assert main(["eval", "--gold", str(gold), "--parsed", str(parsed), "--fail-under", "goals=0.9"]) == 0
    capsys.readouterr()

    for bad in ("{not json", "[1, 2]", json.dumps({"goals": "not a list"})):
        (gold / f"{STEM}.gold.json").write_text(bad, encoding="utf-8")
        assert main(["eval", "--gold", str(gold), "--parsed", str(parsed)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"{STEM}.gold.json" in err and "Traceback" not in err
