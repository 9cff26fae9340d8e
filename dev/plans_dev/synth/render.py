"""Lay a plan spec out as a PDF-to-text export would: wrapped lines with a trailing space,
tables flattened into rows, page headers and footers dropped into the middle of paragraphs.
With ``Layout.ocr`` it is laid out as an OCR pass reads the page instead: a table row's values
or dates close its *first* line and its text goes on below, no line ends in a space, and logo
debris stands beside the page header words (which may have lost their å/ä/ö, as may the table
headers; text that the gold holds never does).

Everything the gold depends on lives in the spec; this module only decides how it looks, so a
different render seed gives a differently broken text with the same annotations.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from plans_dev.synth.spec import ActivityRow, GoalNode, GoalSection, IndicatorRow, Layout, PlanSpec, Section
from plans_dev.synth.templates import generation_of

Row = TypeVar("Row", IndicatorRow, ActivityRow)
_BULLET = re.compile(r"^(?:[-•]|\d+\.) ?")
# What an OCR pass without Swedish prints for å/ä/ö (words outside the gold only).
_LOST = (str.maketrans("åäöÅÄÖ", "aaoAAO"), str.maketrans("åäöÅÄÖ", "éaoÉAO"))
# Icons printed before table rows, as an OCR pass reads them (all in rules/glyphs.txt).
_GLYPHS = ("c", "v", "¢", "€", "©", "¥J")
_DEBRIS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Rendered:
    """The text plus what the tests need to check it: which lines are noise, which variations occurred."""

    text: str
    lines: tuple[str, ...]
    noise: frozenset[int]  # 0-based line indexes of cover page, table of contents and page furniture
    unterminated: frozenset[int]  # lines deliberately left without a trailing space (mid-word breaks)
    features: frozenset[str]
    n_pages: int


def _lose_diacritics(text: str, rng: random.Random) -> str:
    return text.translate(_LOST[rng.random() < 0.25])


def _debris(rng: random.Random, lo: int, hi: int) -> str:
    """A few characters an OCR pass reads off a logo."""
    return "".join(rng.choice(_DEBRIS) for _ in range(rng.randint(lo, hi)))


def _wrap(text: str, width: int, rng: random.Random, jitter: int = 8) -> list[str]:
    """Greedy word wrap; the ragged limit mimics proportional fonts."""
    out: list[str] = []
    cur = ""
    limit = width - rng.randrange(jitter + 1)
    for w in text.split():
        if not cur:
            cur = w
        elif len(cur) + 1 + len(w) <= limit:
            cur += " " + w
        else:
            out.append(cur)
            cur = w
            limit = width - rng.randrange(jitter + 1)
    if cur:
        out.append(cur)
    return out


class _Body:
    """Accumulates body lines with where a page may break and what a break there would mean."""

    def __init__(self, spec: PlanSpec, rng: random.Random) -> None:
        self.spec = spec
        self.rng = rng
        self.lay: Layout = spec.layout
        self.ocr = spec.layout.ocr
        self.generation = generation_of(spec)
        self.double = spec.layout.blank_between_lines and not self.ocr  # a text-export artefact
        self.lines: list[str] = []
        self.brk: list[bool] = []  # a page may break before this line
        self.cont: list[bool] = []  # ... and doing so would split a paragraph
        self.hdr: dict[int, tuple[str, ...]] = {}  # table header to repeat after a break before a row
        self.toc: list[tuple[int, str]] = []
        self.unterminated: set[int] = set()
        self.features: set[str] = set()

    # --- primitives ------------------------------------------------------------------------------

    def _raw(self, text: str, brk: bool = False, cont: bool = False) -> int:
        self.lines.append(text)
        self.brk.append(brk)
        self.cont.append(cont)
        return len(self.lines) - 1

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self._raw("")

    def line(self, text: str, *, brk: bool = False, cont: bool = False, tight: bool = False) -> int:
        if self.double and not tight and self.lines and self.lines[-1] != "":
            self._raw("")
        return self._raw(text, brk, cont)

    def paragraph(self, text: str) -> None:
        rng = self.rng
        parts = _wrap(text, self.lay.wrap_width, rng)
        if len(parts) > 1 and rng.random() < 0.04:
            i = rng.randrange(len(parts))
            parts[i] = parts[i].replace(". ", ".  ", 1)
        last = len(parts) - 1
        for i, p in enumerate(parts):
            end = "  " if i == last and rng.random() < 0.08 else " "
            self.line(p + end, brk=True, cont=i > 0)

    def paragraphs(self, paras: list[str]) -> None:
        prev_bullet = False
        for i, p in enumerate(paras):
            bullet = bool(_BULLET.match(p))
            if bullet:
                self.features.add(
                    "bullets_dot"
                    if p.startswith("•")
                    else "bullets_numbered"
                    if p[0].isdigit()
                    else "bullets_dash"
                )
            if i and self.lay.paragraph_gap and not (bullet and prev_bullet):
                self.line(" ")
            self.paragraph(p)
            prev_bullet = bullet

    # --- narrative -------------------------------------------------------------------------------

    def section(self, sec: Section, path: tuple[str, ...]) -> None:
        path = (*path, sec.title)
        if self.lay.narrative_heading_gap:
            self.blank()
        idx = self.line(sec.heading + " ", brk=True)
        if len(path) == 1 or path[0] == "Redovisning av ekonomi":
            self.toc.append((idx, sec.title))
        if len(path) == 3:
            self.features.add("section_three_level")
        if sec.heading != sec.title:
            self.features.add("section_heading_colon")
        if self.lay.narrative_heading_gap:
            self.blank()
        self.paragraphs(sec.paragraphs)
        for child in sec.children:
            self.section(child, path)

    # --- goals -----------------------------------------------------------------------------------

    def goal(self, node: GoalNode, parent: GoalNode | None) -> None:
        self.blank()
        heading = self.generation.goal_heading(node)
        parts = _wrap(heading, self.lay.heading_width, self.rng, 6)
        first = self.line(parts[0] + " ", brk=True)
        for p in parts[1:]:
            self.line(p + " ")
        if len(parts) > 1:
            self.features.add("heading_wrapped")
        if node.level.startswith("kf_"):
            self.toc.append((first, heading))
        if node.prefix:
            self.features.add(f"prefix_{node.prefix}")
        if node.level == "enhetsmal" and parent is not None and parent.level == "kf_verksamhetsomradesmal":
            self.features.add("enhetsmal_under_kf")
        if node.level == "namndmal" and not node.children:
            self.features.add("namndmal_without_enhetsmal")
        self.blank()
        for s in node.sections:
            self.goal_section(s)
        if node.indicators:
            self.features.add(f"indicators_at_{node.level}")
            self.indicator_table(node.indicators)
        if node.activities:
            self.features.add(f"activities_at_{node.level}")
            self.activity_table(node.activities)
        for child in node.children:
            self.goal(child, node)

    def goal_section(self, s: GoalSection) -> None:
        self.features.add(f"goal_section_{s.kind}")
        self.blank()
        self.line(s.heading + " ", brk=True)
        self.blank()
        self.paragraphs(s.paragraphs)
        self.blank()

    # --- tables ----------------------------------------------------------------------------------

    def _table_label(self, kind: str) -> None:
        """The heading above a table, in generations that print one ("Indikatorer")."""
        label = self.generation.table_labels.get(kind)
        if label is not None:
            self.blank()
            self.line(label + " ", brk=True)
            self.features.add(f"table_label_{kind}")

    def _header(self, header: tuple[str, ...]) -> None:
        self.blank()
        for i, h in enumerate(header):
            self.line(h, brk=i == 0, tight=i > 0)
        self.blank()

    def _separator(self, style: int) -> None:
        self.blank()
        for _ in range(style):
            self._raw(" ")
            if self.double:
                self._raw("")
        self.blank()

    def indicator_table(self, rows: list[IndicatorRow]) -> None:
        if self.ocr:
            self.ocr_indicator_table(rows)
            return
        rng = self.rng
        year = self.spec.plan_year
        self._table_label("indicator")
        if self.generation.indicator_header is not None:
            header: tuple[str, ...] = (f"  {self.generation.indicator_header} ",)
        elif rng.random() < 0.3:
            header: tuple[str, ...] = ("  Indikator Årsmål KF:s årsmål ", f"år {year} Periodicitet ")
            self.features.add("indicator_header_wrapped")
        else:
            header = (f"  Indikator Årsmål KF:s årsmål år {year} Periodicitet ",)
        self._header(header)
        sep = rng.choice((0, 0, 1, 2))
        for k, row in enumerate(rows):
            if k and rng.random() < 0.08:
                self.features.add("table_header_repeated")
                self._header(header)
            elif k or sep:
                self._separator(sep)
            self.indicator_row(row, header)
        self._separator(rng.choice((0, 0, 1)))

    def indicator_row(self, row: IndicatorRow, header: tuple[str, ...]) -> None:
        rng = self.rng
        f = self.features
        f.add(f"period_{row.period}")
        if row.kf_target is None:
            f.add("indicator_kf_missing")
        if row.target is None:
            f.add("indicator_target_missing")
        fmt = (
            "one"
            if row.target is None
            else rng.choices(("one", "wrapname", "longname"), (0.35, 0.4, 0.25))[0]
        )
        cells = " ".join((row.target or "", row.kf_target or "", row.period))
        if "  " in cells or cells.startswith(" "):
            f.add("indicator_empty_cell")
        if fmt == "one" and row.target is not None and len(row.name) + len(cells) > 100:
            fmt = "wrapname"
        if fmt == "one":
            f.add("indicator_one_line")
            first = self._values(row, prefix=row.name + " ")
        else:
            f.add("indicator_name_wrapped")
            width = rng.randint(18, 34) if fmt == "wrapname" else rng.randint(60, 90)
            parts = _wrap(row.name, width, rng, 4)
            lead = " " if fmt == "wrapname" and rng.random() < 0.8 else ""
            first = self.line(lead + parts[0] + " ", brk=True, tight=True)
            for p in parts[1:]:
                self.line(p + " ", tight=True)
            self.blank()
            self._values(row, prefix="")
        self.hdr[first] = header
        if row.comment:
            f.add("indicator_comment")
            self.blank()
            self.line("Kommentar ", tight=True)
            for p in _wrap(row.comment, self.lay.wrap_width, rng):
                self.line(p + " ")

    def _values(self, row: IndicatorRow, prefix: str) -> int:
        """The value cells; a long KF cell may wrap, even mid-word, as narrow PDF columns do."""
        rng = self.rng
        words = row.kf_target.split() if row.kf_target else []
        if row.target is None or len(words) < 2 or not words[0].isalpha() or rng.random() < 0.5:
            return self.line(
                prefix + " ".join((row.target or "", row.kf_target or "", row.period)) + " ",
                brk=bool(prefix),
                tight=True,
            )
        self.features.add("indicator_cell_broken")
        k = len(words) - 1 if rng.random() < 0.7 else rng.randint(1, len(words) - 1)
        first = self.line(f"{prefix}{row.target} {' '.join(words[:k])} ", brk=bool(prefix), tight=True)
        rest = " ".join(words[k:])
        cuts = [i for i in range(4, len(rest) - 1) if rest[i - 1].isalpha() and rest[i].isalpha()]
        if len(rest) >= 8 and " " not in rest and cuts and rng.random() < 0.6:
            self.features.add("indicator_cell_midword")
            cut = rng.choice(cuts)
            self.unterminated.add(self.line(rest[:cut], tight=True))
            self.blank()
            self.line(rest[cut:] + " ", tight=True)
        else:
            self.line(rest + " ", tight=True)
        self.blank()
        self.line(row.period + " ", tight=True)
        return first

    def activity_table(self, rows: list[ActivityRow]) -> None:
        if self.ocr:
            self.ocr_activity_table(rows)
            return
        rng = self.rng
        self._table_label("activity")
        header = (f"  {self.generation.activity_header or 'Aktivitet Startdatum Slutdatum'} ",)
        self._header(header)
        for k, row in enumerate(rows):
            if k and rng.random() < 0.08:
                self.features.add("table_header_repeated")
                self._header(header)
            elif k:
                self.blank()
            dates = f"{row.start} {row.end} "
            if len(row.text) + 23 <= self.lay.wrap_width + 8 and rng.random() < 0.45:
                self.features.add("activity_one_line")
                first = self.line(f" {row.text} {dates}", brk=True, tight=True)
            else:
                self.features.add("activity_wrapped")
                parts = _wrap(row.text, rng.randint(50, 78), rng, 6)
                first = self.line(" " + parts[0] + " ", brk=True, tight=True)
                for p in parts[1:]:
                    self.line(p + " ", tight=True)
                self.blank()
                self.line(dates, tight=True)
            self.hdr[first] = header
        self.blank()

    # --- tables as an OCR pass reads them --------------------------------------------------------

    def _ocr_header(self, text: str) -> tuple[str, ...]:
        if self.rng.random() < 0.5:
            self.features.add("ocr_header_damaged")
            text = _lose_diacritics(text, self.rng)
        return (text,)

    def _ocr_rows(self, rows: Sequence[Row], header: tuple[str, ...], render: Callable[..., None]) -> None:
        """Rows apart (a blank line between) or not, and the lines of a row apart or not."""
        rng = self.rng
        self._header(header)
        apart = rng.random() < 0.6
        gaps = rng.random() < 0.4
        if gaps:
            self.features.add("ocr_row_gaps")
        for k, row in enumerate(rows):
            if k and rng.random() < 0.08:
                self.features.add("table_header_repeated")
                self._header(header)
            elif k and apart:
                self.blank()
            render(row, header, gaps)
        self.blank()

    def ocr_indicator_table(self, rows: list[IndicatorRow]) -> None:
        self.features.add("ocr_tables")
        header = self._ocr_header(f"Indikator Årsmål KF:s årsmål år {self.spec.plan_year} Periodicitet")
        self._ocr_rows(rows, header, self.ocr_indicator_row)

    def ocr_indicator_row(self, row: IndicatorRow, header: tuple[str, ...], gaps: bool) -> None:
        """Name, values and period on the first line; the name goes on below. OCR keeps no column
        gap, except the one that alone shows that a lone value is the KF cell."""
        rng = self.rng
        f = self.features
        f.add(f"period_{row.period}")
        if row.kf_target is None:
            f.add("indicator_kf_missing")
            cells = f"{row.target} {row.period}"
        elif row.target is None:
            f.add("indicator_target_missing")
            gap = "" if row.kf_target.startswith("Tas fram av") else " "
            if gap:
                f.add("indicator_empty_cell")
            cells = f"{gap}{row.kf_target} {row.period}"
        else:
            cells = f"{row.target} {row.kf_target} {row.period}"
        parts = _wrap(row.name, rng.randint(18, 34), rng, 4)
        glyph = f"{rng.choice(_GLYPHS)} " if rng.random() < 0.3 else ""
        if glyph:
            f.add("ocr_row_glyph")
        first = self.line(f"{glyph}{parts[0]} {cells}", brk=True, tight=True)
        self.hdr[first] = header
        f.add("ocr_indicator_wrapped" if len(parts) > 1 else "ocr_indicator_one_line")
        for k, part in enumerate(parts[1:]):
            if gaps:
                self.blank()
            stray = "¢ " if k == 0 and glyph and not glyph[0].isalpha() and rng.random() < 0.3 else ""
            self.line(stray + part, tight=True)
        if row.comment:
            f.add("indicator_comment")
            self.blank()
            self.line("Kommentar", tight=True)
            for p in _wrap(row.comment, self.lay.wrap_width, rng):
                self.line(p, tight=True)

    def ocr_activity_table(self, rows: list[ActivityRow]) -> None:
        self.features.add("ocr_tables")
        self._ocr_rows(rows, ("Aktivitet Startdatum Slutdatum",), self.ocr_activity_row)

    def ocr_activity_row(self, row: ActivityRow, header: tuple[str, ...], gaps: bool) -> None:
        parts = _wrap(row.text, self.rng.randint(50, 78), self.rng, 6)
        first = self.line(f"{parts[0]} {row.start} {row.end}", brk=True, tight=True)
        self.hdr[first] = header
        self.features.add("ocr_activity_wrapped" if len(parts) > 1 else "ocr_activity_one_line")
        for part in parts[1:]:
            if gaps:
                self.blank()
            self.line(part, tight=True)


# --- pages -----------------------------------------------------------------------------------------


class _Pages:
    """Cuts the body into pages and writes the final lines, furniture included."""

    def __init__(self, spec: PlanSpec, body: _Body, rng: random.Random) -> None:
        self.spec = spec
        self.body = body
        self.rng = rng
        self.out: list[str] = []
        self.noise: set[int] = set()
        self.unterminated: set[int] = set()
        lay = spec.layout
        self.front = (1 if lay.cover_page else 0) + (1 if lay.toc else 0)
        self.breaks = self._breaks()
        self.total = self.front + 1 + len(self.breaks)

    def _breaks(self) -> list[int]:
        rng = self.rng
        b = self.body
        breaks: list[int] = []
        limit = rng.randint(45, 60)
        count = 0
        for i, ln in enumerate(b.lines):
            if count >= limit and b.brk[i]:
                breaks.append(i)
                count = 0
                limit = rng.randint(45, 60)
            if ln:
                count += 1
        return breaks

    def page_of(self, body_index: int) -> int:
        return self.front + 1 + bisect_right(self.breaks, body_index)

    def add(self, text: str, noise: bool = False) -> None:
        if noise:
            self.noise.add(len(self.out))
        self.out.append(text)

    def furniture(self, page: int) -> list[str]:
        spec = self.spec
        style = spec.layout.furniture_style
        if style == "mixed":
            style = self.rng.choice(("full", "plain", "sid", "running"))
        sid = f"Sid {page} ({self.total}) "
        self.body.features.add(f"furniture_{style}")
        if style == "full":
            c = spec.contact
            return ["Tjänsteutlåtande ", sid, "", f"{c.address} ", " start.stockholm ", f"{c.switchboard} "]
        if style == "plain":
            return ["Tjänsteutlåtande ", sid, "", " ", " start.stockholm ", " "]
        if style == "running":
            return [f"{spec.plan_type} {spec.plan_year} ", sid]
        return [sid]

    def page_break(self, page: int, forced: bool = False) -> bool:
        """Close the current page; True when furniture was printed."""
        while self.out and self.out[-1] == "":
            self.noise.discard(len(self.out) - 1)
            self.out.pop()
        if not forced and self.rng.random() >= self.spec.layout.furniture_rate:
            return False
        for _ in range(self.rng.randint(0, 6)):
            if self.spec.layout.blank_between_lines:
                self.add("", True)
            self.add(" ", True)
        self.add("", True)
        lines = (
            self.furniture(page)
            if not forced
            else ["Tjänsteutlåtande ", f"Sid {page} ({self.total}) ", "", " ", " start.stockholm ", " "]
        )
        if self.spec.layout.ocr:
            lines = self.ocr_furniture(lines)
        for ln in lines:
            self.add(ln, True)
        self.add("", True)
        return True

    def ocr_furniture(self, lines: list[str]) -> list[str]:
        """Logo debris beside the header words, and å/ä/ö lost in them and in the address."""
        rng = self.rng
        out = []
        for ln in lines:
            text = ln.strip()
            if text == "Tjänsteutlåtande":
                if rng.random() < 0.5:
                    text = _lose_diacritics(text, rng)
                if rng.random() < 0.6:
                    self.body.features.add("furniture_debris")
                    text = f"{_debris(rng, 2, 4)} {text}"
            elif text.startswith("Sid ") and rng.random() < 0.5:
                self.body.features.add("furniture_debris")
                text = f"{_debris(rng, 3, 9)} {text}"
            elif text[:1].isupper() and text[-1:].isdigit() and rng.random() < 0.5:
                text = _lose_diacritics(text, rng)
            out.append(text)
        return out

    def cover(self) -> None:
        spec, rng, c = self.spec, self.rng, self.spec.contact
        self.body.features.add("cover_page")
        org = f"{spec.district} stadsdelsförvaltning "
        lines = ["", org, f"{spec.unit} ", "", "Tjänsteutlåtande ", ""]
        if spec.dnr:
            lines.append(f"Dnr: {spec.dnr} ")
        lines += [f"Sid 1 ({self.total}) ", "", f"{c.written} ", " ", " ", " ", "", org, f"{spec.unit} "]
        lines += [" "] * rng.randint(2, 6) + ["", "start.stockholm ", "", " ", " ", ""]
        if rng.random() < 0.3:
            lines += [f"{spec.plan_type} {spec.plan_year} för {spec.unit} "]
        else:
            lines += [f"{spec.plan_type} {spec.plan_year} ", f"{spec.unit} "]
        tel = "Telefon:" if rng.random() < 0.6 else "Telefon: "
        lines += [
            "",
            " ",
            " ",
            "",
            " ",
            "",
            "Handläggare  Till ",
            f"{c.handlaggare} {spec.district} stadsdelsnämnd ",
            f"{tel}{c.phone}{' ' * rng.randint(6, 18)}{c.meeting} ",
            "",
            "",
            " ",
            " ",
            "",
        ]
        for ln in lines:
            self.add(ln, True)

    def toc(self) -> None:
        rng = self.rng
        self.body.features.add("toc")
        self.page_break(2, forced=True)
        self.add(" Innehållsförteckning ", True)
        for k, (idx, label) in enumerate(self.body.toc):
            if k:
                self.add("", True)
            parts = _wrap(label, rng.randint(80, 92), rng, 4) if len(label) > 78 else [label]
            if len(parts) > 1:
                self.body.features.add("toc_wrapped")
            for p in parts[:-1]:
                self.add(p + " ", True)
            page = str(self.page_of(idx))
            dots = "." * max(4, rng.randint(100, 135) - len(parts[-1]) - len(page))
            self.add(f"{parts[-1]} {dots}{page} ", True)
        self.add("", True)
        self.add(" ", True)

    def write(self) -> None:
        b = self.body
        lay = self.spec.layout
        if lay.cover_page:
            self.cover()
        if lay.toc:
            self.toc()
        if self.front:
            self.page_break(self.front + 1, forced=True)
        bset = set(self.breaks)
        page = self.front + 1
        pending = True
        for i, ln in enumerate(b.lines):
            if i in bset:
                page += 1
                shown = self.page_break(page)
                b.features.add("page_break_furniture" if shown else "page_break_hint_only")
                if b.cont[i]:
                    b.features.add("furniture_mid_paragraph" if shown else "page_break_mid_paragraph")
                pending = True
                if i in b.hdr and self.rng.random() < 0.6:
                    b.features.add("table_header_repeated")
                    for k, h in enumerate(b.hdr[i]):
                        self.add(h if k or h.startswith(" ") else " " + h)  # the page-start hint
                    self.add("")
                    pending = False
            if pending and ln.strip():
                if not ln.startswith(" "):
                    ln = " " + ln
                pending = False
            if i in b.unterminated:
                self.unterminated.add(len(self.out))
            self.out.append(ln)


def _spec_features(spec: PlanSpec) -> set[str]:
    lay = spec.layout
    f = {"blank_between_lines" if lay.blank_between_lines and not lay.ocr else "compact_lines"}
    if lay.ocr:
        f.add("ocr_layout")
    f.add("paragraph_gap" if lay.paragraph_gap else "no_paragraph_gap")
    if spec.dnr:
        f.add("dnr")
    intro = {c.title for s in spec.intro for c in s.children}
    if "Organisationsbeskrivning" not in intro:
        f.add("missing_organisationsbeskrivning")
    tops = {s.title for s in spec.outro}
    if "Övrigt" not in tops:
        f.add("missing_ovrigt")
    if "Redovisning av ekonomi" not in tops:
        f.add("missing_ekonomi")
    if len(spec.goals) < 3:
        f.add("missing_inriktningsmal")
    return f


def lay_out(spec: PlanSpec, seed: int, body_class: type[_Body]) -> tuple[_Body, _Pages]:
    """The plan's body written by ``body_class`` (the text renderer's, or one that prints
    tables otherwise) and laid out on pages; ``seed`` drives the local layout choices."""
    rng = random.Random(seed * 7919 + 17)
    body = body_class(spec, rng)
    for sec in spec.intro:
        body.section(sec, ())
    for node in spec.goals:
        body.goal(node, None)
    for sec in spec.outro:
        body.section(sec, ())
    pages = _Pages(spec, body, rng)
    pages.write()
    return body, pages


def render_document(spec: PlanSpec, seed: int) -> Rendered:
    """Render ``spec``; ``seed`` drives the local layout choices (wraps, page breaks, row formats)."""
    body, pages = lay_out(spec, seed, _Body)
    out = [ln.rstrip() for ln in pages.out] if spec.layout.ocr else pages.out
    while out and out[-1] == "":
        out.pop()
    features = body.features | _spec_features(spec)
    return Rendered(
        text="\n".join(out) + "\n",
        lines=tuple(out),
        noise=frozenset(i for i in pages.noise if i < len(out)),
        unterminated=frozenset(pages.unterminated),
        features=frozenset(features),
        n_pages=pages.total,
    )


def render_text(spec: PlanSpec, seed: int) -> str:
    """The document as a text export would give it."""
    return render_document(spec, seed).text
