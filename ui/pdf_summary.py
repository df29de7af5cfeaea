"""The one-page PDF summary for the steering committee: KPIs, readiness before/after, top uncovered items."""
from __future__ import annotations

import html
from pathlib import Path

from app.domain import FAILURE_MODE_LABELS, FailureMode
from app.export import PlanReport
from app.planning.words import Words
from app.planning.words.numbers import day as day_text

TOP_UNCOVERED = 6
TOP_PROCUREMENTS = 6


def _kpis(report: PlanReport, *, include_pay: bool) -> list[tuple[str, str]]:
    plan, words = report.plan, Words(include_pay, report.currency)
    rows = [
        ("Status", words.status(plan)),
        ("Coverage", f"{plan.coverage:.0%} of {plan.required_fte:.2f} FTE required"),
        ("Uncovered", f"{plan.uncovered_fte:.2f} FTE in {len(plan.uncovered)} role(s)"),
        ("People moved", str(plan.people_moved)),
        ("Hires / contractors (people)", f"{plan.hired_heads} / {plan.contracted_heads}"),
        ("Trainings", str(len(plan.trainings))),
    ]
    if include_pay:
        rows.insert(3, ("Total cost", words.money(plan.total_cost)))
    return rows


def _short(text: str, limit: int = 240) -> str:
    """Long causes are cut so the summary stays on one page (the workbook has them in full)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def summary_html(report: PlanReport, *, scenario: str, include_pay: bool = True, top_uncovered: int = TOP_UNCOVERED,
                 top_procurements: int = TOP_PROCUREMENTS) -> str:
    """The one-page summary as HTML for QTextDocument (every text escaped)."""
    e = html.escape
    report = report.for_audience(include_pay=include_pay)
    plan = report.plan
    # the plan's rows hold initiative ids: an initiative renamed since the import read under its old name
    names = {i.id: i.name for i in report.initiatives}
    parts = [f"<h1>{e(report.title)}</h1>",
             f"<p>Scenario <b>{e(scenario)}</b> · generated {day_text(report.generated)} · "
             f"{len(report.people)} people in the roster{' · pay left out' if not include_pay else ''}</p>",
             "<h2>Key figures</h2><table cellspacing='0' cellpadding='3' border='1' width='60%'>"]
    parts += [f"<tr><td>{e(k)}</td><td><b>{e(v)}</b></td></tr>" for k, v in _kpis(report, include_pay=include_pay)]
    parts.append("</table>")
    parts.append("<h2>Readiness by failure mode</h2>")
    if report.readiness_before or report.readiness_after:
        parts.append("<table cellspacing='0' cellpadding='3' border='1' width='80%'>"
                     "<tr><th align='left'>Failure mode</th><th>Before the plan</th><th>After the plan</th></tr>")
        for mode in FailureMode:
            before, after = report.readiness_before.get(mode), report.readiness_after.get(mode)
            parts.append(f"<tr><td>{e(FAILURE_MODE_LABELS[mode])}</td><td align='center'>{_share(before)}</td>"
                         f"<td align='center'>{_share(after)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>Readiness was not computed for this export (run the gap analysis first).</p>")
    parts.append("<h2>Top uncovered items</h2>")
    if plan.uncovered:
        parts.append("<table cellspacing='0' cellpadding='3' border='1' width='100%'>"
                     "<tr><th align='left'>Role</th><th align='left'>Initiative</th><th>FTE</th>"
                     "<th align='left'>Why</th></tr>")
        for u in sorted(plan.uncovered, key=lambda u: -u.fte)[:top_uncovered]:
            parts.append(f"<tr><td>{e(u.role_name or u.role)}</td><td>{e(names.get(u.initiative, u.initiative))}</td>"
                         f"<td align='right'>{u.fte:.2f}</td><td>{e(_short(u.cause))}</td></tr>")
        parts.append("</table>")
        if len(plan.uncovered) > top_uncovered:
            parts.append(f"<p>… and {len(plan.uncovered) - top_uncovered} more in the workbook.</p>")
    else:
        parts.append("<p>Every required role is covered.</p>")
    if plan.hires:
        parts.append("<h2>Hires and contractors to start</h2><ul>")
        for h in sorted(plan.hires, key=lambda h: (h.latest_requisition is None, h.latest_requisition))[
                :top_procurements]:
            cost = f", {Words(currency=report.currency).money(h.cost)}" if include_pay else ""
            by = f", requisition by {day_text(h.latest_requisition)}" if h.latest_requisition else ""
            parts.append(f"<li>{e(h.kind)}: {e(h.role_name or h.role)} for {e(names.get(h.initiative, h.initiative))}, "
                         f"{h.fte:.2f} FTE{cost}{by}</li>")
        parts.append("</ul>")
        if len(plan.hires) > top_procurements:
            parts.append(f"<p>… and {len(plan.hires) - top_procurements} more in the workbook.</p>")
    parts.append("<p><i>Full decisions with reasons are in the Excel plan.</i></p>")
    return "".join(parts)


def write_summary_pdf(report: PlanReport, path: str | Path, *, scenario: str, include_pay: bool = True) -> Path:
    """Print the one-page summary to an A4 PDF (QPdfWriter + QTextDocument; safe off the GUI thread)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    path = Path(path)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    writer.setTitle(report.title)
    writer.setCreator("Phasegate")
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(8.5)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet("h1 { font-size: 14pt; } h2 { font-size: 10.5pt; } th { background: #eeeeee; }")
    # A document with its own page size is printed as laid out (scaled to the page), so its page count is exact.
    doc.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
    # One page whatever the plan: list fewer uncovered items and hires until it fits (the workbook has them all).
    for top in range(max(TOP_UNCOVERED, TOP_PROCUREMENTS), -1, -1):
        doc.setHtml(summary_html(report, scenario=scenario, include_pay=include_pay,
                                 top_uncovered=min(top, TOP_UNCOVERED), top_procurements=min(top, TOP_PROCUREMENTS)))
        if doc.pageCount() <= 1:
            break
    doc.print_(writer)
    return path
