"""The report site's index: every plan with its status, doubtful plans first.

The rows are one query over the catalog (no plan's rows are loaded) and go to the browser as
a compact data file (``index-data.js``, a ``<script>``: pages opened from ``file://`` may not
fetch) that the index script sorts, filters and shows a page at a time, so that 10,000 plans
load at once.

*Doubt* orders the plans: errors weigh most, then warnings and rows the table reader could
not complete, the damage score, repairs and low-confidence OCR words. *Status* says the
same in words: "error" (an error problem), "check" (a warning, an incomplete row, damage of
at least ``DAMAGED``, or many repairs or doubtful OCR words), else "ok".
"""

from __future__ import annotations

import html
import json
from typing import Any

import duckdb

#: Damage score from which a plan is to be checked (``pipeline.lang.sv.damage``: 0 clean .. 1).
DAMAGED = 0.3
#: Repairs, or low-confidence OCR words, from which a plan is to be checked.
MANY = 20

#: The index's columns, in the order of each row of the data file.
COLUMNS = (
    "doc_id", "title", "district", "year", "read_as", "pages", "goals", "indicators", "activities",
    "errors", "warnings", "incomplete", "damage", "repairs", "lowconf", "doubt", "status", "source_path",
)  # fmt: skip


def index_rows(con: duckdb.DuckDBPyConnection) -> list[list[Any]]:
    """One row per document (``COLUMNS``), doubtful first."""
    sql = """
    WITH p AS (SELECT doc_id, count(*) FILTER (severity = 'error') AS errors,
                      count(*) FILTER (severity = 'warning') AS warnings
               FROM problems WHERE doc_id IS NOT NULL GROUP BY doc_id),
         g AS (SELECT doc_id, count(*) AS n FROM goals GROUP BY doc_id),
         i AS (SELECT doc_id, count(*) AS n, count(*) FILTER (incomplete) AS bad
               FROM indicators GROUP BY doc_id),
         a AS (SELECT doc_id, count(*) AS n, count(*) FILTER (incomplete) AS bad
               FROM activities GROUP BY doc_id),
         r AS (SELECT doc_id, count(*) AS n FROM repairs GROUP BY doc_id),
         w AS (SELECT doc_id, count(*) AS n FROM ocr_doubtful_words GROUP BY doc_id)
    SELECT d.doc_id, coalesce(d.unit, d.source_path), d.district, d.plan_year,
           d.source_format || ' / ' || d.extraction, d.n_pages,
           coalesce(g.n, 0), coalesce(i.n, 0), coalesce(a.n, 0),
           coalesce(p.errors, 0), coalesce(p.warnings, 0), coalesce(i.bad, 0) + coalesce(a.bad, 0),
           d.damage_score, coalesce(r.n, 0), coalesce(w.n, 0), d.source_path
    FROM documents d LEFT JOIN p USING (doc_id) LEFT JOIN g USING (doc_id) LEFT JOIN i USING (doc_id)
         LEFT JOIN a USING (doc_id) LEFT JOIN r USING (doc_id) LEFT JOIN w USING (doc_id)
    """
    rows = []
    for row in con.execute(sql).fetchall():
        (doc_id, title, district, year, read_as, pages, goals, indicators, activities,
         errors, warnings, incomplete, damage, repairs, lowconf, source_path) = row  # fmt: skip
        damage = None if damage is None else round(float(damage), 2)
        doubt = round(
            1000 * errors + 20 * warnings + 10 * incomplete + 100 * (damage or 0.0)
            + min(repairs, 10_000) / 10 + min(lowconf, 10_000) / 10,
            1,
        )  # fmt: skip
        if errors:
            status = "error"
        elif warnings or incomplete or (damage or 0) >= DAMAGED or repairs >= MANY or lowconf >= MANY:
            status = "check"
        else:
            status = "ok"
        rows.append([
            doc_id, title, district, year, read_as, pages, goals, indicators, activities,
            errors, warnings, incomplete, damage, repairs, lowconf, doubt, status, source_path,
        ])  # fmt: skip
    rows.sort(key=lambda row: (-row[COLUMNS.index("doubt")], str(row[1])))
    return rows


def failed_files(con: duckdb.DuckDBPyConnection) -> list[list[str]]:
    """Files that could not be read at all: (source path, code, message)."""
    return [
        list(r)
        for r in con.execute(
            "SELECT source_path, code, message FROM problems WHERE doc_id IS NULL ORDER BY source_path"
        ).fetchall()
    ]


def index_data_js(rows: list[list[Any]], failed: list[list[str]], run: dict[str, Any]) -> str:
    """The data file: one assignment the index script reads."""
    data = {"columns": COLUMNS, "rows": rows, "failed": failed, "run": run}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).replace("</", "<\\/")
    return f"window.PLANS_INDEX={text};\n"


def render_index(title: str) -> str:
    """The index page: the script fills it from the data file."""
    t = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t}</title>
<link rel="stylesheet" href="assets/site.css">
</head>
<body class="index">
<header>
<h1>{t}</h1>
<p class="run" id="run"></p>
<p class="summary" id="summary" role="status" aria-live="polite"></p>
</header>
<main>
<form class="filters" id="filters" role="search" onsubmit="return false">
<label>Search <input type="search" id="q" placeholder="unit, district, file, id" autocomplete="off"></label>
<label>Status <select id="status"><option value="">all</option><option value="error">error</option>
<option value="check">check</option><option value="ok">ok</option></select></label>
<label>Read as <select id="format"><option value="">all</option></select></label>
<label>Per page <select id="size"><option>50</option><option selected>100</option><option>500</option>
</select></label>
</form>
<table class="plans" id="plans">
<caption>Plans, doubtful first. Sort by a column with its button; Doubt weighs errors, warnings,
incomplete rows, damage, repairs and low-confidence OCR words.</caption>
<thead><tr id="head"></tr></thead>
<tbody id="rows"></tbody>
</table>
<nav class="pager" id="pager" aria-label="Pages of the list"></nav>
<section id="failed" class="failed" hidden></section>
</main>
<script src="index-data.js"></script>
<script src="assets/index.js"></script>
</body>
</html>
"""
