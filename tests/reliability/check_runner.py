"""Child side of the corpus sweep: `python -m tests.reliability.check_runner HWM_FILE ARGS…` runs `phasegate ARGS…`.

It calls the same `app.cli.main` the `phasegate` entry point calls, then writes the process's own peak RSS (VmHWM,
which starts afresh at exec) to HWM_FILE: wait4's ru_maxrss would include the forking test process's memory.
"""
from __future__ import annotations

import sys
from pathlib import Path


def peak_rss_kib() -> int:
    """This process's high-water resident set size in KiB, from /proc/self/status."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return -1


def run(argv: list[str]) -> int:
    """Runs the CLI on `argv[1:]` and records the peak RSS in the file `argv[0]`."""
    from app.cli import main

    try:
        return main(argv[1:])
    finally:
        Path(argv[0]).write_text(str(peak_rss_kib()))


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
