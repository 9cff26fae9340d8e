"""Gold annotations of a synthetic plan, in the format of /work/shared/gold/SCHEMA.md.

They are read off the spec, not the rendered text, so they are right by construction: text
fields are the spec's paragraphs joined with single spaces, which is what a perfect parser
recovers once it has removed page furniture and rejoined wrapped lines.
"""

from __future__ import annotations

from typing import Any

from plans_dev.synth.spec import PlanSpec, Section


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _opt(text: str | None) -> str | None:
    return None if text is None else _collapse(text)


def _sections(secs: list[Section], path: list[str], out: list[dict[str, Any]]) -> None:
    for sec in secs:
        p = [*path, sec.title]
        if sec.paragraphs:
            out.append({"path": p, "text": _collapse(" ".join(sec.paragraphs))})
        _sections(sec.children, p, out)


def gold_of(spec: PlanSpec, source_name: str) -> dict[str, Any]:
    """The gold dict for ``spec`` rendered into the file ``source_name``."""
    goals: list[dict[str, Any]] = []
    goal_sections: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    activities: list[dict[str, Any]] = []
    ids: dict[int, str] = {}
    for node, parent in spec.iter_goals():
        gid = f"G{len(goals) + 1}"
        ids[id(node)] = gid
        goals.append(
            {
                "id": gid,
                "parent": None if parent is None else ids[id(parent)],
                "level": node.level,
                "code": node.code,
                "prefix": node.prefix,
                "title": _collapse(node.title),
            }
        )
        for s in node.sections:
            goal_sections.append({"goal": gid, "kind": s.kind, "text": _collapse(" ".join(s.paragraphs))})
        for r in node.indicators:
            indicators.append(
                {
                    "goal": gid,
                    "name": _collapse(r.name),
                    "target": _opt(r.target),
                    "kf_target": _opt(r.kf_target),
                    "period": r.period,
                    "comment": _opt(r.comment),
                    "uncertain": False,
                }
            )
        for a in node.activities:
            activities.append({"goal": gid, "text": _collapse(a.text), "start": a.start, "end": a.end})
    sections: list[dict[str, Any]] = []
    _sections(spec.intro, [], sections)
    _sections(spec.outro, [], sections)
    return {
        "source": source_name,
        "district": spec.district,
        "unit": spec.unit,
        "plan_type": spec.plan_type,
        "plan_year": spec.plan_year,
        "dnr": spec.dnr,
        "goals": goals,
        "goal_sections": goal_sections,
        "indicators": indicators,
        "activities": activities,
        "sections": sections,
    }
