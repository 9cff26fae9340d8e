"""The Word reader on real .docx files made here with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import ExtractOptions, extract
from pipeline.extract.errors import ExtractError
from pipeline.extract.structured.docx import read_docx

OPTIONS = ExtractOptions()


def texts(path: Path) -> list[str]:
    return [line.text for line in read_docx(path, OPTIONS).lines if line.text]


def save(document: docx.document.Document, path: Path) -> Path:
    document.save(str(path))
    return path


def indicator_table(document: docx.document.Document) -> None:
    table = document.add_table(rows=4, cols=5)
    for c, text in enumerate(["", "Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["", "Andel nöjda brukare", "90 %", "", "År"]):  # an icon column, an empty cell
        table.cell(1, c).text = text
    comment = table.cell(2, 1).merge(table.cell(2, 4))
    comment.paragraphs[0].add_run("Kommentar").bold = True
    comment.add_paragraph("Mäts i brukarundersökningen.")
    for c, text in enumerate(["", "Sjukfrånvaro", "6 %", "7 %", "Tertial"]):
        table.cell(3, c).text = text


def test_headings_lists_and_table_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Inledning", level=1)
    document.add_paragraph("Enheten arbetar med trygghet.")
    document.add_paragraph().add_run("Nämndmål: Alla ska känna sig trygga").bold = True
    document.add_paragraph("Fler aktiviteter", style="List Bullet")
    document.add_paragraph("Första steget", style="List Number")
    document.add_paragraph("Andra steget", style="List Number")
    indicator_table(document)
    source = read_docx(save(document, tmp_path / "plan.docx"), OPTIONS)
    lines = [line for line in source.lines if line.text]
    assert [(ln.text, ln.bold) for ln in lines[:6]] == [
        ("Inledning", True),
        ("Enheten arbetar med trygghet.", False),
        ("Nämndmål: Alla ska känna sig trygga", True),
        ("• Fler aktiviteter", False),
        ("1. Första steget", False),
        ("2. Andra steget", False),
    ]
    rows = [ln for ln in lines if ln.cells is not None]
    assert [ln.cells for ln in rows] == [
        ("Indikator", "Årsmål", "KF:s årsmål år 2026", "Periodicitet"),
        ("Andel nöjda brukare", "90 %", "", "År"),  # the icon column left out, the empty cell kept
        ("Sjukfrånvaro", "6 %", "7 %", "Tertial"),
    ]
    assert "Kommentar Mäts i brukarundersökningen." in [ln.text for ln in lines if ln.cells is None]
    assert source.n_pages is None and {ln.page for ln in source.lines} == {None}
    assert (source.source_format, source.extraction) == ("docx", "docx")


def test_vertically_merged_cell_holds_for_every_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for c, text in enumerate(["Aktivitet", "Startdatum", "Slutdatum"]):
        table.cell(0, c).text = text
    table.cell(1, 0).text, table.cell(1, 1).text = "Utbilda personal", "2026-01-01"
    table.cell(2, 0).text, table.cell(2, 1).text = "Införa bildstöd", "2026-03-01"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "2026-12-31"
    cells = [ln.cells for ln in read_docx(save(document, tmp_path / "a.docx"), OPTIONS).lines if ln.cells]
    assert cells[1:] == [
        ("Utbilda personal", "2026-01-01", "2026-12-31"),
        ("Införa bildstöd", "2026-03-01", "2026-12-31"),
    ]


def test_a_table_split_at_a_page_break_goes_on(tmp_path: Path) -> None:
    document = docx.Document()
    first = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Aktivitet", "Startdatum", "Slutdatum"]):
        first.cell(0, c).text = text
    for c, text in enumerate(["Utbilda personal", "2026-01-01", "2026-06-30"]):
        first.cell(1, c).text = text
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    second = document.add_table(rows=1, cols=3)
    for c, text in enumerate(["Införa bildstöd", "2026-03-01", ""]):
        second.cell(0, c).text = text
    lines = read_docx(save(document, tmp_path / "split.docx"), OPTIONS).lines
    assert [ln.cells for ln in lines] == [
        ("Aktivitet", "Startdatum", "Slutdatum"),
        ("Utbilda personal", "2026-01-01", "2026-06-30"),
        ("Införa bildstöd", "2026-03-01", ""),
    ]


def test_headers_footers_comments_and_deletions_stay_out(tmp_path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Tjänsteutlåtande Sid 1 (4)"
    section.footer.paragraphs[0].text = "start.stockholm 08-508 00 000"
    paragraph = document.add_paragraph("Målet nås ")
    run = paragraph.add_run("under året")
    document.add_comment(run, text="Stämmer detta?", author="Granskare")
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for change, tag, text in ((inserted, "w:t", " med stöd"), (deleted, "w:delText", " utan stöd")):
        change.set(qn("w:id"), "1" if change is inserted else "2")
        change.set(qn("w:author"), "Granskare")
        r, t = OxmlElement("w:r"), OxmlElement(tag)
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
        change.append(r)
        paragraph._p.append(change)
    assert texts(save(document, tmp_path / "c.docx")) == ["Målet nås under året med stöd"]


# --- bad input -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    document = docx.Document()
    document.add_heading("Inledning", level=1)
    document.add_paragraph("Enheten arbetar med trygghet.")
    indicator_table(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def refused(path: Path) -> ExtractError:
    with pytest.raises(ExtractError) as err:
        extract(path)
    assert str(path) in err.value.message
    return err.value


def test_zip_damage_is_corrupt(tmp_path: Path, good_docx: bytes) -> None:
    path = tmp_path / "cut.docx"
    path.write_bytes(good_docx[: len(good_docx) // 2])
    assert refused(path).code == "corrupt"


def test_something_else_named_docx_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"%PDF-1.4\nthis is not a Word file\n")
    error = refused(path)
    assert error.code == "corrupt" and "not a Word (.docx) file" in error.message
    other = tmp_path / "sheet.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(other).code == "corrupt"


def test_password_protected_docx_is_encrypted(tmp_path: Path, good_docx: bytes) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(good_docx)).encrypt("hemligt", out)
    path = tmp_path / "locked.docx"
    path.write_bytes(out.getvalue())
    error = refused(path)
    assert error.code == "encrypted" and "password" in error.message


def test_an_empty_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert refused(path).code == "empty"


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_docx_is_read_or_refused_with_a_code(
    tmp_path: Path, good_docx: bytes, data: st.DataObject
) -> None:
    """Random byte damage anywhere in the zip: a document or a coded error, nothing else."""
    raw = bytearray(good_docx)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    path = tmp_path / "mutated.docx"
    path.write_bytes(bytes(raw))
    try:
        source = read_docx(path, OPTIONS)
    except ExtractError as exc:
        assert exc.code in {"corrupt", "empty", "encrypted"}
    else:
        assert source.source_format == "docx"
