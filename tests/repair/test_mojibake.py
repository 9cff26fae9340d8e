"""Mojibake in every common pattern, made from our own clean text, undone by the repair stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.repair import repair
from tests.conftest import source_from_text

TEXT = (Path(__file__).resolve().parents[1] / "fixtures" / "fritidsgard_2025.txt").read_text(encoding="utf-8")


def cp1252(s: str) -> str:
    return s.encode("utf-8").decode("cp1252", errors="replace")


def latin1(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


PATTERNS = {
    "utf8_as_cp1252": lambda s: "\n".join(cp1252(line) for line in s.split("\n")),
    "utf8_as_latin1": lambda s: "\n".join(latin1(line) for line in s.split("\n")),
    "twice": lambda s: "\n".join(cp1252(cp1252(line)) for line in s.split("\n")),
    "mixed_lines": lambda s: "\n".join(
        cp1252(line) if i % 3 == 0 else line for i, line in enumerate(s.split("\n"))
    ),
}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_mojibake_is_undone(pattern):
    damaged = PATTERNS[pattern](TEXT)
    assert damaged != TEXT
    result = repair(source_from_text(damaged))
    repaired = "\n".join(line.text for line in result.source.lines)
    assert repaired == TEXT.replace("\u00a0", " ")
    assert {r.rule for r in result.repairs} <= {"mojibake_ftfy", "mojibake_redecode", "character_map"}


def test_clean_text_passes_untouched():
    result = repair(source_from_text(TEXT))
    assert result.repairs == []
    assert result.damage.score == 0.0
