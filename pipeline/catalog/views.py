"""The joined views of the catalog, as SQL over the table views (one per output table).

- ``goal_paths``: every goal with its ancestors by level (``pipeline.model.GOAL_LEVELS``: KF
  inriktningsmål, KF goal for the area, Nämndmål, Enhetsmål; columns named by the level's
  ``column``: ``kf_code``, ``kf_area_title``, ``namndmal_key``), its path of titles from the
  root, and the document's unit, district and year.
- ``indicators_full`` / ``activities_full``: rows with the goal they stand under, that goal's
  path, and the document's metadata; activities also say whether they run all year.
- ``document_quality``: per document, the counts an analyst checks first (rows per table,
  repairs, problems by severity, damage score).
- ``passages``: every text the lemma index (``terms``) covers, named as its rows name it.
- ``kf_coverage``: per plan and KF goal (``kf_goals``: code within its mandate period, with
  its title), the plan's Nämndmål and Enhetsmål under it.

They read the plain table views, so they count each plan once (see ``pipeline.catalog``).
"""

from __future__ import annotations

from pipeline.model import GOAL_LEVELS, GoalLevel

_KF_LEVELS = [level for level in GOAL_LEVELS if level.is_kf]
_OTHER_LEVELS = [level for level in GOAL_LEVELS if not level.is_kf]


def _ancestor_columns(level: GoalLevel) -> list[tuple[str, str]]:
    """(lineage column, suffix of the view column) of a goal's ancestor at ``level``: its id
    and title, and what identifies it across plans (a KF goal's code, another goal's key)."""
    if level.is_kf:
        return [("anc_id", "goal_id"), ("anc_code", "code"), ("anc_title", "title")]
    return [("anc_id", "goal_id"), ("anc_title", "title"), ("anc_key", "key")]


def _by_level() -> str:
    return ",\n".join(
        f"        any_value({lineage}) FILTER (WHERE anc_level = '{level.name}') AS {level.column}_{suffix}"
        for level in GOAL_LEVELS
        for lineage, suffix in _ancestor_columns(level)
    )


def _ancestors(levels: list[GoalLevel], *, ids: bool = True) -> str:
    return ", ".join(
        f"p.{level.column}_{suffix}"
        for level in levels
        for _, suffix in _ancestor_columns(level)
        if ids or suffix != "goal_id"
    )


#: The code of the innermost KF goal above a goal (or of the goal itself).
_KF_NEAREST_CODE = (
    f"coalesce({', '.join(f'p.{level.column}_code' for level in reversed(_KF_LEVELS))}) AS kf_nearest_code"
)

GOAL_PATHS = f"""
CREATE OR REPLACE VIEW goal_paths AS
WITH RECURSIVE ancestry(doc_id, goal_id, ancestor_id, depth) AS (
    SELECT doc_id, goal_id, goal_id, 0 FROM goals
    UNION ALL
    SELECT a.doc_id, a.goal_id, g.parent_goal_id, a.depth + 1
    FROM ancestry a JOIN goals g ON g.doc_id = a.doc_id AND g.goal_id = a.ancestor_id
    WHERE g.parent_goal_id IS NOT NULL AND a.depth < 16
),
lineage AS (
    SELECT a.doc_id, a.goal_id, a.depth, g.goal_id AS anc_id, g.level AS anc_level,
           g.code AS anc_code, g.title AS anc_title, g.goal_key AS anc_key
    FROM ancestry a JOIN goals g ON g.doc_id = a.doc_id AND g.goal_id = a.ancestor_id
),
by_level AS (
    SELECT doc_id, goal_id,
        max(depth) AS depth,
        list(anc_title ORDER BY depth DESC) AS path,
{_by_level()}
    FROM lineage
    GROUP BY doc_id, goal_id
)
SELECT g.doc_id, g.goal_id, g.parent_goal_id, g.level, g.code, g.prefix, g.title, g.goal_key,
       g.ordinal, g.page, p.depth, p.path,
       {_ancestors(_KF_LEVELS)},
       {_KF_NEAREST_CODE},
       {_ancestors(_OTHER_LEVELS)},
       d.unit, d.district, d.plan_type, d.plan_year, d.plan_id
FROM goals g
JOIN by_level p USING (doc_id, goal_id)
LEFT JOIN documents d USING (doc_id)
"""

