"""Outside the Plan screen, a person's pin says who fixed it: the roster's *In this scenario* column, the person
panel (with the approver's comment), the Gaps candidates and the pool's row headings all read 'pinned by you' or
'approved by approver' (every pin read 'pinned' before, an approval as if the lead had only pinned it)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain import Pin
from tests.pins import pin_lead_and_approver
from tests.ui.solved_sample import solved_sample


def _pinned_two(window):
    """The solved sample with the lead's pin on one assignment and an approver's (commented) on another's person."""
    project = solved_sample()
    plan = project.scenario().plan
    mine, other = pin_lead_and_approver(project.scenario(), plan)
    window.doc.replace(project)
    return mine, other


def _scenario_cell(roster, person_id: str) -> str:
    model = roster.table.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == "In this scenario")
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole).id == person_id)
    return model.index(row, column).data()


def _show(roster, person_id: str) -> str:
    model = roster.table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole).id == person_id)
    roster.table.selectRow(row)
    return roster.panel.toPlainText()


def test_the_roster_and_the_person_panel_tell_the_leads_pin_from_an_approval(window):
    mine, other = _pinned_two(window)
    roster = window.screens["roster"]
    assert _scenario_cell(roster, mine.person_id) == "pinned by you"
    assert _scenario_cell(roster, other.person_id) == "approved by approver"

    text = _show(roster, mine.person_id)
    assert f"pinned by you to {mine.role_name} on " in text and "approver" not in text
    text = _show(roster, other.person_id)
    assert f"approved by approver for {other.role_name} on " in text
    assert f"at {other.fte:g} FTE (approver's comment: “agreed with finance”)" in text


def test_a_person_pinned_by_the_lead_and_approved_elsewhere_reads_both(window):
    mine, _other = _pinned_two(window)
    sc = window.doc.project.scenario()
    elsewhere = next(a for a in sc.plan.assignments if a.person_id != mine.person_id)
    sc.pins = [*sc.pins, Pin(person_id=mine.person_id, initiative=elsewhere.initiative, role=elsewhere.role,
                             source="approver")]
    window.doc.notify_scenario()
    assert window.doc.marks()[mine.person_id] == "approved by approver, pinned by you"
    assert _scenario_cell(window.screens["roster"], mine.person_id) == "approved by approver, pinned by you"
    text = _show(window.screens["roster"], mine.person_id)
    assert "pinned by you to" in text and "approved by approver for" in text
    assert "comment" not in text  # an approval without a comment says none


def test_the_heatmaps_row_heading_says_who_pinned(window):
    """The people × skills heatmap (and the pool, on the same model) heads a pinned person's row with the words."""
    mine, other = _pinned_two(window)
    heatmap = window.screens["roster"].heatmap_model
    rows = {p.id: r for r, p in enumerate(window.doc.people)}
    assert heatmap.person_header(rows[mine.person_id]).endswith(" · pinned by you")
    assert heatmap.person_header(rows[other.person_id]).endswith(" · approved by approver")
