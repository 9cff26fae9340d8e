"""The report site: ``index.html`` (every plan, doubtful first), one page per plan under
``plans/``, page pictures under ``pages/``, scripts and style under ``assets/``. It opens from
the file system: no server, nothing fetched from the network.

A rebuild renders again only the plans whose rows changed: the manifest
(``MANIFEST``, also what marks the folder as a report site) keeps each plan's digest (its
content hash, parser version, ingest time, linked goals and low-confidence word count) and its
page pictures. The pictures are named by content hash (``page_images``), so a plan read again
from the same file keeps them. Only names the manifest lists are ever deleted, and nothing
outside the site's folder is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb

from pipeline.errors import Code, PlansError
from pipeline.extract.errors import ExtractError
from pipeline.report.html import STYLE as REPORT_STYLE
from pipeline.report.html import DocumentView, load_documents
from pipeline.report.index_page import failed_files, index_data_js, index_rows, render_index
from pipeline.report.page_images import PagePicture, SourceChangedError, render_image_pages, render_pdf_pages
from pipeline.report.plan_page import render_plan_page
from pipeline.store.reader import current_snapshot
from pipeline.store.writer import RUN_FILE

#: The site's manifest; a folder holding it is a report site that a rebuild may write into.
MANIFEST = ".plans-report.json"
#: Changes whenever the pages look different: every plan page is rendered again.
SITE_VERSION = "2"
ASSETS = ("site.css", "index.js", "plan.js")
#: Plans rendered per batch of rows loaded from the catalog (bounds the memory of a rebuild).
BATCH = 200


class ReportOutError(PlansError, ValueError):
    """``--out`` is not empty and not a report site: it is left as it is."""

    code = Code.REPORT_OUT_FOREIGN


@dataclass
class SiteSummary:
    """What a build did, for the command's output and the benchmarks."""

    out: Path
    plans: int
    rendered: int
    pictures_rendered: int
    removed: int
    seconds: float
    notes: list[str] = field(default_factory=list)


def _claim(out: Path) -> dict[str, Any]:
    """The manifest of the site at ``out`` (empty for a new one); raises for a foreign folder."""
    if out.exists() and not out.is_dir():
        raise ReportOutError(f"--out {out} is a file, not a folder for the report site")
    manifest_path = out / MANIFEST
    if manifest_path.is_file():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ReportOutError(
                f"--out {out}: its {MANIFEST} cannot be read ({exc}); remove the folder"
            ) from exc
        if manifest.get("kind") == "plans-report":
            return manifest
        raise ReportOutError(f"--out {out}: {MANIFEST} is not a report site's manifest")
    if out.is_dir() and any(out.iterdir()):
        raise ReportOutError(
            f"--out {out} is a folder that is not empty and not a report site; choose an empty or new folder"
        )
    return {"kind": "plans-report", "plans": {}}


