"""Drives a real spreadsheet client (LibreOffice, headless) from the tests: conversions with a throwaway profile."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

TIMEOUT = 240


def tool(*names: str) -> str:
    """The first of `names` on PATH; fails the test (never skips) when none is installed."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"{names[0]} is not installed: run `make system-deps` (LibreOffice Calc headless and poppler-utils)")


def convert(source: Path, target: str, outdir: Path) -> None:
    """Converts `source` with `libreoffice --headless --convert-to target` into `outdir`, asserting success."""
    office = tool("libreoffice", "soffice")
    profile = Path(f"/tmp/lo-{uuid.uuid4().hex}")
    try:
        done = subprocess.run(
            [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
             "--outdir", str(outdir), str(source)],
            capture_output=True, text=True, timeout=TIMEOUT, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr
