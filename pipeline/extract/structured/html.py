"""Pages saved from a web site (.html, .htm), read with selectolax (lexbor).

The plan is the page's main content: ``<main>`` (or ``role="main"``, else ``<article>``,
else ``<body>``), without the site's navigation, header, footer, forms and scripts.
Headings come from ``h1``–``h6`` and from paragraphs set in ``<strong>``/``<b>`` throughout,
list items get their bullet or number, tables keep their cells (``colspan``, ``rowspan``).
The charset is the one a byte order mark or ``<meta>`` declares, else UTF-8 when the bytes
are UTF-8, else what the text reader's detection finds. A page has no page numbers.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from pipeline.errors import Code
from pipeline.extract.errors import ExtractError
from pipeline.extract.options import ExtractOptions
from pipeline.extract.source_bytes import read_source_bytes
from pipeline.extract.structured.lines import Cell, LineBuilder
from pipeline.extract.text.encoding import decode_bytes
from pipeline.model import Line, SourceDocument

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: Labels browsers read as another codec (WHATWG Encoding: latin-1 is windows-1252).
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "iso8859-1": "cp1252"}  # fmt: skip
_SKIP = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "head", "title", "object", "canvas", "dialog",
})  # fmt: skip
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "dl", "dt", "dd", "figure",
    "figcaption", "address", "hr", "center", "body", "html", "details", "summary", "li",
})  # fmt: skip
_BOLD = frozenset({"strong", "b"})
#: Deeper nesting than this is not a page a person wrote; it is read as flat text.
MAX_DEPTH = 200


def read_html(path: Path, options: ExtractOptions) -> SourceDocument:
    """The reader of ``pipeline.extract.readers`` for .html and .htm."""
    path = Path(path)
    data = read_source_bytes(path)
    text, encoding = decode_html(path, data)
    lines = html_lines(text)
    if not any(line.text for line in lines):
        raise ExtractError(Code.EMPTY, f"{path}: the page holds no text in its main content")
    return SourceDocument(
        source_path=str(path),
        source_sha256=hashlib.sha256(data).hexdigest(),
        source_format="html",
        extraction="html",
        lines=lines,
        encoding=encoding,
        n_pages=None,
        has_pages=False,
    )


def decode_html(path: Path, data: bytes) -> tuple[str, str]:
    """The page's text and its encoding: BOM, then ``<meta>``, then UTF-8, then detection."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, codec in boms:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    match = _META_CHARSET.search(data[:4096])
    if match:
        label = match.group(1).decode("ascii", "replace").lower()
        codec = _ALIASES.get(label, label)
        try:
            codecs.lookup(codec)
        except LookupError:
            codec = None
        if codec is not None and not codec.startswith(("utf-16", "utf-32")):
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(data)
    except ExtractError as exc:
        raise ExtractError(exc.code, f"{path}: {exc.message}") from exc


def html_lines(text: str) -> list[Line]:
    """The lines of the page's main content."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    root = tree.css_first("main") or tree.css_first('[role="main"]') or tree.css_first("article") or tree.body
    out = LineBuilder()
    if root is not None:
        walker = _Walker(out, _furniture(root))
        walker.layout_tables = root.css_first(_LAYOUT) is not None
        walker.block(root, 0)
    return out.lines


#: Candidates for ``_furniture``: ``[role]`` is narrowed in Python. (Elements are skipped by
#: their tag in the walk itself: 18 tag selectors cost more than the whole walk asking.)
_FURNITURE = "[hidden], [role]"


def _furniture(root) -> set[int]:
    """The elements the walk skips for their attributes (``hidden``, a navigation ``role``),
    as their ``mem_id``s, found with one query: asking each element instead builds its
    attributes' dict every time."""
    own = root.mem_id
    return {node.mem_id for node in root.css(_FURNITURE) if node.mem_id != own and _hidden(node)}


def _hidden(node) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or (attrs.get("role") or "").lower() in _SKIP_ROLES


