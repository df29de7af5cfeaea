"""Core load: import a 100,000-person roster, gap analysis on it, and a 50-initiative portfolio plan on 10,000 people.

Run: `.venv/bin/python -m benchmarks.bench_load` (writes benchmarks/results/load.md; `--repeats N`, default 3;
`--only KIND` runs a subset and only prints its report, leaving the results file of the full run alone).
Every measurement runs in its own child process, so its peak memory (VmHWM, which starts afresh at exec) is its own
and one run's garbage does not slow the next. Seeded; the median of the repeats is reported with the spread.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
OUT_DIR = ROOT / "out"
RESULTS = ROOT / "results" / "load.md"
SEED = 11
ROSTER_ROWS = 100_000
POOL = 10_000
INITIATIVES = 50
PLAN_LIMIT_S = 30.0
TODAY = date(2026, 11, 2)
COMMAND = ".venv/bin/python -m benchmarks.bench_load"


def peak_rss_mib() -> float:
    """This process's peak resident set size in MiB (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def roster_file() -> Path:
    """The seeded 100,000-row Workday-style xlsx (25 columns, 12 skills), generated once into benchmarks/out."""
    from benchmarks.bench_import import make_roster

    path = OUT_DIR / f"load_roster_{ROSTER_ROWS}_{SEED}.xlsx"
    if not path.exists():
        make_roster(path, rows=ROSTER_ROWS, seed=SEED)
    return path


def make_portfolio_project(*, people: int = POOL, initiatives: int = INITIATIVES, seed: int = SEED):
    """A seeded project: `people` with skills drawn from the bundled templates' roles, `initiatives` in flight."""
    from app.domain import Commitment, Initiative, Person, Phase, Policy, Portfolio, Roster, SkillLevel
    from app.project import Project, Scenario
    from app.templates import load_phase_templates

    rng = random.Random(seed)
    templates = load_phase_templates(use_library=False)
    roles = [r for t in templates.phases.values() for r in t.roles]
    skill_ids = [s.id for s in templates.catalogue.skills]
    moves = [(Phase.POC, Phase.PILOT), (Phase.PILOT, Phase.PRODUCTION), (Phase.PILOT, Phase.PRODUCTION),
             (Phase.PRODUCTION, Phase.OPERATIONS)]
    inits = []
    for i in range(initiatives):
        current, target = rng.choice(moves)
        inits.append(Initiative(
            id=f"ini{i:02d}", name=f"Initiative {i:02d}", current_phase=current, target_phase=target,
            go_live=TODAY + timedelta(weeks=rng.randint(6, 40)), priority=rng.randint(1, 10),
            budget=rng.choice([None, 150_000.0, 400_000.0, 900_000.0]),
            policy=Policy(hiring_freeze=rng.random() < 0.2, allow_contractors=rng.random() < 0.8)))
    pool = []
    for n in range(people):
        role = rng.choice(roles)
        skills = {q.skill: SkillLevel(level=max(1, min(5, q.min_level + rng.choice([-2, -1, 0, 0, 1]))))
                  for q in role.required}
        for extra in rng.sample(skill_ids, rng.randint(0, 4)):
            skills.setdefault(extra, SkillLevel(level=rng.randint(1, 4)))
        commitments = []
        if n < initiatives * 8:  # each initiative starts with a current team of about eight
            commitments.append(Commitment(initiative=inits[n % initiatives].id, fte=rng.choice([0.5, 1.0]),
                                          role=role.id))
        elif rng.random() < 0.6:
            commitments.append(Commitment(initiative=f"bau{rng.randint(0, 99)}", fte=rng.choice([0.2, 0.5, 0.8, 1.0])))
        pool.append(Person(id=f"P{n:05d}", name=f"Person {n:05d}", fte=rng.choice([1.0, 1.0, 0.8]),
                           cost_rate=rng.randrange(60_000, 160_000, 1000), skills=skills, commitments=commitments))
    project = Project(name="Load", roster=Roster(people=pool), catalogue=templates.catalogue,
                      portfolio=Portfolio(initiatives=inits), scenarios=[Scenario(name="Portfolio")],
                      active_scenario="Portfolio")
    return project, templates


