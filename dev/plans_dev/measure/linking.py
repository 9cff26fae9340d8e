"""How well goals and indicators link across plans, measured on ../shared/corpus.

    python -m plans_dev.measure.linking [--shared ../shared] [--parsed DIR] [--sweep] [-v]

ingests the four text plans of ``../shared/corpus/text`` (003 is OCR-damaged and repaired on
the way) unless ``--parsed`` names a folder made from them, links the goals with the
thresholds of ``rules/linking.toml`` and reports:

- KF goals: how many have a code, and whether every code links all the goals that carry it
  (and how alike their wordings are, as a check that a code means the same goal);
- Nämndmål of the same year whose wordings are (nearly) identical, damage aside (folded
  wordings at least ``IDENTICAL`` alike): how many of those pairs are linked. Required: all;
- precision and recall of goal and indicator links against the hand-checked judgements in
  ``benchmarks/linking_judgements.toml``, over all pairs of judged items (goals: pairs from
  different plans; indicators: all pairs); ``-v`` lists the wrong and the missing links;
- held-out checks on our own synthetic vocabulary (``plans_dev.synth.content``), which the
  thresholds were not tuned on: every pair of *different* synthetic Nämndmål (none may link;
  pairs of one topic are scored as if under the same KF code), and one-word edits of each
  (a word dropped, or replaced by a word of another goal): the share that still links;
- ``--sweep``: the same for a grid of thresholds, to choose them.

The judgements are also what the thresholds were chosen on, so the precision and recall
reported for them are optimistic for other archives; the synthetic checks are not.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipeline.lang.sv.fold import fold
from pipeline.link.groups import similarity
from pipeline.link.vocabulary import load_vocabulary
from pipeline.store.rows import output_id
from plans_dev.paths import ROOT, SHARED

JUDGEMENTS = ROOT / "benchmarks" / "linking_judgements.toml"
#: Folded wordings at least this alike (rapidfuzz ratio) count as word-for-word the same.
IDENTICAL = 95.0


@dataclass(frozen=True)
class PairScore:
    tp: int
    fp: int
    fn: int
    false_links: tuple[tuple[str, str], ...] = ()
    missed_links: tuple[tuple[str, str], ...] = ()

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class LinkingReport:
    kf_goals: int = 0
    kf_goals_with_code: int = 0
    kf_codes: int = 0
    kf_codes_shared: int = 0  # codes found in two or more plans
    kf_codes_linked: int = 0  # of those, codes whose goals are all in one group
    kf_min_similarity: dict[str, float] = field(default_factory=dict)  # shared code -> least alike wordings
    identical_pairs: int = 0  # same-year Nämndmål pairs (different plans) with identical wording
    identical_linked: int = 0
    identical_missed: list[tuple[str, str]] = field(default_factory=list)
    judged_goals: int = 0
    judged_indicators: int = 0
    goals: PairScore | None = None
    indicators: PairScore | None = None
    synthetic: SyntheticChecks | None = None
    sweep: list[tuple[float, float, PairScore, SyntheticChecks]] = field(default_factory=list)


@dataclass(frozen=True)
class SyntheticChecks:
    """Held-out checks on the synthetic vocabulary at one pair of thresholds."""

    distinct_pairs: int
    distinct_max: float  # highest score of two different goals
    distinct_linked: int  # pairs of different goals that would link (wrong)
    edits: int
    edits_linked: int  # one-word edits that still link to their goal without the KF rule
    edits_linked_same_kf: int  # ... with it (goal and edit under the same KF code)


def ingest_corpus(shared: Path, out: Path) -> Path:
    """The four text plans of ``shared`` ingested into ``out`` (as one batch)."""
    from pipeline.ingestion import ingest

    with tempfile.TemporaryDirectory() as raw:
        for path in sorted((shared / "corpus" / "text").glob("*.txt")):
            shutil.copy(path, raw)
        ingest(raw, out, progress=False)
    return out


def load_judgements(path: Path = JUDGEMENTS) -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def doc_ids_by_prefix(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """'000' -> doc_id, from the file names of the corpus plans."""
    out = {}
    for doc_id, source in con.execute("SELECT doc_id, source_path FROM documents").fetchall():
        out[Path(source).name.split("_")[0]] = doc_id
    return out


def _pair_score(
    items: Sequence[tuple[str, str, str]], predicted: dict[str, str], cross_doc: bool
) -> PairScore:
    """items: (name, doc, true group); predicted: name -> predicted group."""
    tp = fp = fn = 0
    false_links, missed = [], []
    for (a, doc_a, true_a), (b, doc_b, true_b) in itertools.combinations(items, 2):
        if cross_doc and doc_a == doc_b:
            continue
        same, linked = true_a == true_b, predicted[a] == predicted[b]
        if same and linked:
            tp += 1
        elif linked:
            fp += 1
            false_links.append((a, b))
        elif same:
            fn += 1
            missed.append((a, b))
    return PairScore(tp, fp, fn, tuple(false_links), tuple(missed))


def judged_goal_score(con: duckdb.DuckDBPyConnection, judgements: dict) -> PairScore:
    """Goal links of the catalog (its ``goal_groups``) against the judged Nämndmål."""
    docs = doc_ids_by_prefix(con)
    rows = con.execute(
        "SELECT g.doc_id, g.goal_id, g.group_id, p.level, p.kf_nearest_code "
        "FROM goal_groups g JOIN goal_paths p USING (doc_id, goal_id)"
    ).fetchall()
    found = {(doc_id, goal_id): (group, level, kf) for doc_id, goal_id, group, level, kf in rows}
    items, predicted = [], {}
    for j in judgements["namndmal"]:
        key = (docs[j["doc"]], output_id(docs[j["doc"]], j["goal"]))  # judged by the id in the document
        if key not in found or found[key][1] != "namndmal" or found[key][2] != j["kf"]:
            raise ValueError(f"judged goal {j} is not a Nämndmål under KF {j['kf']} in the parsed output")
        name = f"{j['doc']}:{j['goal']}"
        items.append((name, j["doc"], j["group"]))
        predicted[name] = found[key][0]
    return _pair_score(items, predicted, cross_doc=True)


def judged_indicator_score(con: duckdb.DuckDBPyConnection, judgements: dict) -> PairScore:
    docs = doc_ids_by_prefix(con)
    rows = con.execute("SELECT doc_id, ordinal, goal_id, indicator_key FROM indicators").fetchall()
    found = {(doc_id, ordinal): (goal_id, key) for doc_id, ordinal, goal_id, key in rows}
    items, predicted = [], {}
    for j in judgements["indicators"]:
        key = (docs[j["doc"]], j["ordinal"])
        if key not in found or found[key][0] != output_id(docs[j["doc"]], j["goal"]):
            raise ValueError(f"judged indicator {j} is not under goal {j['goal']} in the parsed output")
        name = f"{j['doc']}:#{j['ordinal']}"
        items.append((name, j["doc"], j["group"]))
        predicted[name] = found[key][1]
    return _pair_score(items, predicted, cross_doc=False)


def kf_figures(con: duckdb.DuckDBPyConnection, report: LinkingReport) -> None:
    rows = con.execute(
        "SELECT g.doc_id, g.code, g.title, g.goal_key, gg.group_id FROM goals g "
        "JOIN goal_groups gg USING (doc_id, goal_id) "
        "WHERE g.level IN ('kf_inriktningsmal', 'kf_verksamhetsomradesmal')"
    ).fetchall()
    report.kf_goals = len(rows)
    report.kf_goals_with_code = sum(1 for r in rows if r[1])
    by_code: dict[str, list[tuple]] = {}
    for row in rows:
        if row[1]:
            by_code.setdefault(row[1], []).append(row)
    report.kf_codes = len(by_code)
    for code, members in sorted(by_code.items()):
        if len({m[0] for m in members}) < 2:
            continue
        report.kf_codes_shared += 1
        report.kf_codes_linked += len({m[4] for m in members}) == 1 and members[0][3] == f"kf:{code}"
        titles = {fold(m[2]) for m in members}
        report.kf_min_similarity[code] = min(
            (similarity(a, b) for a, b in itertools.combinations(titles, 2)), default=100.0
        )


def identical_figures(con: duckdb.DuckDBPyConnection, report: LinkingReport) -> None:
    rows = con.execute(
        "SELECT p.doc_id, p.goal_id, p.title, p.plan_year, g.group_id "
        "FROM goal_paths p JOIN goal_groups g USING (doc_id, goal_id) WHERE p.level = 'namndmal'"
    ).fetchall()
    from rapidfuzz import fuzz

    for a, b in itertools.combinations(rows, 2):
        if a[0] == b[0] or a[3] != b[3]:
            continue
        if fuzz.ratio(fold(a[2]), fold(b[2])) < IDENTICAL:
            continue
        report.identical_pairs += 1
        if a[4] == b[4]:
            report.identical_linked += 1
        else:
            report.identical_missed.append((f"{a[0]}:{a[1]}", f"{b[0]}:{b[1]}"))


def evaluate_linking(
    con: duckdb.DuckDBPyConnection,
    judgements: dict,
    sweep: Iterable[tuple[float, float]] = (),
) -> LinkingReport:
    """Every figure of the module docstring for a catalog whose goals are linked already."""
    from pipeline.catalog import link_goals

    report = LinkingReport()
    kf_figures(con, report)
    identical_figures(con, report)
    report.judged_goals = len(judgements["namndmal"])
    report.judged_indicators = len(judgements["indicators"])
    report.goals = judged_goal_score(con, judgements)
    report.indicators = judged_indicator_score(con, judgements)
    settings = load_vocabulary().goals
    report.synthetic = synthetic_checks(settings.threshold, settings.same_kf_threshold)
    for threshold, same_kf in sweep:
        link_goals(con, threshold=threshold, same_kf_threshold=same_kf)
        synthetic = synthetic_checks(threshold, same_kf)
        report.sweep.append((threshold, same_kf, judged_goal_score(con, judgements), synthetic))
    if report.sweep:
        link_goals(con)  # back to the configured thresholds
    return report


def synthetic_checks(
    threshold: float, same_kf_threshold: float, seed: int = 0, same_kf_lemma_overlap: float | None = None
) -> SyntheticChecks:
    """See the module docstring; the rules of ``pipeline.link.groups`` (``link_score``) applied to
    word pairs."""
    import random

    from pipeline.link.groups import comparable, comparable_lemmas, link_score
    from plans_dev.synth.content import TOPICS

    configured = load_vocabulary().goals
    settings = dataclasses.replace(
        configured,
        threshold=threshold,
        same_kf_threshold=same_kf_threshold,
        same_kf_lemma_overlap=configured.same_kf_lemma_overlap
        if same_kf_lemma_overlap is None
        else same_kf_lemma_overlap,
    )

    def links(a: str, b: str, same_kf: bool) -> bool:
        texts = (comparable(a), comparable(b))
        return link_score(texts, (comparable_lemmas(a), comparable_lemmas(b)), same_kf, settings) is not None

    goals = [(topic, text) for topic, t in TOPICS.items() for text in t.namnd]
    scores = []
    linked = 0
    for (topic_a, a), (topic_b, b) in itertools.combinations(goals, 2):
        scores.append(similarity(comparable(a), comparable(b)))
        linked += links(a, b, same_kf=topic_a == topic_b)
    rng = random.Random(seed)
    vocabulary = sorted({w for _, text in goals for w in comparable(text).split()})
    edits = edits_linked = edits_same_kf = 0
    for _, text in goals:
        words = text.split()
        base = comparable(text)
        for k in range(len(words)):
            for edited in (words[:k] + words[k + 1 :], [*words[:k], rng.choice(vocabulary), *words[k + 1 :]]):
                edited_text = " ".join(edited)
                if comparable(edited_text) == base:
                    continue  # a stop word: no edit as far as linking is concerned
                edits += 1
                edits_linked += links(text, edited_text, same_kf=False)
                edits_same_kf += links(text, edited_text, same_kf=True)
    return SyntheticChecks(len(scores), max(scores), linked, edits, edits_linked, edits_same_kf)


def default_sweep() -> list[tuple[float, float]]:
    thresholds = [80.0, 85.0, 90.0, 95.0]
    same_kf = [50.0, 55.0, 60.0, 65.0, 70.0, 75.0, 101.0]  # 101: no KF rule
    return [(t, s) for t in thresholds for s in same_kf]


def _titles(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    docs = {v: k for k, v in doc_ids_by_prefix(con).items()}
    return {
        f"{docs[d]}:{g.removeprefix(f'{d}-')}": t
        for d, g, t in con.execute("SELECT doc_id, goal_id, title FROM goals").fetchall()
    }


def format_linking(report: LinkingReport, con: duckdb.DuckDBPyConnection | None = None, verbose=False) -> str:
    g, i = report.goals, report.indicators
    lines = [
        f"KF goals: {report.kf_goals}, {report.kf_goals_with_code} with a code; {report.kf_codes} codes, "
        f"{report.kf_codes_shared} in two or more plans, {report.kf_codes_linked} of them linked across all "
        "their plans",
        "  wordings of one KF code in different plans, least alike (token_sort_ratio of the folded titles): "
        + (
            ", ".join(f"{c} {s:.0f}" for c, s in sorted(report.kf_min_similarity.items()) if s < 100)
            or "none"
        )
        + " below 100",
        f"Nämndmål with identical wording in plans of the same year: {report.identical_pairs} pairs, "
        f"{report.identical_linked} linked",
        f"Nämndmål, hand-checked ({report.judged_goals} goals, pairs from different plans): "
        f"precision {g.precision:.3f}, recall {g.recall:.3f} (tp {g.tp}, fp {g.fp}, fn {g.fn})",
        f"Indicators, hand-checked ({report.judged_indicators} rows, all pairs): "
        f"precision {i.precision:.3f}, recall {i.recall:.3f} (tp {i.tp}, fp {i.fp}, fn {i.fn})",
    ]
    syn = report.synthetic
    if syn is not None:
        lines += [
            f"Synthetic, different Nämndmål: {syn.distinct_pairs} pairs, highest score "
            f"{syn.distinct_max:.0f}, {syn.distinct_linked} linked (wrong)",
            f"Synthetic, one-word edits: {syn.edits}, {syn.edits_linked} still linked "
            f"({syn.edits_linked / max(syn.edits, 1):.1%}), {syn.edits_linked_same_kf} under the same "
            f"KF code ({syn.edits_linked_same_kf / max(syn.edits, 1):.1%})",
        ]
    if verbose and con is not None:
        titles = _titles(con)
        for label, pairs in (("wrong link", g.false_links), ("missed link", g.missed_links)):
            for a, b in pairs:
                lines.append(f"  {label}: {a} {titles.get(a, '')!r} ~ {b} {titles.get(b, '')!r}")
        for a, b in report.identical_missed:
            lines.append(f"  identical, not linked: {a} ~ {b}")
        for label, pairs in (
            ("wrong indicator link", i.false_links),
            ("missed indicator link", i.missed_links),
        ):
            for a, b in pairs:
                lines.append(f"  {label}: {a} ~ {b}")
    if report.sweep:
        lines.append(
            "threshold  same_kf  precision  recall     f1  | synthetic: wrong links  edits linked  same KF"
        )
        for threshold, same_kf, score, syn in report.sweep:
            kf = "-" if same_kf > 100 else f"{same_kf:.0f}"
            lines.append(
                f"{threshold:9.0f}  {kf:>7}  {score.precision:9.3f}  {score.recall:6.3f}  {score.f1:.3f}  |"
                f" {syn.distinct_linked:22d}  {syn.edits_linked / max(syn.edits, 1):12.1%}"
                f"  {syn.edits_linked_same_kf / max(syn.edits, 1):7.1%}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m plans_dev.measure.linking", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared material (default ../shared)")
    parser.add_argument("--parsed", type=Path, help="a parsed folder made from the corpus text plans")
    parser.add_argument("--sweep", action="store_true", help="precision and recall over a grid of thresholds")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed links")
    args = parser.parse_args(argv)
    from pipeline.catalog import connect

    with tempfile.TemporaryDirectory() as tmp:
        parsed = args.parsed
        if parsed is None:
            if not (args.shared / "corpus" / "text").is_dir():
                print(f"{args.shared}/corpus/text not found", file=sys.stderr)
                return 2
            parsed = ingest_corpus(args.shared, Path(tmp) / "parsed")
        con = connect(parsed)
        report = evaluate_linking(con, load_judgements(), default_sweep() if args.sweep else ())
        print(format_linking(report, con, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
