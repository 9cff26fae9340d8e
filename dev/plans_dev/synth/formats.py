"""Synthetic plans written in the formats archives hold besides text and PDF: Word (.docx,
python-docx), OpenDocument (.odt, odfpy), a page of the city's web site (.html), legacy Word
and RTF (.doc, .rtf: the .docx converted by LibreOffice) and scans kept as images (.tif
multi-page: the PDF rendering rasterised with a slight skew and blur).

    python -m plans_dev.synth.formats --out DIR --gold DIR --n N --seed S [--formats docx,odt,...]

Each document varies its style: headings as Word heading styles or as bold normal
paragraphs, tables with an icon column or not, comment rows merged across the columns, a
table continued after a page break as a second table with or without its header, equal end
dates merged down. Page headers and footers go where the format keeps them (Word and
OpenDocument section parts, the site's header and footer), so a reader that mixes them into
the text fails the furniture check. The gold is ``gold_of(spec)`` for every format.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path

from plans_dev.synth.blocks import Heading, Para, TableBlock, plan_blocks
from plans_dev.synth.gold import gold_of
from plans_dev.synth.spec import PlanSpec, random_plan

FORMATS = ("docx", "odt", "html", "doc", "rtf", "tif")


def _rng(seed: int) -> random.Random:
    return random.Random(seed * 104729 + 7)


def _table_parts(t: TableBlock) -> list[tuple[bool, list[int]]]:
    """(with header, row indices) of each Word/ODF table the table is written as."""
    rows = list(range(len(t.rows)))
    if t.split_at is None:
        return [(True, rows)]
    return [(True, rows[: t.split_at]), (t.repeat_header, rows[t.split_at :])]


def _cells(t: TableBlock, row: list[str | None]) -> list[str]:
    return ([""] if t.icon else []) + [c or "" for c in row]


# --- Word ------------------------------------------------------------------------------------


def write_docx(spec: PlanSpec, path: Path, seed: int) -> None:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement

    rng = _rng(seed)
    styled = rng.random() < 0.6  # Word heading styles, else bold Normal paragraphs
    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Tjänsteutlåtande"
    section.header.add_paragraph(f"Sid 1 ({rng.randint(8, 20)})")
    footer = section.footer.paragraphs[0]
    footer.text = spec.contact.address
    section.footer.add_paragraph("start.stockholm")
    section.footer.add_paragraph(spec.contact.switchboard)

    def heading(block: Heading) -> None:
        if styled:
            doc.add_heading(block.text, level=block.depth)
        else:
            doc.add_paragraph().add_run(block.text).bold = True

    def table(t: TableBlock) -> None:
        for k, (with_header, indices) in enumerate(_table_parts(t)):
            if k:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            width = len(t.header) + t.icon
            n_rows = int(with_header) + sum(1 + (i in t.comments) for i in indices)
            table = doc.add_table(rows=n_rows, cols=width)
            table.style = "Table Grid"
            r = 0
            if with_header:
                for c, text in enumerate(_cells(t, t.header)):
                    table.cell(0, c).paragraphs[0].add_run(text).bold = True
                tr_pr = table.rows[0]._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))
                r = 1
            first = r
            for i in indices:
                for c, text in enumerate(_cells(t, t.rows[i])):
                    col = c - t.icon
                    if (i, col) in t.merge_down and r > first:
                        table.cell(r - 1, c).merge(table.cell(r, c))
                        continue
                    table.cell(r, c).text = text
                r += 1
                if i in t.comments:
                    merged = table.cell(r, int(t.icon)).merge(table.cell(r, width - 1))
                    merged.paragraphs[0].add_run("Kommentar").bold = True
                    merged.add_paragraph(t.comments[i])
                    r += 1
            doc.add_paragraph()  # Word keeps a paragraph after every table

    for block in plan_blocks(spec, rng):
        if isinstance(block, Heading):
            heading(block)
        elif isinstance(block, Para):
            doc.add_paragraph(block.text, style="List Bullet" if block.bullet else None)
        else:
            table(block)
    doc.core_properties.author = f"{spec.district} stadsdelsförvaltning"
    doc.save(str(path))


# --- OpenDocument ----------------------------------------------------------------------------


def write_odt(spec: PlanSpec, path: Path, seed: int) -> None:
    from odf.opendocument import OpenDocumentText
    from odf.style import (
        Footer,
        Header,
        MasterPage,
        PageLayout,
        PageLayoutProperties,
        Style,
        TableColumnProperties,
        TextProperties,
    )
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableHeaderRows, TableRow
    from odf.text import H, List, ListItem, P, Span

    rng = _rng(seed)
    styled = rng.random() < 0.6
    doc = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    bold_p = Style(name="BoldPara", family="paragraph")
    bold_p.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold_p)
    layout = PageLayout(name="A4")
    layout.addElement(PageLayoutProperties(pagewidth="21cm", pageheight="29.7cm"))
    doc.automaticstyles.addElement(layout)
    column = Style(name="Col", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="4cm"))
    doc.automaticstyles.addElement(column)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header, footer = Header(), Footer()
    header.addElement(P(text="Tjänsteutlåtande"))
    for text in (spec.contact.address, "start.stockholm", spec.contact.switchboard):
        footer.addElement(P(text=text))
    master.addElement(header)
    master.addElement(footer)
    doc.masterstyles.addElement(master)

    def cell(text: str, strong: bool = False, span: int = 1) -> TableCell:
        out = TableCell(numbercolumnsspanned=span) if span > 1 else TableCell()
        p = P()
        if strong:
            p.addElement(Span(stylename=bold, text=text))
        elif text:
            p.addText(text)
        out.addElement(p)
        return out

    def table(t: TableBlock) -> None:
        width = len(t.header) + t.icon
        for k, (with_header, indices) in enumerate(_table_parts(t)):
            if k:
                doc.text.addElement(P(text=""))
            table = Table(name=f"T{rng.randrange(10**9)}")
            for _ in range(width):
                table.addElement(TableColumn(stylename=column))
            if with_header:
                head = TableHeaderRows()
                row = TableRow()
                for text in _cells(t, t.header):
                    row.addElement(cell(text, strong=True))
                head.addElement(row)
                table.addElement(head)
            first = True
            for i in indices:
                row = TableRow()
                for c, text in enumerate(_cells(t, t.rows[i])):
                    if (i, c - t.icon) in t.merge_down and not first:
                        row.addElement(CoveredTableCell())
                    else:
                        out = cell(text)
                        span = _run_length(t, indices, i, c - t.icon)
                        if span > 1:
                            out.setAttribute("numberrowsspanned", str(span))
                        row.addElement(out)
                table.addElement(row)
                first = False
                if i in t.comments:
                    row = TableRow()
                    if t.icon:
                        row.addElement(cell(""))
                    comment = TableCell(numbercolumnsspanned=len(t.header))
                    label = P()
                    label.addElement(Span(stylename=bold, text="Kommentar"))
                    comment.addElement(label)
                    comment.addElement(P(text=t.comments[i]))
                    row.addElement(comment)
                    for _ in range(len(t.header) - 1):
                        row.addElement(CoveredTableCell())
                    table.addElement(row)
            doc.text.addElement(table)

    items: List | None = None
    for block in plan_blocks(spec, rng):
        if isinstance(block, Para) and block.bullet:
            if items is None:
                items = List()
                doc.text.addElement(items)
            item = ListItem()
            item.addElement(P(text=block.text))
            items.addElement(item)
            continue
        items = None
        if isinstance(block, Heading):
            if styled:
                doc.text.addElement(H(outlinelevel=block.depth, text=block.text))
            else:
                doc.text.addElement(P(stylename=bold_p, text=block.text))
        elif isinstance(block, Para):
            doc.text.addElement(P(text=block.text))
        else:
            table(block)
    doc.save(str(path))


def _run_length(t: TableBlock, indices: list[int], i: int, col: int) -> int:
    """Rows a cell at row i spans down (itself and the merged rows after it)."""
    n, k = 1, indices.index(i) + 1
    while k < len(indices) and (indices[k], col) in t.merge_down and indices[k - 1] not in t.comments:
        n, k = n + 1, k + 1
    return n


# --- HTML ------------------------------------------------------------------------------------


def write_html(spec: PlanSpec, path: Path, seed: int) -> None:
    rng = _rng(seed)
    styled = rng.random() < 0.7
    charset = rng.choice(("utf-8", "utf-8", "windows-1252", "none"))
    out: list[str] = []
    meta = {
        "utf-8": '<meta charset="utf-8">',
        "windows-1252": '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        "none": "",
    }[charset]
    out.append(f'<!DOCTYPE html>\n<html lang="sv"><head>{meta}<title>{escape(spec.unit)}</title>')
    out.append("<script>window.dataLayer = [{'page': 'Verksamhetsplan'}];</script>")
    out.append("<style>table { border-collapse: collapse } td { border: 1px solid }</style></head><body>")
    out.append('<header class="site"><a href="/">start.stockholm</a><p>Tjänsteutlåtande</p></header>')
    out.append('<nav><ul><li><a href="/a">Förskola</a></li><li><a href="/b">Kontakta oss</a></li></ul></nav>')
    out.append("<main>")
    bullets = False
    for block in plan_blocks(spec, rng):
        if isinstance(block, Para) and block.bullet:
            if not bullets:
                out.append("<ul>")
                bullets = True
            out.append(f"<li>{escape(block.text)}</li>")
            continue
        if bullets:
            out.append("</ul>")
            bullets = False
        if isinstance(block, Heading):
            if styled:
                out.append(f"<h{block.depth}>{escape(block.text)}</h{block.depth}>")
            else:
                out.append(f"<p><strong>{escape(block.text)}</strong></p>")
        elif isinstance(block, Para):
            out.append(f"<p>{escape(block.text)}</p>")
        else:
            out.append(_html_table(block))
    if bullets:
        out.append("</ul>")
    out.append("</main>")
    c = spec.contact
    out.append(f"<footer><p>{escape(c.address)}</p><p>Telefon {escape(c.phone)}</p></footer>")
    out.append('<script src="/analytics.js"></script></body></html>\n')
    text = "\n".join(out)
    encoding = "cp1252" if charset == "windows-1252" else "utf-8"
    path.write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))


def _html_table(t: TableBlock) -> str:
    out = []
    for with_header, indices in _table_parts(t):
        out.append("<table>")
        if with_header:
            head = "".join(f"<th>{escape(h)}</th>" for h in _cells(t, t.header))
            out.append(f"<thead><tr>{head}</tr></thead>")
        out.append("<tbody>")
        for n, i in enumerate(indices):
            cells = []
            for c, text in enumerate(_cells(t, t.rows[i])):
                col = c - t.icon
                if (i, col) in t.merge_down and n:
                    continue
                span = _run_length(t, indices, i, col) if col >= 0 else 1
                attr = f' rowspan="{span}"' if span > 1 else ""
                cells.append(f"<td{attr}>{escape(text)}</td>")
            out.append(f"<tr>{''.join(cells)}</tr>")
            if i in t.comments:
                icon = "<td></td>" if t.icon else ""
                comment = f"<strong>Kommentar</strong><br>{escape(t.comments[i])}"
                out.append(f'<tr>{icon}<td colspan="{len(t.header)}">{comment}</td></tr>')
        out.append("</tbody></table>")
    return "\n".join(out)


# --- legacy Word and RTF, through LibreOffice ---------------------------------------------------


def convert_with_libreoffice(source: Path, target_format: str, out_dir: Path, timeout: float = 120) -> Path:
    """``source`` converted by ``soffice --headless`` into ``out_dir`` (private profile)."""
    return convert_all_with_libreoffice([source], target_format, out_dir, timeout)[0]


def convert_all_with_libreoffice(
    sources: list[Path], target_format: str, out_dir: Path, timeout: float = 120
) -> list[Path]:
    """``sources`` converted by one ``soffice --headless`` run into ``out_dir`` (private
    profile): LibreOffice's start, a few seconds, paid once."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    with tempfile.TemporaryDirectory(prefix="synth-lo-") as profile:
        command = [
            soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", target_format, "--outdir", str(out_dir), *map(str, sources),
        ]  # fmt: skip
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)  # fmt: skip
        try:
            proc.wait(timeout=timeout * len(sources))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
    outs = [out_dir / f"{source.stem}.{target_format.split(':')[0]}" for source in sources]
    missing = [source for source, out in zip(sources, outs, strict=True) if not out.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not convert {missing[0]}")
    return outs


def write_legacy(spec: PlanSpec, path: Path, seed: int) -> None:
    """A .doc or .rtf (by ``path``'s suffix): the .docx saved again by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="synth-legacy-") as tmp:
        source = Path(tmp) / f"{path.stem}.docx"
        write_docx(spec, source, seed)
        target = {".doc": "doc:MS Word 97", ".rtf": "rtf"}[path.suffix]
        converted = convert_with_libreoffice(source, target, Path(tmp) / "out")
        shutil.move(converted, path)


# --- scans kept as images ---------------------------------------------------------------------


def scan_pages(spec: PlanSpec, seed: int, dpi: int = 200, max_pages: int | None = None) -> list:
    """The plan's PDF rendering as grayscale page pictures with a slight skew and noise."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    from plans_dev.synth.pdf import render_pdf

    rng = _rng(seed)
    with tempfile.TemporaryDirectory(prefix="synth-scan-") as tmp:
        pdf_path = Path(tmp) / "plan.pdf"
        render_pdf(spec, pdf_path, seed)
        pdf = pdfium.PdfDocument(str(pdf_path))
        pictures = []
        for k in range(len(pdf) if max_pages is None else min(len(pdf), max_pages)):
            page = pdf[k]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            angle = rng.uniform(-0.6, 0.6)
            image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255, expand=False)
            image = image.filter(ImageFilter.GaussianBlur(0.4))
            pictures.append(image)
        pdf.close()
    return pictures