def child_import(path: str) -> dict:
    """Times import_roster on the 100k file."""
    from app.roster_import import import_roster
    from app.templates import load_catalogue

    catalogue = load_catalogue()
    start = time.perf_counter()
    result = import_roster(path, catalogue=catalogue)
    seconds = time.perf_counter() - start
    c = result.counts
    assert c.imported + c.rejected + c.skipped == c.data_rows == ROSTER_ROWS, c
    return {"seconds": seconds, "people": c.imported, "rejected": c.rejected}


def child_gaps(path: str) -> dict:
    """Imports the 100k file (not timed), then times analyse_gaps pilot → production for a 12-person team and for
    the file's busiest initiative (about 10,000 people on it: the generator spreads 40 % over 4 initiatives)."""
    from collections import Counter

    from app.domain import Commitment
    from app.gaps import analyse_gaps
    from app.roster_import import import_roster
    from app.templates import load_phase_templates

    templates = load_phase_templates(use_library=False)
    people = import_roster(path, catalogue=templates.catalogue).people
    initiative, team = Counter(c.initiative for p in people for c in p.commitments).most_common(1)[0]
    for person in people[:12]:
        person.commitments = [c.model_copy(update={"initiative": "Small pilot"}) for c in person.commitments] or \
            [Commitment(initiative="Small pilot", fte=1.0)]
    start = time.perf_counter()
    report = analyse_gaps(people, initiative="Small pilot", to_phase="production", templates=templates)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    analyse_gaps(people, initiative=initiative, to_phase="production", templates=templates)
    big = time.perf_counter() - start
    return {"seconds": seconds, "seconds_big_team": big, "people": len(people), "team": team,
            "roles": len(report.roles)}


def child_plan(_: str) -> dict:
    """Builds the 50-initiative project (not timed), then times plan_scenario with a 30 s limit."""
    from app.planning import build_instance, plan_scenario, plan_to_solution
    from app.planning.service import names_of
    from app.planning.words import Words
    from solver.validate import validate

    project, templates = make_portfolio_project()
    first: list[float] = []
    start = time.perf_counter()

    def progress(event) -> None:
        if event.solutions_found and not first:
            first.append(time.perf_counter() - start)

    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=PLAN_LIMIT_S, progress=progress)
    seconds = time.perf_counter() - start
    violations = []
    if plan.status in ("optimal", "feasible"):
        prepared = build_instance(project, None, templates=templates, today=TODAY)
        violations = [Words().violation(v, names_of(prepared))
                      for v in validate(prepared.instance, plan_to_solution(prepared, plan))]
    return {
        "seconds": seconds, "over_limit_s": seconds - PLAN_LIMIT_S, "solve_seconds": plan.solve_seconds,
        "first_plan_s": first[0] if first else None, "build_s": plan.settings.get("build_s"),
        "solve_limit_s": plan.settings.get("solve_limit_s"), "explanations": plan.settings.get("explanations"),
        "status": str(plan.status), "message": Words().message(plan), "violations": violations[:5],
        "levels": [{"name": lv.name, "value": lv.value, "bound": lv.bound, "gap": lv.gap, "proven": lv.proven}
                   for lv in plan.objective],
        "assignments": len(plan.assignments), "hires": len(plan.hires), "uncovered": len(plan.uncovered),
        "required_fte": plan.required_fte, "covered_fte": plan.covered_fte,
    }


CHILDREN = {"import": child_import, "gaps": child_gaps, "plan": child_plan}


def run_child(kind: str, arg: str) -> dict:
    """Runs one measurement in a fresh interpreter; returns its JSON result (or the error it hit)."""
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_load", "--child", kind, arg],
                          cwd=ROOT.parent, capture_output=True, text=True, timeout=900)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1], "exit": proc.returncode}
    return json.loads(lines[-1])


def _median(runs: list[dict], key: str) -> str:
    values = [r[key] for r in runs if r.get(key) is not None]
    if not values:
        return "—"
    med = statistics.median(values)
    return f"{med:.2f}" + (f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else "")