_GOAL_COLUMNS = f"""
       p.level AS goal_level, p.title AS goal_title, p.goal_key, p.path AS goal_path,
       {_ancestors(_KF_LEVELS, ids=False)}, p.kf_nearest_code,
       {_ancestors(_OTHER_LEVELS)},
       d.unit, d.district, d.plan_type, d.plan_year, d.plan_id, d.source_path"""

INDICATORS_FULL = f"""
CREATE OR REPLACE VIEW indicators_full AS
SELECT i.*,{_GOAL_COLUMNS}
FROM indicators i
LEFT JOIN documents d USING (doc_id)
LEFT JOIN goal_paths p ON p.doc_id = i.doc_id AND p.goal_id = i.goal_id
"""

ACTIVITIES_FULL = f"""
CREATE OR REPLACE VIEW activities_full AS
SELECT a.*,
       (a.start_date IS NOT NULL AND a.end_date IS NOT NULL
        AND month(a.start_date) = 1 AND day(a.start_date) = 1
        AND month(a.end_date) = 12 AND day(a.end_date) = 31
        AND year(a.start_date) = year(a.end_date)) AS all_year,
       date_diff('day', a.start_date, a.end_date) + 1 AS days,{_GOAL_COLUMNS}
FROM activities a
LEFT JOIN documents d USING (doc_id)
LEFT JOIN goal_paths p ON p.doc_id = a.doc_id AND p.goal_id = a.goal_id
"""

DOCUMENT_QUALITY = """
CREATE OR REPLACE VIEW document_quality AS
WITH counts AS (
    SELECT doc_id, 'goals' AS what, count(*) AS n FROM goals GROUP BY doc_id
    UNION ALL SELECT doc_id, 'indicators', count(*) FROM indicators GROUP BY doc_id
    UNION ALL SELECT doc_id, 'activities', count(*) FROM activities GROUP BY doc_id
    UNION ALL SELECT doc_id, 'repairs', count(*) FROM repairs GROUP BY doc_id
    UNION ALL SELECT doc_id, 'ocr_word_repairs', count(*) FROM repairs WHERE rule LIKE 'ocr%' GROUP BY doc_id
    UNION ALL SELECT doc_id, 'errors', count(*) FROM problems WHERE severity = 'error' GROUP BY doc_id
    UNION ALL SELECT doc_id, 'warnings', count(*) FROM problems WHERE severity = 'warning' GROUP BY doc_id
)
SELECT d.doc_id, d.plan_id, d.preferred, d.copy_rank, d.unit, d.plan_year, d.source_path,
       d.source_format, d.extraction, d.n_pages, d.damage_score,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'goals'), 0)::BIGINT AS goals,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'indicators'), 0)::BIGINT AS indicators,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'activities'), 0)::BIGINT AS activities,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'repairs'), 0)::BIGINT AS repairs,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'ocr_word_repairs'), 0)::BIGINT AS ocr_repairs,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'errors'), 0)::BIGINT AS errors,
       coalesce(sum(c.n) FILTER (WHERE c.what = 'warnings'), 0)::BIGINT AS warnings
FROM documents d
LEFT JOIN counts c USING (doc_id)
GROUP BY ALL
"""

