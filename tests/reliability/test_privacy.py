"""Privacy: the whole workflow runs offline, logs hold no personal data, and 'without pay' exports hold no pay.

The roster is the bundled Northwind sample with every name, id, email, manager and salary replaced by distinctive
random values, so any leak is found by plain text search.
"""
from __future__ import annotations

import csv
import json
import logging
import random
import re
import socket
import string
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.domain import Initiative, Phase, Portfolio, Roster
from app.export import build_plan_report, write_plan_csv, write_plan_json, write_plan_workbook
from app.gaps import analyse_gaps
from app.planning import plan_scenario
from app.project import Project, Scenario, open_project, save_project
from app.roster_import import import_roster
from app.templates import load_phase_templates

SAMPLE = Path(__file__).resolve().parents[2] / "app" / "sample_data" / "northwind_roster.xlsx"
TODAY = date(2026, 11, 2)
PAY_WORDS = ("salary", "cost rate", "annual cost", "budget", "cost")


class NetworkUsed(AssertionError):
    """Raised by the patched socket functions: the code under test tried to reach the network."""


#: While a test is running with `no_network`, every socket event the interpreter audits is recorded and refused.
_ARMED: list[list[str]] = []


def _audit(event: str, _args: tuple) -> None:
    # Audit hooks cannot be removed, so one hook serves the whole session and acts only while armed. It sees every
    # socket made or used from Python (creation, bind, connect, sendto, name lookups), not only connect().
    if _ARMED and event.startswith("socket."):
        _ARMED[-1].append(event)
        raise NetworkUsed(f"network access attempted: {event}")


