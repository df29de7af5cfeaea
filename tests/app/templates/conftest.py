"""Fixtures: the bundled template set loaded once, and a library folder that never touches the user's home."""
from __future__ import annotations

import pytest

from app.templates import load_phase_templates


@pytest.fixture(scope="session")
def bundled():
    """The bundled templates, without any org library."""
    return load_phase_templates(use_library=False)


@pytest.fixture(autouse=True)
def _no_user_library(tmp_path, monkeypatch):
    monkeypatch.setenv("PHASEGATE_LIBRARY", str(tmp_path / "no-library"))
