"""The package list, which pyproject.toml cannot say: every ``pipeline*`` package found in the
tree, plus ``pipeline.rules_data``, which is the top-level ``rules/`` folder (mapped in
pyproject.toml), so that a wheel, an sdist and an editable install all carry the rules."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["pipeline*"]), "pipeline.rules_data"])