def write_results(import_runs: list[dict], gap_runs: list[dict], plan_runs: list[dict], seconds: float) -> str:
    """The Markdown report."""
    lines = [
        "# Core load benchmark", "",
        f"`{COMMAND}` · seed {SEED} · {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores "
        f"(shared with other jobs: figures are upper bounds) · {time.strftime('%Y-%m-%d')} · "
        f"whole run {seconds:.0f} s.", "",
        "Each measurement is one child process; time excludes interpreter start-up and imports; peak memory is the "
        "child's VmHWM (for gaps it includes the untimed import of the same roster). Median (min–max) of the runs.",
        "", "| Measurement | Runs | Time s | Peak memory MiB | Notes |", "|---|---|---|---|---|",
    ]
    if import_runs:
        ok = [r for r in import_runs if "error" not in r]
        note = f"{ok[0]['people']:,} people imported" if ok else import_runs[0].get("error", "")
        lines.append(f"| Import {ROSTER_ROWS:,}-row xlsx (25 columns, 12 skills) | {len(ok)} | "
                     f"{_median(ok, 'seconds')} | {_median(ok, 'peak_mib')} | {note} |")
    if gap_runs:
        ok = [r for r in gap_runs if "error" not in r]
        note = (f"{ok[0]['roles']} roles; a 12-person team. With the busiest initiative's team of "
                f"{ok[0]['team']:,} people: {_median(ok, 'seconds_big_team')} s" if ok else gap_runs[0].get("error"))
        lines.append(f"| Gap analysis on the {ROSTER_ROWS:,} people | {len(ok)} | {_median(ok, 'seconds')} | "
                     f"{_median(ok, 'peak_mib')} | {note} |")
    if plan_runs:
        ok = [r for r in plan_runs if "error" not in r]
        lines.append(f"| Plan: {INITIATIVES} initiatives, {POOL:,} people, {PLAN_LIMIT_S:.0f} s limit | {len(ok)} | "
                     f"{_median(ok, 'seconds')} | {_median(ok, 'peak_mib')} | first plan after "
                     f"{_median(ok, 'first_plan_s')} s; solver {_median(ok, 'solve_seconds')} s; over the limit "
                     f"by {_median(ok, 'over_limit_s')} s |")
        lines += ["", "## Portfolio plan, run by run", "",
                  "Wall = `plan_scenario` from call to return: build, solve, explanations, reasons. Solver limit = "
                  "what the one deadline left the solver after the build (app/planning/budget.py).", "",
                  "| Run | Status | Wall s | Over limit s | Build s | Solver limit / used s | Explanations "
                  "| First plan s | Level: value / bound / gap | Validator | Covered FTE |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for i, r in enumerate(plan_runs, start=1):
            if "error" in r:
                lines.append(f"| {i} | error (exit {r['exit']}) | — | — | — | — | — | — | {r['error']} | — | — |")
                continue
            levels = "; ".join(f"{lv['name']}: {lv['value']:g} / {lv['bound']:g} / {lv['gap']:.2%}"
                               + (" proven" if lv["proven"] else "") for lv in r["levels"]) or r["message"]
            valid = "OK" if not r["violations"] else f"{len(r['violations'])} violations: {r['violations'][0]}"
            first = f"{r['first_plan_s']:.1f}" if r["first_plan_s"] is not None else "—"
            lines.append(f"| {i} | {r['status']} | {r['seconds']:.2f} | {r['over_limit_s']:+.2f} | "
                         f"{r['build_s'] or 0:.2f} | {r['solve_limit_s'] or 0:.2f} / {r['solve_seconds']:.2f} | "
                         f"{r['explanations']} | {first} | {levels} | {valid} | "
                         f"{r['covered_fte']:g} of {r['required_fte']:g} |")
    text = "\n".join(lines) + "\n"
    # Only a full run with every measurement answering replaces the results file (a half-edited checkout of another
    # part must not overwrite the figures with import errors).
    if all(any("error" not in r for r in runs) for runs in (import_runs, gap_runs, plan_runs)):
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    """Runs the measurements (or one child measurement with --child) and writes the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", choices=sorted(CHILDREN), action="append", help="run only these measurements")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = CHILDREN[args.child[0]](args.child[1])
        result["peak_mib"] = peak_rss_mib()
        print(json.dumps(result))
        return 0
    wanted = args.only or ["import", "gaps", "plan"]
    start = time.perf_counter()
    path = str(roster_file()) if {"import", "gaps"} & set(wanted) else ""
    runs: dict[str, list[dict]] = {k: [] for k in CHILDREN}
    for kind in wanted:
        for i in range(args.repeats):
            runs[kind].append(run_child(kind, path or "-"))
            print(f"{kind} run {i + 1}: {json.dumps(runs[kind][-1])[:300]}", flush=True)
    print(write_results(runs["import"], runs["gaps"], runs["plan"], time.perf_counter() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
