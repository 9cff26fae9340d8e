"""Characters a PDF export prints in place of ordinary ones (rules/characters.toml)."""

from __future__ import annotations

from pipeline.rules import Rules


def replace_characters(text: str, rules: Rules) -> tuple[str, str]:
    return text.translate(rules.character_map), "character_map"
