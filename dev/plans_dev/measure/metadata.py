"""How often the document-level metadata is wrong when the text does not state it.

    python -m plans_dev.measure.metadata [--n N] [--seed S] [--cover | --stated]
    python -m plans_dev.measure.metadata --supply path|catalogue [--n N] [--seed S]

Generates ``N`` plans whose text states neither district nor, exactly, unit
(``plans_dev.synth.unstated``; ``--stated``: as drawn, without a cover page; ``--cover``:
with one), parses each and counts per
field (district, unit, plan_year) how often the value is right, null or wrong. The target
is no wrong value: a wrong value is worse than none. ``--supply`` ingests the plans whose
text states neither as an archive laid out ``{district}/{plan_year}/<i>/{unit}.txt``, with that
``--path-pattern`` or with a catalogue naming each file's district and unit, and counts again
(the target: all right).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from pipeline.parse import parse_document
from pipeline.rules import load_rules
from plans_dev.synth.__main__ import doc_seed
from plans_dev.synth.render import render_text
from plans_dev.synth.spec import random_plan
from plans_dev.synth.unstated import unstated

FIELDS = ("district", "unit", "plan_year")


def measure(n: int, seed: int, cover: bool = False, stated: bool = False) -> dict[str, Counter[str]]:
    """Per field: counts of "right", "null" and "wrong" over ``n`` generated plans."""
    rules = load_rules()
    counts: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(n):
            doc = doc_seed(seed, i)
            spec = random_plan(doc, cover_page=cover, toc=cover, dnr=None)
            if not (cover or stated):
                spec = unstated(spec, doc)
            path = Path(tmp) / f"plan_{i}.txt"
            path.write_text(render_text(spec, doc), encoding="utf-8")
            meta = parse_document(path, rules).metadata
            for name in FIELDS:
                found, want = getattr(meta, name), getattr(spec, name)
                verdict = "null" if found is None else "right" if found == want else "wrong"
                counts[name][verdict] += 1
                if verdict == "wrong":
                    counts[name][f"e.g. {found!r} for {want!r}"] += 0
    return counts


def measure_supplied(n: int, seed: int, supply: str) -> dict[str, Counter[str]]:
    """As ``measure`` for unstated plans, ingested with a path pattern or a catalogue."""
    import csv

    import pandas as pd

    from pipeline.ingestion import ingest

    counts: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}
    with tempfile.TemporaryDirectory() as tmp:
        root, specs = Path(tmp) / "archive", {}
        for i in range(n):
            doc = doc_seed(seed, i)
            spec = unstated(random_plan(doc), doc)
            relative = f"{spec.district}/{spec.plan_year}/{i}/{spec.unit}.txt"
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(render_text(spec, doc), encoding="utf-8")
            specs[str(path)] = spec
        options: dict[str, object] = {"path_pattern": "{district}/{plan_year}/*/{unit}.txt"}
        if supply == "catalogue":
            catalogue = Path(tmp) / "catalogue.csv"
            with catalogue.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(["path", "district", "unit"])
                for path, spec in specs.items():
                    writer.writerow([Path(path).relative_to(root).as_posix(), spec.district, spec.unit])
            options = {"metadata_catalogue": catalogue}
        ingest(root, Path(tmp) / "out", progress=False, **options)
        docs = pd.read_parquet(Path(tmp) / "out" / "documents")
        for row in docs.itertuples():
            spec = specs[row.source_path]
            for name in FIELDS:
                found, want = getattr(row, name), getattr(spec, name)
                verdict = "null" if pd.isna(found) else "right" if found == want else "wrong"
                counts[name][verdict] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m plans_dev.measure.metadata", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=77)
    ap.add_argument("--cover", action="store_true", help="plans with a cover page")
    ap.add_argument("--stated", action="store_true", help="plans as drawn, without a cover page")
    ap.add_argument("--supply", choices=("path", "catalogue"), help="ingest with a path pattern or catalogue")
    args = ap.parse_args(argv)
    if args.supply:
        results = measure_supplied(args.n, args.seed, args.supply)
    else:
        results = measure(args.n, args.seed, args.cover, args.stated)
    for name, counts in results.items():
        examples = [k for k in counts if k.startswith("e.g.")][:5]
        print(f"{name}: right {counts['right']}, null {counts['null']}, wrong {counts['wrong']}")
        for example in examples:
            print(f"    {example}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
