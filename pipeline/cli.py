"""The ``plans`` command.

    plans ingest data/raw --out data/parsed     parse every plan under a folder into tables
    plans eval --gold GOLD --parsed data/parsed  precision/recall/F1 against gold annotations
    plans repair FILE [--context DIR] [--diff]   print the repaired text of one file (or -)
    plans report --parsed data/parsed --out report/    a report site to check an ingest by eye
    plans export --parsed data/parsed --out share --format xlsx   tables and views for colleagues
    plans problems --parsed data/parsed          what failed and what was warned, newest first
    plans search "trygghet" --parsed data/parsed  passages by concept (any inflected form)

Exit status: 0 all good, 1 some documents failed (or eval below its thresholds),
2 usage error or a run that did not happen (bad arguments, missing input, the output locked
by another ingest or not ours, the run stopped by an error); after 2 the output is as it was.
``plans`` without a command prints this help to standard output and exits 2, as a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from pipeline.extract.ocr.engines import DEFAULT_ENGINE, ENGINES
from pipeline.extract.options import OCR_MODES, ExtractOptions

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SCHEDULER_ENV = "PLANS_SCHEDULER"


def _ingest(args: argparse.Namespace) -> int:
    from pipeline.errors import Code, RunNotStarted
    from pipeline.ingestion import Limits, Reporter, ingest

    try:
        reporter = Reporter(args.log_format, quiet=args.quiet, progress=args.progress)
    except ValueError as exc:
        print(f"plans ingest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    limits = Limits(timeout=args.timeout or None, memory_mb=args.memory_limit or None)
    try:
        summary = ingest(
            args.input,
            args.out,
            full=args.full,
            prune=args.prune,
            workers=args.workers,
            limits=limits,
            scheduler=args.scheduler or None,
            extract_options=ExtractOptions(ocr=args.ocr, ocr_engine=args.ocr_engine),
            reporter=reporter,
            metadata_catalogue=args.metadata,
            path_pattern=args.path_pattern,
            context=_context_settings(args),
            docs_per_part=args.docs_per_part,
            **({} if args.cache_limit is None else {"cache_limit": args.cache_limit * 2**20 or None}),
        )
    except RunNotStarted as exc:
        reporter.error(str(exc), code=str(exc.code))  # for a reason the message gives: no traceback
        return EXIT_USAGE
    except OSError as exc:  # a full disk, a folder made read-only during the run: one line
        where = f"{exc.filename}: " if exc.filename else ""
        reporter.error(
            f"the run stopped, the output is as it was before it: {where}{exc.strerror or exc}",
            code=str(Code.OS_ERROR),
        )
        return EXIT_USAGE
    except Exception as exc:
        reporter.error(
            f"the run stopped, the output is as it was before it: {type(exc).__name__}: {exc}",
            code=str(getattr(exc, "code", "") or "internal_error"),
        )
        if not args.quiet and args.log_format == "text":
            traceback.print_exc()
        return EXIT_USAGE
    reporter.summary(summary)
    return summary.exit_code


def _context_settings(args: argparse.Namespace):
    from pipeline.ingestion.context import ContextSettings

    drift = {} if args.context_drift is None else {"rebuild_drift": args.context_drift}
    return ContextSettings(rebuild=args.rebuild_context, **drift)


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be a share between 0 and 1, got {text}")
    return value


def _non_negative(kind: type):
    def parse(text: str):
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {text}")
    return value


def _parse_thresholds(text: str | None) -> dict[str, float]:
    if not text:
        return {}
    out = {}
    for item in text.split(","):
        key, _, value = item.partition("=")
        out[key.strip()] = float(value)
    return out


def _eval(args: argparse.Namespace) -> int:
    from pipeline.evaluate import GoldError, evaluate, format_report
    from pipeline.store import SchemaVersionError

    for path in (args.gold, args.parsed):
        if not Path(path).is_dir():
            print(f"plans eval: {path}: not a folder", file=sys.stderr)
            return EXIT_USAGE
    try:
        thresholds = _parse_thresholds(args.fail_under)
    except ValueError:
        print(f"plans eval: --fail-under: expected name=number,..., got {args.fail_under!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        report = evaluate(Path(args.gold), Path(args.parsed))
    except GoldError as exc:
        print(f"plans eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SchemaVersionError as exc:
        print(f"plans eval: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (FileNotFoundError, OSError, ValueError) as exc:
        print(f"plans eval: --parsed {args.parsed}: not a readable plans output: {exc}", file=sys.stderr)
        return EXIT_USAGE
    unknown = [name for name in thresholds if not _known_measure(report, name)]
    if unknown:
        print(f"plans eval: --fail-under: unknown measure(s) {', '.join(unknown)}", file=sys.stderr)
        return EXIT_USAGE
    print(format_report(report, verbose=args.verbose))
    if thresholds:
        failures = report.failures(thresholds)
        for failure in failures:
            print(f"below threshold: {failure}", file=sys.stderr)
        return EXIT_FAILED if failures else EXIT_OK
    return EXIT_OK


def _known_measure(report, name: str) -> bool:
    try:
        report.value(name)
    except KeyError:
        return False
    return True


def _repair(args: argparse.Namespace) -> int:
    from pipeline.batch import discover, read_file
    from pipeline.extract.errors import ExtractError
    from pipeline.extract.text.encoding import decode_bytes
    from pipeline.extract.text.reader import split_lines
    from pipeline.lang.sv.damage import measure
    from pipeline.model import Problem, SourceDocument
    from pipeline.repair import RepairContext, repair
    from pipeline.repair.ngram import Bigrams

    try:
        if args.file == "-":
            data = sys.stdin.buffer.read()
            text, encoding = decode_bytes(data)
            lines, n_pages = split_lines(text)
            source = SourceDocument("<stdin>", "", "text", "text", lines, encoding, n_pages)
        else:
            source = read_file(Path(args.file))
            if isinstance(source, Problem):
                print(f"plans repair: {source.message}", file=sys.stderr)
                return EXIT_FAILED
    except (ExtractError, OSError) as exc:
        print(f"plans repair: {args.file}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    context = None
    if args.context:
        if not Path(args.context).is_dir():
            print(f"plans repair: --context {args.context}: not a folder", file=sys.stderr)
            return EXIT_USAGE
        bigrams = Bigrams()
        for path in discover(Path(args.context)):
            other = read_file(path)
            if isinstance(other, Problem):
                continue
            text = "\n".join(line.text for line in other.lines)
            if not measure(text).damaged:
                bigrams.add_text(text)
        context = RepairContext.from_bigrams(bigrams)
    result = repair(source, context=context, force=args.force)
    before = [line.text for line in source.lines]
    after = [line.text for line in result.source.lines]
    if args.diff:
        # Repair keeps every line in place, so the diff is line by line (unified-diff style).
        name = source.source_path
        sys.stdout.write(f"--- {name}\n+++ {name} (repaired)\n")
        for n, (old, new) in enumerate(zip(before, after, strict=True), start=1):
            if old != new:
                sys.stdout.write(f"@@ -{n} +{n} @@\n-{old}\n+{new}\n")
    else:
        sys.stdout.write("\n".join(after))
        if after and after[-1] != "":
            sys.stdout.write("\n")
    print(
        f"damage score {result.damage.score:.2f}; {len(result.repairs)} repairs",
        file=sys.stderr,
    )
    return EXIT_OK


def _is_parsed_folder(command: str, parsed: str) -> bool:
    """Whether ``--parsed`` names a folder; if not, says so as ``plans COMMAND`` (usage error)."""
    if Path(parsed).is_dir():
        return True
    print(f"plans {command}: --parsed {parsed}: not a folder", file=sys.stderr)
    return False


def _report(args: argparse.Namespace) -> int:
    from pipeline.errors import Code, PlansError
    from pipeline.report import write_report
    from pipeline.report.site import site_size, write_site

    if not _is_parsed_folder("report", args.parsed):
        return EXIT_USAGE
    one_page = args.out.endswith(".html")
    try:
        if one_page:
            path = write_report(args.parsed, args.out)
        else:
            site = write_site(args.parsed, args.out, args.archive)
    except FileNotFoundError as exc:
        print(f"plans report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (PlansError, OSError, ValueError) as exc:  # a corrupt output (pyarrow errors are ValueErrors)
        if getattr(exc, "code", None) is Code.REPORT_OUT_FOREIGN:
            print(f"plans report: {exc}", file=sys.stderr)
        else:
            print(f"plans report: {args.parsed}: cannot be read as a plans output: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if one_page:
        print(path)
        return EXIT_OK
    for note in site.notes[:20]:
        print(f"plans report: {note}", file=sys.stderr)
    print(
        f"{site.out / 'index.html'}: {site.plans} plans, {site.rendered} pages rendered "
        f"({site.pictures_rendered} page pictures), {site.removed} removed; "
        f"{site_size(site.out) / 1e6:.1f} MB; {site.seconds:.1f} s"
    )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from pipeline.errors import PlansError
    from pipeline.export import export

    if not _is_parsed_folder("export", args.parsed):
        return EXIT_USAGE
    try:
        files = export(args.parsed, args.out, args.format, all_copies=args.all_copies)
    except FileNotFoundError as exc:
        print(f"plans export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError, RuntimeError, PlansError) as exc:
        print(f"plans export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{len(files)} file(s) in {args.out}")
    return EXIT_OK


def _problems(args: argparse.Namespace) -> int:
    import pandas as pd

    from pipeline.catalog.problems import problems, snapshot_info
    from pipeline.errors import PlansError

    if not _is_parsed_folder("problems", args.parsed):
        return EXIT_USAGE
    severities = ("error",) if args.errors_only else ("error", "warning")
    try:
        found = problems(args.parsed, severities)
    except FileNotFoundError as exc:
        print(f"plans problems: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OSError, ValueError, PlansError) as exc:
        print(f"plans problems: {args.parsed}: cannot be read as a plans output: {exc}", file=sys.stderr)
        return EXIT_USAGE
    info = snapshot_info(args.parsed)
    errors = int((found.severity == "error").sum())
    warnings = len(found) - errors
    run = f"run {info.get('run_id', '?')} ({info.get('created_at', '?')})"
    print(f"{run}: {errors} error(s), {warnings} warning(s)")
    for row in found.itertuples():
        when = "not recorded" if pd.isna(row.found_at) else f"{row.found_at:%Y-%m-%d %H:%M}"
        print(f"{when}  {row.severity:<7}  {row.code}  {row.source_path}\n    {row.message}")
    return EXIT_OK


def _version() -> str:
    from pipeline.store.schema import SCHEMA_VERSION
    from pipeline.version import __version__, parser_version

    return f"plans {__version__} (parser {parser_version()}, schema {SCHEMA_VERSION})"


def _search(args: argparse.Namespace) -> int:
    from pipeline.catalog import connect
    from pipeline.catalog.search import search
    from pipeline.errors import PlansError

    if not _is_parsed_folder("search", args.parsed):
        return EXIT_USAGE
    try:
        hits = search(connect(args.parsed, link=False), args.query, limit=args.limit)
    except (OSError, ValueError, PlansError, duckdb_errors()) as exc:
        print(f"plans search: {args.parsed}: cannot be read as a plans output: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "csv":
        hits.assign(path=[" > ".join(p) if isinstance(p, list | tuple) else "" for p in hits.path]).to_csv(
            sys.stdout, index=False
        )
        return EXIT_OK
    if hits.empty:
        print(f"no hits for {args.query!r}")
    for hit in hits.itertuples():
        year = "" if hit.plan_year is None or hit.plan_year != hit.plan_year else f" {hit.plan_year}"
        page = "" if hit.page is None or hit.page != hit.page else f", p. {hit.page}"
        where = hit.source + (f" of {hit.goal_id}" if isinstance(hit.goal_id, str) else "")
        print(f"{hit.rank:>3}. [{hit.score:.2f}] {hit.unit or '?'}{year} ({hit.doc_id}{page}) {where}")
        path = list(hit.path) if hit.path is not None and not isinstance(hit.path, float) else []
        if path:
            print(f"     {' > '.join(path)}")
        print(f"     {hit.snippet}")
    return EXIT_OK


def duckdb_errors() -> type[Exception]:
    import duckdb

    return duckdb.Error


def build_parser() -> argparse.ArgumentParser:
    # No abbreviations: ``--ful`` must not run ``--full``.
    parser = argparse.ArgumentParser(prog="plans", description=__doc__.split("\n\n")[0], allow_abbrev=False)
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command")

    ingest = sub.add_parser(
        "ingest",
        allow_abbrev=False,
        help="parse every plan under a folder into Parquet tables (only what changed since the last run)",
        description="Bring the tables in --out up to date with the archive: new and changed files are "
        "parsed, unchanged ones skipped, moved ones keep their rows; the new tables replace the old ones "
        "all at once. Exit status: 0 all documents read, 1 some failed, 2 nothing done (usage error, "
        "output locked by another ingest, run stopped).",
    )
    ingest.add_argument("input", help="a folder of plan files (or one file)")
    ingest.add_argument("--out", required=True, help="output folder for the tables")
    ingest.add_argument(
        "--full", action="store_true", help="parse every file again, ignoring earlier results"
    )
    ingest.add_argument(
        "--prune",
        action="store_true",
        help="remove the rows of files deleted from the archive (default: keep)",
    )
    ingest.add_argument(
        "--workers",
        type=_non_negative(int),
        metavar="N",
        help=(
            "processes parsing in parallel (default: $PLANS_WORKERS, else all cores; 0: in this process,"
            " without limits)"
        ),
    )
    ingest.add_argument(
        "--timeout",
        type=_non_negative(float),
        default=600.0,
        metavar="S",
        help="seconds one document may take before its worker is stopped (default 600; 0: no limit)",
    )
    ingest.add_argument(
        "--memory-limit",
        type=_non_negative(int),
        default=4096,
        metavar="MB",
        help="address space of a worker process in MB (default 4096; 0: no limit)",
    )
    ingest.add_argument(
        "--scheduler",
        default=os.environ.get(SCHEDULER_ENV),
        metavar="ADDR",
        help=f"parse on the Dask cluster of this scheduler, e.g. tcp://host:8786 (default: ${SCHEDULER_ENV})",
    )
    ingest.add_argument(
        "--log-format",
        choices=("text", "json"),
        default="text",
        help="text: a summary line; json: one JSON object per event on standard output",
    )
    ingest.add_argument("-q", "--quiet", action="store_true", help="only the summary (and errors)")
    ingest.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar with rate and ETA (default: when standard error is a terminal)",
    )
    ingest.add_argument(
        "--ocr",
        choices=OCR_MODES,
        default="auto",
        help="read PDF pages with OCR: where there is no text layer or a damaged one (auto), "
        "never, or always",
    )
    ingest.add_argument(
        "--ocr-engine",
        choices=sorted(ENGINES),
        default=DEFAULT_ENGINE,
        help=f"the OCR engine (default: {DEFAULT_ENGINE})",
    )
    ingest.add_argument(
        "--metadata",
        metavar="CATALOGUE.csv",
        help="a CSV catalogue of the archive: columns path (relative to the archive) or sha256, "
        "and any of district, unit, plan_type, plan_year, dnr; its values override the documents'",
    )
    ingest.add_argument(
        "--path-pattern",
        metavar="PATTERN",
        help="read metadata off the files' paths, e.g. '{district}/{plan_year}/{unit}.pdf'; "
        "it fills only what the catalogue and the document leave empty",
    )
    ingest.add_argument(
        "--rebuild-context",
        action="store_true",
        help="build the repair context of OCR-damaged documents anew from the clean ones, and "
        "repair every damaged document with it (by default it is rebuilt when it has drifted)",
    )
    ingest.add_argument(
        "--context-drift",
        type=_share,
        metavar="SHARE",
        help="rebuild the repair context when clean documents added or removed since it was "
        "built hold this share of its words (default: 0.05; docs/operations.md)",
    )
    ingest.add_argument(
        "--docs-per-part",
        type=_positive,
        default=None,
        metavar="N",
        help="documents a part of each table aims to hold (default: 8); fewer: a small change "
        "rewrites less, more: fewer files (docs/operations.md, partitioned output)",
    )
    ingest.add_argument(
        "--cache-limit",
        type=_non_negative(int),
        metavar="MB",
        help="what the caches under <out>/_cache may hold after a run, in MB (default 2048; "
        "0: no limit); past it the oldest entries go (docs/operations.md)",
    )
    ingest.set_defaults(func=_ingest)

    ev = sub.add_parser("eval", allow_abbrev=False, help="compare parsed tables with gold annotations")
    ev.add_argument("--gold", required=True, help="folder of *.gold.json files")
    ev.add_argument("--parsed", required=True, help="output folder of `plans ingest`")
    ev.add_argument("-v", "--verbose", action="store_true", help="per-document scores and misses")
    ev.add_argument(
        "--fail-under",
        metavar="NAME=MIN,...",
        help="exit 1 when a score is below its minimum, e.g. goals=0.99,indicators=0.98",
    )
    ev.set_defaults(func=_eval)

    rep = sub.add_parser(
        "repair", allow_abbrev=False, help="print the repaired text of one file, line breaks kept"
    )
    rep.add_argument("file", help="a text file, or - for standard input")
    rep.add_argument("--context", metavar="DIR", help="learn word use from the clean plans in DIR")
    rep.add_argument("--diff", action="store_true", help="print a unified diff of what changed instead")
    rep.add_argument("--force", action="store_true", help="repair words even where the text looks undamaged")
    rep.set_defaults(func=_repair)

    report = sub.add_parser(
        "report", allow_abbrev=False, help="write an HTML report of a parsed folder for a browser"
    )
    report.add_argument("--parsed", required=True, help="output folder of `plans ingest`")
    report.add_argument(
        "--out",
        required=True,
        help="the report site's folder (new, empty, or a report site to bring up to date); "
        "a name ending in .html writes the old one-page report instead",
    )
    report.add_argument(
        "--archive",
        help="the folder the plans were ingested from, for page pictures (default: the ingest's input)",
    )
    report.set_defaults(func=_report)

    exp = sub.add_parser(
        "export",
        allow_abbrev=False,
        help="write the tables, the joined views and the data dictionary as CSV, Excel or Parquet",
        description="Write every table and joined view of a parsed folder, each plan counted once, "
        "with a data dictionary, into --out (a new or empty folder, or an earlier export).",
    )
    exp.add_argument("--parsed", required=True, help="output folder of `plans ingest`")
    exp.add_argument("--out", required=True, help="folder to write into")
    exp.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv", help="default csv")
    exp.add_argument(
        "--all-copies", action="store_true", help="every copy of a plan (default: its preferred copy)"
    )
    exp.set_defaults(func=_export)

    prob = sub.add_parser(
        "problems",
        allow_abbrev=False,
        help="list what failed and what was warned, newest first",
        description="The problems of the current run of a parsed folder: newest first (when the "
        "document was read), errors before warnings.",
    )
    prob.add_argument("--parsed", required=True, help="output folder of `plans ingest`")
    prob.add_argument("--errors-only", action="store_true", help="leave the warnings out")
    prob.set_defaults(func=_problems)

    find = sub.add_parser(
        "search",
        allow_abbrev=False,
        help="find passages of the plans by concept (lemmas: inflected forms and compounds match)",
        description="Ranked passages (goal titles, goal sections, indicators, activities, narrative "
        "sections) holding every word of QUERY in any inflected form, or as part of a compound "
        "(ranked below whole words).",
    )
    find.add_argument("query", help='one or more words, e.g. "digitalisering" or "ökad trygghet"')
    find.add_argument("--parsed", required=True, help="output folder of `plans ingest`")
    find.add_argument(
        "--limit", type=_non_negative(int), default=20, metavar="N", help="hits shown (default 20)"
    )
    find.add_argument(
        "--format", choices=("text", "csv"), default="text", help="text for reading, csv for tools"
    )
    find.set_defaults(func=_search)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:  # ``plans`` alone: the help, on standard output, as a usage error
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except BrokenPipeError:  # ``plans repair FILE | head``: the reader has all it wanted
        _quiet_stdout()
        return EXIT_OK


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's final flush into the closed
    pipe raises nothing either."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    sys.exit(main())
