"""A plan as Word's "save as plain text" writes it: table rows on one line, cells split by tabs.

Built from the generator's own plan model (the text renderer with its two table writers
replaced), so the gold is exact. Word writes a cell's own line breaks as spaces here, and an
empty cell as nothing between two tabs.
"""

from __future__ import annotations

from plans_dev.synth import render
from plans_dev.synth.spec import ActivityRow, IndicatorRow, PlanSpec


class _TabbedBody(render._Body):
    def indicator_table(self, rows: list[IndicatorRow]) -> None:
        header = ("Indikator", "Årsmål", f"KF:s årsmål år {self.spec.plan_year}", "Periodicitet")
        if self.generation.indicator_header is not None:  # one target column ("Målvärde")
            header = tuple(self.generation.indicator_header.split())
        self._table_label("indicator")
        self.blank()
        self.line("\t".join(header), brk=True)
        for row in rows:
            values = (row.target or "", row.kf_target or "") if len(header) == 4 else (row.target or "",)
            cells = (row.name, *values, row.period)
            first = self.line("\t".join(cells), brk=True, tight=True)
            self.hdr[first] = ("\t".join(header),)
            if row.comment:
                self.line(f"Kommentar {row.comment}", tight=True)
        self.blank()

    def activity_table(self, rows: list[ActivityRow]) -> None:
        header = "\t".join((self.generation.activity_header or "Aktivitet Startdatum Slutdatum").split())
        self._table_label("activity")
        self.blank()
        self.line(header, brk=True)
        for row in rows:
            first = self.line(f"{row.text}\t{row.start}\t{row.end}", brk=True, tight=True)
            self.hdr[first] = (header,)
        self.blank()


def render_tabbed(spec: PlanSpec, seed: int) -> str:
    """The plan's text with tab-separated tables (page furniture as the text renderer writes it)."""
    _, pages = render.lay_out(spec, seed, _TabbedBody)
    out = list(pages.out)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
