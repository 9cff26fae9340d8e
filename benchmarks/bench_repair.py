"""OCR repair: word error rate before and after ``repair_text`` on both test sets, and its speed.

    python benchmarks/bench_repair.py [--shared ../shared] [--seed 2023] [--repeat 3] [-v]

Set 1 is the real OCR output 003 against its clean twins in 000/001, repaired with a context
built from 000 and 001; set 2 is 002 (2023) with synthetic damage, repaired with a context
built from 000, 001 and the bundled samples in data/raw (never 002 itself). The repair of
each set runs cold, in a fresh process (so no cache of an earlier run helps it), which times
the import, the context build and the repair separately; the damaged paragraphs go in as one
document, one paragraph per line.

Then the clean plans 000-002: how many repairs ``repair_text`` makes on them (should be none
but real mojibake; a repair counts as mojibake when its rule name says so) and how long that
check takes, against a full text-input parse (``pipeline.parse.parse_document``) of the same
file. Each plan's context is the other plans and data/raw, never the plan itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

# Only the standard library at the top: the cold worker runs this file, and must import
# nothing of the pipeline before it starts its clock.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from plans_dev.testsets.repair import ParagraphPair

TARGETS = {"wer_after": 0.01, "made_wrong": 0.002}
CLEAN_PLANS = ("000", "001", "002")


# --- the cold worker -------------------------------------------------------------------


def worker(job_path: Path) -> None:
    """Run in a fresh process: import, build the context, repair; report timings as JSON."""
    job = json.loads(job_path.read_text(encoding="utf-8"))
    clock = time.perf_counter
    t0 = clock()
    from pipeline.repair.ocr import RepairContext, repair_text

    t1 = clock()
    ctx = RepairContext.build(job["context"])
    t2 = clock()
    repaired, repairs = repair_text(job["text"], ctx)
    t3 = clock()
    json.dump(
        {
            "repaired": repaired,
            "repairs": len(repairs),
            "rules": Counter(r.rule for r in repairs),
            "import": t1 - t0,
            "build": t2 - t1,
            "repair": t3 - t2,
        },
        sys.stdout,
    )


def run_cold(context: list[str], text: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        job = Path(tmp, "job.json")
        job.write_text(json.dumps({"context": context, "text": text}), encoding="utf-8")
        cache = Path(tmp, "cache")
        cache.mkdir()
        env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
        done = subprocess.run(
            [sys.executable, __file__, "--worker", str(job)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
        )
    if done.returncode:
        raise SystemExit(f"repair worker failed:\n{done.stderr}")
    return json.loads(done.stdout)


# --- scoring ---------------------------------------------------------------------------


def score_set(name: str, pairs: list[ParagraphPair], context: list[str], verbose: bool) -> bool:
    from plans_dev.measure.wer import compare, total
    from plans_dev.testsets.repair import size

    text = "\n".join(p.damaged for p in pairs)
    result = run_cold(context, text)
    repaired = result["repaired"].split("\n")
    if len(repaired) != len(pairs):
        raise SystemExit(f"{name}: repair_text changed the number of lines ({len(pairs)} -> {len(repaired)})")
    scores = [compare(p.clean, p.damaged, r) for p, r in zip(pairs, repaired, strict=True)]
    overall = total(scores)
    n_pairs, n_words = size(pairs)
    n_tokens = len(text.split())
    t_import, t_build, t_repair = result["import"], result["build"], result["repair"]
    t_total = t_import + t_build + t_repair
    ok = overall.wer_after <= TARGETS["wer_after"] and overall.made_wrong_rate <= TARGETS["made_wrong"]
    print(f"{name}")
    print(f"  pairs {n_pairs}, words {n_words} (reference), {n_tokens} damaged tokens")
    print(
        f"  WER before {overall.wer_before:6.2%}   WER after {overall.wer_after:6.2%} "
        f"(S {overall.after.substitutions}, I {overall.after.insertions}, D {overall.after.deletions})   "
        f"made wrong {overall.made_wrong_rate:6.3%} ({overall.made_wrong} words)   "
        f"{'meets' if ok else 'MISSES'} the targets"
    )
    print(f"  repairs {result['repairs']}: {dict(Counter(result['rules']).most_common())}")
    print(
        f"  cold: import {1000 * t_import:.0f} ms, context build ({len(context)} texts) {t_build:.2f} s, "
        f"repair {t_repair:.2f} s = {n_tokens / t_repair:,.0f} words/s; "
        f"total {t_total:.2f} s = {n_tokens / t_total:,.0f} words/s"
    )
    if verbose:
        show_examples(pairs, repaired)
    return ok


def show_examples(pairs: list[ParagraphPair], repaired: list[str], limit: int = 15) -> None:
    from plans_dev.measure.wer import Op, align, words

    wrong: Counter = Counter()
    left: Counter = Counter()
    for pair, fixed in zip(pairs, repaired, strict=True):
        ref, dmg, rep = words(pair.clean), words(pair.damaged), words(fixed)
        before = {s.ref: s for s in align(ref, dmg).steps if s.ref is not None}
        for step in align(ref, rep).steps:
            if step.op is Op.EQUAL:
                continue
            got = rep[step.hyp] if step.hyp is not None else "∅"
            want = ref[step.ref] if step.ref is not None else "∅"
            was = before.get(step.ref)
            if was is not None and was.op is Op.EQUAL:
                wrong[f"{want} -> {got}"] += 1
            else:
                had = dmg[was.hyp] if was is not None and was.hyp is not None else "∅"
                left[f"{had} -> {got} (want {want})"] += 1
    print(f"  made wrong: {', '.join(f'{k} ×{n}' for k, n in wrong.most_common(limit)) or '-'}")
    print(f"  still wrong: {', '.join(f'{k} ×{n}' for k, n in left.most_common(limit)) or '-'}")


def clean_check(shared: Path, repeat: int) -> bool:
    """Repairs on the clean plans, and the damage check's time against a full parse."""
    from pipeline.extract import extract
    from pipeline.lang.sv.damage import measure
    from pipeline.parse import parse_document
    from pipeline.repair import repair
    from pipeline.repair.ocr import RepairContext
    from pipeline.rules import load_rules
    from plans_dev.testsets.repair import context_clean, corpus_file

    rules = load_rules()
    print("clean plans (context: the other plans and data/raw; times: best of", repeat, "runs)")
    ok = True
    sum_check = sum_parse = 0.0
    for prefix in CLEAN_PLANS:
        path = corpus_file(prefix, shared)
        source = extract(path)
        text = "\n".join(line.text for line in source.lines)
        context = context_clean(prefix, shared)
        check = parse = float("inf")
        rules_seen: Counter = Counter()
        for _ in range(repeat):
            ctx = RepairContext.build(context)  # fresh, so no choice is cached from a repeat
            t0 = time.perf_counter()
            measure(text)  # the damage check that gates word repair
            check = min(check, time.perf_counter() - t0)
            rules_seen = Counter(r.rule for r in repair(source, context=ctx).repairs)
            t0 = time.perf_counter()
            parse_document(path, rules)
            parse = min(parse, time.perf_counter() - t0)
        other = sum(n for rule, n in rules_seen.items() if "mojibake" not in rule and rule != "character_map")
        moji = sum(n for rule, n in rules_seen.items() if "mojibake" in rule)
        ok &= other == 0
        sum_check += check
        sum_parse += parse
        print(
            f"  {path.name}: repairs {moji + other} (mojibake {moji}, other {other}) {dict(rules_seen)}  "
            f"check {1000 * check:.1f} ms, parse {1000 * parse:.1f} ms = {check / parse:.1%}"
        )
    share = sum_check / sum_parse
    print(f"  all: check {1000 * sum_check:.1f} ms vs parse {1000 * sum_parse:.1f} ms = {share:.1%}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=2023, help="damage seed of set 2")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the clean-plan timing")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the commonest errors")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker)
        return
    if not (args.shared / "corpus" / "text").is_dir():
        raise SystemExit(f"{args.shared}/corpus/text not found: the shared corpus lies beside the checkout")
    from plans_dev.testsets.repair import context_set1, context_set2, real_pairs, synthetic_set

    t0 = time.perf_counter()
    set1 = real_pairs(args.shared)
    set2 = synthetic_set(args.shared, seed=args.seed)
    print(f"test sets built in {time.perf_counter() - t0:.2f} s")
    ok = score_set("set 1: real OCR, 003 against 000/001", set1, context_set1(args.shared), args.verbose)
    name = f"set 2: synthetic damage on 002 (seed {args.seed})"
    ok &= score_set(name, set2, context_set2(args.shared), args.verbose)
    ok &= clean_check(args.shared, args.repeat)
    print(
        f"targets (WER after <= {TARGETS['wer_after']:.0%}, made wrong <= {TARGETS['made_wrong']:.1%}, "
        f"no repair but mojibake on clean plans): {'met' if ok else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