def _low_confidence(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[dict[str, Any]]:
    """The document's words OCR read with low confidence (``ocr_doubtful_words``), in page order."""
    cursor = con.execute(
        "SELECT word AS text, confidence, page, x0, top, x1, bottom FROM ocr_doubtful_words "
        "WHERE doc_id = ? ORDER BY page, top, x0",
        [doc_id],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def _digests(con: duckdb.DuckDBPyConnection, archive: Path | None) -> dict[str, str]:
    """Each document's digest: what its page shows depends on nothing else."""
    groups: dict[str, str] = {}
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "goal_groups" in tables:
        groups = dict(
            con.execute(
                "SELECT doc_id, string_agg(goal_id || ':' || group_docs, ',' ORDER BY goal_id) "
                "FROM goal_groups GROUP BY doc_id"
            ).fetchall()
        )
    counts = dict(con.execute("SELECT doc_id, count(*) FROM ocr_doubtful_words GROUP BY doc_id").fetchall())
    out = {}
    for doc_id, sha, path, parser, ingested in con.execute(
        "SELECT doc_id, source_sha256, source_path, parser_version, CAST(ingested_at AS VARCHAR) "
        "FROM documents"
    ).fetchall():
        source = archive / path if archive is not None else None
        present = source is not None and source.is_file()
        key = json.dumps(
            [SITE_VERSION, sha, path, parser, ingested, groups.get(doc_id), counts.get(doc_id, 0), present]
        )
        out[doc_id] = hashlib.sha256(key.encode()).hexdigest()[:24]
    return out


def _archive_root(run_info: dict[str, Any], archive: Path | None) -> Path | None:
    """Where the documents' ``source_path``s start: ``archive``, else the ingest's input."""
    root = archive or (Path(run_info["input"]) if run_info.get("input") else None)
    if root is not None and root.is_file():
        root = root.parent
    return root


def _paged_kind(meta: dict) -> str | None:
    """ "pdf" or "image" for a document with pages as printed, else None."""
    if meta.get("source_format") == "pdf":
        return "pdf"
    return "image" if meta.get("extraction") == "image_ocr" else None


def _pictures(doc: DocumentView, root: Path | None, folder: Path) -> tuple[list[PagePicture], str | None]:
    """The document's page pictures, or none and why."""
    meta = doc.meta
    render = {"pdf": render_pdf_pages, "image": render_image_pages}.get(_paged_kind(meta))
    if render is None:
        return [], (
            f"No page pictures: read from a {meta.get('source_format')} file, which has no fixed pages "
            "or positions (only PDFs, text layer or scan, and image scans are shown as printed)."
        )
    if root is None:
        return [], "No page pictures: the archive is unknown (give --archive)."
    source = root / meta["source_path"]
    if not source.is_file():
        return [], f"No page pictures: {source} is not there any more."
    try:
        return render(source, meta["source_sha256"], folder), None
    except (ExtractError, SourceChangedError) as exc:
        return [], f"No page pictures: {exc}"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_site(parsed_dir: str | Path, out: str | Path, archive: str | Path | None = None) -> SiteSummary:
    """Write (or bring up to date) the report site of ``parsed_dir`` in the folder ``out``.
    ``archive`` is the folder the plans were ingested from (default: the ingest's input)."""
    from pipeline.catalog import connect

    started = time.perf_counter()
    parsed_dir, out = Path(parsed_dir), Path(out)
    manifest = _claim(out)
    snapshot = current_snapshot(parsed_dir)
    run_file = (snapshot or parsed_dir) / RUN_FILE
    run_info = json.loads(run_file.read_text(encoding="utf-8")) if run_file.is_file() else {}
    con = connect(parsed_dir, all_copies=True)  # checking an ingest: every document, copies too
    root = _archive_root(run_info, Path(archive) if archive else None)

    for sub in ("plans", "pages", "assets"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    old: dict[str, dict[str, Any]] = manifest.get("plans", {})
    digests = _digests(con, root)
    changed = [d for d, digest in digests.items() if old.get(d, {}).get("digest") != digest
               or not (out / "plans" / f"{d}.html").is_file()]  # fmt: skip
    plans = {d: entry for d, entry in old.items() if d in digests}
    pictures_before = len(list((out / "pages").glob("*.png")))
    notes: list[str] = []
    for start in range(0, len(changed), BATCH):
        for doc in load_documents(con, changed[start : start + BATCH]):
            doc_id = doc.meta["doc_id"]
            pictures, note = _pictures(doc, root, out / "pages")
            words = _low_confidence(con, doc_id)
            _write(out / "plans" / f"{doc_id}.html", render_plan_page(doc, pictures, words, note=note))
            plans[doc_id] = {"digest": digests[doc_id], "pictures": [p.as_json() for p in pictures]}
            if note and _paged_kind(doc.meta):
                notes.append(note)
    removed = _remove_stale(out, old, plans)
    for name in ASSETS:
        _write(out / "assets" / name, files("pipeline.report").joinpath("static", name).read_text("utf-8"))
    _write(out / "assets" / "report.css", REPORT_STYLE)  # the one-page report's, shared by every plan page
    run = {k: run_info.get(k) for k in ("run_id", "created_at", "parser_version", "input") if run_info.get(k)}
    _write(out / "index-data.js", index_data_js(index_rows(con), failed_files(con), run))
    _write(out / "index.html", render_index(f"Plans report: {parsed_dir.resolve().name}"))
    _write(out / MANIFEST, json.dumps({"kind": "plans-report", "version": SITE_VERSION, "plans": plans}))
    pictures_after = len(list((out / "pages").glob("*.png")))
    return SiteSummary(
        out=out,
        plans=len(digests),
        rendered=len(changed),
        pictures_rendered=max(0, pictures_after - pictures_before + removed[1]),
        removed=removed[0],
        seconds=time.perf_counter() - started,
        notes=notes,
    )


def _remove_stale(
    out: Path, old: dict[str, dict[str, Any]], plans: dict[str, dict[str, Any]]
) -> tuple[int, int]:
    """Delete the pages of plans that are gone and pictures no plan shows any more (only names
    the old manifest lists); (plan pages, pictures) removed."""
    kept = {p[1] for entry in plans.values() for p in entry.get("pictures", [])}
    pages = pictures = 0
    for doc_id, entry in old.items():
        if doc_id not in plans:
            (out / "plans" / f"{doc_id}.html").unlink(missing_ok=True)
            pages += 1
        for picture in entry.get("pictures", []):
            name = str(picture[1])
            if name not in kept and "/" not in name and (out / "pages" / name).is_file():
                (out / "pages" / name).unlink()
                pictures += 1
    return pages, pictures


def site_size(out: Path) -> int:
    """Bytes of every file in the site."""
    return sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


__all__ = ["MANIFEST", "ReportOutError", "SiteSummary", "site_size", "write_site"]
