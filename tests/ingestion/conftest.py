"""Fixtures of the ingestion tests: a small archive of synthetic plans, and private copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from archives import make_archive


@pytest.fixture(scope="session")
def small_archive(tmp_path_factory) -> Path:
    """Twelve plans, three of them damaged. Copy it before changing it."""
    folder = tmp_path_factory.mktemp("small_archive")
    make_archive(folder, 12, seed=5)
    return folder


@pytest.fixture
def archive(small_archive: Path, tmp_path: Path) -> Path:
    """A private copy of ``small_archive`` to change."""
    copy = tmp_path / "archive"
    shutil.copytree(small_archive, copy)
    return copy
