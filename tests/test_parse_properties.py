"""Property tests for the whole text parser: random and mutated input may be rejected,
never crash or hang."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse import NotAPlanError, parse_source
from tests.conftest import source_from_text

PLAN = (Path(__file__).resolve().parent / "fixtures" / "fritidsgard_2025.txt").read_text(encoding="utf-8")
PLAN_LINES = PLAN.split("\n")


@contextmanager
def time_limit(seconds: int):
    def fail(*_):
        raise TimeoutError(f"parser took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def parse_or_reject(text: str):
    with time_limit(10):
        try:
            plan = parse_source(source_from_text(text))
        except NotAPlanError:
            return None
    ids = {g.goal_id for g in plan.goals}
    assert all(g.parent_goal_id is None or g.parent_goal_id in ids for g in plan.goals)
    assert all(t.goal_id is None or t.goal_id in ids for t in plan.tables)
    return plan


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text(text):
    parse_or_reject(text)


@st.composite
def mutated_plan(draw):
    lines = list(PLAN_LINES)
    for _ in range(draw(st.integers(1, 12))):
        op = draw(st.sampled_from(["drop", "dup", "swap", "cut", "insert", "join"]))
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            k = draw(st.integers(0, max(0, len(lines[i]))))
            lines[i : i + 1] = [lines[i][:k], lines[i][k:]]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif op == "join" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + lines[i + 1]]
    return "\n".join(lines)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_plan())
def test_mutated_plan(text):
    parse_or_reject(text)


def test_pathological_long_line_is_fast():
    parse_or_reject(
        "Nämndmål: " + "a " * 50_000 + "\n" + " Indikator Årsmål KF:s årsmål Periodicitet\n" + "1 " * 20_000
    )
