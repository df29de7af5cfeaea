"""smoke_bundle.sh and ci_bundle.sh verdicts, run against a stand-in bundle (the real build takes minutes)."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.packaging.paths import PACKAGING

needs_xvfb = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb missing: run 'make system-deps'")

# Answers like the bundle; a marker file beside it makes --self-test fail (it survives `env -i` and a move).
FAKE_EXE = """#!/bin/sh
here=$(dirname "$0")
case "$1" in
  --version) echo "phasegate 0.1.0" ;;
  --bundle-check) echo "bundle check: all passed" ;;
  --self-test)
    if [ -e "$here/fail-self-test" ]; then echo "self-test: FAILED after 1 step(s): boom" >&2; exit 1; fi
    echo "self-test: OK - platform ${QT_QPA_PLATFORM:-xcb}" ;;
  *) exit 2 ;;
esac
"""


def _executable(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def _tree(tmp_path: Path, *, self_test_fails: bool = False) -> Path:
    """A repository stand-in: the two scripts and a built dist/phasegate/ holding the fake executable."""
    (tmp_path / "packaging").mkdir()
    for name in ("smoke_bundle.sh", "ci_bundle.sh", "archive_bundle.sh", "system-deps.sh"):
        shutil.copy2(PACKAGING / name, tmp_path / "packaging" / name)
    bundle = tmp_path / "dist" / "phasegate"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "data.bin").write_bytes(b"x" * 300_000)
    _executable(bundle / "phasegate", FAKE_EXE)
    if self_test_fails:
        (bundle / "fail-self-test").touch()
    return tmp_path


def _run(script: Path, *, path_prefix: Path | None = None, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"} | extra_env
    env["TMPDIR"] = str(script.parent.parent)
    if path_prefix is not None:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env['PATH']}"
    return subprocess.run(["bash", str(script)], capture_output=True, text=True, env=env, timeout=120)


@needs_xvfb
def test_smoke_passes_a_working_bundle_and_prints_its_size(tmp_path: Path) -> None:
    done = _run(_tree(tmp_path) / "packaging" / "smoke_bundle.sh")
    assert done.returncode == 0, done.stdout + done.stderr
    for step in ("--version", "--bundle-check (offscreen)", "--bundle-check (moved, env -i)",
                 "--self-test (offscreen)", "--self-test (moved, env -i)", "--bundle-check (xvfb)",
                 "--self-test (xvfb)"):
        assert f"ok   {step}" in done.stdout
    assert "bundle size: " in done.stdout
    assert "_internal/data.bin" in done.stdout  # the largest-items list
    assert "smoke: all passed" in done.stdout


@needs_xvfb
def test_smoke_fails_when_the_self_test_fails(tmp_path: Path) -> None:
    done = _run(_tree(tmp_path, self_test_fails=True) / "packaging" / "smoke_bundle.sh")
    assert done.returncode == 1
    assert "FAIL --self-test (offscreen) (exit 1)" in done.stdout
    assert "FAIL --self-test (xvfb) (exit 1)" in done.stdout
    assert "smoke: 3 failed" in done.stdout  # offscreen, moved copy, xvfb


@needs_xvfb
def test_smoke_fails_on_a_link_to_a_missing_library(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    (root / "dist" / "phasegate" / "_internal" / "libQt6Network.so.6").symlink_to("PySide6/Qt/lib/libQt6Network.so.6")
    done = _run(root / "packaging" / "smoke_bundle.sh")
    assert done.returncode == 1
    assert "FAIL dangling links:" in done.stdout
    assert "libQt6Network.so.6" in done.stdout


def test_ci_bundle_fails_and_shows_the_log_when_the_build_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    _executable(fake_bin / "make", "#!/bin/sh\necho 'pyinstaller: cannot find ortools'\nexit 2\n")
    _executable(fake_bin / "xvfb-run", "#!/bin/sh\nexec \"$@\"\n")
    done = _run(root / "packaging" / "ci_bundle.sh", path_prefix=fake_bin)
    assert done.returncode == 1
    assert "ci_bundle: FAIL build" in done.stdout
    assert "pyinstaller: cannot find ortools" in done.stdout


@needs_xvfb
def test_ci_bundle_builds_then_smokes_and_reports_the_verdict(tmp_path: Path) -> None:
    root = _tree(tmp_path, self_test_fails=True)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    _executable(fake_bin / "make", f"#!/bin/sh\n[ \"$*\" = '-s bundle' ] && touch '{tmp_path}/built'\n")
    done = _run(root / "packaging" / "ci_bundle.sh", path_prefix=fake_bin)
    assert (tmp_path / "built").exists()
    assert "build took " in done.stdout
    assert "bundle size: " in done.stdout
    assert done.returncode == 1
    assert "ci_bundle: FAIL (smoke exit 1)" in done.stdout


def test_archive_packs_the_bundle_and_reports_its_compressed_size(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    done = _run(root / "packaging" / "archive_bundle.sh")
    assert done.returncode == 0, done.stdout + done.stderr
    archive = root / "dist" / f"phasegate-0.1.0-linux-{os.uname().machine}.tar.xz"
    assert archive.exists()
    assert f"archive: dist/{archive.name} " in done.stdout
    assert "MB compressed" in done.stdout and "within budget" in done.stdout
    listed = subprocess.run(["tar", "tf", str(archive)], capture_output=True, text=True, check=True).stdout.split()
    assert "phasegate/phasegate" in listed and "phasegate/_internal/data.bin" in listed


def test_archive_over_budget_fails(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    done = _run(root / "packaging" / "archive_bundle.sh", BUNDLE_BUDGET_MB="0")
    assert done.returncode == 1
    assert "archive: FAIL over the 0 MB budget" in done.stdout


def test_archive_without_a_bundle_says_what_to_run(tmp_path: Path) -> None:
    (tmp_path / "packaging").mkdir()
    shutil.copy2(PACKAGING / "archive_bundle.sh", tmp_path / "packaging" / "archive_bundle.sh")
    done = _run(tmp_path / "packaging" / "archive_bundle.sh")
    assert done.returncode == 1
    assert "run make bundle" in done.stdout
