"""Render a synthetic plan to PDF, laid out like the real ones (A4 Tjänsteutlåtande).

    python -m plans_dev.synth.pdf --out DIR --n N --seed S [--gold DIR]

The look follows the plans in ``../shared/corpus/pdf``: a page header with the city's logo,
"Tjänsteutlåtande" and "Sid N (M)", a footer with address, "start.stockholm" and phone
under a rule, an optional cover page (and table of contents), bold headings, and tables
with grid lines: indicators in four columns after an icon column, activities in three,
cells that wrap or stay empty, tables that break over pages with or without their header
repeated. The gold comes from the spec (``gold_of``), as for the text exports, so the PDF
and its annotations cannot disagree. Output is byte-identical for a seed (reportlab's
invariant mode fixes dates and document ids).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from plans_dev.synth.gold import gold_of
from plans_dev.synth.spec import ActivityRow, GoalNode, IndicatorRow, PlanSpec, Section, random_plan
from plans_dev.synth.templates import generation_of

PAGE_W, PAGE_H = A4
LEFT = 70.87  # 25 mm; the tables span LEFT .. RIGHT, text is inset by the frame padding
RIGHT = 538.58
TEXT_TOP = 80.0  # from the top of the page
TEXT_BOTTOM = 72.0  # from the bottom: the footer sits below
INDICATOR_COLUMNS = (23.4, 208.1, 72.5, 86.5, 77.2)  # icon | Indikator | Årsmål | KF:s årsmål | Periodicitet
ACTIVITY_COLUMNS = (299.3, 84.2, 84.2)
HEADER_FILL = Color(0.88, 0.9, 0.93)
_BULLET = re.compile(r"^(?:[-•]|\d+\.) ")

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@cache
def fonts() -> tuple[str, str]:
    """(regular, bold): DejaVu Sans when installed (fonts-dejavu-core), else Helvetica."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        pdfmetrics.registerFontFamily(
            "DejaVuSans",
            normal="DejaVuSans",
            bold="DejaVuSans-Bold",
            italic="DejaVuSans",
            boldItalic="DejaVuSans-Bold",
        )
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"  # Latin-1: å, ä, ö, é, –, • are all there


class _Styles:
    def __init__(self) -> None:
        reg, bold = fonts()

        def style(name: str, font: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
            return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, **kw)

        self.body = style("body", reg, 10, 13.5, spaceAfter=5)
        self.bullet = style("bullet", reg, 10, 13.5, leftIndent=12, firstLineIndent=-12, spaceAfter=3)
        heading = {"keepWithNext": 1}
        self.h1 = style("h1", bold, 14, 17, spaceBefore=10, spaceAfter=8, **heading)
        self.h2 = style("h2", bold, 12, 15, spaceBefore=8, spaceAfter=5, **heading)
        self.h3 = style("h3", bold, 10.5, 14, spaceBefore=7, spaceAfter=4, **heading)
        self.h4 = style("h4", bold, 10, 13, spaceBefore=5, spaceAfter=3, **heading)
        self.cell = style("cell", reg, 8.5, 10.5)
        self.cell_head = style("cell_head", bold, 8.5, 10.5)
        self.cover_org = style("cover_org", bold, 10.5, 14)
        self.cover_text = style("cover_text", reg, 10.5, 14)
        self.title = style("title", bold, 20, 24, spaceBefore=200, spaceAfter=6)
        self.subtitle = style("subtitle", bold, 15, 19, spaceAfter=110)
        # rightIndent keeps room for the page number after a full last line
        self.toc = [style(f"toc{i}", reg, 10, 15, leftIndent=12 * i, rightIndent=24) for i in range(2)]


class _Icon(Flowable):
    """The round check mark some plans print before an indicator (curves: not a grid line)."""

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return 9, 9

    def draw(self) -> None:
        c = self.canv
        c.setLineWidth(0.6)
        c.circle(4.5, 4.5, 4.0)
        c.lines([(2.3, 4.6, 4.0, 2.8), (4.0, 2.8, 6.9, 6.6)])


