"""What a synthetic plan contains, independent of how it is laid out on the page.

The spec is the single source of truth: the renderer turns it into text and ``gold_of`` turns
it into annotations, so the two can never disagree. ``random_plan`` draws a spec from a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace

from plans_dev.synth import content as C

PERIODS: tuple[str, ...] = ("År", "Tertial", "Halvår", "Kvartal", "Månad")


@dataclass
class Layout:
    """Document-wide layout choices (the renderer draws the local ones from its seed)."""

    cover_page: bool = False
    toc: bool = False
    blank_between_lines: bool = False  # "" between every wrapped line, as in text exports of some PDFs
    paragraph_gap: bool = True  # a line holding " " between paragraphs
    narrative_heading_gap: bool = True  # blank lines around Inledning-style headings
    wrap_width: int = 92
    heading_width: int = 72
    furniture_style: str = "full"  # full | plain | sid | running | mixed
    furniture_rate: float = 1.0  # share of page breaks that show a header/footer block
    # Laid out as an OCR pass reads the page: a table row's values or dates close its first line,
    # no line ends in a space, logo debris stands beside the page header.
    ocr: bool = False


@dataclass
class Section:
    """A narrative section outside the goal tree; ``heading`` is printed as is."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.rstrip(": ").strip()


@dataclass
class GoalSection:
    kind: str
    heading: str
    paragraphs: list[str]


@dataclass
class IndicatorRow:
    name: str
    target: str | None
    kf_target: str | None
    period: str
    comment: str | None = None


@dataclass
class ActivityRow:
    text: str
    start: str  # ISO date, printed as is
    end: str


@dataclass
class GoalNode:
    level: str
    code: str | None
    prefix: str | None
    title: str
    sections: list[GoalSection] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    children: list[GoalNode] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """The heading as printed, on one line."""
        if self.level == "kf_inriktningsmal":
            return f"KF:s inriktningsmål: {self.code}. {self.title}"
        if self.level == "kf_verksamhetsomradesmal":
            return f"KF:s mål för verksamhetsområdet: {self.code} {self.title}"
        if self.level == "namndmal":
            return f"Nämndmål: {self.title}"
        prefix = f"{self.prefix}: " if self.prefix else ""
        return f"Enhetsmål: {prefix}{self.title}"


@dataclass
class Contact:
    """People and addresses printed on the cover page and in page furniture."""

    handlaggare: str
    phone: str  # "08-508 23 420"
    switchboard: str  # "0850823420"
    address: str
    written: str  # ISO date of the cover page
    meeting: str  # ISO date of the nämnd meeting


@dataclass
class PlanSpec:
    district: str
    unit: str | None  # None: a district plan, holding many units
    plan_year: int
    dnr: str | None
    domain: str
    area: str
    layout: Layout
    contact: Contact
    intro: list[Section] = field(default_factory=list)
    goals: list[GoalNode] = field(default_factory=list)
    outro: list[Section] = field(default_factory=list)
    plan_type: str = "Verksamhetsplan"
    generation: str = "kf_labelled"  # how it is printed: plans_dev.synth.templates.GENERATIONS

    def iter_goals(self) -> Iterator[tuple[GoalNode, GoalNode | None]]:
        """Goals in document order with their parent."""
        stack: list[tuple[GoalNode, GoalNode | None]] = [(g, None) for g in reversed(self.goals)]
        while stack:
            node, parent = stack.pop()
            yield node, parent
            stack.extend((c, node) for c in reversed(node.children))


# --- sampling --------------------------------------------------------------------------------

_META_KEYS = {"district", "unit", "plan_year", "dnr", "domain", "area"}
_LAYOUT_KEYS = {f.name for f in fields(Layout)}


def _genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


def _fmt_num(v: float, decimals: int) -> str:
    return f"{v:.{decimals}f}".replace(".", ",") if decimals else str(round(v))


