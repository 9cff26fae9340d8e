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
from tests.strategies import mutated_lines

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
    return "\n".join(draw(mutated_lines(PLAN_LINES, 12)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_plan())
def test_mutated_plan(text):
    parse_or_reject(text)


def test_pathological_long_line_is_fast():
    parse_or_reject(
        "Nämndmål: " + "a " * 50_000 + "\n" + " Indikator Årsmål KF:s årsmål Periodicitet\n" + "1 " * 20_000
    )
