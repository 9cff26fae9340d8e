"""Tesseract's variables (``ocr.tesseract_settings``) reach the real Tesseract through both
engines: the command line's arguments as Tesseract parses them, and the binding's loaded
APIs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from pipeline.extract.ocr.tesseract import TesseractCli, tesseract_env
from pipeline.extract.ocr.tesseract_settings import VARIABLES, cli_arguments
from pipeline.extract.ocr.tesserocr_api import BINDING, TesserocrApi, _api

# A setting that is not Tesseract's default, put in the one place for the test.
SETTING = {"tessedit_do_invert": "0"}


@pytest.fixture
def variables(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    for name, value in SETTING.items():
        monkeypatch.setitem(VARIABLES, name, value)
    return SETTING


@pytest.mark.skipif(not TesseractCli().available(), reason="Tesseract with Swedish data is not installed")
def test_the_command_line_sets_every_variable(tmp_path: Path, variables: dict[str, str]) -> None:
    picture = tmp_path / "line.png"
    image = Image.new("L", (400, 80), 255)
    ImageDraw.Draw(image).text((10, 20), "Plan 2026", fill=0)
    image.save(picture)
    command = ["tesseract", str(picture), "stdout", "-l", "swe", *cli_arguments(), "--print-parameters"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=tesseract_env())
    values = dict(line.split("\t")[:2] for line in done.stdout.splitlines() if line.count("\t") >= 2)
    for name, value in variables.items():
        assert values[name] == value


@pytest.mark.skipif(not (BINDING and TesserocrApi().available()), reason="needs tesserocr with Swedish data")
def test_the_binding_loads_its_apis_with_every_variable(variables: dict[str, str]) -> None:
    with _api("swe") as api:
        for name, value in variables.items():
            assert api.GetVariableAsString(name) == value
