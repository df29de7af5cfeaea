"""Time-phased capacity speed: seeded rosters with dated commitments, roll-offs, joiners, leavers and leave.

Measures `capacity()` (every person × every atom of a 52-week grid) and its weekly and monthly figures, at 20,000
and 100,000 people; median (min–max) of repeated runs in this process.

Run: `.venv/bin/python -m benchmarks.bench_timeline` (writes benchmarks/results/timeline.md).
"""
from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from app.domain.initiatives import Initiative
from app.domain.people import Absence, Commitment, CommitmentStatus, Person, SkillLevel
from app.domain.roles import Phase
from app.templates import load_phase_templates
from app.timeline import capacity, make_grid
from app.timeline.availability import availability_report
from app.timeline.period_gaps import gap_timeline
from benchmarks.machine import cpu_name

RESULTS = Path(__file__).parent / "results" / "timeline.md"
START = date(2027, 1, 4)
SKILLS = ["python", "machine_learning", "statistics", "ml_pipelines", "model_monitoring", "data_engineering", "sql",
          "software_engineering", "site_reliability", "model_risk", "change_management", "kubernetes"]
INITIATIVE = Initiative(id="ini7", current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                        roadmap={Phase.PRODUCTION: START + timedelta(weeks=10), Phase.OPERATIONS: START + timedelta(weeks=36)})


def make_roster(n: int, *, seed: int) -> list[Person]:
    """n people: 0–3 dated commitments each (a fifth tentative, some open-ended), a tenth with leave, a twentieth
    joining or leaving inside the year."""
    rng = random.Random(seed)
    people = []
    for i in range(n):
        commitments = []
        for _ in range(rng.randint(0, 3)):
            start = None if rng.random() < 0.3 else START + timedelta(days=rng.randint(-90, 300))
            end = None if rng.random() < 0.3 else (start or START) + timedelta(days=rng.randint(14, 300))
            commitments.append(Commitment(initiative=f"ini{rng.randint(0, 60)}", fte=rng.choice([0.2, 0.5, 0.8]),
                                          status=CommitmentStatus.TENTATIVE if rng.random() < 0.2 else
                                          CommitmentStatus.CONFIRMED, start=start, end=end))
        absences = ()
        if rng.random() < 0.1:
            first = START + timedelta(days=rng.randint(0, 340))
            absences = (Absence(start=first, end=first + timedelta(days=rng.randint(2, 30))),)
        joins = START + timedelta(days=rng.randint(0, 300)) if rng.random() < 0.05 else date(2020, 1, 1)
        leaves = START + timedelta(days=rng.randint(0, 360)) if rng.random() < 0.05 else None
        skills = {s: SkillLevel(level=rng.randint(1, 5)) for s in rng.sample(SKILLS, 3)}
        people.append(Person(id=f"E{i:06d}", name=f"Person {i}", fte=rng.choice([1.0, 1.0, 0.8, 0.6]),
                             start_date=joins, leaving_date=leaves, commitments=commitments, absences=absences,
                             skills=skills))
    return people


def _times(func, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        gc.collect()
        t = time.perf_counter()
        func()
        out.append(time.perf_counter() - t)
    return out


def _capacity_weekly_and_monthly(people: list[Person]) -> None:
    weekly = capacity(people, make_grid(START, START + timedelta(weeks=52), by="week"))
    weekly.by_period("free"), weekly.by_period("tentative"), weekly.by_period("over")
    monthly = capacity(people, make_grid(START, START + timedelta(weeks=52), by="month"))
    monthly.by_period("free")


def main() -> int:
    """Runs the measurements and writes benchmarks/results/timeline.md."""
    lines = ["# Time-phased capacity speed", "",
             f"Seeded (seed 11) rosters: 0–3 dated commitments per person (a fifth tentative, some open-ended), a "
             f"tenth with leave, a twentieth joining or leaving within the year; a 52-week grid from {START}. "
             f"Median (min–max) of the runs. {cpu_name()}, {os.cpu_count()} cores shared with other jobs (figures "
             f"are upper bounds); load average {os.getloadavg()[0]:.1f} at the start; {time.strftime('%Y-%m-%d')}.",
             "", "| people | runs | what | median (s) | min–max (s) |", "|---:|---:|---|---:|---:|"]
    templates = load_phase_templates(use_library=False)
    for n, repeats in ((20_000, 7), (100_000, 3)):
        people = make_roster(n, seed=11)
        grid = make_grid(START, START + timedelta(weeks=52), by="week")
        months = make_grid(START, START + timedelta(weeks=52), by="month")
        cases = [("capacity(): all figures per person × atom, 52 weeks", lambda p=people, g=grid: capacity(p, g)),
                 ("capacity + weekly free/tentative/over + a monthly grid's free",
                  lambda p=people: _capacity_weekly_and_monthly(p)),
                 ("availability report, 52 weeks (every person's figures + the 8-week bench), as `--json` builds it",
                  lambda p=people: availability_report(p, start=START, end=START + timedelta(weeks=52))),
                 ("gaps by month for one initiative (13 months: pilot, production, operations)",
                  lambda p=people, g=months: gap_timeline(capacity(p, g), INITIATIVE, templates))]
        for what, func in cases:
            times = _times(func, repeats)
            lines.append(f"| {n:,} | {repeats} | {what} | {statistics.median(times):.3f} | "
                         f"{min(times):.3f}–{max(times):.3f} |")
            print(lines[-1], flush=True)
    lines += ["", f"Python {sys.version.split()[0]}; command: `.venv/bin/python -m benchmarks.bench_timeline`."]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
