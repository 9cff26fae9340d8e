"""Synthetic OCR damage fitted to what the real OCR output 003 shows, and mojibake.

The model is data (``damage_model_ocr.toml`` beside this module), fitted by

    python -m plans_dev.synth.damage --fit [--shared ../shared] [--out FILE]

from test set 1 (``plans_dev.testsets.repair.real_pairs``): within each paragraph pair the
words stand side by side, and every word pair whose skeletons agree is aligned character by
character. That gives, per clean character and position (first letter of a word or inside
it), the distribution of what OCR made of it: "ö" -> "o", "6", "d", "é", ...; "ä" -> "a",
"é", "éa", "&", ... Phenomena that are not one character for another are word-level rates:
"I" printed as "|" (counted on all of 003: a "|" standing alone can only be an "I"), the dash
lost in a year span ("2024-2029" -> "20242029"), a letter capitalised inside a word
("mOjligt", "inkOp": ö -> o, then capitalised; counted on all of 003), and icon glyphs
printed before indicator rows (counted on 003's own table rows, as the clean plans have no
glyphs to pair with).

``damage_text`` applies the model deterministically (same text, model and seed: same output)
and keeps every line break, so it can damage whole documents as well as paragraphs.
"""

from __future__ import annotations

import argparse
import json
import random
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import regex

#: The committed model: package data beside this module, outside ``rules/`` so that refitting
#: it does not change the rules fingerprint (it only makes test data, never parses).
MODEL_FILE = "damage_model_ocr.toml"
POSITIONS = ("initial", "inner")
SWEDISH = "åäöÅÄÖ"
MIN_SAMPLES = 20  # a character needs this many observations at a position for its own table there
MIN_DAMAGE = 2  # a non-Swedish character is modelled only if it was damaged at least this often

_YEAR_SPAN = regex.compile(r"(\d{4})[-–](\d{4})")
_ROW = regex.compile(r"^\p{Lu}.*\s(?:År|Ar|Tertial|Halvår|Halvar|Kvartal|Månad|Manad)$")
_PERIOD_END = regex.compile(r"(?:^|\s)(?:År|Ar|Tertial|Halvår|Halvar|Kvartal|Månad|Manad)\s*$")

Distribution = tuple[tuple[str, float], ...]  # (output, probability), the outputs sum to 1


@dataclass(frozen=True)
class DamageModel:
    """What OCR does to clean text, as probabilities (see the module docstring)."""

    chars: dict[str, dict[str, Distribution]]  # "initial" | "inner" | "any" -> clean char -> outputs
    pipe_for_i: float  # the word "I" printed as "|"
    year_dash_lost: float  # "2024-2029" -> "20242029"
    inner_capital: float  # a word gets one lower-case letter inside it capitalised
    row_glyph: float  # an indicator row gets an icon glyph before it
    glyphs: Distribution  # which glyph
    meta: dict = field(default_factory=dict)

    def table(self, ch: str, position: str) -> Distribution | None:
        return self.chars.get(position, {}).get(ch) or self.chars.get("any", {}).get(ch)


# --- applying the model ----------------------------------------------------------------


def _draw(dist: Distribution, rng: random.Random) -> str:
    r = rng.random()
    for output, p in dist:
        r -= p
        if r < 0:
            return output
    return dist[-1][0]


def _damage_word(token: str, model: DamageModel, rng: random.Random) -> str:
    if token == "I":
        return "|" if rng.random() < model.pipe_for_i else token
    if _YEAR_SPAN.search(token) and rng.random() < model.year_dash_lost:
        token = _YEAR_SPAN.sub(r"\1\2", token)
    first_letter = next((i for i, ch in enumerate(token) if ch.isalpha()), -1)
    out = []
    for i, ch in enumerate(token):
        dist = model.table(ch, "initial" if i == first_letter else "inner")
        out.append(_draw(dist, rng) if dist else ch)
    word = "".join(out)
    inner = [i for i, ch in enumerate(word) if i > first_letter >= 0 and ch.islower()]
    if len(inner) >= 2 and rng.random() < model.inner_capital:
        i = rng.choice(inner)
        word = word[:i] + word[i].upper() + word[i + 1 :]
    return word