sys.addaudithook(_audit)


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Every socket event (creation, bind, connect, send, lookup) raises and is recorded; connect is also patched."""
    attempts: list[str] = []

    def refuse(name):
        def _refuse(*args, **kwargs):
            attempts.append(name)
            raise NetworkUsed(f"network access attempted through {name}")
        return _refuse

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    _ARMED.append(attempts)
    try:
        yield attempts
    finally:
        _ARMED.remove(attempts)


def test_the_network_guard_sees_a_socket_being_made(no_network):
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with pytest.raises(NetworkUsed):
        socket.getaddrinfo("localhost", 80)
    assert no_network == ["socket.__new__", "socket.getaddrinfo"]
    no_network.clear()


def _token(rng: random.Random, n: int = 9) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


@pytest.fixture(scope="module")
def secret_roster(tmp_path_factory) -> tuple[Path, dict[str, set]]:
    """The sample roster with distinctive random personal data; returns the file and the secrets by kind."""
    rng = random.Random(20261102)
    wb = openpyxl.load_workbook(SAMPLE)
    ws = wb.active
    header_row = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Employee ID")
    cols = {ws.cell(header_row, c).value: c for c in range(1, ws.max_column + 1)}
    secrets: dict[str, set] = {"name": set(), "id": set(), "email": set(), "salary": set()}
    renamed: dict[str, str] = {}
    used_salaries: set[int] = set()
    for r in range(header_row + 1, ws.max_row + 1):
        if not ws.cell(r, cols["Employee ID"]).value:
            continue
        old = ws.cell(r, cols["Worker"]).value
        new = renamed.setdefault(old, f"{_token(rng).title()} {_token(rng).title()}")
        pid = f"QZ{rng.randrange(10**7, 10**8)}"
        email = f"{_token(rng, 12).lower()}@{_token(rng, 8).lower()}.example"
        salary = rng.randrange(150_001, 199_999)
        while salary in used_salaries:
            salary = rng.randrange(150_001, 199_999)
        used_salaries.add(salary)
        ws.cell(r, cols["Worker"]).value, ws.cell(r, cols["Employee ID"]).value = new, pid
        ws.cell(r, cols["Email"]).value, ws.cell(r, cols["Annual Cost"]).value = email, salary
        secrets["name"] |= {new, *new.split()}
        secrets["id"].add(pid)
        secrets["email"].add(email)
        secrets["salary"].add(salary)
    for r in range(header_row + 1, ws.max_row + 1):
        manager = ws.cell(r, cols["Manager"]).value
        if manager:
            ws.cell(r, cols["Manager"]).value = renamed.setdefault(manager, f"{_token(rng).title()} {_token(rng)}")
            secrets["name"] |= {renamed[manager], *renamed[manager].split()}
    path = tmp_path_factory.mktemp("privacy") / "secret_roster.xlsx"
    wb.save(path)
    return path, secrets


def _busiest_initiative(people) -> str:
    return Counter(c.initiative for p in people for c in p.commitments).most_common(1)[0][0]


def _workflow(roster: Path, out: Path):
    """Import → gaps → plan → export (xlsx with and without pay, csv, json) → project save/open."""
    templates = load_phase_templates(use_library=False)
    result = import_roster(roster, catalogue=templates.catalogue)
    assert result.counts.imported > 50
    initiative = _busiest_initiative(result.people)
    gaps = analyse_gaps(result.people, initiative=initiative, to_phase=Phase.PRODUCTION, templates=templates)
    assert gaps.roles
    ini = Initiative(id=initiative, name=initiative, current_phase=Phase.PILOT, target_phase=Phase.PRODUCTION,
                     go_live=TODAY + timedelta(weeks=16), budget=400_000.0)
    project = Project(name="Privacy", roster=Roster(people=result.people), catalogue=templates.catalogue,
                      portfolio=Portfolio(initiatives=[ini]), scenarios=[Scenario(name="Baseline")])
    plan = plan_scenario(project, templates=templates, today=TODAY, time_limit=5.0)
    assert plan.status in ("optimal", "feasible")
    report = build_plan_report(plan=plan, people=result.people, initiatives=[ini],
                               templates={Phase.PRODUCTION: templates.phase(Phase.PRODUCTION)},
                               catalogue=templates.catalogue, source_file=roster.name, generated=TODAY)
    files = {
        "xlsx": write_plan_workbook(report, out / "plan.xlsx"),
        "xlsx_no_pay": write_plan_workbook(report, out / "plan_no_pay.xlsx", include_pay=False),
        "json_no_pay": write_plan_json(report, out / "plan_no_pay.json", include_pay=False),
        "csv_no_pay": write_plan_csv(report, out / "csv_no_pay", include_pay=False),
        "json": write_plan_json(report, out / "plan.json"),
        "csv": write_plan_csv(report, out / "csv"),
    }
    saved = save_project(project, out / "privacy.phasegate")
    assert open_project(saved).roster.people[0].id == result.people[0].id
    return plan, files, initiative


def test_the_whole_workflow_runs_with_the_network_cut(no_network, secret_roster, tmp_path, capsys):
    """Import, gaps, plan, export, save/open and the CLI commands all succeed without one connect attempt."""
    roster, _ = secret_roster
    plan, files, initiative = _workflow(roster, tmp_path)
    assert files["xlsx"].stat().st_size > 0 and files["csv"]
    assert main(["check", str(roster), "--json"]) == 0
    assert main(["gaps", str(roster), "--initiative", initiative, "--to", "production", "--json"]) == 0
    assert main(["templates", "list"]) == 0
    assert main(["schema", "check"]) == 0
    code = main(["plan", str(roster), "--initiative", initiative, "--to", "production", "--go-live-weeks", "16",
                 "--time-limit", "5", "--no-pay", "--json", str(tmp_path / "cli.json"),
                 "--xlsx", str(tmp_path / "cli.xlsx")])
    assert code == 0, capsys.readouterr().err
    assert "error:" not in capsys.readouterr().err
    assert no_network == []


def test_no_personal_data_in_any_log_record(secret_roster, tmp_path, caplog):
    """All logging at DEBUG during import, gaps, plan and export: no name, id, email or salary in any record."""
    roster, secrets = secret_roster
    caplog.set_level(logging.DEBUG)
    _workflow(roster, tmp_path)
    assert main(["check", str(roster)]) == 0
    records = caplog.records
    assert any(r.name.startswith("phasegate") for r in records), "the importer's own log line was not captured"
    texts = []
    for record in records:
        texts.append(record.getMessage())
        texts += [str(a) for a in (record.args or ())] if isinstance(record.args, tuple) else [str(record.args)]
        if record.exc_text:
            texts.append(record.exc_text)
    blob = "\n".join(texts)
    for kind, values in secrets.items():
        leaked = sorted(str(v) for v in values if str(v) in blob)
        assert not leaked, f"{kind} found in the logs: {leaked[:3]}"


def _pay_amounts(plan, secrets) -> set[float]:
    amounts = {plan.total_cost, *(t.cost for t in plan.trainings), *(h.cost for h in plan.hires),
               *(lv.value for lv in plan.objective if lv.name == "cost"), 400_000.0}
    return {float(a) for a in amounts if a} | {float(s) for s in secrets["salary"]}


def _is_pay_label(text: str) -> bool:
    lowered = text.lower().replace("cost center", "").replace("cost centre", "")
    return any(word in lowered for word in PAY_WORDS)


def test_without_pay_exports_hold_no_salary_cost_or_budget(secret_roster, tmp_path):
    """Every cell of every sheet, every CSV cell and every JSON value and key: no pay amount, no pay header."""
    roster, secrets = secret_roster
    plan, files, _ = _workflow(roster, tmp_path)
    money = _pay_amounts(plan, secrets)
    salaries_text = {f"{s:,}" for s in secrets["salary"]} | {str(s) for s in secrets["salary"]}
    full = openpyxl.load_workbook(files["xlsx"])
    full_numbers = {float(c.value) for ws in full for row in ws.iter_rows() for c in row
                    if isinstance(c.value, int | float) and not isinstance(c.value, bool)}
    assert money & full_numbers, "the full export should show pay, or this test proves nothing"

    book = openpyxl.load_workbook(files["xlsx_no_pay"])
    checked = 0
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                checked += 1
                where = f"{ws.title}!{cell.coordinate}"
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    assert float(cell.value) not in money, f"{where} holds a pay amount {cell.value}"
                text = str(cell.value)
                assert not any(s in text for s in salaries_text), f"{where} shows a salary: {text!r}"
                if cell.font.b:
                    assert not _is_pay_label(text), f"{where} is a pay label: {text!r}"
    assert checked > 100

    for path in files["csv_no_pay"]:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        assert not [h for h in rows[0] if _is_pay_label(h)], f"{path.name}: pay header in {rows[0]}"
        for row in rows[1:]:
            for value in row:
                assert value not in salaries_text, f"{path.name}: salary {value}"
                if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value):
                    assert float(value) not in money, f"{path.name}: pay amount {value} in {row}"

    data = json.loads(files["json_no_pay"].read_text(encoding="utf-8"))

    def walk(node, trail="$"):
        if isinstance(node, dict):
            for key, value in node.items():
                assert not _is_pay_label(str(key)) or key == "include_pay", f"{trail}.{key} is a pay field"
                walk(value, f"{trail}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{trail}[{i}]")
        elif isinstance(node, int | float) and not isinstance(node, bool):
            assert float(node) not in money, f"{trail} = {node} is a pay amount"
        elif isinstance(node, str):
            assert not any(s in node for s in salaries_text), f"{trail} shows a salary"

    walk(data)


NETWORK_MODULES = ("socket", "ssl", "urllib", "http", "ftplib", "smtplib", "xmlrpc", "requests", "httpx", "aiohttp",
                   "websocket", "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebSockets")
#: Pure text helpers inside those packages (no I/O): quoting keys for the export manifest.
NOT_NETWORK = ("urllib.parse",)


def test_no_product_module_imports_a_network_library():
    """The desktop app included: nothing in app/, solver/ or ui/ imports a module that can reach the network."""
    import ast

    root = Path(__file__).resolve().parents[2]
    found = []
    for package in ("app", "solver", "ui"):
        for source in sorted((root / package).rglob("*.py")):
            for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                    names = [f"PySide6.{a.name}" for a in node.names]
                found += [f"{source.relative_to(root)}: {n}" for n in names
                          if n not in NOT_NETWORK and any(n == m or n.startswith(m + ".") for m in NETWORK_MODULES)]
    assert found == []
