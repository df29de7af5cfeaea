"""Templates and Initiatives screens edit through undo commands with validation; roster search filters."""
from __future__ import annotations

from app.domain.roles import Phase


def test_template_edits_are_validated_and_undoable(sample_window, interaction):
    screen = sample_window.screens["templates"]
    doc = sample_window.doc
    role = doc.project.templates[Phase.PRODUCTION].roles[0]
    screen.select_path((Phase.PRODUCTION, role.id, None))
    assert screen.role_name.text() == role.name
    screen.role_heads.setValue(role.headcount + 1)
    screen.apply_role()
    assert doc.project.templates[Phase.PRODUCTION].role(role.id).headcount == role.headcount + 1
    assert doc.undo_stack.undoText() == f"Set {role.name} on Production: headcount {role.headcount + 1}"
    assert screen.tree.topLevelItem(2).child(0).text(1) == f"{role.headcount + 1} × {role.fte:g} FTE"
    sample_window.actions_by_name["undo"].trigger()
    assert doc.project.templates[Phase.PRODUCTION].role(role.id).headcount == role.headcount

    # a new role is named as people say it (the form asked for an id, 'role_id, e.g. ml_platform_engineer')
    screen.new_role_name.setText(" !? ")
    screen.add_role()
    assert interaction.errors[-1][1] == "a new role needs a name with a letter or digit, e.g. “ML platform engineer”"
    screen.new_role_name.setText(role.name.upper())
    screen.add_role()
    assert interaction.errors[-1][1] == f"Production already has the role “{role.name}”"
    before = len(doc.project.templates[Phase.PRODUCTION].roles)
    screen.new_role_name.setText("Prompt engineer (LLM)")
    screen.add_role()
    assert len(doc.project.templates[Phase.PRODUCTION].roles) == before + 1
    added = doc.project.templates[Phase.PRODUCTION].roles[-1]
    assert (added.id, added.name) == ("prompt_engineer_llm", "Prompt engineer (LLM)")
    assert doc.undo_stack.undoText() == "Add Prompt engineer (LLM) to Production"
    screen.select_path((Phase.PRODUCTION, "prompt_engineer_llm", None))
    screen.remove_selected()
    assert len(doc.project.templates[Phase.PRODUCTION].roles) == before


def test_compare_phases_names_added_roles(sample_window):
    screen = sample_window.screens["templates"]
    screen.compare_a.setCurrentIndex(screen.compare_a.findData(Phase.PILOT))
    screen.compare_b.setCurrentIndex(screen.compare_b.findData(Phase.PRODUCTION))
    screen.compare()
    text = screen.compare_out.toPlainText()
    assert text.startswith("Production adds") and "MLOps" in text


def test_initiative_edit_rejects_backwards_phases(sample_window, interaction):
    screen = sample_window.screens["initiatives"]
    screen.list.setCurrentRow(0)
    initiative = screen.selected()
    form = screen.form
    form.priority.setValue(2 if initiative.priority != 2 else 3)
    screen.apply()
    assert sample_window.doc.project.portfolio.initiatives[0].priority == form.priority.value()
    assert sample_window.doc.undo_stack.undoText() == f"Set {initiative.name}: priority {form.priority.value()}"
    form.target_phase.setCurrentIndex(form.target_phase.findData(Phase.POC))
    form.current_phase.setCurrentIndex(form.current_phase.findData(Phase.OPERATIONS))
    screen.apply()
    assert "comes before current phase" in interaction.errors[-1][1]


def test_roster_search_filters_rows(qtbot, sample_window):
    screen = sample_window.screens["roster"]
    total = screen.proxy.rowCount()
    name = sample_window.doc.people[3].name
    screen.search.setText(name)  # filters once typing pauses
    qtbot.waitUntil(lambda: screen.proxy.rowCount() < total, timeout=2_000)
    assert 1 <= screen.proxy.rowCount() < total
    assert screen.count_label.text().startswith(f"{screen.proxy.rowCount()} of {total} people")
    screen.search.clear()
    assert screen.proxy.rowCount() == total


def _tree_labels(screen) -> list[str]:
    tree, labels = screen.tree, []
    for i in range(tree.topLevelItemCount()):
        phase = tree.topLevelItem(i)
        labels.append(f"{phase.text(0)}|{phase.text(1)}")
        labels += [phase.child(j).text(0) for j in range(phase.childCount())]
    return labels


def test_templates_tree_rebuilt_only_when_templates_change(sample_window):
    screen = sample_window.screens["templates"]
    doc = sample_window.doc
    first_phase = screen.tree.topLevelItem(0)
    doc.set_roster(list(doc.people[:10]))  # an import: new people, the same templates and catalogue
    assert screen.tree.topLevelItem(0) is first_phase  # the tree was not rebuilt

    project = doc.project.model_copy()
    production = project.templates[Phase.PRODUCTION]
    project.templates = {**project.templates,
                         Phase.PRODUCTION: production.model_copy(update={"roles": production.roles[:1]})}
    doc.replace(project)
    labels = _tree_labels(screen)
    assert f"{Phase.PRODUCTION.label}|1 roles" in labels  # new templates: the tree shows them
    assert labels.count(production.roles[0].name) >= 1


def test_roster_painted_cells_answer_as_data(sample_window):
    from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt

    screen = sample_window.screens["roster"]
    model = screen.model
    roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole,
             Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.UserRole, Qt.ItemDataRole.FontRole]
    over = [r for r, p in enumerate(sample_window.doc.people) if p.committed_fte() > p.fte]
    for row in [*range(min(20, model.rowCount())), *over[:3]]:
        for column in range(model.columnCount()):
            shown = screen.proxy.index(screen.proxy.mapFromSource(model.index(row, 0)).row(), column)
            for role in roles:
                item = QModelRoleData(role)
                screen.proxy.multiData(shown, QModelRoleDataSpan(item))
                assert item.data() == model.data(model.index(row, column), role), (row, column, role)


def test_the_roster_names_a_renamed_initiative_by_its_new_name(qtbot, sample_window):
    """Renamed on the Initiatives screen, an initiative kept the imported name in the Roster's Initiatives column."""
    from ui.models.roster import COLUMNS

    doc = sample_window.doc
    initiatives = sample_window.screens["initiatives"]
    ini = doc.project.portfolio.initiatives[0]
    initiatives.select(ini.id)
    initiatives.form.name.setText("Claims Copilot (OCR)")
    assert initiatives.apply()
    screen = sample_window.screens["roster"]
    column = next(i for i, c in enumerate(COLUMNS) if c.field == "initiatives")
    row = next(r for r, p in enumerate(doc.people) if any(c.initiative == ini.id for c in p.commitments))
    shown = screen.model.index(row, column).data()
    assert "Claims Copilot (OCR) " in shown and f"{ini.name} " not in shown
    total = screen.proxy.rowCount()
    screen.search.setText("copilot (ocr)")  # found by the name on show
    qtbot.waitUntil(lambda: screen.proxy.rowCount() < total, timeout=2_000)
    assert 1 <= screen.proxy.rowCount() == sum(1 for p in doc.people if any(c.initiative == ini.id
                                                                           for c in p.commitments))
    doc.undo_stack.undo()
    assert f"{ini.name} " in screen.model.index(row, column).data()