def _damage_line(line: str, model: DamageModel, rng: random.Random) -> str:
    parts = regex.split(r"(\s+)", line)
    out = [part if not part or part.isspace() else _damage_word(part, model, rng) for part in parts]
    damaged = "".join(out)
    stripped = line.strip()
    if _ROW.match(stripped) and _PERIOD_END.search(stripped) and rng.random() < model.row_glyph:
        indent = line[: len(line) - len(line.lstrip())]
        damaged = indent + _draw(model.glyphs, rng) + " " + damaged.lstrip()
    return damaged


def damage_text(text: str, model: DamageModel, seed: int) -> str:
    """``text`` as the fitted OCR would have printed it; same seed, same damage; line breaks kept."""
    rng = random.Random(seed)
    return "\n".join(_damage_line(line, model, rng) for line in text.split("\n"))


# --- mojibake --------------------------------------------------------------------------

MOJIBAKE_PATTERNS = ("cp1252", "latin-1", "double", "mixed")


def _sloppy_cp1252() -> str:
    """cp1252 as Windows programs decode it: the five unassigned bytes become C1 controls."""
    table = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            table.append(chr(b))
    return "".join(table)


_CP1252 = _sloppy_cp1252()


def _as_cp1252(text: str) -> str:
    return "".join(_CP1252[b] for b in text.encode("utf-8"))


def mojibake(text: str, pattern: str, seed: int = 0) -> str:
    """Clean text as a wrong decoder shows it: UTF-8 read as cp1252 ("Ã¤" for "ä"), as latin-1,
    double-encoded (cp1252 twice), or "mixed": cp1252 on some lines only (at least one with
    non-ASCII text, chosen by ``seed``), as when files were concatenated."""
    if pattern == "cp1252":
        return _as_cp1252(text)
    if pattern == "latin-1":
        return text.encode("utf-8").decode("latin-1")
    if pattern == "double":
        return _as_cp1252(_as_cp1252(text))
    if pattern == "mixed":
        lines = text.split("\n")
        candidates = [i for i, line in enumerate(lines) if not line.isascii()]
        if not candidates:
            return text
        rng = random.Random(seed)
        chosen = {i for i in candidates if rng.random() < 0.5} or {rng.choice(candidates)}
        if len(candidates) > 1 and len(chosen) == len(candidates):
            chosen.discard(rng.choice(candidates))  # mixed: some lines stay clean
        return "\n".join(_as_cp1252(line) if i in chosen else line for i, line in enumerate(lines))
    raise ValueError(f"unknown mojibake pattern {pattern!r}; one of {', '.join(MOJIBAKE_PATTERNS)}")


# --- fitting ---------------------------------------------------------------------------


