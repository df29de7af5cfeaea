"""The whole hostile-file corpus through `phasegate check FILE --json`, each in its own bounded subprocess.

Bounds per case: 2 GiB of address space (RLIMIT_AS, set in preexec_fn) and 60 s of wall clock. A case that hangs,
crashes, prints a traceback or more than one error line fails. The child runs `app.cli.main` (what the `phasegate`
entry point runs) through `check_runner`, which records its own peak RSS; the table is printed (`-s` shows it).
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .corpus import CASES, Case, build_all

ROOT = Path(__file__).resolve().parents[2]
ADDRESS_SPACE = 2 << 30
TIMEOUT_S = 60.0


@dataclass(frozen=True)
class Outcome:
    """What one child process did."""

    exit_code: int
    stdout: str
    stderr: str
    peak_rss_mib: float
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_check(path: Path, workdir: Path) -> Outcome:
    """Runs `phasegate check PATH --json` in a child limited to 2 GiB, in `workdir` (where a mapping file it writes
    when a case asks lands, never in the repository); kills it after the timeout."""
    out_file, err_file, hwm_file = workdir / "stdout.txt", workdir / "stderr.txt", workdir / "peak_rss_kib"
    start = time.monotonic()
    with out_file.open("wb") as out, err_file.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "tests.reliability.check_runner", str(hwm_file),
                                 "check", str(path), "--json"], cwd=workdir,  # a mapping file asked for lands here
                                stdout=out, stderr=err, stdin=subprocess.DEVNULL, preexec_fn=_limit_memory,
                                env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1",
                                     "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                                                 os.environ.get("PYTHONPATH")]))})
    try:
        code = proc.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise AssertionError(f"{path.name}: no answer within {TIMEOUT_S:.0f} s (killed)") from None
    hwm = hwm_file.read_text() if hwm_file.exists() else ""
    return Outcome(exit_code=code, stdout=out_file.read_text("utf-8", "replace"),
                   stderr=err_file.read_text("utf-8", "replace"), peak_rss_mib=int(hwm) / 1024 if hwm else -1.0,
                   seconds=time.monotonic() - start)


def _problems(case: Case, got: Outcome) -> list[str]:
    """Everything wrong with one outcome, as readable sentences (empty when the case passes)."""
    bad = []
    if got.exit_code != case.exit_code:
        bad.append(f"exit {got.exit_code}, documented {case.exit_code}")
    if got.peak_rss_mib < 0:
        bad.append("the child died before recording its peak memory (killed by a signal?)")
    if "Traceback" in got.stdout + got.stderr:
        bad.append("a traceback was printed")
    err_lines = got.stderr.splitlines()
    if case.exit_code == 0:
        if err_lines:
            bad.append(f"stderr not empty: {err_lines[:3]}")
    elif len(err_lines) != 1 or not err_lines[0].startswith("error: "):
        bad.append(f"stderr is not exactly one 'error:' line: {err_lines[:3]}")
    elif case.says and case.says not in err_lines[0]:
        bad.append(f"the error line does not say {case.says!r}: {err_lines[0]}")
    if case.exit_code == 0 and got.exit_code == 0:
        counts = json.loads(got.stdout)["counts"]
        if counts["data_rows"] + counts["blank_rows"] != case.rows:
            bad.append(f"{case.rows} rows in the file, JSON counts {counts}")
        if counts["imported"] + counts["merged"] + counts["rejected"] + counts["skipped"] != counts["data_rows"]:
            bad.append(f"rows lost: {counts}")
    return bad


def test_every_hostile_file_gets_its_documented_answer(tmp_path):
    """One table-driven sweep: exit code, one error line, no traceback, every row accounted for, bounded memory."""
    paths = build_all(tmp_path / "corpus")
    runs = tmp_path / "runs"
    left_before = set(ROOT.glob("*.mapping*.json"))

    def one(case: Case) -> tuple[Case, Outcome]:
        workdir = runs / case.name
        workdir.mkdir(parents=True)
        return case, run_check(paths[case.name], workdir)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, CASES))

    failures = []
    print(f"\n{'case':26} exit  peak RSS   time")
    for case, got in results:
        print(f"{case.name:26} {got.exit_code:>4}  {got.peak_rss_mib:6.0f} MiB {got.seconds:5.1f} s")
        failures += [f"{case.name}: {p}" for p in _problems(case, got)]
    assert not failures, "\n".join(failures)
    assert len(results) == len(CASES) >= 30
    assert set(ROOT.glob("*.mapping*.json")) == left_before, "a case wrote its mapping file into the repository"
