"""The ``plans`` command.

    plans ingest data/raw --out data/parsed     parse every plan under a folder into tables
    plans eval --gold GOLD --parsed data/parsed  precision/recall/F1 against gold annotations

Exit status: 0 all good, 1 some documents failed (or eval below its thresholds),
2 usage error (bad arguments, missing input).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _ingest(args: argparse.Namespace) -> int:
    from pipeline.batch import ingest

    progress = True if args.progress else (False if args.quiet else None)
    try:
        summary = ingest(args.input, args.out, progress=progress)
    except FileNotFoundError as exc:
        print(f"plans ingest: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(summary.line())
    return summary.exit_code


def _parse_thresholds(text: str | None) -> dict[str, float]:
    if not text:
        return {}
    out = {}
    for item in text.split(","):
        key, _, value = item.partition("=")
        out[key.strip()] = float(value)
    return out


def _eval(args: argparse.Namespace) -> int:
    from pipeline.evaluate import evaluate, format_report

    for path in (args.gold, args.parsed):
        if not Path(path).is_dir():
            print(f"plans eval: {path}: not a folder", file=sys.stderr)
            return EXIT_USAGE
    try:
        thresholds = _parse_thresholds(args.fail_under)
    except ValueError:
        print(f"plans eval: --fail-under: expected name=number,..., got {args.fail_under!r}", file=sys.stderr)
        return EXIT_USAGE
    report = evaluate(Path(args.gold), Path(args.parsed))
    print(format_report(report, verbose=args.verbose))
    if thresholds:
        failures = report.failures(thresholds)
        for failure in failures:
            print(f"below threshold: {failure}", file=sys.stderr)
        return EXIT_FAILED if failures else EXIT_OK
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plans", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="parse every plan under a folder into Parquet tables")
    ingest.add_argument("input", help="a folder of plan files (or one file)")
    ingest.add_argument("--out", required=True, help="output folder for the tables")
    ingest.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--progress", action="store_true", help="progress bar even when not on a terminal")
    ingest.set_defaults(func=_ingest)

    ev = sub.add_parser("eval", help="compare parsed tables with gold annotations")
    ev.add_argument("--gold", required=True, help="folder of *.gold.json files")
    ev.add_argument("--parsed", required=True, help="output folder of `plans ingest`")
    ev.add_argument("-v", "--verbose", action="store_true", help="per-document scores and misses")
    ev.add_argument(
        "--fail-under",
        metavar="NAME=MIN,...",
        help="exit 1 when a score is below its minimum, e.g. goals=0.99,indicators=0.98",
    )
    ev.set_defaults(func=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