def char_alignment(clean: str, damaged: str) -> list[tuple[str, str]]:
    """For each character of ``clean``, what it became in ``damaged`` ("" when lost).

    Characters OCR inserted go with the neighbouring clean character that was damaged, so
    "ä" -> "éa" in "hälsa"/"héalsa" is one event.
    """
    n, m = len(clean), len(damaged)

    def sub(i: int, j: int) -> int:  # costs x10: a damaged å/ä/ö is likelier than any other letter
        return 0 if clean[i] == damaged[j] else (10 if clean[i] in SWEDISH else 11)

    dist = [[10 * j for j in range(m + 1)]] + [[10 * i] + [0] * m for i in range(1, n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            dist[i][j] = min(dist[i - 1][j - 1] + sub(i - 1, j - 1), dist[i - 1][j] + 10, dist[i][j - 1] + 10)
    # Walk back: ops[k] = (clean index or None, damaged text)
    ops: list[tuple[int | None, str]] = []
    i, j = n, m
    while i or j:
        if i and j and dist[i][j] == dist[i - 1][j - 1] + sub(i - 1, j - 1):
            ops.append((i - 1, damaged[j - 1]))
            i, j = i - 1, j - 1
        elif i and dist[i][j] == dist[i - 1][j] + 10:
            ops.append((i - 1, ""))
            i -= 1
        else:
            ops.append((None, damaged[j - 1]))
            j -= 1
    ops.reverse()
    out = [[clean[k], ""] for k in range(n)]
    changed = [False] * n
    for ci, text in ops:
        if ci is not None:
            out[ci][1] = text
            changed[ci] = text != clean[ci]
    for k, (ci, text) in enumerate(ops):
        if ci is not None:
            continue
        before = next((c for c, _ in reversed(ops[:k]) if c is not None), None)
        after = next((c for c, _ in ops[k + 1 :] if c is not None), None)
        if before is not None and (changed[before] or after is None or not changed[after]):
            out[before][1] += text
        elif after is not None:
            out[after][1] = text + out[after][1]
        # an insertion into an empty clean word has nowhere to go; it is dropped
    return [(c, d) for c, d in out]


@dataclass
class _Tally:
    chars: dict[str, dict[str, Counter]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Counter))
    )
    words: int = 0
    year_spans: Counter = field(default_factory=Counter)
    digit_words: int = 0
    damaged_words: int = 0

    def add_word(self, clean: str, damaged: str) -> None:
        self.words += 1
        self.damaged_words += clean != damaged
        if clean == "I":
            return  # a word-level rate, counted on the whole document (``fit``)
        if _YEAR_SPAN.search(clean):
            lost = not _YEAR_SPAN.search(damaged) and _YEAR_SPAN.sub(r"\1\2", clean) == damaged
            self.year_spans["lost" if lost else "kept"] += 1
            return
        first_letter = next((i for i, ch in enumerate(clean) if ch.isalpha()), -1)
        for i, (c, d) in enumerate(char_alignment(clean, damaged)):
            position = "initial" if i == first_letter else "inner"
            if position == "inner" and c.islower() and d.isupper() and d.lower() == _base(c):
                d = d.lower()  # "mOjligt": ö -> o, then capitalised (a word-level rate, see ``fit``)
            self.chars[position][c][d] += 1
        self.digit_words += any(ch.isdigit() for ch in damaged) and not any(ch.isdigit() for ch in clean)


def _base(ch: str) -> str:
    """The letter without its diacritics: "ö" -> "o"."""
    return unicodedata.normalize("NFD", ch)[0]


def _distribution(counter: Counter) -> Distribution:
    total = sum(counter.values())
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple((out, round(count / total, 6)) for out, count in ranked)


def _glyph_rates(damaged_lines: Sequence[str], glyphs: Iterable[str]) -> tuple[float, Counter, int]:
    """Share of 003's indicator rows printed with an icon glyph before them, and which glyphs."""
    known = set(glyphs)
    rows = with_glyph = 0
    which: Counter = Counter()
    for line in damaged_lines:
        stripped = line.strip()
        head, _, rest = stripped.partition(" ")
        has_glyph = head in known and rest[:1].isupper()
        if has_glyph:
            which[head] += 1
        if _PERIOD_END.search(stripped) and (_ROW.match(stripped) or has_glyph):
            rows += 1
            with_glyph += has_glyph
    return (with_glyph / rows if rows else 0.0), which, rows


_LOWER_WORD = regex.compile(r"\b\p{Ll}\p{L}{2,}")


def _inner_capitals(damaged_lines: Sequence[str]) -> tuple[int, int]:
    """(words with a capital inside, words that start lower-case) in the damaged document's text.

    Counted on the whole document, furniture lines left out: the pairs hold too few ("inkOp")."""
    from plans_dev.testsets.repair import furniture

    flags = furniture(damaged_lines)
    found = [
        w for line, f in zip(damaged_lines, flags, strict=True) if not f for w in _LOWER_WORD.findall(line)
    ]
    return sum(any(ch.isupper() for ch in w) for w in found), len(found)


