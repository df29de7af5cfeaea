"""Fuzzing the three doors users push hardest: roster files, template YAML, and small planning projects.

Each property is bounded (`max_examples`) so the file stays well under 40 s on a loaded two-core machine.
"""
from __future__ import annotations

import csv
import tempfile
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.domain import Initiative, Phase, Policy, Portfolio, Roster
from app.errors import PhasegateError, TemplateError
from app.planning import build_instance, exclude_person, pin_assignment, plan_scenario, plan_to_solution
from app.planning.words import Words
from app.project import Project, Scenario
from app.roster_import import import_roster
from app.templates import load_catalogue, load_phase_templates, read_phase_file
from app.templates.loader import DEFAULT_PHASES_DIR
from solver.validate import validate
from tests.app.planning.conftest import TODAY, make_templates, person

CATALOGUE = load_catalogue()
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- rosters ---------------------------------------------------------------------------------------------------------

HEADER_WORDS = ["Employee ID", "Employee #", "Worker", "Name", "Full Name", "Legal Name", "FTE", "Scheduled Weekly Hours",
                "Business Title", "Supervisory Organization", "Cost Center", "Email", "Start Date", "Status",
                "Initiative", "Annual Salary", "Python", "MLOps", "Kubernetes", "Data Engineering", "Change Mgmt",
                "Skill", "Level", "Proficiency", "Total", "", "Ünïcødé Spalte", "列", "x" * 40, "Name Name"]
CELL_WORDS = ["", " ", "0", "1", "3", "5", "9", "-1", "3.5", "50%", "0,5", "120%", "40", "Expert", "Beginner",
              "Intermediate", "Advanced", "Master", "N/A", "Total", "=1+1", "+cmd", "@SUM(1)", "2026-01-31",
              "31/01/2026", "E1", "E1", "e1 ", "Ann Archer", "Bo Birch", "Zoë Ångström", "李雷", "\u200b", "TRUE"]
# No surrogates (unwritable) and no C0 controls (openpyxl refuses them; NULs in CSV are covered by the corpus).
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
CELL = st.one_of(st.sampled_from(CELL_WORDS), TEXT, st.integers(-3, 60), st.floats(-1, 200, allow_nan=False),
                 st.none())
HEADER = st.one_of(st.sampled_from(HEADER_WORDS), TEXT)


@st.composite
def rosters(draw) -> list[list]:
    """Title rows, a random header (synonyms, garbage, unicode), data rows with blank and total rows mixed in."""
    width = draw(st.integers(1, 8))
    rows: list[list] = [[draw(TEXT)] for _ in range(draw(st.integers(0, 2)))]
    header = draw(st.lists(HEADER, min_size=width, max_size=width))
    if draw(st.integers(0, 9)) < 7:  # most real files have a name column; keep the importer busy past the header
        header[draw(st.integers(0, width - 1))] = draw(st.sampled_from(["Name", "Worker", "Full Name", "Employee"]))
    rows.append(header)
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["data", "data", "data", "blank", "total"]))
        if kind == "blank":
            rows.append([None] * width)
        elif kind == "total":
            rows.append(["Total"] + [draw(st.integers(0, 99)) for _ in range(width - 1)])
        else:
            rows.append(draw(st.lists(CELL, min_size=width, max_size=width)))
    return rows


def _write_csv(path: Path, rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["" if v is None else v for v in row] for row in rows])
    return path


def _write_xlsx(path: Path, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text starting with '=' stays text, as HR's file would hold it
    wb.save(path)
    return path


def _is_blank(value) -> bool:
    return value is None or str(value).strip("\u200b \t") == ""


@settings(FUZZ, max_examples=100)
@given(rows=rosters(), kind=st.sampled_from(["csv", "xlsx"]))
def test_random_rosters_import_or_refuse_in_one_line(rows, kind):
    """Any roster: a PhasegateError, or every row below the header imported, rejected, skipped or blank."""
    with tempfile.TemporaryDirectory() as tmp:
        path = (_write_csv if kind == "csv" else _write_xlsx)(Path(tmp) / f"fuzz.{kind}", rows)
        try:
            result = import_roster(path, catalogue=CATALOGUE)
        except PhasegateError as exc:
            event(f"refused: {type(exc).__name__}")
            assert "\n" not in exc.one_line() and exc.one_line()
            return
    event("imported")
    c = result.counts
    assert c.imported + c.merged + c.rejected + c.skipped == c.data_rows
    assert len(result.people) == c.imported
    assert len(result.rejected) == c.rejected and len(result.skipped) == c.skipped
    below = rows[result.header_row:]
    last = max((i for i, row in enumerate(below, start=1) if not all(_is_blank(v) for v in row)), default=0)
    # Every non-blank row below the header is counted; trailing blank rows may or may not be (readers differ).
    assert last <= c.data_rows + c.blank_rows <= len(below), (c, below)


# --- templates -------------------------------------------------------------------------------------------------------

PRODUCTION_YAML = (DEFAULT_PHASES_DIR / "production.yaml").read_text(encoding="utf-8")


@st.composite
def mutated_yaml(draw) -> str:
    """The bundled Production template with a few random edits: cut, duplicate, replace, insert, swap lines."""
    lines = PRODUCTION_YAML.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["cut", "dup", "replace", "insert", "swap", "number", "indent"]))
        if op == "cut":
            del lines[i: i + draw(st.integers(1, 5))]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "replace":
            line = lines[i]
            j = draw(st.integers(0, max(len(line) - 1, 0)))
            lines[i] = line[:j] + draw(st.sampled_from([":", "-", "'", '"', "{", "[", "&a", "*a", "!!python/object:os.system",
                                                        "\t", "9", "", "ü", "#"])) + line[j + 1:]
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(["foo: bar", "  - skill: nope", "roles: 3", "...", "---",
                                                  "min_level: 99", "- [", "phase: operations", "extends: production"])))
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "number":
            lines[i] = "".join(draw(st.sampled_from(["0", "-1", "7", "1e9", "0.5"])) if ch.isdigit() else ch
                               for ch in lines[i])
        else:
            lines[i] = " " + lines[i]
        if not lines:
            break
    return "\n".join(lines) + "\n"