KF_COVERAGE = """
CREATE OR REPLACE VIEW kf_coverage AS
SELECT k.catalog_id AS kf_catalog_id, k.code AS kf_goal_code, k.title AS kf_goal_title,
       k.level AS kf_goal_level, k.period_start, k.period_end,
       p.plan_id, p.doc_id, p.district, p.unit, p.plan_year,
       count(*) FILTER (WHERE p.level = 'namndmal') AS namndmal,
       count(*) FILTER (WHERE p.level = 'enhetsmal') AS enhetsmal
FROM goal_paths p
JOIN kf_goals k ON k.code = p.kf_nearest_code
     AND p.plan_year BETWEEN k.period_start AND k.period_end
WHERE p.level IN ('namndmal', 'enhetsmal')
GROUP BY ALL
"""

#: Every text the lemma index covers, one row per row of its table, named as ``terms`` names
#: it (source, goal_id, section_id, ordinal): what search joins its hits to for snippets.
PASSAGES = """
CREATE OR REPLACE VIEW passages AS
SELECT doc_id, 'goals' AS source, goal_id, NULL::VARCHAR AS section_id, ordinal, title AS text, page
FROM goals
UNION ALL SELECT doc_id, 'goal_sections', goal_id, NULL, ordinal, text, page FROM goal_sections
UNION ALL SELECT doc_id, 'indicators', goal_id, NULL, ordinal, name, page FROM indicators
UNION ALL SELECT doc_id, 'activities', goal_id, NULL, ordinal, text, page FROM activities
UNION ALL SELECT doc_id, 'sections', NULL, section_id, NULL, text, page FROM sections
"""

#: In creation order (later views use earlier ones).
JOINED_VIEWS: dict[str, str] = {
    "goal_paths": GOAL_PATHS,
    "indicators_full": INDICATORS_FULL,
    "activities_full": ACTIVITIES_FULL,
    "document_quality": DOCUMENT_QUALITY,
    "kf_coverage": KF_COVERAGE,
    "passages": PASSAGES,
}

_SUFFIX_WORDS = {"goal_id": "goal_id", "code": "code", "title": "wording", "key": "goal_key"}

#: What the columns the joined views add hold (columns of a table keep the table's description;
#: ``view.column`` where a view gives a name another meaning).
_ADDED: dict[str, str] = {
    "goal_paths.depth": "how many goals stand above this one",
    "goal_paths.path": "the titles of the goals from the outermost down to this one",
    "kf_nearest_code": "the code of the innermost KF goal above the goal (or of the goal itself)",
    "goal_level": "the level of the goal the row stands under",
    "goal_title": "the wording of the goal the row stands under",
    "goal_path": "the titles of the goals from the outermost down to the row's goal",
    "all_year": "the activity runs from 1 January to 31 December of one year",
    "days": "how many days the activity runs (both ends counted)",
    "document_quality.goals": "goals read from the document",
    "document_quality.indicators": "indicator rows read from the document",
    "document_quality.activities": "activity rows read from the document",
    "repairs": "words repaired in the document",
    "ocr_repairs": "words repaired by the OCR rules",
    "errors": "problems of severity error",
    "warnings": "problems of severity warning",
    "kf_catalog_id": "the KF goal in kf_goals (catalog_id): its code within a mandate period",
    "kf_goal_code": "the KF goal's code (kf_goals.code)",
    "kf_goal_title": "the KF goal's wording (kf_goals.title)",
    "kf_goal_level": "the KF goal's level (kf_goals.level)",
    "kf_coverage.namndmal": "the plan's Nämndmål under the KF goal",
    "kf_coverage.enhetsmal": "the plan's Enhetsmål under the KF goal",
}
_BY_LEVEL = {
    f"{level.column}_{suffix}": f"the {_SUFFIX_WORDS[suffix]} of the goal at level {level.name} "
    "above the row's goal (or the goal itself)"
    for level in GOAL_LEVELS
    for _, suffix in _ancestor_columns(level)
}
assert not set(_ADDED) & set(_BY_LEVEL), "a view column named like a level's column"
VIEW_COLUMNS: dict[str, str] = {**_ADDED, **_BY_LEVEL}
