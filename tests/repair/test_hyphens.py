from __future__ import annotations

from pipeline.repair import repair
from tests.conftest import source_from_text


def repaired(text: str) -> str:
    return "\n".join(line.text for line in repair(source_from_text(text)).source.lines)


def test_word_cut_at_line_end_is_joined_and_lines_stay():
    assert (
        repaired("Arbetet i verksam-\nheten ska följa planen.") == "Arbetet i verksamheten\nska följa planen."
    )


def test_real_hyphens_stay():
    for text in (
        "Vi arbetar med miljö-\noch klimatfrågor.",  # shared compound part
        "Lokalen delas med Seniorhälsan-\nVästertorpsträffen varje dag.",  # a name after the hyphen
        "Koden ABC-\nxyzzy gäller i år.",  # not a word when joined
        "Arbetet i verksam-\nheten",  # the next line would be left empty
    ):
        assert repaired(text) == text