def fit(pairs: Sequence, damaged_lines: Sequence[str], glyphs: Iterable[str]) -> DamageModel:
    """Fit the model on paragraph pairs (``ParagraphPair``) and the damaged document's lines."""
    from plans_dev.testsets.repair import skeleton

    tally = _Tally()
    for pair in pairs:
        for clean, damaged in zip(pair.clean.split(), pair.damaged.split(), strict=True):
            if skeleton(clean) == skeleton(damaged):
                tally.add_word(clean, damaged)

    chars: dict[str, dict[str, Distribution]] = {"any": {}, "initial": {}, "inner": {}}
    every = set(tally.chars["initial"]) | set(tally.chars["inner"])
    for c in sorted(every):
        pooled = tally.chars["initial"][c] + tally.chars["inner"][c]
        damage = sum(n for d, n in pooled.items() if d != c)
        if c not in SWEDISH and damage < MIN_DAMAGE:
            continue
        chars["any"][c] = _distribution(pooled)
        for position in POSITIONS:
            counter = tally.chars[position][c]
            if sum(counter.values()) >= MIN_SAMPLES:
                chars[position][c] = _distribution(counter)

    row_glyph, which, rows = _glyph_rates(damaged_lines, glyphs)
    # "|" standing alone can only be a damaged "I", so the whole damaged document shows this
    # rate, with more examples than the pairs hold.
    tokens = Counter(t for line in damaged_lines for t in line.split() if t in ("I", "|"))
    n_i = tokens["I"] + tokens["|"]
    capitals, lower_words = _inner_capitals(damaged_lines)
    n_years = sum(tally.year_spans.values())
    return DamageModel(
        chars=chars,
        pipe_for_i=round(tokens["|"] / n_i, 6) if n_i else 0.0,
        year_dash_lost=round(tally.year_spans["lost"] / n_years, 6) if n_years else 0.0,
        inner_capital=round(capitals / lower_words, 6) if lower_words else 0.0,
        row_glyph=round(row_glyph, 6),
        glyphs=_distribution(which) if which else (("c", 1.0),),
        meta={
            "pairs": len(pairs),
            "word_pairs": tally.words,
            "damaged_word_share": round(tally.damaged_words / tally.words, 6) if tally.words else 0.0,
            "digit_for_letter_word_share": round(tally.digit_words / tally.words, 6) if tally.words else 0.0,
            "samples": {
                c: sum(tally.chars["initial"][c].values()) + sum(tally.chars["inner"][c].values())
                for c in sorted(chars["any"])
            },
            "i_words": n_i,
            "inner_capital_words": capitals,
            "year_spans": n_years,
            "indicator_rows": rows,
        },
    )


# --- reading and writing the TOML ------------------------------------------------------


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _dist_lines(dist: Distribution) -> list[str]:
    return [f"{_s(out)} = {p}" for out, p in dist]


def to_toml(model: DamageModel, source: str) -> str:
    meta = model.meta
    lines = [
        "# OCR damage model: what an OCR pass without Swedish made of clean text.",
        "# Generated by `python -m plans_dev.synth.damage --fit`; do not edit by hand.",
        f"# Fitted on {source}: {meta.get('pairs')} paragraph pairs, {meta.get('word_pairs')} word pairs.",
        '# [chars.<position>."<clean char>"]: output -> probability ("" = lost); positions are',
        "# initial (first letter of a word), inner, and any (both pooled, the fallback).",
        "",
        "[words]",
        f"pipe_for_i = {model.pipe_for_i}  # the word I printed as |",
        f"year_dash_lost = {model.year_dash_lost}  # 2024-2029 -> 20242029",
        f"inner_capital = {model.inner_capital}  # a lower-case letter inside a word capitalised",
        "",
        "[glyphs]",
        f"row_rate = {model.row_glyph}  # an indicator row printed with an icon glyph before it",
        "",
        "[glyphs.choice]",
        *_dist_lines(model.glyphs),
        "",
        "[meta]",
        f"pairs = {meta.get('pairs', 0)}",
        f"word_pairs = {meta.get('word_pairs', 0)}",
        f"damaged_word_share = {meta.get('damaged_word_share', 0.0)}",
        f"digit_for_letter_word_share = {meta.get('digit_for_letter_word_share', 0.0)}  # char tables",
        f"i_words = {meta.get('i_words', 0)}",
        f"inner_capital_words = {meta.get('inner_capital_words', 0)}",
        f"year_spans = {meta.get('year_spans', 0)}",
        f"indicator_rows = {meta.get('indicator_rows', 0)}",
        "",
        "[meta.samples]",
        *[f"{_s(c)} = {n}" for c, n in meta.get("samples", {}).items()],
    ]
    for position in ("any", *POSITIONS):
        for c, dist in model.chars[position].items():
            lines += ["", f"[chars.{position}.{_s(c)}]", *_dist_lines(dist)]
    return "\n".join(lines) + "\n"


