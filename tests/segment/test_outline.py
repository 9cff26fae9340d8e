"""The segment stage on a hand-made plan that has the hard parts of real exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.segment import segment
from tests.conftest import source_from_text

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "fritidsgard_2025.txt"


@pytest.fixture(scope="module")
def plan():
    return segment(source_from_text(FIXTURE.read_text(encoding="utf-8"), FIXTURE.name))


def test_goal_tree_levels_codes_and_parents(plan):
    got = [(g.level, g.code, g.prefix, g.parent_goal_id) for g in plan.goals]
    assert got == [
        ("kf_inriktningsmal", "1", None, None),
        ("kf_verksamhetsomradesmal", "1.4", None, "G1"),
        ("namndmal", None, None, "G2"),
        ("enhetsmal", None, "Områdesmål", "G3"),
        ("kf_verksamhetsomradesmal", "1.6", None, "G1"),
        # an Enhetsmål straight under a KF goal, with no Nämndmål between
        ("enhetsmal", None, None, "G5"),
    ]


def test_wrapped_headings_are_joined(plan):
    titles = [g.title for g in plan.goals]
    assert titles[0] == "Ett Stockholm där alla barn och unga kan växa och utvecklas i trygghet"
    assert titles[2] == "Barn och unga i stadsdelen har tillgång till en aktiv och meningsfull fritid"
    assert titles[3] == "Besökarna är med och bestämmer över gårdens aktiviteter."


def test_page_furniture_removed_and_paragraph_joined(plan):
    beskrivning = next(s for s in plan.goal_sections if s.kind == "beskrivning")
    assert beskrivning.text.endswith("inte deltar i någon organiserad fritidsaktivitet.")
    everything = " ".join(s.text for s in plan.goal_sections + plan.sections)
    for furniture in ("Tjänsteutlåtande", "Sid 4", "start.stockholm", "Storgatan", "0850812345"):
        assert furniture not in everything


def test_page_numbers_follow_the_page_header(plan):
    forvantat = next(s for s in plan.goal_sections if s.kind == "forvantat_resultat")
    assert forvantat.page == 4
    assert plan.source.n_pages == 9


def test_sub_heading_with_page_start_space(plan):
    kinds = [(s.goal_id, s.kind) for s in plan.goal_sections]
    assert ("G4", "arbetssatt") in kinds and ("G4", "uppfoljning") in kinds


def test_tables_attached_to_the_goal_above(plan):
    assert [(t.kind, t.goal_id) for t in plan.tables] == [
        ("indicator", "G2"),
        ("activity", "G3"),
        ("indicator", "G6"),
    ]


def test_narrative_paths(plan):
    assert [s.path for s in plan.sections] == [
        ["Inledning", "Enhetens uppdrag"],
        ["Inledning", "Utvecklingsområden 2025"],
        ["Inledning", "Organisationsbeskrivning"],
        ["Redovisning av ekonomi", "Budget 2025"],
        ["Övrigt", "Agenda 2030"],
    ]
    assert plan.sections[1].text == "• Fler flickor ska besöka gården. • Samverkan med skolorna ska stärkas"


def test_metadata(plan):
    meta = plan.metadata
    assert (meta.district, meta.unit, meta.plan_type, meta.plan_year, meta.dnr) == (
        "Hägersten-Älvsjö",
        "Fritidsgården Axelsberg",
        "Verksamhetsplan",
        2025,
        None,
    )