class _Sampler:
    """Draws the parts of one plan; keeps per-document state so titles are not repeated."""

    def __init__(self, rng: random.Random, ctx: dict[str, object], domain: str, year: int) -> None:
        self.rng = rng
        self.ctx = ctx
        self.year = year
        self.domain = domain
        self.used: set[str] = set()
        self.cycles: dict[str, list[str]] = {}
        self.last: dict[str, str] = {}
        self.bullet = rng.choice(("- ", "- ", "- ", "• ", "• ", "-"))

    def fill(self, s: str) -> str:
        return s.format_map(self.ctx) if "{" in s else s

    def unique(self, pool: tuple[str, ...]) -> str | None:
        """A not yet used string from ``pool``, filled in; None when the pool is exhausted."""
        left = [p for p in pool if p not in self.used]
        if not left:
            return None
        pick = self.rng.choice(left)
        self.used.add(pick)
        return self.fill(pick)

    def draw(self, pool: tuple[str, ...], k: int, reuse: bool = False) -> list[str]:
        """``k`` sentences from ``pool``, preferring ones not yet used in this document; when the pool
        runs dry, reuse (short boilerplate pools) or compose new sentences."""
        rng = self.rng
        left = [p for p in pool if p not in self.used]
        picks = rng.sample(left, min(k, len(left)))
        self.used.update(picks)
        out = [self.fill(p) for p in picks]
        if len(out) < k and reuse:
            rest = [p for p in pool if p not in picks]
            out += [self.fill(p) for p in rng.sample(rest, min(k - len(out), len(rest)))]
        while len(out) < k:
            out.append(self.composed())
        return out

    def sentences(
        self, pool: tuple[str, ...], lo: int, hi: int, composed: float = 0.3, reuse: bool = False
    ) -> str:
        rng = self.rng
        out = self.draw(pool, rng.randint(lo, hi), reuse)
        if rng.random() < composed:
            out.insert(rng.randint(0, len(out)), self.composed())
        return " ".join(out)

    def composed(self) -> str:
        """A new sentence from fragments; actions and purposes cycle so a document does not repeat them."""
        rng = self.rng
        action = self._cycle("actions", C.ACTIONS)
        purpose = self._cycle("purposes", C.PURPOSES)
        subject = rng.choice(C.SUBJECTS)
        if rng.random() < 0.5:
            return f"Under {self.year} ska {subject} {self.fill(action)} för att {purpose}."
        return f"För att {purpose} kommer {subject} att {self.fill(action)}."

    def _cycle(self, key: str, pool: tuple[str, ...]) -> str:
        left = self.cycles.get(key)
        if not left:
            left = self.cycles[key] = self.rng.sample(pool, len(pool))
            if left[-1] == self.last.get(key):  # no repeat across the refill
                left.insert(0, left.pop())
        self.last[key] = left.pop()
        return self.last[key]

    def bullets(self, pool: tuple[str, ...], lo: int, hi: int) -> list[str]:
        rng = self.rng
        items = self.draw(pool, rng.randint(lo, hi), reuse=True)
        if self.bullet == "-" and rng.random() < 0.3:
            return [f"{i}. {s}" for i, s in enumerate(items, 1)]
        if rng.random() < 0.15:  # lower-case items, as people write them
            items = [s[0].lower() + s[1:] for s in items]
        return [self.bullet + s for s in items]

    # --- values ------------------------------------------------------------------------------

    def value(self, d: C.IndicatorDef) -> str:
        return _value(self.rng, d)

    def council_value(self, d: C.IndicatorDef) -> str:
        """The council's (KF) target of an indicator: the council sets one per year, so every
        unit's plan of that year prints the same value (drawn from the indicator and year)."""
        return _value(random.Random(f"{d.name}|{self.year}"), d)

    def kf_value(self, d: C.IndicatorDef, kf_level: bool) -> str | None:
        rng = self.rng
        if not kf_level and rng.random() < 0.75:
            return None
        kind = d.kf if d.kf != "none" else ("same" if kf_level else rng.choice(("same", "namnd", "none")))
        if kf_level and rng.random() < 0.12:
            return None
        if kind == "same":
            self.value(d)  # drawn as before, so that every later choice a seed makes stays
            return self.council_value(d)
        if kind == "namnd":
            return rng.choice(("Tas fram av nämnd", "Tas fram av nämnd/styrelse"))
        if kind == "dir":
            return d.better
        return None

    def indicators(self, topic: C.Topic, lo: int, hi: int, kf_level: bool) -> list[IndicatorRow]:
        rng = self.rng
        rows = []
        for _ in range(rng.randint(lo, hi)):
            left = [d for d in topic.indicators if d.name not in self.used]
            if not left:
                break
            d = rng.choice(left)
            self.used.add(d.name)
            kf = self.kf_value(d, kf_level)
            target: str | None = self.value(d)
            if kf is not None and rng.random() < 0.1:
                target = None
            period = d.periods[0] if rng.random() < 0.6 else rng.choice(d.periods + PERIODS)
            comment = None
            if rng.random() < 0.12:
                comment = rng.choice(C.COMMENTS).format_map({**self.ctx, "value": self.value(d)})
            rows.append(IndicatorRow(d.name, target, kf, period, comment))
        return rows

    def activities(self, topic: C.Topic, lo: int, hi: int) -> list[ActivityRow]:
        rng = self.rng
        year = self.year
        rows = []
        for _ in range(rng.randint(lo, hi)):
            text = self.unique(topic.activities)
            if text is None:
                break
            text += rng.choice(C.ACTIVITY_TAILS)
            if rng.random() < 0.15:
                text += "."
            start, end = f"{year}-01-01", f"{year}-12-31"
            if rng.random() < 0.2:
                start = f"{year}-{rng.choice(('02', '03', '04', '08')):s}-01"
            if rng.random() < 0.2:
                end = f"{year}-{rng.choice(('06-30', '09-30', '11-30'))}"
            elif rng.random() < 0.04:
                end = f"{year + 1}-06-30"
            if end < start:
                end = f"{year}-12-31"
            rows.append(ActivityRow(text, start, end))
        return rows

    # --- goal tree ---------------------------------------------------------------------------

    def goal_sections(self, level: str, topic_name: str) -> list[GoalSection]:
        rng = self.rng
        topic = C.TOPICS[topic_name]
        chance = {
            "namndmal": {
                "beskrivning": 0.92,
                "forvantat_resultat": 0.85,
                "arbetssatt": 0.08,
                "kommentar": 0.04,
            },
            "enhetsmal": {
                "beskrivning": 0.15,
                "forvantat_resultat": 0.9,
                "arbetssatt": 0.85,
                "samverkan": 0.05,
                "medarbetarskap": 0.3 if topic_name == "medarbetare" else 0.0,
                "resursanvandning": 0.35,
                "uppfoljning": 0.75,
                "utveckling": 0.3,
                "kommentar": 0.12,
            },
        }[level]
        out = []
        for kind in C.GOAL_SECTION_HEADINGS:
            if rng.random() >= chance.get(kind, 0.0):
                continue
            if kind == "beskrivning":
                paras = [self.sentences(topic.beskrivning, 2, 4) for _ in range(rng.randint(1, 3))]
            elif kind == "forvantat_resultat":
                if level == "namndmal" or rng.random() < 0.5:
                    paras = self.bullets(topic.resultat, 2, 4)
                else:
                    paras = [self.sentences(topic.resultat, 1, 3, 0.0) for _ in range(rng.randint(1, 2))]
            elif kind == "arbetssatt":
                paras = [self.sentences(C.ARBETSSATT, 1, 4, 0.5) for _ in range(rng.randint(1, 2))]
            else:
                pool = {
                    "samverkan": C.SAMVERKAN,
                    "medarbetarskap": C.MEDARBETARSKAP,
                    "kommentar": C.KOMMENTAR,
                    "resursanvandning": C.RESURSANVANDNING,
                    "uppfoljning": C.UPPFOLJNING,
                    "utveckling": C.UTVECKLING,
                }[kind]
                paras = [self.sentences(pool, 1, 2, 0.1, reuse=True)]
            out.append(GoalSection(kind, C.GOAL_SECTION_HEADINGS[kind], paras))
        return out

    def title(self, pool: tuple[str, ...], dot: float) -> str:
        t = self.unique(pool)
        if t is None:  # pool exhausted: vary a used one so titles stay unique in the document
            t = self.fill(self.rng.choice(pool)) + f" i {self.ctx['area']}"
            while t in self.used:
                t += " under året"
            self.used.add(t)
        return t + "." if self.rng.random() < dot else t

    def enhetsmal(self, topic_name: str) -> GoalNode:
        rng = self.rng
        topic = C.TOPICS[topic_name]
        r = rng.random()
        prefix = "Avdelningsmål" if r < 0.12 else "Områdesmål" if r < 0.18 else None
        node = GoalNode(
            "enhetsmal",
            None,
            prefix,
            self.title(topic.enhet, 0.1),
            self.goal_sections("enhetsmal", topic_name),
        )
        if rng.random() < 0.3:
            node.indicators = self.indicators(topic, 1, 2, kf_level=False)
        if rng.random() < 0.2:
            node.activities = self.activities(topic, 1, 2)
        return node

    def namndmal(self, topic_name: str) -> GoalNode:
        rng = self.rng
        topic = C.TOPICS[topic_name]
        node = GoalNode(
            "namndmal", None, None, self.title(topic.namnd, 0.1), self.goal_sections("namndmal", topic_name)
        )
        if rng.random() < 0.25:
            node.indicators = self.indicators(topic, 1, 2, kf_level=False)
        if rng.random() < 0.55:
            node.activities = self.activities(topic, 1, 3)
        n = rng.choices((0, 1, 2), (0.2, 0.65, 0.15))[0]
        node.children = [self.enhetsmal(topic_name) for _ in range(n)]
        return node

    def verksamhetsmal(self, code: str) -> GoalNode:
        rng = self.rng
        topic_name, titles = C.KF_VERKSAMHETSMAL[code]
        node = GoalNode("kf_verksamhetsomradesmal", code, None, rng.choice(titles))
        if rng.random() < 0.35:
            node.indicators = self.indicators(C.TOPICS[topic_name], 1, 3, kf_level=True)
        if rng.random() < 0.08:
            node.activities = self.activities(C.TOPICS[topic_name], 1, 2)
        n = rng.choices((0, 1, 2), (0.12, 0.73, 0.15))[0]
        if n == 0 and rng.random() < 0.6:
            node.children = [self.enhetsmal(topic_name) for _ in range(rng.randint(1, 2))]
        else:
            node.children = [self.namndmal(topic_name) for _ in range(n)]
        return node

    def goal_tree(self) -> list[GoalNode]:
        rng = self.rng
        numbers = list(C.KF_INRIKTNINGSMAL)
        if rng.random() < 0.25:
            numbers.remove(rng.choice(numbers))
        roots = []
        for n in numbers:
            root = GoalNode("kf_inriktningsmal", n, None, rng.choice(C.KF_INRIKTNINGSMAL[n]))
            codes = [c for c in C.KF_VERKSAMHETSMAL if c.split(".")[0] == n]
            chosen = sorted(
                rng.sample(codes, rng.randint(1, min(3, len(codes)))), key=lambda c: int(c.split(".")[1])
            )
            if rng.random() < 0.05:
                root.indicators = self.indicators(
                    C.TOPICS[C.KF_VERKSAMHETSMAL[chosen[0]][0]], 1, 1, kf_level=True
                )
            root.children = [self.verksamhetsmal(c) for c in chosen]
            roots.append(root)
        return roots

    # --- narrative -----------------------------------------------------------------------------

    def intro(self, cover: bool) -> list[Section]:
        rng = self.rng
        dom = C.DOMAINS[self.domain]
        first = rng.choice(dom.uppdrag_first)
        lead = self.fill(first)
        if "{district}" not in first:
            lead += f" Verksamheten bedrivs inom stadsdelsområdet {self.ctx['district']}."
        uppdrag = [lead + " " + self.sentences(dom.uppdrag, 1, 2, 0.0)]
        if cover and rng.random() < 0.3:  # with a cover page the unit need not open the text
            uppdrag = [self.sentences(dom.uppdrag, 2, 3, 0.0)]
        uppdrag += [self.sentences(dom.uppdrag, 1, 3, 0.2) for _ in range(rng.randint(0, 2))]
        children = [Section("Enhetens uppdrag", uppdrag)]

        year = self.year
        r = rng.random()
        items = [
            self.bullet + self.fill(s)
            for s in rng.sample(dom.utveckling, rng.randint(2, len(dom.utveckling)))
        ]
        if r < 0.4:
            utv = items
        elif r < 0.75:
            utv = [f"Under {year} prioriterar enheten följande utvecklingsområden:", *items]
        else:
            lc = [self.fill(x[0].lower() + x[1:]).rstrip(".") for x in rng.sample(dom.utveckling, 3)]
            utv = [
                f"Under {year} ska enheten särskilt {lc[0]}. Vidare ska enheten {lc[1]}.",
                f"Enheten kommer också att {lc[2]}. " + self.composed(),
            ]
        children.append(Section(f"Utvecklingsområden {year}", utv))
        if rng.random() < 0.2:
            children.append(
                Section("Verksamhetens förutsättningar", [self.sentences(C.FORUTSATTNINGAR, 1, 3)])
            )
        if rng.random() < 0.9:
            org = [self.sentences(C.ORGANISATION, 2, 4, 0.0) for _ in range(rng.randint(1, 2))]
            children.append(Section("Organisationsbeskrivning", org))
        if rng.random() < 0.2:
            children.append(Section("Medarbetarnas delaktighet", [self.sentences(C.DELAKTIGHET, 1, 2)]))
        own = [self.sentences(C.INLEDNING_EXTRA, 1, 2, 0.0)] if rng.random() < 0.08 else []
        return [Section("Inledning", own, children)]

    def outro(self) -> list[Section]:
        rng = self.rng
        year = self.year
        out = []
        eko = []
        if rng.random() < 0.9:
            eko.append(
                Section(
                    "Resursanvändning",
                    [self.sentences(C.RESURS_NARRATIVE, 2, 4, 0.3) for _ in range(rng.randint(1, 2))],
                )
            )
        if rng.random() < 0.85:
            eko.append(Section(f"Budget {year}", [self.sentences(C.BUDGET, 2, 4, 0.0)]))
        if eko and rng.random() < 0.92:
            out.append(Section("Redovisning av ekonomi", [], eko))
        if rng.random() < 0.85:
            ovr = []
            if rng.random() < 0.85:
                kval = Section(
                    rng.choice(
                        ("Systematiskt kvalitetsarbete", "Systematiskt kvalitetsarbete", "Kvalitetsarbete")
                    ),
                    [self.sentences(C.KVALITET, 2, 4, 0.2)],
                )
                if rng.random() < 0.3:
                    if rng.random() < 0.25:
                        kval.paragraphs = []
                    for heading, pool in rng.sample(C.KVALITET_CHILDREN, rng.randint(1, 3)):
                        colon = ":" if rng.random() < 0.3 else ""
                        kval.children.append(
                            Section(heading + colon, [self.sentences(getattr(C, pool), 1, 3, 0.0)])
                        )
                ovr.append(kval)
            if rng.random() < 0.6:
                ovr.append(Section("Agenda 2030", [self.sentences(C.AGENDA, 2, 4, 0.0)]))
            if rng.random() < 0.25 and not any(
                c.title.startswith("Personalens") for s in ovr for c in s.children
            ):
                ovr.append(
                    Section("Personalens medverkan i kvalitetsarbetet", [self.sentences(C.MEDVERKAN, 1, 3)])
                )
            if ovr:
                out.append(Section("Övrigt", [], ovr))
        return out


