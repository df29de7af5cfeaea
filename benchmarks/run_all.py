"""Runs every benchmarks/bench_*.py module in turn (what `make bench` calls) and reports which ones failed.

    python -m benchmarks.run_all                  # every benchmark, each with its own defaults
    python -m benchmarks.run_all solver import    # only these (bench_solver, bench_import)
    python -m benchmarks.run_all --list           # what would run
    python -m benchmarks.bench_solver --help      # one benchmark directly, with its own options
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
def modules() -> list[str]:
    """The benchmark modules found next to this file, in name order."""
    return sorted(f"benchmarks.{p.stem}" for p in HERE.glob("bench_*.py"))


def _short(module: str) -> str:
    return module.rsplit(".", 1)[1].removeprefix("bench_")


def choose(names: list[str], found: list[str]) -> list[str]:
    """The modules named (as `solver`, `bench_solver` or `benchmarks.bench_solver`); all of them when none are named."""
    if not names:
        return found
    by_name = {}
    for m in found:
        for alias in (m, m.rsplit(".", 1)[1], _short(m)):
            by_name[alias] = m
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(
            f"no benchmark named {', '.join(unknown)} (found: {', '.join(_short(m) for m in found) or 'none'})"
        )
    return list(dict.fromkeys(by_name[n] for n in names))


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m benchmarks.run_all",
        description="Run every benchmarks/bench_*.py module in turn, each as `python -m` with its own defaults "
        "(full runs that write benchmarks/results/). Exit code 1 if any benchmark failed.",
        epilog="To run one benchmark with its own options, call it directly, e.g.\n"
        "  python -m benchmarks.bench_solver --quick\n(each has --help).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help="Benchmarks to run, e.g. `solver` or `bench_import` (default: all found).")
    ap.add_argument("--list", action="store_true", help="Print the benchmarks that would run, then stop.")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Runs each chosen benchmark module as `python -m`; exit code 1 if any failed, 2 on a bad name."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        chosen = choose(args.names, modules())
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.list:
        for module in chosen:
            print(module)
        return 0
    failed = []
    # Benchmarks that open windows must run on a machine without a display too.
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for module in chosen:
        print(f"== {module}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", module], cwd=HERE.parent, env=env)
        print(f"== {module}: exit {code} after {time.perf_counter() - started:.0f} s", flush=True)
        if code != 0:
            failed.append(module)
    if failed:
        print(f"error: benchmarks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
