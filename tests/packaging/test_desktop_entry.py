"""The Linux menu entry and the per-user installer."""
from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.paths import ICON_SIZES, PACKAGING, png_size

VALIDATE = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(VALIDATE is None, reason="desktop-file-utils missing: run 'make system-deps'")


def _entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser["Desktop Entry"]


@needs_validator
def test_desktop_file_is_valid() -> None:
    done = subprocess.run([VALIDATE, str(PACKAGING / "phasegate.desktop")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == ""  # no warnings either


def test_desktop_file_launches_phasegate_with_its_icon() -> None:
    entry = _entry(PACKAGING / "phasegate.desktop")
    assert entry["Name"] == "Phasegate"
    assert entry["Exec"].split()[0] == "phasegate"
    assert entry["Icon"] == "phasegate"
    assert entry["Terminal"] == "false"


def _fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "dist" / "phasegate"
    (bundle / "_internal").mkdir(parents=True)
    exe = bundle / "phasegate"
    exe.write_text("#!/bin/sh\necho phasegate 0.1.0\n")
    exe.chmod(0o755)
    return bundle


def _install(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(PACKAGING / "install-linux.sh"), *args], capture_output=True, text=True)


@needs_validator
def test_installer_puts_folder_command_menu_entry_and_icons_under_the_prefix(tmp_path: Path) -> None:
    prefix = tmp_path / "home" / ".local"
    done = _install("--bundle", str(_fake_bundle(tmp_path)), "--prefix", str(prefix))
    assert done.returncode == 0, done.stderr
    app_exe = prefix / "share" / "phasegate" / "bundle" / "phasegate"
    assert subprocess.run([str(prefix / "bin" / "phasegate")], capture_output=True, text=True).stdout.strip() \
        == "phasegate 0.1.0"
    desktop = prefix / "share" / "applications" / "phasegate.desktop"
    assert _entry(desktop)["Exec"] == f"{app_exe} %f"
    assert subprocess.run([VALIDATE, str(desktop)], capture_output=True).returncode == 0
    hicolor = prefix / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert png_size(hicolor / f"{size}x{size}" / "apps" / "phasegate.png") == (size, size)
    assert (hicolor / "scalable" / "apps" / "phasegate.svg").is_file()

    removed = _install("--uninstall", "--prefix", str(prefix))
    assert removed.returncode == 0, removed.stderr
    assert not desktop.exists() and not (prefix / "bin" / "phasegate").exists()
    assert not (prefix / "share" / "phasegate").exists()
    assert not (hicolor / "16x16" / "apps" / "phasegate.png").exists()


def test_installer_without_a_bundle_says_what_to_run(tmp_path: Path) -> None:
    done = _install("--bundle", str(tmp_path / "nowhere"), "--prefix", str(tmp_path / "p"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"install-linux: no bundle at {tmp_path / 'nowhere'}; run 'make bundle' first"]
