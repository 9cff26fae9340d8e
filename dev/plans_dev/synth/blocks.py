"""A synthetic plan as a list of format-neutral blocks (headings, paragraphs, tables), in the
order the PDF renderer lays them out; the writers of ``formats`` turn them into Word,
OpenDocument and HTML. The gold is still ``gold_of(spec)``, so no format can disagree with it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from plans_dev.synth.spec import GoalNode, PlanSpec, Section


@dataclass
class Heading:
    text: str
    depth: int  # 1 (a KF goal, Inledning) .. 4 (a goal's sub-heading)


@dataclass
class Para:
    text: str
    bullet: bool = False  # a "• " list item: written as the format's own list, marker off
    cover: bool = False  # front matter


@dataclass
class TableBlock:
    """A table: its header and rows of cells (None: empty); ``comments`` maps a row index to
    its comment (a row of its own spanning the columns); ``icon`` adds an empty first column;
    ``split_at``: the table continues as a second table from that row (after a page break),
    ``repeat_header`` there or not; ``merge_down``: rows whose cell ``column`` continues the
    cell above (a vertically merged cell)."""

    kind: str
    header: list[str]
    rows: list[list[str | None]]
    comments: dict[int, str] = field(default_factory=dict)
    icon: bool = False
    split_at: int | None = None
    repeat_header: bool = True
    merge_down: set[tuple[int, int]] = field(default_factory=set)


Block = Heading | Para | TableBlock


def plan_blocks(spec: PlanSpec, rng: random.Random) -> list[Block]:
    """The plan's body as blocks; ``rng`` makes the local choices (icons, splits, merges)."""
    out: list[Block] = []
    if spec.layout.cover_page:
        if spec.dnr:
            out.append(Para(f"Dnr: {spec.dnr}", cover=True))
        out += [
            Para(f"{spec.district} stadsdelsförvaltning", cover=True),
            Para(spec.unit, cover=True),
            Heading(f"{spec.plan_type} {spec.plan_year}", 1),
            Para(spec.unit, cover=True),
            Para("Till", cover=True),
            Para(f"{spec.district} stadsdelsnämnd", cover=True),
        ]
    for sec in spec.intro:
        _section(sec, 1, out)
    for node in spec.goals:
        _goal(spec, node, rng, out)
    for sec in spec.outro:
        _section(sec, 1, out)
    return out


def _paragraphs(paras: list[str], out: list[Block]) -> None:
    for p in paras:
        if p.startswith("• "):
            out.append(Para(p[2:], bullet=True))
        else:
            out.append(Para(p))


def _section(sec: Section, depth: int, out: list[Block]) -> None:
    out.append(Heading(sec.heading, min(depth, 4) if depth < 3 else 4))
    _paragraphs(sec.paragraphs, out)
    for child in sec.children:
        _section(child, depth + 1, out)


def _goal(spec: PlanSpec, node: GoalNode, rng: random.Random, out: list[Block]) -> None:
    depth = {"kf_inriktningsmal": 1, "kf_verksamhetsomradesmal": 2}.get(node.level, 3)
    out.append(Heading(node.heading, depth))
    for sec in node.sections:
        out.append(Heading(sec.heading, 4))
        _paragraphs(sec.paragraphs, out)
    if node.indicators:
        header = ["Indikator", "Årsmål", f"KF:s årsmål år {spec.plan_year}", "Periodicitet"]
        rows: list[list[str | None]] = []
        comments = {}
        for r in node.indicators:
            rows.append([r.name, r.target, r.kf_target, r.period])
            if r.comment:
                comments[len(rows) - 1] = r.comment
        out.append(_varied(TableBlock("indicator", header, rows, comments, icon=rng.random() < 0.4), rng))
    if node.activities:
        rows = [[a.text, a.start, a.end] for a in node.activities]
        table = _varied(TableBlock("activity", ["Aktivitet", "Startdatum", "Slutdatum"], rows), rng)
        for i in range(1, len(rows)):
            if rows[i][2] == rows[i - 1][2] and rng.random() < 0.5 and table.split_at != i:
                table.merge_down.add((i, 2))  # the same end date: one merged cell
        out.append(table)
    for child in node.children:
        _goal(spec, child, rng, out)


def _varied(table: TableBlock, rng: random.Random) -> TableBlock:
    if len(table.rows) >= 2 and rng.random() < 0.3:
        table.split_at = rng.randint(1, len(table.rows) - 1)
        table.repeat_header = rng.random() < 0.5
    return table
