"""Gold annotations: loading them, and mapping them onto our table layout.

The gold format is described in ``../shared/gold/SCHEMA.md``: one JSON file per source document,
named ``<stem>.gold.json``. ``gold_to_tables`` is the written-down correspondence between gold
fields and our columns; the tests use it to build a "perfect parse".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

import pandas as pd
import pyarrow as pa

from pipeline.errors import Code, PlansError
from pipeline.store.schema import TABLES

GOLD_SUFFIX = ".gold.json"

#: Tables that gold annotates (``repairs`` and ``problems`` have no gold).
GOLD_TABLES: tuple[str, ...] = ("documents", "goals", "goal_sections", "indicators", "activities", "sections")

#: Fixed so that converting the same gold twice gives identical tables.
_GOLD_INGESTED_AT = datetime.fromisoformat("2000-01-01T00:00:00+00:00")


@dataclass(frozen=True)
class GoldFile:
    """One gold annotation; ``stem`` is the file name without ``.gold.json``, used to find the parse."""

    stem: str
    path: Path
    data: dict[str, Any]


class GoldError(PlansError, ValueError):
    """Gold that cannot score anything: no gold files, a malformed one, or none matching a
    parsed document (a score of such gold would say 1.000 about nothing)."""

    code = Code.GOLD_UNUSABLE


def load_gold(gold_dir: Path) -> list[GoldFile]:
    """All ``*.gold.json`` files in ``gold_dir``, sorted by name so reports are stable. Raises
    ``GoldError`` naming the file when one is not a JSON object, and when there are none."""
    files = sorted(Path(gold_dir).glob(f"*{GOLD_SUFFIX}"))
    if not files:
        raise GoldError(f"{gold_dir}: no *{GOLD_SUFFIX} files; nothing to score")
    gold = []
    for p in files:
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise GoldError(f"{p}: not a readable gold file: {exc}") from None
        if not isinstance(data, dict):
            raise GoldError(f"{p}: not a gold file: expected a JSON object, got {type(data).__name__}")
        gold.append(GoldFile(stem=p.name[: -len(GOLD_SUFFIX)], path=p, data=data))
    return gold


def _source_format(source_path: str) -> str:
    suffix = PurePath(source_path).suffix.lower()
    return {".txt": "text", ".pdf": "pdf"}.get(suffix, suffix.lstrip(".") or "unknown")


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def gold_to_tables(gold: dict[str, Any], doc_id: str, source_path: str) -> dict[str, pd.DataFrame]:
    """Convert one gold annotation into our tables (one DataFrame per table, columns as in schema.py).

    Mapping: gold goal ids ``G1..`` become ``<doc_id>-g<n>`` (our ids are opaque, so evaluation
    must match goals by content, never by id); ``target``/``kf_target`` → ``target_raw``/
    ``kf_target_raw``; ``period`` → lower-cased ``period`` (our normalised form); ``start``/``end``
    → ``start_date``/``end_date``; ``ordinal`` = position in the gold list (document order). Values
    our parser derives and gold does not annotate (pages, parsed numbers and units) are null.
    """
    goal_ids = {g["id"]: f"{doc_id}-g{i + 1}" for i, g in enumerate(gold.get("goals", []))}

    def goal_id(gold_id: str | None) -> str | None:
        return None if gold_id is None else goal_ids.get(gold_id, f"{doc_id}-unknown-{gold_id}")

    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [
            {
                "doc_id": doc_id,
                "source_path": source_path,
                "source_sha256": doc_id,
                "source_format": _source_format(source_path),
                "extraction": "gold",
                "district": gold.get("district"),
                "unit": gold.get("unit"),
                "plan_type": gold.get("plan_type"),
                "plan_year": gold.get("plan_year"),
                "dnr": gold.get("dnr"),
                "n_pages": None,
                "parser_version": "gold",
                "ingested_at": _GOLD_INGESTED_AT,
            }
        ],
        "goals": [
            {
                "doc_id": doc_id,
                "goal_id": goal_ids[g["id"]],
                "parent_goal_id": goal_id(g.get("parent")),
                "level": g["level"],
                "code": g.get("code"),
                "prefix": g.get("prefix"),
                "title": g["title"],
                "ordinal": i,
                "page": None,
            }
            for i, g in enumerate(gold.get("goals", []))
        ],
        "goal_sections": [
            {
                "doc_id": doc_id,
                "goal_id": goal_id(s["goal"]),
                "kind": s["kind"],
                "ordinal": i,
                "text": s["text"],
                "page": None,
            }
            for i, s in enumerate(gold.get("goal_sections", []))
        ],
        "indicators": [
            {
                "doc_id": doc_id,
                "goal_id": goal_id(ind.get("goal")),
                "ordinal": i,
                "name": ind["name"],
                "target_raw": ind.get("target"),
                "target_value": None,
                "target_unit": None,
                "kf_target_raw": ind.get("kf_target"),
                "kf_target_value": None,
                "kf_target_unit": None,
                "period": ind["period"].lower() if ind.get("period") else None,
                "comment": ind.get("comment"),
                "page": None,
            }
            for i, ind in enumerate(gold.get("indicators", []))
        ],
        "activities": [
            {
                "doc_id": doc_id,
                "goal_id": goal_id(a.get("goal")),
                "ordinal": i,
                "text": a["text"],
                "start_date": _iso_date(a.get("start")),
                "end_date": _iso_date(a.get("end")),
                "page": None,
            }
            for i, a in enumerate(gold.get("activities", []))
        ],
        "sections": [
            {
                "doc_id": doc_id,
                "section_id": f"{doc_id}-s{i + 1}",
                "path": list(s["path"]),
                "text": s["text"],
                "page": None,
            }
            for i, s in enumerate(gold.get("sections", []))
        ],
    }
    return {name: pa.Table.from_pylist(rows[name], schema=TABLES[name]).to_pandas() for name in GOLD_TABLES}
