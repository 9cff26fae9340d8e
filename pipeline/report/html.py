"""The report page: one self-contained HTML file (inline style, a few lines of script, no
network), one article per document with its goal tree, tables, narrative, repairs and problems."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from pipeline.model import GOAL_LEVELS, LEVELS_BY_NAME
from pipeline.report.highlight import Highlighter
from pipeline.rules import load_rules

#: The colour of each goal level's badge and tree line, outermost level first.
LEVEL_COLOURS = ("#1f5fa8", "#3d8bd9", "#2e8540", "#c7701d")
#: Repairs listed per document; the rest are counted (they are all in the repairs table).
MAX_REPAIR_ROWS = 300

Row = dict[str, Any]


@dataclass
class DocumentView:
    """Everything the page shows of one document, in document order."""

    meta: Row
    goals: list[Row] = field(default_factory=list)
    sections_by_goal: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    indicators_by_goal: dict[str | None, list[Row]] = field(default_factory=lambda: defaultdict(list))
    activities_by_goal: dict[str | None, list[Row]] = field(default_factory=lambda: defaultdict(list))
    narrative: list[Row] = field(default_factory=list)
    repairs: list[Row] = field(default_factory=list)
    problems: list[Row] = field(default_factory=list)
    group_docs: dict[str, int] = field(default_factory=dict)  # goal_id -> plans with the same goal
    tables: dict[str, Row] = field(default_factory=dict)  # table_id -> its table_blocks row


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def load_documents(
    con: duckdb.DuckDBPyConnection, doc_ids: Collection[str] | None = None
) -> list[DocumentView]:
    """The documents of the catalog (only ``doc_ids``, when given), with all their rows."""
    if doc_ids is not None:
        con.execute("CREATE OR REPLACE TEMP TABLE report_docs (doc_id VARCHAR)")
        con.executemany("INSERT INTO report_docs VALUES (?)", [(d,) for d in doc_ids])
    only = "" if doc_ids is None else " WHERE doc_id IN (SELECT doc_id FROM report_docs)"
    docs = {
        r["doc_id"]: DocumentView(r)
        for r in _rows(
            con,
            "SELECT * EXCLUDE (ingested_at), CAST(ingested_at AS VARCHAR) AS ingested_at FROM documents"
            f"{only} ORDER BY plan_year, unit, source_path",
        )
    }

    def each(select: str, order: str) -> Iterable[tuple[DocumentView, Row]]:
        for row in _rows(con, f"{select}{only} ORDER BY {order}"):
            if row["doc_id"] in docs:
                yield docs[row["doc_id"]], row

    for doc, row in each("SELECT * FROM goals", "doc_id, ordinal"):
        doc.goals.append(row)
    for doc, row in each("SELECT * FROM goal_sections", "doc_id, ordinal"):
        doc.sections_by_goal[row["goal_id"]].append(row)
    for doc, row in each("SELECT * FROM indicators", "doc_id, ordinal"):
        doc.indicators_by_goal[row["goal_id"]].append(row)
    for doc, row in each("SELECT * FROM activities", "doc_id, ordinal"):
        doc.activities_by_goal[row["goal_id"]].append(row)
    for doc, row in each("SELECT * FROM sections", "doc_id, section_id"):
        doc.narrative.append(row)
    for doc, row in each("SELECT * FROM repairs", "doc_id, line"):
        doc.repairs.append(row)
    for doc, row in each("SELECT * FROM problems", "doc_id, severity, stage"):
        doc.problems.append(row)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "goal_groups" in tables:
        for doc, row in each("SELECT doc_id, goal_id, group_docs FROM goal_groups", "doc_id"):
            doc.group_docs[row["goal_id"]] = row["group_docs"]
    for doc, row in each("SELECT * FROM table_blocks", "doc_id, table_id"):
        doc.tables[row["table_id"]] = row
    return list(docs.values())


def _e(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def _section_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for label, kind in load_rules().goal_section_kinds.items():
        labels.setdefault(kind, label[:1].upper() + label[1:])
    labels.setdefault("text", "Text")
    return labels


def _doc_title(meta: Row) -> str:
    unit = meta.get("unit") or meta.get("source_path")
    year = meta.get("plan_year")
    return f"{unit} {year}" if year else str(unit)


class Renderer:
    """Renders one document; ``mark`` escapes text and highlights its repaired words.

    ``locate`` adds to a goal, section, table or row a control that shows it on its page; this
    one-page report has no page pictures and adds none (the report site's renderer does).
    """

    def __init__(self, doc: DocumentView):
        self.doc = doc
        self.mark = Highlighter((r["original"], r["replacement"], r["rule"]) for r in doc.repairs)
        self.labels = _section_labels()
        self.children: dict[str | None, list[Row]] = defaultdict(list)
        ids = {g["goal_id"] for g in doc.goals}
        for goal in doc.goals:
            parent = goal["parent_goal_id"] if goal["parent_goal_id"] in ids else None
            self.children[parent].append(goal)

    def article(self) -> str:
        doc, meta = self.doc, self.doc.meta
        tree = "".join(self.goal(g) for g in self.children[None]) or "<p class='empty'>No goals found.</p>"
        loose = self.tables(doc.indicators_by_goal.get(None, []), doc.activities_by_goal.get(None, []))
        body = [
            f'<article class="document" id="doc-{_e(meta["doc_id"])}">',
            f"<h2>{_e(_doc_title(meta))} <small>{_e(meta.get('plan_type'))}</small></h2>",
            self.metadata(),
            self.problems(),
            f'<section class="goal-tree"><h3>Goal tree</h3>{tree}</section>',
        ]
        if loose:
            body.append(f'<section class="loose"><h3>Tables outside the goal tree</h3>{loose}</section>')
        body += [self.narrative(), self.repairs(), "</article>"]
        return "\n".join(part for part in body if part)

    def locate(self, kind: str, key: object, row: Row) -> str:
        """A control that shows ``row`` (a ``kind`` of thing, ``key`` within its document) on
        its page; none here."""
        return ""

    def metadata(self) -> str:
        meta = self.doc.meta
        damage = meta.get("damage_score")
        items = [
            ("District", meta.get("district")),
            ("Dnr", meta.get("dnr")),
            ("Source", meta.get("source_path")),
            ("Read as", f"{meta.get('source_format')} / {meta.get('extraction')}"),
            ("Pages", meta.get("n_pages")),
            ("Damage score", None if damage is None else f"{damage:.2f}"),
            ("Document id", meta.get("doc_id")),
            ("Parser", meta.get("parser_version")),
        ]
        cells = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items if v not in (None, ""))
        return f'<dl class="meta">{cells}</dl>'

    def problems(self) -> str:
        if not self.doc.problems:
            return '<p class="ok">No problems reported.</p>'
        items = "".join(
            f'<li class="{_e(p["severity"])}"><b>{_e(p["severity"])}</b> {_e(p["stage"])}/{_e(p["code"])}: '
            f"{_e(p['message'])}</li>"
            for p in self.doc.problems
        )
        n = len(self.doc.problems)
        return f'<section class="problems"><h3>Problems ({n})</h3><ul>{items}</ul></section>'

    def goal(self, goal: Row) -> str:
        level = goal["level"]
        label = LEVELS_BY_NAME[level].label if level in LEVELS_BY_NAME else level
        prefix = f" · {_e(goal['prefix'])}" if goal.get("prefix") else ""
        code = f'<span class="code">{_e(goal["code"])}</span> ' if goal.get("code") else ""
        shared = self.doc.group_docs.get(goal["goal_id"], 1)
        linked = (
            f' <span class="linked" title="{_e(goal.get("goal_key"))}">in {shared} plans</span>'
            if shared > 1
            else ""
        )
        sections = self.goal_sections(self.doc.sections_by_goal.get(goal["goal_id"], []))
        tables = self.tables(
            self.doc.indicators_by_goal.get(goal["goal_id"], []),
            self.doc.activities_by_goal.get(goal["goal_id"], []),
        )
        children = "".join(self.goal(child) for child in self.children[goal["goal_id"]])
        where = self.locate("goal", goal["goal_id"], goal)
        return (
            f'<details open class="goal {_e(level)}" data-goal-id="{_e(goal["goal_id"])}">'
            f'<summary><span class="badge">{_e(label)}{prefix}</span> {code}'
            f'<span class="title">{self.mark(goal["title"])}</span>{linked}{where}</summary>'
            f'<div class="goal-body">{sections}{tables}{children}</div></details>'
        )

    def goal_sections(self, sections: list[Row]) -> str:
        """The text under a goal, folded away by default so that the tree stays readable."""
        if not sections:
            return ""
        kinds = " · ".join(dict.fromkeys(self.labels.get(s["kind"], s["kind"]) for s in sections))
        marks_before = self.mark.marked
        body = "".join(
            f'<div class="goal-section"><h5>{_e(self.labels.get(s["kind"], s["kind"]))}'
            f"{self.locate('section', (s['goal_id'], s['ordinal']), s)}</h5>"
            f"<p>{self.mark(s['text'])}</p></div>"
            for s in sections
        )
        marked = self.mark.marked - marks_before
        note = f' <span class="marks">{marked} repaired words</span>' if marked else ""
        return f'<details class="texts"><summary>{_e(kinds)}{note}</summary>{body}</details>'

    def table_caption(self, rows: list[Row]) -> str:
        """Where the table of ``rows`` stands (its table_blocks row), as a caption."""
        table = self.doc.tables.get(rows[0].get("table_id") or "")
        where = self.locate("table", table["table_id"], table) if table else ""
        return f"<caption>{where}</caption>" if where else ""

    def tables(self, indicators: list[Row], activities: list[Row]) -> str:
        out = []
        if indicators:
            rows = "".join(
                "<tr>"
                f"<td>{self.mark(i['name'])}{self.locate('indicator', i['ordinal'], i)}</td>"
                f"<td>{self.mark(i['target_raw'])}</td>"
                f"<td class='num'>{_e(_number(i['target_value'], i['target_unit']))}</td>"
                f"<td>{self.mark(i['kf_target_raw'])}</td><td>{_e(i['period'])}</td>"
                f"<td>{self.mark(i['comment'])}</td>"
                "</tr>"
                for i in indicators
            )
            out.append(
                f'<table class="indicators">{self.table_caption(indicators)}'
                "<thead><tr><th>Indikator</th><th>Årsmål</th><th>Värde</th>"
                "<th>KF:s årsmål</th><th>Period</th><th>Kommentar</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        if activities:
            rows = "".join(
                f"<tr><td>{self.mark(a['text'])}{self.locate('activity', a['ordinal'], a)}</td>"
                f"<td>{_e(a['start_date'])}</td><td>{_e(a['end_date'])}</td></tr>"
                for a in activities
            )
            out.append(
                f'<table class="activities">{self.table_caption(activities)}'
                "<thead><tr><th>Aktivitet</th><th>Start</th><th>Slut</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>"
            )
        return "".join(out)

    def narrative(self) -> str:
        if not self.doc.narrative:
            return ""
        parts = "".join(
            f"<details class='narrative-section'><summary>{_e(' › '.join(s['path']))}"
            f"{self.locate('narrative', s['section_id'], s)}</summary>"
            f"<p>{self.mark(s['text'])}</p></details>"
            for s in self.doc.narrative
        )
        return f'<section class="narrative"><h3>Narrative sections</h3>{parts}</section>'

    def repairs(self) -> str:
        repairs = self.doc.repairs
        if not repairs:
            return '<section class="repairs"><h3>Repairs</h3><p class="ok">No repairs.</p></section>'
        by_rule = defaultdict(int)
        for r in repairs:
            by_rule[r["rule"]] += 1
        counts = ", ".join(f"{rule} {n}" for rule, n in sorted(by_rule.items(), key=lambda kv: -kv[1]))
        rows = "".join(
            f"<tr><td class='num'>{_e(r['line'])}{self.locate('repair', n, r)}</td>"
            f"<td><del>{_e(r['original'])}</del></td>"
            f"<td><ins>{_e(r['replacement'])}</ins></td><td>{_e(r['rule'])}</td>"
            f"<td class='num'>{_e(r['score'])}</td></tr>"
            for n, r in enumerate(repairs[:MAX_REPAIR_ROWS], 1)
        )
        more = len(repairs) - MAX_REPAIR_ROWS
        tail = f"<p>… and {more} more (all are in the repairs table).</p>" if more > 0 else ""
        return (
            f'<section class="repairs"><h3>Repairs ({len(repairs)}: {_e(counts)})</h3>'
            f"<p class='legend'><mark class='repair'>Marked words</mark> were written by the repair stage "
            f"somewhere in this document ({self.mark.marked} marks above); hover for what stood there. "
            "A word repaired in one place is marked wherever it stands.</p>"
            f"<details><summary>Every repair, by source line</summary><table class='repair-list'><thead><tr>"
            f"<th>Line</th><th>Original</th><th>Replacement</th><th>Rule</th><th>Score</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>{tail}</details></section>"
        )


def _number(value: float | None, unit: str | None) -> str:
    if value is None:
        return ""
    text = f"{value:g}".replace(".", ",")
    return f"{text} {unit}" if unit else text


def render_report(con: duckdb.DuckDBPyConnection, run_info: Mapping[str, Any], title: str) -> str:
    """The whole page for the documents of a catalog (``pipeline.connect``)."""
    docs = load_documents(con)
    articles = [Renderer(doc).article() for doc in docs]
    failed = _rows(con, "SELECT * FROM problems WHERE doc_id IS NULL ORDER BY source_path")
    nav = "".join(
        f'<li><a href="#doc-{_e(d.meta["doc_id"])}">{_e(_doc_title(d.meta))}</a> '
        f"<span class='counts'>{len(d.goals)} goals · "
        f"{sum(map(len, d.indicators_by_goal.values()))} indicators · "
        f"{sum(map(len, d.activities_by_goal.values()))} activities · {len(d.repairs)} repairs · "
        f"{len(d.problems)} problems</span></li>"
        for d in docs
    )
    failed_html = ""
    if failed:
        items = "".join(
            f'<li class="{_e(p["severity"])}"><b>{_e(p["source_path"])}</b>: {_e(p["code"])} — '
            f"{_e(p['message'])}</li>"
            for p in failed
        )
        failed_html = (
            f'<section class="problems failed"><h2>Files not read ({len(failed)})</h2>'
            f"<ul>{items}</ul></section>"
        )
    run = " · ".join(
        f"{k.replace('_', ' ')} {_e(run_info[k])}"
        for k in ("run_id", "created_at", "parser_version", "input")
        if run_info.get(k)
    )
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{_e(title)}</h1>
<p class="run">{run}</p>
<p class="tools"><button type="button" data-open="1">Expand all</button>
<button type="button" data-open="0">Collapse all</button></p>
<nav><ol>{nav}</ol></nav>
{failed_html}
</header>
<main>
{"".join(articles)}
</main>
<script>{SCRIPT}</script>
</body>
</html>
"""


SCRIPT = """
document.querySelectorAll("button[data-open]").forEach(function (button) {
  button.addEventListener("click", function () {
    var open = button.getAttribute("data-open") === "1";
    document.querySelectorAll("details").forEach(function (d) { d.open = open; });
  });
});
"""

_BASE_STYLE = """
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 14px; color: #1d2430;
       margin: 0 auto; max-width: 1200px; padding: 12px 20px; background: #ffffff; line-height: 1.4; }
h1 { font-size: 22px; margin: 4px 0; }
h2 { font-size: 19px; border-bottom: 2px solid #1f5fa8; padding-bottom: 3px; margin-top: 28px; }
h2 small { color: #5a6473; font-weight: normal; font-size: 14px; }
h3 { font-size: 16px; margin: 14px 0 6px; }
h5 { font-size: 12px; margin: 6px 0 2px; color: #5a6473; text-transform: uppercase; letter-spacing: .03em; }
p { margin: 2px 0 6px; }
.run, .counts { color: #5a6473; font-size: 12px; }
nav ol { margin: 4px 0; padding-left: 22px; columns: 2; font-size: 13px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1px 12px; font-size: 12px;
          margin: 6px 0; }
dl.meta dt { color: #5a6473; } dl.meta dd { margin: 0; }
details.goal { border-left: 4px solid #c5cedb; margin: 3px 0 3px 6px; padding-left: 8px; }
details.goal > summary { cursor: pointer; padding: 2px 0; font-weight: 600; }
.goal-body { margin-left: 8px; }
details.texts > summary { cursor: pointer; color: #5a6473; font-size: 12px; }
details.texts { margin: 2px 0 4px; }
.marks { background: #ffe46b; color: #1d2430; border-radius: 6px; padding: 0 5px; font-size: 11px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; color: #ffffff; border-radius: 3px;
         padding: 1px 6px; margin-right: 4px; background: #5a6473; }
.code { font-family: "DejaVu Sans Mono", monospace; color: #1f5fa8; }
.linked { font-size: 11px; font-weight: normal; color: #2e8540; border: 1px solid #2e8540; border-radius: 8px;
          padding: 0 6px; margin-left: 4px; }
table { border-collapse: collapse; margin: 6px 0 10px; font-size: 12px; width: 100%; }
th, td { border: 1px solid #d5dbe3; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #eef2f7; } td.num { text-align: right; white-space: nowrap; }
table.activities th:first-child { width: 70%; }
mark.repair { background: #ffe46b; padding: 0 1px; border-radius: 2px; }
.problems li.error { color: #a4161a; } .problems li.warning { color: #8a5a00; }
.ok { color: #2e8540; font-size: 12px; }
.empty { color: #a4161a; }
del { color: #a4161a; } ins { color: #2e8540; text-decoration: none; }
button { font-size: 12px; }
"""


def _level_style() -> str:
    """Each goal level's colour, by its class (the level's name); after the rules for every
    goal (``details.goal``), so that the level's colour wins."""
    return "".join(
        f"details.{level.name} {{ border-left-color: {colour}; }}\n"
        f"details.{level.name} > summary .badge {{ background: {colour}; }}\n"
        for level, colour in zip(GOAL_LEVELS, LEVEL_COLOURS, strict=True)
    )


STYLE = _BASE_STYLE + _level_style()
