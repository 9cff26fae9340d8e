"""The document model: what the stages hand to each other.

Every stage takes one of these objects and returns another; no stage reaches into
another stage's internals. Pages are 1-based; ``None`` means the extraction could not
tell (plain text exports carry page breaks only as hints).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

#: Where something stands on its page: ``(x0, top, x1, bottom)`` in PDF points (1/72 inch)
#: from the page's top-left corner, x to the right and y downwards, as the page is shown
#: (its rotation applied). Read from the text layer's word boxes, or from OCR word boxes
#: (pixels scaled by 72/dpi). ``None`` where the reader knows no positions (text exports,
#: Word and OpenDocument files, HTML).
Box = tuple[float, float, float, float]


def union_box(lines: Iterable[Line]) -> tuple[int | None, Box | None]:
    """The page and box of what ``lines`` hold: the union of the boxes of the lines on the
    page of the first line that has one (an item that runs over a page break is shown where it
    starts); ``(first line's page, None)`` when no line has a box."""
    page: int | None = None
    first_page: int | None = None
    x0 = top = x1 = bottom = 0.0
    found = False
    for n, line in enumerate(lines):
        if n == 0:
            first_page = line.page
        box = line.box
        if box is None:
            continue
        if not found:
            found, page = True, line.page
            x0, top, x1, bottom = box
        elif line.page == page:
            x0, top = min(x0, box[0]), min(top, box[1])
            x1, bottom = max(x1, box[2]), max(bottom, box[3])
    if not found:
        return first_page, None
    return page, (x0, top, x1, bottom)


class Placed:
    """What has a ``box``: its sides as properties, so that the output's box columns (``x0``,
    ``top``, ``x1``, ``bottom``) are taken from the model like any other column."""

    box: Box | None

    @property
    def x0(self) -> float | None:
        return None if self.box is None else self.box[0]

    @property
    def top(self) -> float | None:
        return None if self.box is None else self.box[1]

    @property
    def x1(self) -> float | None:
        return None if self.box is None else self.box[2]

    @property
    def bottom(self) -> float | None:
        return None if self.box is None else self.box[3]


@dataclass(frozen=True)
class GoalLevel:
    """One level of a plan's goal tree, with all that the stages and the outputs say of it.

    ``name`` is the ``level`` of a goals row; ``label`` the heading as the template prints it
    (for the report and messages; recognising it in damaged text is the patterns' job, in
    ``rules/headings.toml``); ``key_prefix`` starts its goals' linking keys ("kf:1.3", "nm:…");
    ``is_kf`` says the city council (KF) set and numbered the goal, so it is keyed by its code;
    ``column`` is the stem of the level's columns in the catalog's views ("kf_area_code").
    """

    name: str
    label: str
    key_prefix: str
    is_kf: bool
    column: str

    @property
    def depth(self) -> int:
        """0 for the outermost level; a goal's parent stands at a smaller depth."""
        return GOAL_LEVELS.index(self)


#: The goal levels, outermost first.
GOAL_LEVELS: tuple[GoalLevel, ...] = (
    GoalLevel(
        name="kf_inriktningsmal",
        label="KF:s inriktningsmål",
        key_prefix="kf",
        is_kf=True,
        column="kf",
    ),
    GoalLevel(
        name="kf_verksamhetsomradesmal",
        label="KF:s mål för verksamhetsområdet",
        key_prefix="kf",
        is_kf=True,
        column="kf_area",
    ),
    GoalLevel(
        name="namndmal",
        label="Nämndmål",
        key_prefix="nm",
        is_kf=False,
        column="namndmal",
    ),
    GoalLevel(
        name="enhetsmal",
        label="Enhetsmål",
        key_prefix="em",
        is_kf=False,
        column="enhetsmal",
    ),
)
#: The goal levels by name (a goals row's ``level``).
LEVELS_BY_NAME: dict[str, GoalLevel] = {level.name: level for level in GOAL_LEVELS}


@dataclass(frozen=True)
class Line:
    """One line of extracted text, with where it came from.

    A table row read from a PDF's geometry carries its ``cells`` (left to right, "" for an
    empty cell), so that later stages need not guess which column a value stood in; its
    ``text`` is the cells joined with two spaces. ``bold`` says the whole line was set in a
    bold font (a heading, in the plans' template), where the reader knows fonts. ``box`` is
    where the line (a row: all its lines) stands on its page (``Box``), where the reader knows.
    """

    text: str
    lineno: int
    page: int | None = None
    cells: tuple[str, ...] | None = None
    bold: bool = False
    box: Box | None = None

    def __init__(
        self,
        text: str,
        lineno: int,
        page: int | None = None,
        cells: tuple[str, ...] | None = None,
        bold: bool = False,
        box: Box | None = None,
    ) -> None:
        """As the generated one, but writing the fields straight into the instance's dict: a
        frozen dataclass's own ``__init__`` goes through ``object.__setattr__`` for every field,
        three to five times slower, and a reader makes one of these for every line of a document.
        The instance stays frozen (assignment still raises), equal and hashable as before."""
        fields = self.__dict__
        fields["text"] = text
        fields["lineno"] = lineno
        fields["page"] = page
        fields["cells"] = cells
        fields["bold"] = bold
        fields["box"] = box


@dataclass
class Problem:
    """Something that went wrong with one input; becomes a row of the ``problems`` table."""

    source_path: str
    stage: str
    severity: str  # "error" | "warning"
    code: str
    message: str
    doc_id: str | None = None


@dataclass(frozen=True)
class DoubtfulWord:
    """A word an OCR engine read with a confidence below the doubt threshold
    (``pipeline.extract.ocr.confidence``), so a reader of the output can check it against
    the page. The box is in PDF points from the page's top-left corner (y grows down), as
    every extracted word's is."""

    page: int
    word: str
    confidence: float  # the engine's word confidence, 0-100
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class SourceDocument:
    """Output of an extract stage: the document as lines of text, before any repair."""

    source_path: str
    source_sha256: str
    source_format: str  # "text", "pdf", ...
    extraction: str  # "text", "pdf_text", "pdf_ocr", ...
    lines: list[Line]
    encoding: str | None = None
    n_pages: int | None = None
    # False for formats without fixed pages (Word, OpenDocument, HTML): every page and the
    # page count stay unknown (None), never estimated from the text.
    has_pages: bool = True
    # OCR only: the mean word confidence (0-100) over the pages an engine read (None when
    # none was), and the words read below the doubt threshold.
    ocr_confidence: float | None = None
    doubtful_words: list[DoubtfulWord] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        """Stable identity: the content hash, so a moved file keeps its rows."""
        return self.source_sha256[:16]

    @cached_property
    def marks_word_cuts(self) -> bool:
        """Does this export end (almost) every line with a space?

        Then a line that ends without one was cut inside a word ("nämnd/styrel" + "se",
        "Seniorhälsan-" + "Västertorpsträffen") and joins its next line without a space.
        """
        texts = [ln.text for ln in self.lines if ln.text.strip()]
        return len(texts) >= 10 and sum(t.endswith(" ") for t in texts) >= 0.8 * len(texts)


#: The fields of a plan's metadata, each with a ``<field>_source`` saying where it was found.
METADATA_FIELDS = ("district", "unit", "plan_type", "plan_year", "dnr")
#: Where a metadata value can come from: the document's text, the file's path (a pattern),
#: the archive's catalogue.
METADATA_SOURCES = ("document", "path", "catalogue")


@dataclass
class Metadata:
    """What plan this is. A value is null when nothing supports it (a wrong value is worse
    than none); ``<field>_source`` is one of ``METADATA_SOURCES``, null with its value."""

    district: str | None = None
    unit: str | None = None
    plan_type: str | None = None
    plan_year: int | None = None
    dnr: str | None = None
    district_source: str | None = None
    unit_source: str | None = None
    plan_type_source: str | None = None
    plan_year_source: str | None = None
    dnr_source: str | None = None

    @classmethod
    def found(cls, source: str, **values: object) -> Metadata:
        """Metadata whose given non-null values all come from ``source``."""
        meta = cls(**values)  # type: ignore[arg-type]
        for name in METADATA_FIELDS:
            if getattr(meta, name) is not None:
                setattr(meta, f"{name}_source", source)
        return meta

    def supply(self, source: str, values: dict[str, object], override: bool) -> None:
        """Take ``values`` from ``source``: where a field is null, or (``override``) always."""
        for name, value in values.items():
            if value is None or name not in METADATA_FIELDS:
                continue
            if override or getattr(self, name) is None:
                setattr(self, name, value)
                setattr(self, f"{name}_source", source)


@dataclass
class Goal(Placed):
    goal_id: str
    parent_goal_id: str | None
    level: str  # the name of one of GOAL_LEVELS
    code: str | None
    prefix: str | None
    title: str
    ordinal: int
    page: int | None = None
    goal_key: str | None = None  # filled by the normalize stage (pipeline.link.keys)
    box: Box | None = None  # the heading's lines (a wrapped title: all of them on its page)


@dataclass
class GoalSection(Placed):
    goal_id: str
    kind: str
    ordinal: int
    text: str
    page: int | None = None
    box: Box | None = None  # the union of its lines on its first page


@dataclass
class TableBlock(Placed):
    """The raw lines of one table (header excluded), attached to the goal it stands under."""

    goal_id: str | None
    kind: str  # "indicator" | "activity"
    lines: list[Line]
    page: int | None = None
    # The header's lines as printed: in a layout export their column positions are the
    # table's (``pipeline.tables.text_grid``).
    header: list[Line] = field(default_factory=list)
    # Lines an exporter printed among the header's cells (``pipeline.segment.table_header``):
    # index into ``lines`` -> how many of the header's columns it printed before that line.
    # Cells printed before a column's header cell are not in that column.
    lead_columns: dict[int, int] = field(default_factory=dict)
    box: Box | None = None  # header and rows, on the table's first page
    table_id: str | None = None  # "T1", "T2", ... in document order


@dataclass
class NarrativeSection(Placed):
    section_id: str
    path: list[str]
    text: str
    page: int | None = None
    box: Box | None = None  # the union of its lines on its first page


@dataclass
class Indicator(Placed):
    goal_id: str | None
    ordinal: int
    name: str
    target_raw: str | None
    kf_target_raw: str | None
    period_raw: str | None
    comment: str | None = None
    page: int | None = None
    uncertain: bool = False
    # A row the table reader could not complete is kept with what is known: a lost row must
    # show in the tables, not only in ``problems``. ``raw_text`` is the row's text as read.
    incomplete: bool = False
    raw_text: str | None = None
    # Filled by the normalize stage.
    target_value: float | None = None
    target_unit: str | None = None
    kf_target_value: float | None = None
    kf_target_unit: str | None = None
    period: str | None = None
    indicator_key: str | None = None
    # Filled by the tables stage: where the row was read.
    box: Box | None = None  # the row's lines on its first page
    table_id: str | None = None  # the TableBlock it was read from


@dataclass
class Activity(Placed):
    goal_id: str | None
    ordinal: int
    text: str
    start_raw: str | None
    end_raw: str | None
    page: int | None = None
    incomplete: bool = False  # see Indicator.incomplete
    raw_text: str | None = None
    # Filled by the normalize stage.
    start_date: date | None = None
    end_date: date | None = None
    # Filled by the tables stage: where the row was read.
    box: Box | None = None  # see Indicator.box
    table_id: str | None = None


@dataclass
class Repair(Placed):
    """One change the repair stage made to the text; kept so it can be audited and undone."""

    lineno: int
    page: int | None
    original: str
    replacement: str
    rule: str
    score: float | None = None
    box: Box | None = None  # the line's (the repair stage knows lines, not words)


@dataclass
class ParsedPlan:
    """Everything the pipeline found in one document."""

    source: SourceDocument
    metadata: Metadata = field(default_factory=Metadata)
    goals: list[Goal] = field(default_factory=list)
    goal_sections: list[GoalSection] = field(default_factory=list)
    tables: list[TableBlock] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    sections: list[NarrativeSection] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    damage_score: float | None = None  # 0 clean .. 1 OCR-damaged, before repair
    template: str | None = None  # the template generation it follows (rules/templates/<name>.toml)
    draft: bool | None = None  # its file name or opening says it is a draft (rules/plans.toml)

    @property
    def doc_id(self) -> str:
        return self.source.doc_id