def _layout(rng: random.Random) -> Layout:
    cover = rng.random() < 0.35
    return Layout(
        cover_page=cover,
        toc=cover and rng.random() < 0.8,
        blank_between_lines=rng.random() < 0.5,
        paragraph_gap=rng.random() < 0.8,
        narrative_heading_gap=rng.random() < 0.6,
        wrap_width=rng.randint(85, 100),
        heading_width=rng.randint(60, 82),
        furniture_style=rng.choice(("full", "full", "plain", "sid", "running", "mixed")),
        furniture_rate=rng.choice((1.0, 1.0, 0.6, 0.3)),
    )


def _contact(rng: random.Random, district: C.District, year: int) -> Contact:
    a, b = rng.randint(10, 99), rng.randint(100, 999)
    if rng.random() < 0.6:
        written = f"{year - 1}-{rng.choice((11, 12))}-{rng.randint(1, 28):02d}"
    else:
        written = f"{year}-01-{rng.randint(8, 28):02d}"
    return Contact(
        handlaggare=f"{rng.choice(C.FIRST_NAMES)} {rng.choice(C.LAST_NAMES)}",
        phone=f"08-508 {a} {b}",
        switchboard=f"08508{a}{b}",
        address=rng.choice(district.streets),
        written=written,
        meeting=f"{year}-02-{rng.randint(10, 27):02d}"
        if written.startswith(str(year))
        else f"{year}-01-{rng.randint(15, 30):02d}",
    )


