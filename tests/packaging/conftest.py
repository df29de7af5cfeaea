"""Puts packaging/ on the import path: the bundle helpers are scripts beside the spec, not an installed package."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.packaging.paths import PACKAGING, ROOT

if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))


@pytest.fixture
def root() -> Path:
    """The repository root."""
    return ROOT
