"""Write synthetic plan documents (and their gold) to disk.

    python -m plans_dev.synth --out DIR --n N --seed S [--gold DIR] [--encoding utf-8|cp1252|utf-16]
        [--generation kf_labelled|numbered]

Document ``i`` of a run is drawn from the seed ``doc_seed(S, i)``, so the same command always
writes the same files. The bundled samples are regenerated (from the repository root) with

    python -m plans_dev.synth --samples

which writes the documents of ``SAMPLES`` to ``data/raw/`` and their gold files to
``tests/fixtures/synth_gold/`` (``--out``/``--gold`` override the two directories).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plans_dev.paths import SAMPLE_GOLD_DIR, SAMPLES_DIR
from plans_dev.synth.gold import gold_of
from plans_dev.synth.render import render_text
from plans_dev.synth.spec import random_plan
from plans_dev.synth.templates import DEFAULT, GENERATIONS, random_older_plan

ENCODINGS = ("utf-8", "cp1252", "utf-16")


@dataclass(frozen=True)
class Sample:
    """One bundled document: a seed, the overrides that pin its variation, and its encoding."""

    name: str
    seed: int
    overrides: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"


SAMPLES: tuple[Sample, ...] = (
    Sample(
        "synth_sample01_hemtjanst_2026",
        101,
        {
            "district": "Hägersten-Älvsjö",
            "domain": "aldre",
            "unit": "Hemtjänsten i Västberga",
            "area": "Västberga",
            "plan_year": 2026,
            "cover_page": True,
            "toc": True,
            "blank_between_lines": False,
            "ocr": False,
        },
    ),
    Sample(
        "synth_sample02_forskola_2022",
        202,
        {
            "district": "Skärholmen",
            "domain": "forskola",
            "unit": "Bredängs förskoleenhet",
            "area": "Bredäng",
            "plan_year": 2022,
            "cover_page": False,
            "blank_between_lines": True,
        },
    ),
    Sample(
        "synth_sample03_fritid_2023",
        303,
        {
            "district": "Enskede-Årsta-Vantör",
            "domain": "fritid",
            "unit": "Fritidsgården Rågsved",
            "area": "Rågsved",
            "plan_year": 2023,
            "cover_page": False,
            "blank_between_lines": False,
            "paragraph_gap": False,
            "ocr": False,
        },
    ),
    Sample(
        "synth_sample04_bistand_2025",
        404,
        {
            "district": "Farsta",
            "domain": "bistand",
            "unit": "Ekonomiskt bistånd",
            "plan_year": 2025,
            "furniture_rate": 1.0,
            "cover_page": True,
            "toc": True,
            "blank_between_lines": True,
        },
    ),
    Sample(
        "synth_sample05_stod_2024_cp1252",
        505,
        {
            "district": "Kungsholmen",
            "domain": "stod",
            "unit": "Servicebostäderna i Stadshagen",
            "area": "Stadshagen",
            "plan_year": 2024,
            "cover_page": True,
            "toc": False,
            "blank_between_lines": False,
        },
        "cp1252",
    ),
    Sample(
        "synth_sample06_aldreboende_2027_utf16",
        606,
        {
            "district": "Hägersten-Älvsjö",
            "domain": "aldre",
            "unit": "Äldreboendet Lindgården",
            "area": "Solberga",
            "plan_year": 2027,
            "cover_page": False,
            "blank_between_lines": True,
            "furniture_style": "mixed",
        },
        "utf-16",
    ),
    Sample(
        "synth_sample07_hemtjanst_2026_ocr",
        717,
        {
            "district": "Skarpnäck",
            "domain": "aldre",
            "unit": "Hemtjänsten i Bagarmossen",
            "area": "Bagarmossen",
            "plan_year": 2026,
            "cover_page": False,
            "furniture_style": "full",
            "furniture_rate": 1.0,
            "ocr": True,
        },
    ),
)


def doc_seed(seed: int, i: int) -> int:
    """The seed of document ``i`` in a run started with ``seed``."""
    return (seed * 1_000_003 + i) & 0x7FFFFFFF


def write_document(
    out: Path,
    name: str,
    seed: int,
    encoding: str,
    gold_dir: Path | None,
    generation: str = DEFAULT,
    **overrides: Any,
) -> Path:
    """Render one document to ``out/<name>.txt`` and, if asked, its gold to ``gold_dir``;
    ``generation``: which generation of the template it is printed in."""
    spec = random_plan(seed, **overrides) if generation == DEFAULT else random_older_plan(seed, **overrides)
    path = out / f"{name}.txt"
    # newline="\n": the same bytes on every platform, so the samples stay reproducible.
    with open(path, "w", encoding=encoding, newline="\n") as fh:
        fh.write(render_text(spec, seed))
    if gold_dir is not None:
        gold = gold_of(spec, path.name)
        text = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        (gold_dir / f"{name}.gold.json").write_text(text, encoding="utf-8")
    return path


def write_samples(out: Path, gold_dir: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    return [write_document(out, s.name, s.seed, s.encoding, gold_dir, **s.overrides) for s in SAMPLES]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m plans_dev.synth", description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="directory for the .txt documents")
    ap.add_argument("--n", type=int, default=10, help="number of documents")
    ap.add_argument("--seed", type=int, default=0, help="seed of the run")
    ap.add_argument("--gold", type=Path, help="directory for the .gold.json files (optional)")
    ap.add_argument("--encoding", choices=ENCODINGS, default="utf-8")
    ap.add_argument("--samples", action="store_true", help="regenerate the bundled samples")
    ap.add_argument(
        "--generation",
        choices=sorted(GENERATIONS),
        default=DEFAULT,
        help="the generation of the template the plans are printed in (default: the current one)",
    )
    args = ap.parse_args(argv)
    if args.samples:
        paths = write_samples(args.out or SAMPLES_DIR, args.gold or SAMPLE_GOLD_DIR)
        print(f"wrote {len(paths)} sample documents")
        return 0
    if args.out is None:
        ap.error("--out is required")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.gold is not None:
        args.gold.mkdir(parents=True, exist_ok=True)
    for i in range(args.n):
        seed = doc_seed(args.seed, i)
        write_document(args.out, f"synth_{args.seed}_{i}", seed, args.encoding, args.gold, args.generation)
    print(f"wrote {args.n} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
