"""Render a synthetic plan to PDF with tables *without* ruling lines.

Many exporters draw tables as aligned columns only: a shaded header, a rule under it, rows
told apart by alternate shading or by spacing. Same plan, same story as ``plans_dev.synth.pdf``
(the same seed gives the same page content); only the table style differs, so a ruled and an
unruled rendering of one spec measure the table readers side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.platypus import Spacer, Table, TableStyle

from plans_dev.synth import pdf
from plans_dev.synth.spec import PlanSpec

ROW_FILL = Color(0.95, 0.96, 0.97)


class _UnruledStory(pdf._Story):
    """Tables as aligned columns: a shaded header with a rule below it, rows shaded in turn."""

    def table(self, rows: list[list[Any]], spans: list[int], widths: tuple[float, ...]) -> None:
        shaded = self.rng.random() < 0.6
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), pdf.HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        if shaded:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, ROW_FILL]))
        commands += [("SPAN", (1, i), (-1, i)) for i in spans]
        repeat = 1 if self.rng.random() < 0.7 else 0
        table = Table(rows, colWidths=widths, repeatRows=repeat, hAlign="CENTER", style=TableStyle(commands))
        self.out += [Spacer(1, 4), table, Spacer(1, 8)]


def render_unruled_pdf(spec: PlanSpec, path: Path | str, seed: int) -> int:
    """``pdf.render_pdf`` with unruled tables; returns the number of pages."""
    story_class = pdf._Story
    pdf._Story = _UnruledStory  # type: ignore[misc]  # the renderer builds its story by this name
    try:
        return pdf.render_pdf(spec, path, seed)
    finally:
        pdf._Story = story_class  # type: ignore[misc]
