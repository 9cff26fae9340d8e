"""Legacy .rtf and .doc files converted by the real LibreOffice (skipped where it is not
installed), and what happens without it or past the time limit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.extract import ExtractOptions
from pipeline.extract.errors import ExtractError
from pipeline.extract.structured.legacy import read_legacy
from pipeline.extract.structured.libreoffice import convert_to_docx, soffice_path

needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
)

RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}"
    r"\pard\b Inledning\b0\par"
    r"\pard Enheten arbetar med trygghet i v\'e5r stadsdel.\par"
    r"\trowd\cellx3000\cellx5000\cellx7000"
    r"\intbl Aktivitet\cell Startdatum\cell Slutdatum\cell\row"
    r"\trowd\cellx3000\cellx5000\cellx7000"
    r"\intbl Utbilda personal\cell 2026-01-01\cell\cell\row"
    r"\pard\par}"
)


@needs_libreoffice
def test_rtf_is_converted_and_read_with_its_cells(tmp_path: Path) -> None:
    path = tmp_path / "plan.rtf"
    path.write_text(RTF, encoding="ascii")
    source = read_legacy(path, ExtractOptions())
    lines = [line for line in source.lines if line.text]
    assert [(ln.text, ln.bold) for ln in lines[:2]] == [
        ("Inledning", True),
        ("Enheten arbetar med trygghet i vår stadsdel.", False),
    ]
    assert [ln.cells for ln in lines if ln.cells] == [
        ("Aktivitet", "Startdatum", "Slutdatum"),
        ("Utbilda personal", "2026-01-01", ""),
    ]
    assert (source.source_format, source.extraction, source.n_pages) == ("rtf", "libreoffice_docx", None)


@needs_libreoffice
def test_a_doc_named_docx_is_read_through_libreoffice(tmp_path: Path) -> None:
    from pipeline.extract.structured.docx import read_docx
    from plans_dev.synth.formats import convert_with_libreoffice

    document = docx.Document()
    document.add_heading("Inledning", level=1)
    document.add_paragraph("Enheten arbetar med trygghet.")
    document.save(str(tmp_path / "plan.docx"))
    doc = convert_with_libreoffice(tmp_path / "plan.docx", "doc:MS Word 97", tmp_path / "out")
    renamed = tmp_path / "really_a_doc.docx"
    shutil.copy(doc, renamed)
    source = read_docx(renamed, ExtractOptions())
    assert [ln.text for ln in source.lines if ln.text] == ["Inledning", "Enheten arbetar med trygghet."]
    assert (source.source_format, source.extraction) == ("doc", "libreoffice_docx")


def test_without_libreoffice_the_problem_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    path = tmp_path / "plan.rtf"
    path.write_text(RTF, encoding="ascii")
    with pytest.raises(ExtractError) as err:
        read_legacy(path, ExtractOptions())
    assert err.value.code == "libreoffice_missing"
    assert str(path) in err.value.message and "libreoffice-writer-nogui" in err.value.message


def test_past_the_time_limit_libreoffice_and_its_children_are_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in ``soffice`` that hangs with a child: both are gone after the timeout."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    pids = tmp_path / "pids"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pids}\nsleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent) + os.pathsep + "/usr/bin:/bin")
    path = tmp_path / "plan.doc"
    path.write_bytes(b"{\\rtf1 x}")
    started = time.monotonic()
    with pytest.raises(ExtractError) as err:
        convert_to_docx(path, path.read_bytes(), 1.0)
    assert err.value.code == "timeout" and time.monotonic() - started < 10
    child = Path(f"/proc/{int(pids.read_text())}/status")
    time.sleep(0.2)
    assert not child.exists() or "State:\tZ" in child.read_text()  # gone, or dead and not yet reaped


@needs_libreoffice
def test_bytes_libreoffice_cannot_convert_are_refused_with_a_code(tmp_path: Path) -> None:
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    with pytest.raises(ExtractError) as err:
        read_legacy(path, ExtractOptions(time_limit=60))
    assert err.value.code == "corrupt" and str(path) in err.value.message


@needs_libreoffice
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_mutated_rtf_is_read_or_refused_with_a_code(tmp_path: Path, data: st.DataObject) -> None:
    """Random damage to an RTF (LibreOffice takes a second or two a file: few examples)."""
    raw = bytearray(RTF.encode("ascii"))
    for _ in range(data.draw(st.integers(1, 10))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = tmp_path / "mutated.rtf"
    path.write_bytes(bytes(raw))
    try:
        source = read_legacy(path, ExtractOptions(time_limit=60))
    except ExtractError as exc:
        assert exc.code in {"corrupt", "empty", "timeout"}
    else:
        assert source.source_format == "rtf"


@needs_libreoffice
def test_libreoffice_dies_with_a_worker_killed_mid_conversion(tmp_path: Path) -> None:
    """The pool kills a worker at its limits without running its ``finally``: the office
    process it started must not live on (the ``soffice`` launcher forks it, so it is started
    directly, tied to the worker)."""
    big = tmp_path / "big.rtf"
    body = "".join(rf"\pard Stycke {i} om trygghet och v\'e5r verksamhet.\par" for i in range(60_000))
    big.write_text(r"{\rtf1\ansi\ansicpg1252 " + body + "}", encoding="ascii")
    script = (
        "from pathlib import Path; from pipeline.extract.structured.libreoffice import convert_to_docx;"
        f"p = Path({str(big)!r}); convert_to_docx(p, p.read_bytes(), 120)"
    )
    worker = subprocess.Popen([sys.executable, "-c", script])
    office = _wait_for_child_named("soffice", worker.pid, seconds=30)
    worker.kill()
    worker.wait()
    time.sleep(1.0)
    stat = Path(f"/proc/{office}/stat")
    assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def _wait_for_child_named(name: str, parent: int, seconds: float) -> int:
    """The pid of a process whose command starts with ``name`` and whose parent is ``parent``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                comm = (entry / "comm").read_text().strip()
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if comm.startswith(name) and ppid == parent:
                return int(entry.name)
        time.sleep(0.05)
    raise AssertionError(f"no {name} process started by {parent} within {seconds} s")