class _Heading(Paragraph):
    """A heading that also goes into the table of contents."""

    def __init__(self, text: str, style: ParagraphStyle, toc_level: int | None = None) -> None:
        super().__init__(escape(text), style)
        self.toc_text = text
        self.toc_level = toc_level


class _Furniture:
    """Page header and footer, drawn once the page count is known (for "Sid N (M)")."""

    def __init__(self, spec: PlanSpec, seed: int) -> None:
        self.spec = spec
        self.seed = seed
        self.reg, self.bold = fonts()

    def style(self, page: int) -> str:
        style = self.spec.layout.furniture_style
        if style == "mixed":
            style = random.Random(self.seed * 31 + page).choice(("full", "plain", "sid", "running"))
        return style

    def draw(self, c: Canvas, page: int, total: int) -> None:
        spec = self.spec
        cover = page == 1 and spec.layout.cover_page
        style = "full" if cover else self.style(page)
        c.saveState()
        c.setFillColor(black)
        top = PAGE_H - 52
        if style in ("full", "plain"):
            self.logo(c)
            c.setFont(self.bold, 10)
            c.drawString(93.5, top, "Tjänsteutlåtande")
        elif style == "running":
            c.setFont(self.reg, 9.5)
            c.drawString(LEFT + 6, top, f"{spec.plan_type} {spec.plan_year}")
        c.setFont(self.reg, 9.5)
        c.drawRightString(RIGHT, top, f"Sid {page} ({total})")
        if cover:
            below = [f"Dnr: {spec.dnr}"] if spec.dnr else []
            for k, text in enumerate([*below, spec.contact.written]):
                c.drawRightString(RIGHT, top - 14.2 * (k + 1), text)
        if style in ("full", "plain"):
            c.setStrokeColor(Color(0.45, 0.5, 0.55))
            c.setLineWidth(0.4)
            c.line(LEFT, 62.4, RIGHT, 62.4)
            c.setFont(self.reg, 7.5)
            lines = [spec.contact.address, "start.stockholm", spec.contact.switchboard]
            if style == "plain":
                lines = ["start.stockholm"]
            for k, text in enumerate(lines):
                c.drawString(LEFT, 49.5 - 9.3 * k, text)
        c.restoreState()

    @staticmethod
    def logo(c: Canvas) -> None:
        c.setStrokeColor(Color(0.1, 0.3, 0.45))
        c.setLineWidth(0.8)
        c.roundRect(70.87, PAGE_H - 62.9, 14.7, 17.0, 2.2, stroke=1, fill=0)
        c.setFillColor(Color(0.1, 0.3, 0.45))
        p = c.beginPath()
        p.moveTo(72.6, 797.7)
        for x, y in ((74.6, 802.2), (78.2, 799.1), (81.9, 802.2), (83.9, 797.7)):
            p.lineTo(x, y)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setFillColor(black)