def write_tiff(spec: PlanSpec, path: Path, seed: int) -> None:
    """A multi-page TIFF as a document scanner writes it: every page a frame, 200 dpi."""
    pictures = scan_pages(spec, seed)
    pictures[0].save(path, save_all=True, append_images=pictures[1:], compression="tiff_lzw", dpi=(200, 200))


WRITERS: dict[str, Callable[[PlanSpec, Path, int], None]] = {
    "docx": write_docx,
    "odt": write_odt,
    "html": write_html,
    "doc": write_legacy,
    "rtf": write_legacy,
    "tif": write_tiff,
}


def write_format_document(out: Path, name: str, fmt: str, seed: int, gold_dir: Path | None) -> Path:
    """One plan as ``out/<name>.<fmt>`` and, if asked, its gold."""
    spec = random_plan(seed, ocr=False)
    path = out / f"{name}.{fmt}"
    WRITERS[fmt](spec, path, seed)
    if gold_dir is not None:
        text = json.dumps(gold_of(spec, path.name), ensure_ascii=False, indent=1) + "\n"
        (gold_dir / f"{name}.gold.json").write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    from plans_dev.synth.__main__ import doc_seed

    ap = argparse.ArgumentParser(
        prog="python -m plans_dev.synth.formats", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--gold", type=Path)
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--formats", default="docx,odt,html,doc,rtf", help=f"of {','.join(FORMATS)}")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.gold:
        args.gold.mkdir(parents=True, exist_ok=True)
    for fmt in args.formats.split(","):
        for i in range(args.n):
            write_format_document(args.out, f"{fmt}_{args.seed}_{i}", fmt, doc_seed(args.seed, i), args.gold)
    print(f"wrote {args.n} documents per format to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
