"""Runs every benchmarks/bench_*.py module in turn (what `make bench` calls) and reports which ones failed."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def modules() -> list[str]:
    """The benchmark modules found next to this file, in name order."""
    return sorted(f"benchmarks.{p.stem}" for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    """Runs each benchmark module as `python -m`; exit code 1 if any of them failed."""
    args = sys.argv[1:] if argv is None else argv
    chosen = [m for m in modules() if not args or m.rsplit(".", 1)[1] in args]
    failed = []
    for module in chosen:
        print(f"== {module}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", module], cwd=HERE.parent)
        print(f"== {module}: exit {code} after {time.perf_counter() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(module)
    if failed:
        print(f"error: benchmarks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