def _canvas_maker(furniture: _Furniture) -> type[Canvas]:
    class PlanCanvas(Canvas):
        """Holds pages back until ``save`` so each can say how many there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                furniture.draw(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return PlanCanvas


class _Doc(BaseDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            self.notify("TOCEntry", (level, flowable.toc_text, self.page))


class _Story:
    """Turns the spec into platypus flowables; ``rng`` makes the local choices."""

    def __init__(self, spec: PlanSpec, rng: random.Random) -> None:
        self.spec = spec
        self.generation = generation_of(spec)
        self.rng = rng
        self.s = _Styles()
        self.out: list[Flowable] = []

    def build(self) -> list[Flowable]:
        spec = self.spec
        if spec.layout.cover_page:
            self.cover()
        if spec.layout.toc:
            self.toc()
        for sec in spec.intro:
            self.section(sec, 1, ())
        for node in spec.goals:
            self.goal(node)
        for sec in spec.outro:
            self.section(sec, 1, ())
        return self.out

    # --- front matter ----------------------------------------------------------------------------

    def cover(self) -> None:
        spec, s = self.spec, self.s
        self.out += [
            Spacer(1, 20),
            Paragraph(escape(f"{spec.district} stadsdelsförvaltning"), s.cover_org),
            Paragraph(escape(spec.unit), s.cover_text),
            Paragraph(escape(f"{spec.plan_type} {spec.plan_year}"), s.title),
            Paragraph(escape(spec.unit), s.subtitle),
        ]
        to = [
            Paragraph("Till", s.cover_org),
            Paragraph(escape(f"{spec.district} stadsdelsnämnd"), s.cover_text),
        ]
        if self.rng.random() < 0.5:
            c = spec.contact
            who = [
                Paragraph("Handläggare", s.cover_org),
                Paragraph(escape(c.handlaggare), s.cover_text),
                Paragraph(escape(f"Telefon: {c.phone}"), s.cover_text),
            ]
            self.out.append(Table([[who, to]], colWidths=(230, 225), hAlign="LEFT"))
        else:
            self.out += to
        self.out.append(PageBreak())

    def toc(self) -> None:
        toc = TableOfContents(levelStyles=self.s.toc, dotsMinLevel=0)
        self.out += [Paragraph("Innehållsförteckning", self.s.h1), toc, PageBreak()]

    # --- text ------------------------------------------------------------------------------------

    def paragraphs(self, paras: list[str]) -> None:
        for p in paras:
            style = self.s.bullet if _BULLET.match(p) else self.s.body
            self.out.append(Paragraph(escape(p), style))

    def section(self, sec: Section, depth: int, path: tuple[str, ...]) -> None:
        path = (*path, sec.title)
        style = {1: self.s.h1, 2: self.s.h2}.get(depth, self.s.h4)
        in_toc = depth == 1 or (depth == 2 and path[0] == "Redovisning av ekonomi")
        self.out.append(_Heading(sec.heading, style, (depth - 1) if in_toc else None))
        self.paragraphs(sec.paragraphs)
        for child in sec.children:
            self.section(child, depth + 1, path)

    def goal(self, node: GoalNode) -> None:
        s = self.s
        style = {"kf_inriktningsmal": s.h1, "kf_verksamhetsomradesmal": s.h2}.get(node.level, s.h3)
        toc = {"kf_inriktningsmal": 0, "kf_verksamhetsomradesmal": 1}.get(node.level)
        self.out.append(_Heading(self.generation.goal_heading(node), style, toc))
        for sec in node.sections:
            self.out.append(Paragraph(escape(sec.heading), s.h4))
            self.paragraphs(sec.paragraphs)
        if node.indicators:
            self.table_label("indicator")
            rows, spans = self.indicator_rows(node.indicators)
            self.table(rows, spans, _widths(INDICATOR_COLUMNS, len(rows[0])))
        if node.activities:
            self.table_label("activity")
            rows = self.activity_rows(node.activities)
            self.table(rows, [], _widths(ACTIVITY_COLUMNS, len(rows[0])))
        for child in node.children:
            self.goal(child)

    # --- tables ----------------------------------------------------------------------------------

    def cell(self, text: str | None, head: bool = False) -> Paragraph | str:
        if not text:
            return ""
        return Paragraph(escape(text), self.s.cell_head if head else self.s.cell)

    def table_label(self, kind: str) -> None:
        """The heading above a table, in generations that print one ("Indikatorer")."""
        label = self.generation.table_labels.get(kind)
        if label is not None:
            self.out.append(Paragraph(escape(label), self.s.h4))

    def indicator_rows(self, rows: list[IndicatorRow]) -> tuple[list[list[Any]], list[int]]:
        """The table's rows, and which of them are comments (spanning the value columns)."""
        year = self.spec.plan_year
        head = ["Indikator", "Årsmål", f"KF:s årsmål år {year}", "Periodicitet"]
        if self.generation.indicator_header is not None:  # one target column ("Målvärde")
            head = self.generation.indicator_header.split()
        out: list[list[Any]] = [["", *(self.cell(h, True) for h in head)]]
        spans = []
        icons = self.rng.random() < 0.6
        for r in rows:
            icon = _Icon() if icons and self.rng.random() < 0.8 else ""
            values = [r.target, r.kf_target] if len(head) == 4 else [r.target]
            out.append([icon, self.cell(r.name), *(self.cell(v) for v in values), self.cell(r.period)])
            if r.comment:
                spans.append(len(out))
                comment = f"<b>Kommentar</b><br/>{escape(r.comment)}"
                out.append(["", Paragraph(comment, self.s.cell), *([""] * len(head))][: len(head) + 1])
        return out, spans

    def activity_rows(self, rows: list[ActivityRow]) -> list[list[Any]]:
        head = ["Aktivitet", "Startdatum", "Slutdatum"]
        if self.generation.activity_header is not None:
            head = self.generation.activity_header.split()
        out: list[list[Any]] = [[self.cell(h, True) for h in head]]
        out += [[self.cell(r.text), self.cell(r.start), self.cell(r.end)] for r in rows]
        return out

    def table(self, rows: list[list[Any]], spans: list[int], widths: tuple[float, ...]) -> None:
        commands: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, black),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        commands += [("SPAN", (1, i), (-1, i)) for i in spans]
        repeat = 1 if self.rng.random() < 0.7 else 0  # continued on the next page with or without header
        table = Table(rows, colWidths=widths, repeatRows=repeat, hAlign="CENTER", style=TableStyle(commands))
        self.out += [Spacer(1, 4), table, Spacer(1, 8)]


