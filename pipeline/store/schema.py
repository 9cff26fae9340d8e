"""The output contract: one explicit pyarrow schema per table, kept in this one place.

Bump ``SCHEMA_VERSION`` whenever a column is added, removed or changes meaning; it is
stored in every Parquet file's metadata so that readers can tell what they have. The rows
are built from these schemas (``rows.py``): a column takes the model field of its name, so a
new column is a field here and one in ``pipeline.model``.

Every column says what it holds (``description`` in its field metadata, the one place the data
dictionary is kept): the Parquet files carry it, ``plans export`` writes it as a dictionary
sheet, and ``docs/data_dictionary.md`` is generated from it (``python -m plans_dev.data_dictionary``).
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "5"

_str = pa.string()
_int = pa.int32()

#: Field-metadata key of a column's description (``description_of``).
DESCRIPTION_KEY = b"description"


def _f(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={DESCRIPTION_KEY: description.encode()})


def description_of(field: pa.Field) -> str:
    """What a column holds, as the schema says (empty when it says nothing)."""
    return (field.metadata or {}).get(DESCRIPTION_KEY, b"").decode()


_DOC_ID = "the document: the first 16 hex digits of the SHA-256 of its bytes"
_GOAL_ID = "the goal: unique in the whole output (the doc_id, '-', the goal's id in the document)"
_PAGE = "page the row starts on (1-based; null where the format has no pages)"
_ORDINAL = "position in the document, in reading order"
_INCOMPLETE = "the table reader could not complete this row; raw_text holds it as read"
_RAW = "the row's text as read, kept for rows the reader could not complete"

#: Where a row was read on its ``page``: four plain columns rather than one struct, so that a
#: notebook filters and draws with them as they are (``WHERE page = 3 AND top < 200``, pandas
#: columns) in DuckDB, pandas and Polars alike. PDF points (1/72 inch) from the page's top-left
#: corner, y downwards, as the page is shown; an item over several lines is the union of their
#: boxes on its first page. Null for readers without positions (text exports, Word, HTML).
BOX_COLUMNS = ("x0", "top", "x1", "bottom")
_BOX_EDGES = ("left", "top", "right", "bottom")
_BOX = [
    _f(
        name,
        pa.float32(),
        f"{edge} edge of where the row was read on its page (PDF points; null: no positions)",
    )
    for name, edge in zip(BOX_COLUMNS, _BOX_EDGES, strict=True)
]
_TABLE_ID = "the table the row was read from (table_blocks.table_id)"

DOCUMENTS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("source_path", _str, "where the file is, relative to the archive root", nullable=False),
        _f("source_sha256", _str, "SHA-256 of the file's bytes", nullable=False),
        _f("source_format", _str, "the file's format (text, pdf, docx, ...)", nullable=False),
        _f(
            "extraction",
            _str,
            "how the text was read (text, pdf_text, pdf_ocr, image_ocr, docx, ...)",
            nullable=False,
        ),
        _f("district", _str, "the district administration (stadsdelsförvaltning) the plan belongs to"),
        _f("unit", _str, "the unit (enhet) whose plan it is"),
        _f("plan_type", _str, "the kind of plan, e.g. Verksamhetsplan"),
        _f("plan_year", _int, "the year the plan is for"),
        _f("dnr", _str, "the diary number (diarienummer) of the plan"),
        # Where each metadata value was found: "document", "path" or "catalogue" (null with it).
        _f("district_source", _str, "where district was found: document, path or catalogue"),
        _f("unit_source", _str, "where unit was found: document, path or catalogue"),
        _f("plan_type_source", _str, "where plan_type was found: document, path or catalogue"),
        _f("plan_year_source", _str, "where plan_year was found: document, path or catalogue"),
        _f("dnr_source", _str, "where dnr was found: document, path or catalogue"),
        _f("n_pages", _int, "pages of the document (null where the format has none)"),
        _f(
            "damage_score",
            pa.float64(),
            "how damaged the text read looks (OCR errors; 0 clean, higher worse)",
        ),
        _f(
            "ocr_confidence",
            pa.float64(),
            "mean OCR word confidence (0-100) over the pages an OCR engine read; null for none",
        ),
        # The template generation the plan follows (the name of a rules/templates/*.toml file).
        _f("template", _str, "the template generation the plan follows (a rules/templates/*.toml name)"),
        _f("parser_version", _str, "the parser version that read the document", nullable=False),
        _f("ingested_at", pa.timestamp("us", tz="UTC"), "when the document was parsed", nullable=False),
        _f("plan_id", _str, "the plan the document holds (see plans); copies of one plan share it"),
        _f("preferred", pa.bool_(), "this document is the plan's preferred copy (the one views count)"),
        _f("copy_rank", _int, "rank of this copy among the plan's documents (1: preferred)"),
        _f(
            "draft",
            pa.bool_(),
            "its file name or opening says it is a draft (Utkast, Förslag till ...; rules/plans.toml)",
        ),
    ]
)

GOALS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("goal_id", _str, _GOAL_ID, nullable=False),
        _f("parent_goal_id", _str, "goal_id of the goal this one stands under (null at the top)"),
        _f(
            "level",
            _str,
            "goal level: kf_inriktningsmal, kf_verksamhetsomradesmal, namndmal, enhetsmal",
            nullable=False,
        ),
        _f("code", _str, "the goal's number as printed, e.g. 1.3 for a KF goal"),
        _f("prefix", _str, "the label printed before the title, e.g. Nämndmål"),
        _f("title", _str, "the goal's wording", nullable=False),
        _f(
            "goal_key",
            _str,
            "what identifies the goal across plans (a KF goal's code, else its normalised wording)",
        ),
        _f("ordinal", _int, _ORDINAL, nullable=False),
        _f("page", _int, _PAGE),
        *_BOX,
    ]
)

GOAL_SECTIONS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("goal_id", _str, "the goal the text stands under (goals.goal_id)", nullable=False),
        _f("kind", _str, "what the text is (e.g. analysis, strategy), from its heading", nullable=False),
        _f("ordinal", _int, _ORDINAL, nullable=False),
        _f("text", _str, "the text", nullable=False),
        _f("page", _int, _PAGE),
        *_BOX,
    ]
)

#: One row per indicator or activity table: the block a row's ``table_id`` names.
TABLE_BLOCKS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("table_id", _str, "the table: unique in the whole output (the doc_id, '-T', its number)"),
        _f("goal_id", _str, "the goal the table stands under (goals.goal_id)"),
        _f("kind", _str, "indicator or activity", nullable=False),
        _f("page", _int, "page the table starts on"),
        *_BOX,
    ]
)

INDICATORS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("indicator_id", _str, "the row: unique in the whole output (the doc_id, '-I', its ordinal)"),
        _f("goal_id", _str, "the goal the indicator stands under (goals.goal_id)"),
        _f("ordinal", _int, _ORDINAL, nullable=False),
        _f("name", _str, "the indicator (what is measured)", nullable=False),
        _f("indicator_key", _str, "what identifies the indicator across plans (its normalised name)"),
        _f("target_raw", _str, "the unit's target as printed"),
        _f("target_value", pa.float64(), "the unit's target as a number"),
        _f("target_unit", _str, "the unit of target_value (e.g. %, st)"),
        _f("kf_target_raw", _str, "the council's (KF) target as printed"),
        _f("kf_target_value", pa.float64(), "the council's target as a number"),
        _f("kf_target_unit", _str, "the unit of kf_target_value"),
        _f("period", _str, "how often it is measured (år, tertial, ...), normalised"),
        _f("comment", _str, "the comment printed with the row"),
        _f("page", _int, _PAGE),
        _f("incomplete", pa.bool_(), _INCOMPLETE),
        _f("raw_text", _str, _RAW),
        _f(
            "uncertain",
            pa.bool_(),
            "a lone value whose column the text does not show, under a KF goal: read as the"
            " target, it may be the KF value",
        ),
        _f(
            "placed_by_plans",
            pa.bool_(),
            "the lone value's column was decided by the KF value other rows of the plan year print"
            " for the indicator (pipeline.derive.kf_targets)",
        ),
        _f("table_id", _str, _TABLE_ID),
        *_BOX,
    ]
)

ACTIVITIES = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("activity_id", _str, "the row: unique in the whole output (the doc_id, '-A', its ordinal)"),
        _f("goal_id", _str, "the goal the activity stands under (goals.goal_id)"),
        _f("ordinal", _int, _ORDINAL, nullable=False),
        _f("text", _str, "the activity", nullable=False),
        _f("start_date", pa.date32(), "when it starts"),
        _f("end_date", pa.date32(), "when it ends"),
        _f("page", _int, _PAGE),
        _f("incomplete", pa.bool_(), _INCOMPLETE),
        _f("raw_text", _str, _RAW),
        _f("table_id", _str, _TABLE_ID),
        *_BOX,
    ]
)

SECTIONS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f(
            "section_id",
            _str,
            "the section: unique in the whole output (the doc_id, '-', its id in the document)",
            nullable=False,
        ),
        _f("path", pa.list_(_str), "the headings above the text, outermost first", nullable=False),
        _f("text", _str, "the narrative text", nullable=False),
        _f("page", _int, _PAGE),
        *_BOX,
    ]
)

PROBLEMS = pa.schema(
    [
        _f(
            "source_path", _str, "the file the problem is about, relative to the archive root", nullable=False
        ),
        _f("doc_id", _str, "the document, where it was read"),
        _f(
            "stage",
            _str,
            "the stage that found it (discover, extract, segment, tables, worker, ...)",
            nullable=False,
        ),
        _f("severity", _str, "error (the file gave no rows) or warning", nullable=False),
        _f("code", _str, "the problem's code (docs/operations.md)", nullable=False),
        _f("message", _str, "what went wrong, naming the file", nullable=False),
    ]
)

REPAIRS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("page", _int, _PAGE),
        _f("line", _int, "the line repaired (1-based, in the text as read)", nullable=False),
        _f("original", _str, "the text as read", nullable=False),
        _f("replacement", _str, "the text after repair", nullable=False),
        _f("rule", _str, "the repair rule that made the change", nullable=False),
        _f("score", pa.float64(), "how sure the repair is (rule-specific)"),
        *_BOX,  # the repaired line's
    ]
)

PLANS = pa.schema(
    [
        _f(
            "plan_id",
            _str,
            "the plan: 'p' and the smallest doc_id of its documents",
            nullable=False,
        ),
        _f("district", _str, "the district, as its preferred copy says"),
        _f("unit", _str, "the unit, as its preferred copy says"),
        _f("plan_type", _str, "the kind of plan, as its preferred copy says"),
        _f("plan_year", _int, "the year, as its preferred copy says"),
        _f(
            "preferred_doc_id",
            _str,
            "the copy the views count: the richest reading (rules/plans.toml)",
            nullable=False,
        ),
        _f("doc_ids", pa.list_(_str), "every document holding the plan, preferred first", nullable=False),
        _f("copies", _int, "how many documents hold the plan", nullable=False),
    ]
)

KF_GOALS = pa.schema(
    [
        _f(
            "catalog_id",
            _str,
            "the KF goal: its code within a mandate period, e.g. 1.3@2023-2026",
            nullable=False,
        ),
        _f("code", _str, "the code the council gave the goal", nullable=False),
        _f("level", _str, "kf_inriktningsmal or kf_verksamhetsomradesmal", nullable=False),
        _f("title", _str, "the goal's most common wording in the period's plans", nullable=False),
        _f("period_start", _int, "first year of the mandate period (rules/plans.toml)"),
        _f("period_end", _int, "last year of the mandate period"),
        _f("first_year", _int, "first plan year citing the goal"),
        _f("last_year", _int, "last plan year citing the goal"),
        _f("plans", _int, "plans citing the goal (each plan once)", nullable=False),
        _f(
            "wordings",
            _int,
            "different wordings of the goal in the period (more than 1: check the plans)",
            nullable=False,
        ),
        _f(
            "title_as_previous_period",
            pa.bool_(),
            "the same code had this wording in the previous period (null: no such goal)",
        ),
    ]
)

#: Words OCR read with a confidence below the doubt threshold (only those: the archive is
#: millions of pages), for checking against the page. The box (x0, top, x1, bottom) is in PDF
#: points (1/72 inch) from the page's top-left corner, y growing downwards; page is 1-based.
OCR_DOUBTFUL_WORDS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("page", _int, "page the word is on (1-based)", nullable=False),
        _f("word", _str, "the word as OCR read it", nullable=False),
        _f("confidence", pa.float64(), "the OCR engine's confidence in the word (0-100)", nullable=False),
        _f("x0", pa.float64(), "left edge of the word's box (PDF points from the left)", nullable=False),
        _f("top", pa.float64(), "top edge of the word's box (PDF points from the top)", nullable=False),
        _f("x1", pa.float64(), "right edge of the word's box", nullable=False),
        _f("bottom", pa.float64(), "bottom edge of the word's box", nullable=False),
    ]
)

# The lemma index (``pipeline.index.terms``): one row per word of the searchable text, stop
# words and non-words left out. The largest table, so it holds only what search needs: where
# the word is (``source``: the table of the row, and that row's own ids: goal_id, section_id,
# ordinal), its place in the text (token ``position``, character ``start``), lemma and form.
# Parquet dictionary-encodes the repeating strings.
TERMS = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f(
            "source",
            _str,
            "the table of the row the word is in: goals, goal_sections, indicators, activities, sections",
            nullable=False,
        ),
        _f("goal_id", _str, "that row's goal_id (null for sections)"),
        _f("section_id", _str, "that row's section_id (sections only)"),
        _f("ordinal", _int, "that row's ordinal (goals, goal_sections, indicators, activities)"),
        _f(
            "position",
            _int,
            "the word's number in the row's text (0-based, stop words counted)",
            nullable=False,
        ),
        _f("start", _int, "the word's character offset in the row's text", nullable=False),
        _f("lemma", _str, "the word's lemma (rules/lemmas.toml, spaCy's Swedish lookups)", nullable=False),
        _f("surface", _str, "the word as written, lower case", nullable=False),
        _f("page", _int, "page of the row"),
    ]
)

# Themes of goals (``pipeline.index.themes``, vocabulary in ``rules/themes.toml``): one row per
# goal, theme, vocabulary phrase and table where the phrase was found (the goal's title, its
# sections, indicators or activities), at its first occurrence there.
GOAL_THEMES = pa.schema(
    [
        _f("doc_id", _str, _DOC_ID, nullable=False),
        _f("goal_id", _str, "the goal (goals.goal_id)", nullable=False),
        _f("theme", _str, "the theme (rules/themes.toml)", nullable=False),
        _f("phrase", _str, "the vocabulary entry of the theme that matched", nullable=False),
        _f("matched", _str, "the words as written in the plan", nullable=False),
        _f("source", _str, "where: goals, goal_sections, indicators or activities", nullable=False),
        _f("page", _int, "page of the first match there"),
    ]
)

#: Every output table, in the order they are written.
TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "goals": GOALS,
    "goal_sections": GOAL_SECTIONS,
    "indicators": INDICATORS,
    "activities": ACTIVITIES,
    "sections": SECTIONS,
    "terms": TERMS,
    "goal_themes": GOAL_THEMES,
    "table_blocks": TABLE_BLOCKS,
    "repairs": REPAIRS,
    "ocr_doubtful_words": OCR_DOUBTFUL_WORDS,
    "problems": PROBLEMS,
    "plans": PLANS,
    "kf_goals": KF_GOALS,
}

#: The tables made from the others across all documents of a run (``pipeline.derive``),
#: not rows of any one document.
DERIVED_TABLES: tuple[str, ...] = ("plans", "kf_goals")
