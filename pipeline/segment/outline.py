"""The plan's structure: goal tree, goal sections, tables and narrative sections.

A single pass over the body lines with two modes. In *narrative* mode (before and after
the goal tree) lines gather under a heading path; in *goal* mode they gather under the
current goal and its sub-heading (Beskrivning, Förväntat resultat, ...). A table header
opens a table that runs until the next heading; its lines are handed on unparsed (the
tables stage reads them).

Headings that wrap over lines are joined here: a goal title continues on the next line
when that line cannot start anything else and reads as a continuation (lower-case start,
or the title line was cut at full width or after a word that cannot end a title).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from pipeline.errors import Code
from pipeline.lang.sv.fold import skeleton
from pipeline.model import (
    LEVELS_BY_NAME,
    Goal,
    GoalSection,
    Line,
    NarrativeSection,
    Problem,
    TableBlock,
    union_box,
)
from pipeline.rules import Rules
from pipeline.segment.table_header import MAX_SPAN, split_header
from pipeline.template.lines import Kind, classify, heading_label
from pipeline.text import ascii_name, collapse_ws, join_lines, join_wrapped

# Words after which a heading line cannot end: the title must go on.
_OPEN_ENDINGS = regex.compile(
    r"(?:\b(?:och|eller|samt|i|på|av|för|med|till|som|att|en|ett|de|den|det|om|från|genom|där|vid|mot|"
    r"inom|utan|under|över|efter|är|ska|har|kan)|[-–,:])$",
    regex.IGNORECASE,
)
_SENTENCE_END = regex.compile(r"[.!?:]$")
_BULLET = regex.compile(r"^(?:[-•–*●▪]\s?|\d{1,2}[.)]\s)")
_MAX_TITLE_LINES = 4
_MAX_HEADING_WORDS = 12
# An unlisted sub-heading under a goal ("Samverkan", "Tidplan") is a word or two; a
# longer short line there is an item of a list, and a line ending in ":" leads into one.
_MAX_SUBHEADING_WORDS = 2
# A line shorter than this share of the document's usual line length was not wrapped.
_WRAP_SHARE = 0.72


#: Lines a table header split by an exporter never reaches over ("Kommentar" and page
#: furniture may stand among its cells; a goal or a chapter heading may not).
_ENDS_HEADER_SEARCH = frozenset({Kind.GOAL, Kind.INDICATOR_HEADER, Kind.ACTIVITY_HEADER, Kind.NARRATIVE_1})


@dataclass
class Outline:
    goals: list[Goal] = field(default_factory=list)
    goal_sections: list[GoalSection] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    sections: list[NarrativeSection] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def typical_width(lines: list[Line]) -> int:
    """The length of a full line of running text in this document (90th percentile)."""
    lengths = sorted(len(collapse_ws(ln.text)) for ln in lines if len(ln.text.strip()) > 20)
    if not lengths:
        return 80
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


@dataclass
class _Open:
    """What text is gathering under right now."""

    kind: str  # "goal_section" | "narrative" | "table"
    lines: list[Line] = field(default_factory=list)
    goal_id: str | None = None
    section_kind: str | None = None
    table_kind: str | None = None
    header: list[Line] = field(default_factory=list)
    lead_columns: dict[int, int] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self, lines: list[Line], rules: Rules, marks_word_cuts: bool):
        self.lines = lines
        self.marks_word_cuts = marks_word_cuts
        self.rules = rules
        self.cls = [classify(ln.text, rules) for ln in lines]
        self.width = typical_width(lines)
        # The first word of each table kind's header: a line that may open a split header.
        self.header_starts = {rules.header_words(kind)[0] for kind in rules.table_columns}
        self.out = Outline()
        self.goal_stack: list[Goal] = []
        self.mode = "narrative"
        self.path: list[str] = []
        self.path_known_depth = 0  # depth of the last heading the rules know
        self.open: _Open = _Open("narrative")
        self.goal_section_ordinal: dict[str, int] = {}

    # ------------------------------------------------------------------ helpers
    def _next_content(self, i: int) -> int | None:
        for j in range(i + 1, len(self.lines)):
            if self.cls[j].kind is not Kind.BLANK:
                return j
        return None

    def _is_wrapped(self, text: str) -> bool:
        return len(text) >= _WRAP_SHARE * self.width

    def _close(self) -> None:
        o = self.open
        if o.kind == "table":
            page = o.lines[0].page if o.lines else None
            # The box is the table's on the page of its first row (its header too, when there).
            _, box = union_box(ln for ln in [*o.header, *o.lines] if ln.page == page)
            table_id = f"T{len(self.out.tables) + 1}"
            self.out.tables.append(
                TableBlock(
                    o.goal_id,
                    o.table_kind or "",
                    o.lines,
                    page,
                    o.header,
                    o.lead_columns,
                    box=box,
                    table_id=table_id,
                )
            )
        else:
            content = [ln for ln in o.lines if ln.text.strip()]
            if content:
                text = collapse_ws(join_wrapped([ln.text for ln in content], self.marks_word_cuts))
                _, box = union_box(content)
                if o.kind == "goal_section" and o.goal_id is not None:
                    ordinal = self.goal_section_ordinal.get(o.goal_id, 0) + 1
                    self.goal_section_ordinal[o.goal_id] = ordinal
                    self.out.goal_sections.append(
                        GoalSection(o.goal_id, o.section_kind or "text", ordinal, text, content[0].page, box)
                    )
                elif o.kind == "narrative":
                    sid = f"S{len(self.out.sections) + 1}"
                    self.out.sections.append(NarrativeSection(sid, list(o.path), text, content[0].page, box))
        self.open = _Open("narrative", path=list(self.path))

    def _current_goal_id(self) -> str | None:
        return self.goal_stack[-1].goal_id if self.goal_stack else None

    # ------------------------------------------------------------------ goals
    def _start_goal(self, i: int) -> int:
        """Open the goal headed at line i; return the index of the last line of its heading."""
        c = self.cls[i]
        title_lines = self._title_lines(i)
        parts = [c.title or "", *(self.cls[j].text for j in title_lines)]
        end = title_lines[-1] if title_lines else i
        depth = LEVELS_BY_NAME[c.level or ""].depth
        while self.goal_stack and LEVELS_BY_NAME[self.goal_stack[-1].level].depth >= depth:
            self.goal_stack.pop()
        parent = self.goal_stack[-1].goal_id if self.goal_stack else None
        ordinal = len(self.out.goals) + 1
        goal = Goal(
            goal_id=f"G{ordinal}",
            parent_goal_id=parent,
            level=c.level or "",
            code=c.code,
            prefix=c.prefix,
            title=join_lines(parts),
            ordinal=ordinal,
            page=self.lines[i].page,
            box=union_box(self.lines[j] for j in (i, *title_lines))[1],
        )
        self.out.goals.append(goal)
        self.goal_stack.append(goal)
        self.open = _Open("goal_section", goal_id=goal.goal_id, section_kind="text")
        return end

    def _title_lines(self, i: int) -> list[int]:
        """The lines after goal heading i that continue its title.

        Under a goal heading comes a sub-heading, a table or another goal. So when the few
        text lines after a heading run straight into such a structural line, they are the
        rest of the title. When text goes on (a body without a sub-heading), only lines
        that read as a continuation are taken.
        """
        candidates: list[int] = []
        last = self.cls[i].text
        j = i
        while len(candidates) < _MAX_TITLE_LINES - 1:
            k = self._next_content(j)
            if k is None or not self._may_continue(last, k):
                break
            candidates.append(k)
            last, j = self.cls[k].text, k
        if candidates:
            after = self._next_content(candidates[-1])
            if after is None or self._is_structural(after):
                return candidates
        taken: list[int] = []
        last = self.cls[i].text
        for k in candidates:
            c = self.cls[k]
            if not (c.text[0].islower() or _OPEN_ENDINGS.search(last) or self._is_wrapped(last)):
                break
            taken.append(k)
            last = c.text
        return taken

    def _is_structural(self, j: int) -> bool:
        """A heading, a goal or a table header (one that wraps included)."""
        return self.cls[j].kind is not Kind.TEXT or self._table_header_span(j) is not None

    def _may_continue(self, last_line_text: str, j: int) -> bool:
        """Could line j carry on a heading whose last line so far is ``last_line_text``?

        Not a structural line or a bullet; not after a full stop; and not a word or two
        standing alone after a complete title line with text under it ("Samverkan", an
        unlisted sub-heading).
        """
        c = self.cls[j]
        if self._is_structural(j) or _BULLET.match(c.text):
            return False
        if _SENTENCE_END.search(last_line_text) and not last_line_text.endswith(":"):
            return False
        after = self._next_content(j)
        standalone = (
            len(c.text.split()) <= _MAX_SUBHEADING_WORDS
            and c.text[0].isupper()
            and not _OPEN_ENDINGS.search(last_line_text)
            and after is not None
            and not self._is_structural(after)
        )
        return not standalone

    # ------------------------------------------------------------------ narrative
    def _narrative_heading(self, label: str, level: int | None) -> None:
        """Open a narrative section; level None means 'below the last known heading'."""
        self._close()
        if level is None:
            depth = max(self.path_known_depth, 1) + 1 if self.path else 1
            self.path = [*self.path[: depth - 1], label]
        else:
            self.path = [*self.path[: level - 1], label] if level > 1 else [label]
            self.path_known_depth = level
        self.open = _Open("narrative", path=list(self.path))

    def _looks_like_heading(self, i: int) -> bool:
        """A short, stand-alone line in narrative text that reads as a heading (or, where
        the reader knows fonts, a line set in bold)."""
        c = self.cls[i]
        label = heading_label(c.text)
        if not label or not label[0].isupper() or _BULLET.match(c.text):
            return False
        if self.lines[i].bold:
            return len(label.split()) <= 2 * _MAX_HEADING_WORDS
        if len(label.split()) > _MAX_HEADING_WORDS or self._is_wrapped(c.text):
            return False
        if regex.search(r"[.,;!?]$", label):
            return False
        before = [ln for ln in self.open.lines if ln.text.strip()]
        if before and not _SENTENCE_END.search(collapse_ws(before[-1].text)):
            return False
        j = self._next_content(i)
        if j is None:
            return False
        nxt = self.cls[j].text
        return not nxt[0].islower() and not _BULLET.match(nxt)

    def _looks_like_subheading(self, i: int) -> bool:
        """An unlisted sub-heading under a goal: a few capitalised words standing alone
        between the end of one sentence and the start of the next."""
        if self.open.kind != "goal_section" or not self._looks_like_heading(i):
            return False
        label = heading_label(self.cls[i].text)
        before = [ln for ln in self.open.lines if ln.text.strip()]
        right_after_goal = not before and self.open.section_kind == "text"
        return (
            (right_after_goal or bool(before))
            and not self.cls[i].text.endswith(":")
            and len(label.split()) <= _MAX_SUBHEADING_WORDS
            and not regex.search(r"\d", label)
            and (right_after_goal or regex.search(r"[.!?]$", collapse_ws(before[-1].text)) is not None)
        )

    # ------------------------------------------------------------------ tables
    def _table_header_span(self, i: int) -> tuple[str, list[int], list[int]] | None:
        """('indicator'|'activity', the header's lines, lines of the first row printed among
        them) when line i starts a table header."""
        c = self.cls[i]
        if c.kind is Kind.INDICATOR_HEADER:
            return "indicator", [i], []
        if c.kind is Kind.ACTIVITY_HEADER:
            return "activity", [i], []
        if not self._opens_header(i):
            return None
        return self._split_header(i, i)

    def _opens_header(self, i: int) -> bool:
        """Could line i be a table header's first cell ("Indikator", "Aktivitet")?"""
        c = self.cls[i]
        return c.kind is Kind.TEXT and skeleton(c.text.split(" ", 1)[0]) in self.header_starts

    def _split_header(self, first: int, after: int) -> tuple[str, list[int], list[int]] | None:
        """The header split over line ``first`` and the content lines after line ``after``."""
        content = [first]
        j: int | None = after
        while len(content) <= MAX_SPAN:
            j = self._next_content(j)
            if j is None or self.cls[j].kind in _ENDS_HEADER_SEARCH:
                break  # a goal, another table or a chapter: the header cannot reach over it
            content.append(j)
        span = split_header([self.cls[j].text for j in content], self.rules)
        if span is None:
            return None
        return span.kind, [content[k] for k in span.header], [content[k] for k in span.body]

    def _interleaved_header(self, kind: str, body: list[int], last: int) -> tuple[int, tuple] | None:
        """Another table's header whose first cell an exporter printed among this header's
        cells ("Indikator", "Årsmål", a row, "Aktivitet", "KF:s årsmål år 2026",
        "Periodicitet", "År", "Startdatum", "Slutdatum": two tables side by side in column
        order), as (its first cell's place in ``body``, its header span). Lines between its
        cells go on with the first table (its last row's period, above)."""
        for k, j in enumerate(body):
            if self._opens_header(j):
                span = self._split_header(j, last)
                if span is not None and span[0] != kind:
                    return k, span
        return None

    def _open_table(self, kind: str, heads: list[int], body: list[int]) -> None:
        """Open a table of ``kind`` (or go on with the open one, when its header repeats on a
        new page) with its header lines and the rows' lines printed among them."""
        if not (self.open.kind == "table" and self.open.table_kind == kind):
            goal_id = self._current_goal_id() if self.mode == "goals" else None
            self._close()
            header = [self.lines[j] for j in heads]
            self.open = _Open("table", goal_id=goal_id, table_kind=kind, header=header)
            if goal_id is None:
                self.out.problems.append(
                    self._problem(Code.TABLE_OUTSIDE_GOAL, header[0], "table outside the goal tree")
                )
        offset = len(self.open.lines)
        for k, j in enumerate(body):
            printed = sum(self._header_columns(kind, h) for h in heads if h < j)
            self.open.lead_columns[offset + k] = printed
        self.open.lines.extend(self.lines[j] for j in body)

    def _header_columns(self, kind: str, i: int) -> int:
        """How many of a table kind's header cells line i prints (by their header words)."""
        words = set(self.rules.header_words(kind))
        return sum(1 for word in self.lines[i].text.split() if skeleton(word) in words)

    # ------------------------------------------------------------------ main loop
    def build(self) -> Outline:
        i = 0
        n = len(self.lines)
        while i < n:
            c = self.cls[i]
            line = self.lines[i]
            header = self._table_header_span(i)
            if header is not None:
                kind, heads, body = header
                interleaved = self._interleaved_header(kind, body, heads[-1])
                if interleaved is None:
                    self._open_table(kind, heads, body)
                    i = heads[-1] + 1
                    continue
                k, (other, other_heads, other_body) = interleaved
                self._open_table(kind, heads, [*body[:k], *body[k + 1 :], *other_body])
                self._open_table(other, other_heads, [])
                i = other_heads[-1] + 1
                continue
            if c.kind is Kind.GOAL:
                self._close()
                self.mode = "goals"
                i = self._start_goal(i) + 1
                continue
            if c.kind is Kind.NARRATIVE_1:
                self.mode = "narrative"
                self.goal_stack.clear()
                self._narrative_heading(heading_label(c.text), 1)
                i += 1
                continue
            if self.mode == "goals":
                if c.kind is Kind.SECTION_KIND and not (
                    self.open.kind == "table"
                    and self.open.table_kind == "indicator"
                    and c.section_kind == "kommentar"
                ):
                    self._close()
                    self.open = _Open(
                        "goal_section", goal_id=self._current_goal_id(), section_kind=c.section_kind
                    )
                    i += 1
                    continue
                if c.kind is Kind.NARRATIVE_2:
                    self.mode = "narrative"
                    self.goal_stack.clear()
                    self.path, self.path_known_depth = [], 0
                    self._narrative_heading(heading_label(c.text), None)
                    i += 1
                    continue
                if c.kind is Kind.TEXT and self._looks_like_subheading(i):
                    self._close()
                    kind = ascii_name(heading_label(c.text))
                    self.open = _Open("goal_section", goal_id=self._current_goal_id(), section_kind=kind)
                    i += 1
                    continue
                self.open.lines.append(line)
                i += 1
                continue
            # narrative mode
            if c.kind is Kind.NARRATIVE_2 or (
                c.kind is Kind.SECTION_KIND and self.rules.narrative_level2.match(heading_label(c.text))
            ):
                self._narrative_heading(heading_label(c.text), 2)
            elif c.kind in (Kind.SECTION_KIND, Kind.TEXT) and self._looks_like_heading(i):
                self._narrative_heading(heading_label(c.text), None)
            else:
                self.open.lines.append(line)
            i += 1
        self._close()
        return self.out

    def _problem(self, code: Code, line: Line, message: str) -> Problem:
        return Problem("", "segment", "warning", code, f"line {line.lineno}: {message}")


def build_outline(lines: list[Line], rules: Rules, marks_word_cuts: bool = False) -> Outline:
    return _Builder(lines, rules, marks_word_cuts).build()


__all__ = ["Outline", "build_outline", "typical_width"]
