"""A parsed plan as rows of the output tables (see schema.py for the columns)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from pipeline.model import ParsedPlan, Problem


def plan_rows(plan: ParsedPlan, parser_version: str, ingested_at: datetime) -> dict[str, list[dict]]:
    doc_id = plan.doc_id
    src = plan.source
    meta = plan.metadata
    return {
        "documents": [
            {
                "doc_id": doc_id,
                "source_path": src.source_path,
                "source_sha256": src.source_sha256,
                "source_format": src.source_format,
                "extraction": src.extraction,
                "district": meta.district,
                "unit": meta.unit,
                "plan_type": meta.plan_type,
                "plan_year": meta.plan_year,
                "dnr": meta.dnr,
                "n_pages": src.n_pages,
                "damage_score": plan.damage_score,
                "parser_version": parser_version,
                "ingested_at": ingested_at,
            }
        ],
        "goals": [{"doc_id": doc_id, **asdict(g)} for g in plan.goals],
        "goal_sections": [{"doc_id": doc_id, **asdict(s)} for s in plan.goal_sections],
        "indicators": [
            {
                "doc_id": doc_id,
                "goal_id": i.goal_id,
                "ordinal": i.ordinal,
                "name": i.name,
                "indicator_key": i.indicator_key,
                "target_raw": i.target_raw,
                "target_value": i.target_value,
                "target_unit": i.target_unit,
                "kf_target_raw": i.kf_target_raw,
                "kf_target_value": i.kf_target_value,
                "kf_target_unit": i.kf_target_unit,
                "period": i.period,
                "comment": i.comment,
                "page": i.page,
            }
            for i in plan.indicators
        ],
        "activities": [
            {
                "doc_id": doc_id,
                "goal_id": a.goal_id,
                "ordinal": a.ordinal,
                "text": a.text,
                "start_date": a.start_date,
                "end_date": a.end_date,
                "page": a.page,
            }
            for a in plan.activities
        ],
        "sections": [{"doc_id": doc_id, **asdict(s)} for s in plan.sections],
        "repairs": [
            {
                "doc_id": doc_id,
                "page": r.page,
                "line": r.lineno,
                "original": r.original,
                "replacement": r.replacement,
                "rule": r.rule,
                "score": r.score,
            }
            for r in plan.repairs
        ],
        "problems": [problem_row(p) for p in plan.problems],
    }


def problem_row(problem: Problem) -> dict:
    return asdict(problem)
