"""A whole archive of synthetic plans, for ingest tests and benchmarks.

    python -m plans_dev.synth.archive --out DIR --n N [--seed S] [--damaged-every K] [--folders F]

Plan ``i`` is drawn from ``doc_seed(S, i)`` (so its unit, district, year, layout and wording
vary), lies in one of ``F`` sub-folders, and every ``K``-th plan carries synthetic OCR damage
(``plans_dev.synth.damage``), so an ingest has damaged plans to repair with what the clean ones
teach. Every 7th clean plan is written in cp1252 and every 11th in UTF-16, as archives hold them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from plans_dev.synth.__main__ import doc_seed
from plans_dev.synth.damage import damage_text, load_model
from plans_dev.synth.render import render_text
from plans_dev.synth.spec import random_plan


def write_archive(folder: Path, n: int, seed: int, damaged_every: int = 4, folders: int = 2) -> list[Path]:
    """Write ``n`` plans under ``folder`` and return their paths (in the order drawn)."""
    model = load_model() if damaged_every else None
    width = max(3, len(str(n - 1)))
    paths = []
    for i in range(n):
        doc = doc_seed(seed, i)
        text = render_text(random_plan(doc), doc)
        encoding = "utf-8"
        if damaged_every and i % damaged_every == damaged_every - 1:
            text = damage_text(text, model, doc)
        elif i % 11 == 10:
            encoding = "utf-16"
        elif i % 7 == 6:
            encoding = "cp1252"
        path = folder / f"unit{i % folders}" / f"plan_{seed}_{i:0{width}d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding=encoding, newline="\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m plans_dev.synth.archive", description=__doc__.split("\n\n")[0]
    )
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--damaged-every", type=int, default=5, help="every K-th plan OCR-damaged (0: none)")
    ap.add_argument("--folders", type=int, default=20)
    args = ap.parse_args(argv)
    paths = write_archive(args.out, args.n, args.seed, args.damaged_every, args.folders)
    print(f"wrote {len(paths)} plans to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
