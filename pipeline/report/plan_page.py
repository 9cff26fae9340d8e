"""One plan's page of the report site: what was read (goal tree, tables, sections, problems,
repairs) beside the pictures of its pages, with a box drawn round everything read from it.

The boxes are SVG rectangles in a ``viewBox`` of the page's size in PDF points, laid over the
page's picture, so the stored boxes (points, top-left origin) are drawn as they are, whatever
the picture's size on screen. Every goal, section, table and row that has a box gets a
"p. N" button; it (or a click on the row) shows the box on its page, and a click on a box
shows its item. Ids are unique within the page: one document per page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from pipeline.report.html import DocumentView, Renderer, Row, _doc_title, _e
from pipeline.report.page_images import PagePicture

#: What each kind of box is called in the legend and the buttons' labels.
BOX_KINDS = {
    "goal": "goal heading",
    "section": "goal section",
    "narrative": "narrative section",
    "table": "table",
    "indicator": "indicator row",
    "activity": "activity row",
    "repair": "repaired line",
    "lowconf": "low-confidence OCR word",
}


@dataclass(frozen=True)
class DrawnBox:
    box_id: str
    kind: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    label: str


def _slug(key: object) -> str:
    parts = key if isinstance(key, tuple) else (key,)
    return "_".join("".join(ch if ch.isalnum() or ch == "-" else "_" for ch in str(p)) for p in parts)


class SiteRenderer(Renderer):
    """The report's renderer, with a "show on page" button wherever a row has a box."""

    def __init__(self, doc: DocumentView, pictures: list[PagePicture]):
        super().__init__(doc)
        self.pages = {p.number for p in pictures}
        self.boxes: list[DrawnBox] = []
        self.drawn: dict[tuple, str] = {}

    def locate(self, kind: str, key: object, row: Row) -> str:
        page, x0 = row.get("page"), row.get("x0")
        if page is None or x0 is None or page not in self.pages:
            return ""
        place = (kind, page, x0, row["top"], row["x1"], row["bottom"])
        box_id = self.drawn.get(place)  # several repairs of one line share its box
        if box_id is None:
            box_id = self.drawn[place] = f"box-{kind}-{_slug(key)}"
            label = f"{BOX_KINDS[kind]} {key if not isinstance(key, tuple) else key[1]}"
            self.boxes.append(DrawnBox(box_id, kind, *place[1:], label))
        return (
            f' <button type="button" class="locate" data-box="{box_id}" '
            f'aria-label="Show this {_e(BOX_KINDS[kind])} on page {page}">p.&nbsp;{page}</button>'
        )

    def low_confidence(self, words: list[Row]) -> str:
        """The OCR words read with low confidence: listed, and boxed on their pages."""
        if not words:
            return ""
        items = "".join(
            f"<li><mark class='lowconf'>{_e(w['text'])}</mark> "
            f"<span class='conf'>({_e(round(w['confidence']))} %)</span>"
            f"{self.locate('lowconf', n, w)}</li>"
            for n, w in enumerate(words, 1)
        )
        return (
            f'<section class="lowconf-words"><h3>Low-confidence OCR words ({len(words)})</h3>'
            f"<ul class='words'>{items}</ul></section>"
        )


def _viewer(pictures: list[PagePicture], boxes: list[DrawnBox], picture_dir: str) -> str:
    if not pictures:
        return ""
    by_page: dict[int, list[DrawnBox]] = defaultdict(list)
    for box in boxes:
        by_page[box.page].append(box)
    figures = []
    for picture in pictures:
        w, h = picture.width, picture.height
        rects = "".join(
            f'<rect id="{b.box_id}" class="box {b.kind}" x="{b.x0:.1f}" y="{b.top:.1f}" '
            f'width="{max(b.x1 - b.x0, 1):.1f}" height="{max(b.bottom - b.top, 1):.1f}" '
            f'data-page="{b.page}"><title>{_e(b.label)}</title></rect>'
            for b in by_page.get(picture.number, [])
        )
        figures.append(
            f'<figure class="page" id="page-{picture.number}" data-page="{picture.number}" '
            f'data-width="{w:.2f}" data-height="{h:.2f}">'
            f'<div class="sheet" style="aspect-ratio: {w:.2f} / {h:.2f}">'
            f'<img src="{picture_dir}/{picture.name}" alt="Page {picture.number} as printed">'
            f'<svg viewBox="0 0 {w:.2f} {h:.2f}" preserveAspectRatio="none" aria-hidden="true">{rects}</svg>'
            f"</div><figcaption>Page {picture.number} of {len(pictures)}</figcaption></figure>"
        )
    legend = "".join(
        f'<li><svg width="26" height="14" aria-hidden="true"><rect class="box {kind}" x="2" y="2" '
        f'width="22" height="10"/></svg>{_e(label)}</li>'
        for kind, label in BOX_KINDS.items()
    )
    return (
        '<aside class="viewer" aria-label="Pages as printed">'
        f'<ul class="legend">{legend}</ul><p class="shown" role="status" aria-live="polite"></p>'
        f"{''.join(figures)}</aside>"
    )


def render_plan_page(
    doc: DocumentView,
    pictures: list[PagePicture],
    low_confidence: list[Row],
    *,
    assets: str = "../assets",
    picture_dir: str = "../pages",
    note: str | None = None,
) -> str:
    """The whole page of one plan; ``note`` says why there are no page pictures, if so."""
    renderer = SiteRenderer(doc, pictures)
    article = renderer.article()
    words = renderer.low_confidence(low_confidence)
    viewer = _viewer(pictures, renderer.boxes, picture_dir)
    if not viewer:
        viewer = (
            '<aside class="viewer empty" aria-label="Pages as printed"><p>'
            f"{_e(note or 'No page pictures.')}</p></aside>"
        )
    title = _doc_title(doc.meta)
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} · plans report</title>
<link rel="stylesheet" href="{assets}/report.css">
<link rel="stylesheet" href="{assets}/site.css">
</head>
<body class="plan">
<a class="skip" href="#structure">Skip to what was read</a>
<nav class="crumbs"><a href="../index.html">← All plans</a></nav>
<div class="split">
<main id="structure" class="structure" tabindex="-1">
{article}
{words}
</main>
{viewer}
</div>
<script src="{assets}/plan.js"></script>
</body>
</html>
"""