class _Walker:
    """Depth-first over the content, one paragraph of inline text at a time."""

    def __init__(self, out: LineBuilder, furniture: set[int]) -> None:
        self.out = out
        self.furniture = furniture  # the mem_ids of elements not to read (``_furniture``)
        self.parts: list[tuple[str, bool]] = []  # inline text, and whether it is bold
        self.marker = ""  # a list item's bullet or number, for its first paragraph
        self.layout_tables = True  # may a table be the page's layout? (one query tells for all)

    def flush(self) -> None:
        parts = self.parts
        if not parts:
            return
        self.parts = []
        if len(parts) == 1:
            text, bold = parts[0]
        else:
            text = "".join([t for t, _ in parts])
            bold = all([b for t, b in parts if t.strip()])
        if text.strip():
            marker, self.marker = self.marker, ""
            self.out.paragraph(marker + text, bold=bold and not marker)

    def block(self, node, depth: int, bold: bool = False, inline: bool = False) -> None:
        """The inline text and blocks under ``node``.

        In a block (not ``inline``), whitespace-only text (the line breaks between a page's
        blocks, most of its text nodes) is skipped in C; between two inline parts it is put
        back as a space (``_space``). In an inline element it is kept: at its edges it may be
        the space between its text and the text around it."""
        skip = not inline
        furniture = self.furniture  # mostly empty: then no element is asked its mem_id
        for child in node.iter(include_text=True, skip_empty=skip):
            tag = child.tag
            if tag == "-text":
                if skip and self.parts:
                    self._space(child, bold)
                self.parts.append((child.text_content or "", bold))
            elif tag in _SKIP or (furniture and child.mem_id in furniture):
                continue
            elif depth >= MAX_DEPTH:
                if tag[0] == "-":  # a comment
                    continue
                if skip and self.parts:
                    self._space(child, bold)
                self.parts.append((child.text(separator=" ") or "", bold))
            elif tag in _BLOCKS:
                if self.parts:
                    self.flush()
                if not self._text_only(child, bold):
                    self.block(child, depth + 1, bold)
                    if self.parts:
                        self.flush()
            elif tag in _HEADINGS:
                if self.parts:
                    self.flush()
                self.out.heading(child.text(separator=" ") or "")
            elif tag == "table":
                if self.parts:
                    self.flush()
                # An old site's page laid out in a table: its cells are blocks.
                if self.layout_tables and _is_layout(child):
                    for row in _rows_of(child):
                        for cell in row.iter():
                            self.block(cell, depth + 1)
                            self.flush()
                else:
                    self.out.table(_rows(child))
            elif tag in ("ul", "ol"):
                self.flush()
                self.items(child, depth + 1, numbered=tag == "ol")
            elif tag[0] == "-":  # a comment
                continue
            else:
                if skip and self.parts:
                    self._space(child, bold)
                if tag == "br":
                    self.parts.append((" ", bold))
                else:
                    self.block(child, depth + 1, bold or tag in _BOLD, inline=True)

    def _space(self, node, bold: bool) -> None:
        """The space between inline parts that a skipped whitespace-only text node made
        (``<b>A</b> <i>B</i>``), also across comments and furniture; before a paragraph's
        first part it would be stripped."""
        before = node.prev
        while before is not None:
            if before.is_empty_text_node:
                self.parts.append((" ", bold))
                return
            if before.is_text_node or (
                before.is_element_node and before.tag not in _SKIP and before.mem_id not in self.furniture
            ):
                return
            before = before.prev

    def _text_only(self, node, bold: bool) -> bool:
        """Reads a block that holds one text and nothing else (most paragraphs: ``<p>text</p>``)
        as its paragraph, without a walk or parts of its own; says whether it was one."""
        first = node.first_child
        if first is None or first.next is not None or first.tag != "-text":
            return False
        text = first.text_content or ""
        if text.strip():  # as ``flush`` does with one part
            marker = self.marker
            if marker:
                self.marker = ""
                self.out.paragraph(marker + text)
            else:
                self.out.paragraph(text, bold)
        return True

    def items(self, node, depth: int, numbered: bool) -> None:
        n = 0
        for child in node.iter():
            if child.tag in _SKIP or child.mem_id in self.furniture:
                continue
            if child.tag != "li":
                self.block(child, depth)
                self.flush()
                continue
            n += 1
            self.marker = f"{n}. " if numbered else "• "
            self.block(child, depth + 1)  # its text, in a <p> or not
            self.flush()
            self.marker = ""


#: What a data table's cell never holds, and a layout table's cells do. (``:is`` only on the
#: right: lexbor's ``:is(td, th) table`` misses a table in a ``div`` in the cell.)
_LAYOUT = ", ".join(f"{cell} :is(table, {', '.join(sorted(_HEADINGS))})" for cell in ("td", "th"))


def _is_layout(table) -> bool:
    """Is this table the page's layout (cells holding headings or tables), not data?"""
    # Matches may include the table itself (a data table inside a layout table's cell).
    return any(node.mem_id != table.mem_id for node in table.css(_LAYOUT))


def _rows_of(table) -> list:
    """The table's own rows (not a nested table's)."""
    trs = []
    for child in table.iter():
        if child.tag == "tr":
            trs.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            trs.extend(tr for tr in child.iter() if tr.tag == "tr")
    return trs


def _rows(table) -> list[list[Cell]]:
    """The table's rows as cells, ``rowspan`` as continued cells below."""
    trs = _rows_of(table)
    rows: list[list[Cell]] = []
    pending: dict[int, tuple[int, int]] = {}  # column -> (rows still covered by a rowspan above, its colspan)
    for tr in trs:
        row: list[Cell] = []
        column = 0
        for td in tr.iter():
            if td.tag not in ("td", "th"):
                continue
            if pending:
                column = _covered(row, column, pending)
            attributes = td.attributes
            span = _int(attributes["colspan"], 1, 100) if "colspan" in attributes else 1
            if "rowspan" in attributes and (down := _int(attributes["rowspan"], 1, 1000)) > 1:
                pending[column] = (down - 1, span)
            row.append(Cell(td.text(separator=" ") or "", span))
            column += span
        if pending:
            _covered(row, column, pending)
        rows.append(row)
    return rows


def _covered(row: list[Cell], column: int, pending: dict[int, tuple[int, int]]) -> int:
    """Continued cells where a ``rowspan`` above still covers the row's next columns; the
    column after them."""
    while column in pending:
        left, span = pending[column]
        if left > 1:
            pending[column] = (left - 1, span)
        else:
            del pending[column]
        row.append(Cell("", span, continued=True))
        column += span
    return column


def _int(value: str | None, default: int, most: int) -> int:
    try:
        return min(max(int(value or default), 1), most)
    except ValueError:
        return default
