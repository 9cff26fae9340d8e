"""Templates are data: a plan is read by the template whose signs it shows, and a new
generation of the template is one more file in rules/templates/, no code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.rules import TEMPLATES_DIR, load_rules, rules_dir, rules_fingerprint
from pipeline.segment import segment
from tests.conftest import source_from_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "raw" / "synth_sample01_hemtjanst_2026.txt"

# A made-up generation: other goal labels, another sub-heading, another indicator header.
TOY_TEMPLATE = r"""
[template]
name = "toy"
signs = ['^Stadens mål\s+\d', '^Vårt mål\s*:']

[[goal]]
level = "kf_inriktningsmal"
pattern = '^Stadens mål\s+(?P<code>\d+)\s*:\s*(?P<title>.+)$'

[[goal]]
level = "enhetsmal"
pattern = '^Vårt mål\s*:\s*(?P<title>.+)$'

[goal_section_kinds]
"Så gör vi" = "arbetssatt"

[tables]
indicator_header = '^Mätetal\s+Mål\s+Periodicitet$'
indicator_header_start = '^Mätetal\s+Mål\b'
activity_header = '^Aktivitet\s+Start\s+Slut$'

[tables.columns]
indicator = [
    { field = "name", header = "matetal" },
    { field = "target_raw", header = "mal" },
    { field = "period_raw", header = "periodicitet" },
]
activity = [
    { field = "text", header = "aktivitet" },
    { field = "start_raw", header = "start" },
    { field = "end_raw", header = "slut" },
]
"""

TOY_PLAN = """Inledning

Enhetens uppdrag

Parkleken Humlan är en kommunal verksamhet för barn i Bredäng.

Stadens mål 1: Ett Stockholm som håller ihop

Vårt mål: Barnen leker tryggt

Så gör vi

Personalen finns nära barnen under hela dagen.

Mätetal Mål Periodicitet

Andel nöjda föräldrar 90 % År
"""


@pytest.fixture
def toy_rules(tmp_path: Path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    (rules / TEMPLATES_DIR / "toy.toml").write_text(TOY_TEMPLATE, encoding="utf-8")
    monkeypatch.setenv("PLANS_RULES_DIR", str(rules))
    for cached in (rules_fingerprint, load_rules):
        cached.cache_clear()
    try:
        yield load_rules()
    finally:
        monkeypatch.undo()
        for cached in (rules_fingerprint, load_rules):
            cached.cache_clear()


def test_the_current_generation_is_the_default_template():
    rules = load_rules()
    assert rules.template == "kf_labelled" and rules.templates[0].default
    plan = segment(source_from_text(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name))
    assert plan.template == "kf_labelled"


def test_a_new_generation_is_a_rules_file(toy_rules):
    names = [t.name for t in toy_rules.templates]
    assert names[0] == "kf_labelled" and "toy" in names
    toy = segment(source_from_text(TOY_PLAN, "toy.txt"), toy_rules)
    assert toy.template == "toy"
    assert [(g.level, g.code, g.title, g.parent_goal_id) for g in toy.goals] == [
        ("kf_inriktningsmal", "1", "Ett Stockholm som håller ihop", None),
        ("enhetsmal", None, "Barnen leker tryggt", "G1"),
    ]
    assert [(s.kind, s.text) for s in toy.goal_sections] == [
        ("arbetssatt", "Personalen finns nära barnen under hela dagen.")
    ]
    assert [(t.kind, t.goal_id) for t in toy.tables] == [("indicator", "G2")]
    # the plans of the current generation are still read by theirs
    current = segment(source_from_text(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name), toy_rules)
    assert current.template == "kf_labelled" and current.goals


def test_the_templates_are_part_of_the_rules_fingerprint(toy_rules):
    with_toy = rules_fingerprint()
    (Path(str(rules_dir())) / TEMPLATES_DIR / "toy.toml").unlink()
    rules_fingerprint.cache_clear()
    assert rules_fingerprint() != with_toy


def test_exactly_one_default_template(toy_rules):
    folder = Path(str(rules_dir())) / TEMPLATES_DIR
    text = (folder / "toy.toml").read_text(encoding="utf-8")
    (folder / "toy.toml").write_text(text.replace('name = "toy"', 'name = "toy"\ndefault = true'), "utf-8")
    load_rules.cache_clear()
    with pytest.raises(ValueError, match="exactly one default template"):
        load_rules()
