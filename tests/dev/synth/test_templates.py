"""The generator's older generation of the template: the same plan, printed otherwise."""

from __future__ import annotations

from plans_dev.synth import gold_of, random_plan, render_text
from plans_dev.synth.templates import NUMBERED, as_generation, random_older_plan


def test_the_older_generation_prints_the_same_goals_otherwise():
    spec = random_plan(11, cover_page=False, ocr=False)
    older = as_generation(spec, NUMBERED)
    text = render_text(older, 11)
    assert "KF:s inriktningsmål" not in text and "Nämndmål:" not in text and "Enhetsmål:" not in text
    first = spec.goals[0]
    assert f"{first.code}. {first.title.split()[0]}" in text
    assert "Indikator Målvärde Periodicitet" in text or not any(g.indicators for g, _ in older.iter_goals())
    gold, old_gold = gold_of(spec, "a.txt"), gold_of(older, "a.txt")
    assert [(g["level"], g["code"], g["title"]) for g in gold["goals"]] == [
        (g["level"], g["code"], g["title"]) for g in old_gold["goals"]
    ]
    assert all(row["kf_target"] is None for row in old_gold["indicators"])


def test_district_plans_have_no_unit():
    specs = [random_older_plan(seed) for seed in range(30)]
    district_plans = [s for s in specs if s.unit is None]
    assert 0 < len(district_plans) < len(specs)
    for spec in district_plans:
        assert gold_of(spec, "a.txt")["unit"] is None
        assert "Nämndens uppdrag" in render_text(spec, 1)