def _dist(table: dict) -> Distribution:
    return tuple((out, float(p)) for out, p in table.items())


def committed_model() -> Traversable:
    """The committed model file (``MODEL_FILE``, package data of ``plans_dev.synth``)."""
    return resources.files(__package__) / MODEL_FILE


def load_model(path: Path | None = None) -> DamageModel:
    """The committed model (``committed_model()``) or the one at ``path``."""
    with (path or committed_model()).open("rb") as fh:
        data = tomllib.load(fh)
    tables = data.get("chars", {})
    chars = {pos: {c: _dist(t) for c, t in tables.get(pos, {}).items()} for pos in ("any", *POSITIONS)}
    return DamageModel(
        chars=chars,
        pipe_for_i=float(data["words"]["pipe_for_i"]),
        year_dash_lost=float(data["words"]["year_dash_lost"]),
        inner_capital=float(data["words"]["inner_capital"]),
        row_glyph=float(data["glyphs"]["row_rate"]),
        glyphs=_dist(data["glyphs"]["choice"]),
        meta=data.get("meta", {}),
    )


def summary(model: DamageModel, top: int = 6) -> str:
    """A few lines a person can read: the Swedish letters' tables and the word-level rates."""
    out = []
    for c in SWEDISH:
        dist = model.chars["any"].get(c)
        if dist:
            shown = ", ".join(f"{_s(o)} {p:.1%}" for o, p in dist[:top])
            out.append(f"  {c} (n={model.meta.get('samples', {}).get(c, '?')}): {shown}")
    others = [c for c in model.chars["any"] if c not in SWEDISH]
    for c in others:
        dist = model.chars["any"][c]
        damage = sum(p for o, p in dist if o != c)
        shown = ", ".join(f"{_s(o)} {p:.2%}" for o, p in dist if o != c)
        out.append(f"  {_s(c)}: damaged {damage:.2%} ({shown})")
    out.append(
        f"  words: I->| {model.pipe_for_i:.1%} (n={model.meta.get('i_words')}), "
        f"year-span dash lost {model.year_dash_lost:.1%} (n={model.meta.get('year_spans')}), "
        f"inner capital {model.inner_capital:.3%} (n={model.meta.get('inner_capital_words')})"
    )
    glyphs = ", ".join(f"{_s(g)} {p:.0%}" for g, p in model.glyphs)
    rows = model.meta.get("indicator_rows")
    out.append(f"  indicator rows with a glyph {model.row_glyph:.0%} (n={rows}): {glyphs}")
    out.append(
        f"  words damaged {model.meta.get('damaged_word_share', 0):.1%}, "
        f"with a digit for a letter {model.meta.get('digit_for_letter_word_share', 0):.2%}"
    )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> None:
    from pipeline.rules import load_rules
    from plans_dev.paths import SHARED
    from plans_dev.testsets.repair import corpus_file, read_lines, real_pairs

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", action="store_true", help="fit the model on test set 1 and write it")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=Path(str(committed_model())))
    args = parser.parse_args(argv)
    if not args.fit:
        print(summary(load_model()))
        return
    pairs = real_pairs(args.shared)
    damaged = corpus_file("003", args.shared)
    model = fit(pairs, read_lines(damaged), load_rules().glyphs)
    args.out.write_text(to_toml(model, f"{damaged.name} against 000/001 (test set 1)"), encoding="utf-8")
    print(f"wrote {args.out}")
    print(summary(load_model(args.out)))


if __name__ == "__main__":
    main()
