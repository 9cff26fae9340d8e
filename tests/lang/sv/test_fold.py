"""The folds and skeletons of ``lang.sv.fold``, and the stand-in characters they share,
declared once in ``rules/ocr_confusions.toml``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.lang.sv.damage import measure
from pipeline.lang.sv.fold import damage_skeleton, fold, skeleton, wording_skeleton
from pipeline.rules import load_rules, rules_dir, rules_fingerprint


def test_each_fold_does_its_own_job() -> None:
    assert skeleton("Åtgärder för ökad välfärd") == "atgarder for okad valfard"
    assert skeleton("6kad") == "6kad"  # stand-ins are the repair stage's business
    assert fold("Korttidssjukfrånvaro dag 1–14:") == "korttidssjukfranvaro dag 1-14"
    assert fold("V&lf@rd 6kad") == fold("Välfärd ökad") == "valfard okad"
    assert damage_skeleton("6kad") == damage_skeleton("ökad") == damage_skeleton("okad") == "k"
    assert damage_skeleton("|nom") == damage_skeleton("Inom") == "lnm"
    assert wording_skeleton("Ökad trygghet & trivsel 2026") == wording_skeleton(
        "6kad trygghet är trivsel 2026"
    )


def test_every_stand_in_is_read_the_same_way_everywhere() -> None:
    stand_ins = load_rules().stand_ins
    assert stand_ins.letters, "rules/ocr_confusions.toml declares the stand-ins"
    for char, letter in stand_ins.letters.items():
        damaged, clean = f"sk{char}la", f"sk{letter}la"
        assert fold(damaged) == clean
        assert damage_skeleton(damaged) == damage_skeleton(clean) == "skl"
        assert char in stand_ins.skeleton_drop
    counted = [c for c in stand_ins.letters if measure(f"sk{c}la " * 50).standin_rate > 0]
    assert set(counted) == set(stand_ins.letters) - {"4"}  # the named exception: not_measured


@pytest.fixture
def rules_with_a_new_stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    confusions = rules / "ocr_confusions.toml"
    text = confusions.read_text(encoding="utf-8")
    confusions.write_text(
        text.replace('letters = { "6" = "o",', 'letters = { "§" = "o", "6" = "o",'), "utf-8"
    )
    monkeypatch.setenv("PLANS_RULES_DIR", str(rules))
    for cached in (rules_fingerprint, load_rules):
        cached.cache_clear()
    yield
    monkeypatch.undo()
    for cached in (rules_fingerprint, load_rules):
        cached.cache_clear()


def test_a_stand_in_added_to_the_rules_reaches_every_fold(rules_with_a_new_stand_in: None) -> None:
    assert fold("sk§la") == "skola"
    assert damage_skeleton("sk§la") == damage_skeleton("skola")
    assert measure("sk§la " * 50).standin_rate > 0