def _widths(widths: tuple[float, ...], columns: int) -> tuple[float, ...]:
    """Column widths for a table of ``columns`` columns: where a generation prints fewer value
    columns, its value column takes the width of the ones it stands for."""
    if columns >= len(widths):
        return widths
    merged = len(widths) - columns + 1
    value = 2 if len(widths) == len(INDICATOR_COLUMNS) else 1  # the first value column
    return (*widths[:value], sum(widths[value : value + merged]), *widths[value + merged :])


def render_pdf(spec: PlanSpec, path: Path | str, seed: int) -> int:
    """Write ``spec`` as a PDF to ``path``; ``seed`` drives the local layout choices. Returns
    the number of pages."""
    rng = random.Random(seed * 7919 + 29)
    furniture = _Furniture(spec, seed)
    doc = _Doc(
        str(path),
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=PAGE_W - RIGHT,
        topMargin=TEXT_TOP,
        bottomMargin=TEXT_BOTTOM,
        title=f"{spec.plan_type} {spec.plan_year} {spec.unit}",
        author=f"{spec.district} stadsdelsförvaltning",
        subject="Tjänsteutlåtande",
        invariant=1,
    )
    frame = Frame(LEFT, TEXT_BOTTOM, RIGHT - LEFT, PAGE_H - TEXT_TOP - TEXT_BOTTOM, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = _Story(spec, rng).build()
    maker = _canvas_maker(furniture)
    if spec.layout.toc:
        doc.multiBuild(story, canvasmaker=maker)
    else:
        doc.build(story, canvasmaker=maker)
    return doc.page


def write_pdf_document(out: Path, name: str, seed: int, gold_dir: Path | None, **overrides: Any) -> Path:
    """Render one plan to ``out/<name>.pdf`` and, if asked, its gold to ``gold_dir``."""
    spec = random_plan(seed, **overrides)
    path = out / f"{name}.pdf"
    render_pdf(spec, path, seed)
    if gold_dir is not None:
        text = json.dumps(gold_of(spec, path.name), ensure_ascii=False, indent=1) + "\n"
        (gold_dir / f"{name}.gold.json").write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    from plans_dev.synth.__main__ import doc_seed

    ap = argparse.ArgumentParser(prog="python -m plans_dev.synth.pdf", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="directory for the .pdf documents")
    ap.add_argument("--n", type=int, default=10, help="number of documents")
    ap.add_argument("--seed", type=int, default=0, help="seed of the run")
    ap.add_argument("--gold", type=Path, help="directory for the .gold.json files (optional)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.gold is not None:
        args.gold.mkdir(parents=True, exist_ok=True)
    for i in range(args.n):
        write_pdf_document(args.out, f"synth_{args.seed}_{i}", doc_seed(args.seed, i), args.gold)
    print(f"wrote {args.n} PDF documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
