"""``ExtractOptions``: validated when made, the same settings key for the same settings."""

from __future__ import annotations

import pickle

import pytest

from pipeline.cli import build_parser
from pipeline.extract import ExtractOptions
from pipeline.extract.ocr.engines import DEFAULT_ENGINE, ENGINES
from pipeline.extract.ocr.tesseract import TesseractCli
from pipeline.ingestion.work import settings_for


def test_defaults() -> None:
    options = ExtractOptions()
    assert (options.ocr, options.ocr_engine, options.time_limit) == ("auto", DEFAULT_ENGINE, 600.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ocr": "sometimes"}, "ocr must be one of auto, never, always, not 'sometimes'"),
        ({"ocr": "AUTO"}, "ocr must be one of auto, never, always, not 'AUTO'"),
        ({"ocr_engine": "abbyy"}, "ocr_engine must be one of tesseract, tesserocr, not 'abbyy'"),
        ({"time_limit": 0}, "time_limit must be a positive number of seconds or None, not 0"),
        ({"time_limit": -5.0}, "time_limit must be a positive number of seconds or None, not -5.0"),
    ],
)
def test_bad_options_are_refused_with_what_is_allowed(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as err:
        ExtractOptions(**kwargs)
    assert str(err.value) == message


def test_options_are_frozen_and_travel_to_workers() -> None:
    options = ExtractOptions(ocr="never", time_limit=None)
    with pytest.raises(AttributeError):
        options.ocr = "always"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(options)) == options


def test_settings_keys_are_those_of_earlier_runs() -> None:
    """Results cached under the old keys ("<version>|pdf|ocr=<mode>", "<version>|text"), all
    read by the Tesseract command line, are found again by runs with it: the key says only
    what changes a file's result."""
    for mode in ("auto", "never", "always"):
        cli = ExtractOptions(ocr=mode, ocr_engine="tesseract")
        assert settings_for("a/plan.PDF", "0.1.0", cli) == f"0.1.0|pdf|ocr={mode}"
        assert settings_for("a/plan.txt", "0.1.0", ExtractOptions(ocr=mode)) == "0.1.0|text"
    assert settings_for("plan.text", "0.1.0", ExtractOptions(time_limit=30)) == "0.1.0|text"


def test_another_engine_gets_its_own_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENGINES, "other", TesseractCli)
    options = ExtractOptions(ocr_engine="other")
    assert settings_for("plan.pdf", "0.1.0", options) == "0.1.0|pdf|ocr=auto,ocr_engine=other"
    assert settings_for("plan.txt", "0.1.0", options) == "0.1.0|text"


def test_the_key_names_the_engine_actually_used() -> None:
    """The binding's results are not reused by CLI runs nor the other way round, whichever
    engine is this machine's default."""
    binding = ExtractOptions(ocr_engine="tesserocr")
    assert settings_for("plan.pdf", "0.1.0", binding) == "0.1.0|pdf|ocr=auto,ocr_engine=tesserocr"
    assert ExtractOptions().settings_key() == ExtractOptions(ocr_engine=DEFAULT_ENGINE).settings_key()


def test_the_command_line_fills_the_options() -> None:
    args = build_parser().parse_args(["ingest", "in", "--out", "out", "--ocr", "never"])
    assert (args.ocr, args.ocr_engine) == ("never", DEFAULT_ENGINE)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["ingest", "in", "--out", "out", "--ocr-engine", "abbyy"])
