"""The notebooks run, in a real Jupyter kernel, on the bundled samples and on ../shared/corpus.

Each notebook (a jupytext percent script in notebooks/) is converted and executed with
nbclient; the parsed folder is given through ``$PLANS_PARSED``, as a researcher would. A run
passes when no cell raises and the notebook drew at least one figure and showed a table.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

jupytext = pytest.importorskip("jupytext")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.py"))


def execute(notebook: Path, parsed: Path, monkeypatch) -> tuple[object, float]:
    monkeypatch.setenv("PLANS_PARSED", str(parsed))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws the figures
    nb = jupytext.read(notebook)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}
    )
    start = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - start


def outputs(nb, kind: str) -> list:
    return [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if kind in out.get("data", {})
    ]


def check(nb) -> None:
    errors = [
        out for cell in nb.cells for out in cell.get("outputs", []) if out.get("output_type") == "error"
    ]
    assert errors == []
    assert outputs(nb, "image/png"), "no figure drawn"
    assert outputs(nb, "text/html"), "no table shown"


def test_there_are_the_five_notebooks():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_bundled_samples(notebook: Path, parsed_samples: Path, monkeypatch):
    nb, seconds = execute(notebook, parsed_samples, monkeypatch)
    check(nb)
    print(f"{notebook.name} on the samples: {seconds:.1f} s")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_shared_corpus(notebook: Path, parsed_corpus: Path, monkeypatch):
    nb, seconds = execute(notebook, parsed_corpus, monkeypatch)
    check(nb)
    if notebook.stem.startswith("01"):
        check_sick_leave_targets(nb, parsed_corpus)
    print(f"{notebook.name} on ../shared/corpus: {seconds:.1f} s")


def check_sick_leave_targets(nb, parsed_corpus: Path) -> None:
    """Not just that it runs: the first notebook answers the question it asks (the units of
    the corpus with the sick-leave targets of their plans)."""
    import pipeline

    shown = "\n".join(
        out.get("text", "")
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if out.get("name") == "stdout"
    )
    rows = (
        pipeline.connect(parsed_corpus)
        .execute(
            "SELECT unit, target_raw FROM indicators_full WHERE indicator_key = 'ind:sjukfranvaro' "
            "AND target_raw IS NOT NULL"
        )
        .fetchall()
    )
    assert len(rows) >= 3
    for unit, target in rows:
        assert unit in shown and target in shown, (unit, target)