def _value(rng: random.Random, d: C.IndicatorDef) -> str:
    """A value of the indicator's kind, as plans print it."""
    if d.kind == "dir" or rng.random() < 0.04:
        return d.better
    v = rng.uniform(d.lo, d.hi)
    if d.kind == "pct":
        dec = 1 if (d.hi - d.lo < 6 or rng.random() < 0.2) else 0
        return _fmt_num(v, dec) + " %"
    if d.kind == "dec":
        return _fmt_num(v, 1)
    if d.kind == "kr":
        step = 1000 if v >= 20000 else 100
        return f"{round(v / step) * step:,}".replace(",", " ") + " kr"
    if d.kind == "max":
        return f"Max {round(v)} {d.unit_word}"
    return str(round(v))


def random_plan(seed: int, **overrides: object) -> PlanSpec:
    """Draw a plan from ``seed``; ``overrides`` fix metadata (district, unit, plan_year, dnr, domain,
    area) or any :class:`Layout` field, e.g. ``random_plan(3, cover_page=True, plan_year=2024)``."""
    unknown = set(overrides) - _META_KEYS - _LAYOUT_KEYS
    if unknown:
        raise TypeError(f"unknown override(s): {sorted(unknown)}")
    rng = random.Random(seed)
    domain = str(overrides.get("domain") or rng.choice(sorted(C.DOMAINS)))
    if domain not in C.DOMAINS:
        raise ValueError(f"unknown domain {domain!r}")
    by_name = {d.name: d for d in C.DISTRICTS}
    district = by_name[str(overrides["district"])] if "district" in overrides else rng.choice(C.DISTRICTS)
    area = str(overrides.get("area") or rng.choice(district.areas))
    year = int(overrides.get("plan_year") or rng.randint(2022, 2027))  # type: ignore[call-overload]
    layout = replace(_layout(rng), **{k: v for k, v in overrides.items() if k in _LAYOUT_KEYS})
    if layout.toc and not layout.cover_page:
        layout.toc = False

    ctx: dict[str, object] = {
        "district": district.name,
        "district_gen": district.genitive,
        "area": area,
        "area_gen": _genitive(area),
        "garden": rng.choice(C.GARDEN_NAMES),
        "year": year,
        "prev": year - 1,
        "next": year + 1,
        "staff": rng.randint(18, 160),
        "users": rng.randint(30, 400),
        "chefs": rng.choice(("två", "tre", "fyra")),
        "budget": _fmt_num(rng.uniform(8, 95), 1),
        "pct": rng.randint(70, 92),
    }
    unit = (
        str(overrides["unit"]) if "unit" in overrides else rng.choice(C.DOMAINS[domain].units).format_map(ctx)
    )
    ctx["unit"] = unit

    if "dnr" in overrides:
        dnr = overrides["dnr"]
        if dnr is not None and not layout.cover_page:
            raise ValueError("a dnr is only printed on the cover page: set cover_page=True")
    elif layout.cover_page and rng.random() < 0.85:
        number = rng.randint(10, 2999)
        dnr = f"{district.dnr_prefix} {year - 1 if rng.random() < 0.7 else year}/{number}"
    else:
        dnr = None

    s = _Sampler(rng, ctx, domain, year)
    spec = PlanSpec(
        district=district.name,
        unit=unit,
        plan_year=year,
        dnr=None if dnr is None else str(dnr),
        domain=domain,
        area=area,
        layout=layout,
        contact=_contact(rng, district, year),
    )
    spec.intro = s.intro(layout.cover_page)
    spec.goals = s.goal_tree()
    spec.outro = s.outro()
    if "ocr" not in overrides:
        # Drawn last, so that every other choice a seed makes is what it was before OCR plans.
        spec.layout.ocr = rng.random() < 0.2
    return spec