@settings(FUZZ, max_examples=40)
@given(text=mutated_yaml())
def test_mutated_template_gives_one_line_naming_the_file(text):
    """A mutated template loads, or raises TemplateError in one line naming the file; the library falls back."""
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp)
        (lib / "phases").mkdir()
        path = lib / "phases" / "production.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            read_phase_file(path, catalogue=CATALOGUE)
            event("loads")
        except TemplateError as exc:
            event("refused")
            line = exc.one_line()
            assert "\n" not in line and str(path) in line, line
            templates = load_phase_templates(library=lib)
            assert any(str(path) in p for p in templates.problems), templates.problems
            assert all("\n" not in p for p in templates.problems)
            assert templates.phase("production").roles


# --- planning --------------------------------------------------------------------------------------------------------

SKILLS = ["mlops", "kubernetes", "containers", "change", "python"]
TEMPLATES = make_templates()


@st.composite
def projects(draw) -> Project:
    """2–7 people with random skills and commitments; 1–2 initiatives with random policies, budgets, pins, exclusions."""
    n = draw(st.integers(2, 7))
    people = []
    for i in range(n):
        skills = draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 5), max_size=4))
        fte = draw(st.sampled_from([1.0, 0.8, 0.5, 0.2]))
        commitments = draw(st.lists(st.tuples(st.sampled_from(["claims", "fraud", "other"]),
                                              st.sampled_from([0.2, 0.5, 1.0]),
                                              st.sampled_from(["confirmed", "tentative"])), max_size=2))
        people.append(person(f"E{i}", f"Person {i}", skills, fte=fte, commitments=commitments))
    initiatives = []
    for iid in draw(st.sampled_from([["claims"], ["claims", "fraud"]])):
        policy = Policy(hiring_freeze=draw(st.booleans()), allow_contractors=draw(st.booleans()),
                        allow_upskilling=draw(st.booleans()), max_hires=draw(st.sampled_from([None, 0, 1])))
        initiatives.append(Initiative(
            id=iid, name=iid.title(), current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
            go_live=TODAY + timedelta(weeks=draw(st.integers(0, 30))), policy=policy,
            budget=draw(st.sampled_from([None, 0.0, 10_000.0, 200_000.0])), priority=draw(st.integers(1, 10))))
    project = Project(name="Fuzz", roster=Roster(people=people), portfolio=Portfolio(initiatives=initiatives),
                      scenarios=[Scenario(name="Baseline")])
    for _ in range(draw(st.integers(0, 2))):
        pid, iid = f"E{draw(st.integers(0, n - 1))}", draw(st.sampled_from(initiatives)).id
        if draw(st.booleans()):
            pin_assignment(project, person_id=pid, initiative=iid,
                           role=draw(st.sampled_from(["mlops_engineer", "change_manager"])),
                           fte=draw(st.sampled_from([None, 0.5, 1.0])))
        else:
            exclude_person(project, person_id=pid, initiative=draw(st.sampled_from([None, iid])))
    return project


@settings(FUZZ, max_examples=25)
@given(project=projects())
def test_random_projects_plan_or_explain(project):
    """A plan that passes the independent validator, or an infeasible/no-plan answer that says why."""
    plan = plan_scenario(project, templates=TEMPLATES, today=TODAY, time_limit=3.0)
    event(f"status {plan.status}")
    if plan.status in ("optimal", "feasible"):
        prepared = build_instance(project, None, templates=TEMPLATES, today=TODAY)
        assert validate(prepared.instance, plan_to_solution(prepared, plan)) == []
        assert all(Words().uncovered(u).strip() for u in plan.uncovered)
        assert plan.covered_fte <= plan.required_fte + 1e-6
    else:
        assert plan.status in ("infeasible", "no_plan")
        assert Words().message(plan).strip() or any(Words().uncovered(u).strip() for u in plan.uncovered), plan


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_roster_writer_round_trips_a_plain_roster(tmp_path, kind):
    """The fuzz writers themselves produce files the importer reads as written (guards the property above)."""
    rows = [["Employee ID", "Name", "FTE", "Python (1-5)"], ["E1", "Ann Archer", "100%", 3], [None] * 4,
            ["E2", "=Bo", "50%", 4]]
    path = (_write_csv if kind == "csv" else _write_xlsx)(tmp_path / f"plain.{kind}", rows)
    result = import_roster(path, catalogue=CATALOGUE)
    assert [p.name for p in result.people] == ["Ann Archer", "=Bo"]
    assert (result.counts.data_rows, result.counts.blank_rows) == (2, 1)
