"""Templates screen: phases → roles → skill requirements, edited through undo commands, and phase comparison."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import RoleTemplate, SkillRequirement
from app.domain.roles import Phase
from ui import commands
from ui.services import Services
from ui.undo import push
from ui.widgets.buttons import button
from ui.widgets.template_library import TemplateLibraryBox


class TemplatesScreen(QWidget):
    """What each phase needs: roles with FTE, headcount and skill requirements; edit, compare, save."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.doc = services.doc
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Phase templates")
        self.tree.setHeaderLabels(["Phase / role / skill", "People × FTE, or level", "Failure modes"])
        self.tree.setColumnWidth(0, 310)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(1, 160)
        self.tree.currentItemChanged.connect(self._on_current_changed)

        role_box = QGroupBox("Role")
        self.role_name = QLineEdit()
        self.role_name.setAccessibleName("Role name")
        self.role_fte = QDoubleSpinBox()
        self.role_fte.setRange(0.05, 1.0)
        self.role_fte.setSingleStep(0.05)
        self.role_fte.setAccessibleName("FTE per head")
        self.role_heads = QSpinBox()
        self.role_heads.setRange(1, 50)
        self.role_heads.setAccessibleName("Headcount")
        self.role_criticality = QSpinBox()
        self.role_criticality.setRange(1, 10)
        self.role_criticality.setAccessibleName("Criticality")
        apply_role = button("Apply", "Apply the role changes (undoable)", self.apply_role)
        remove = button("Remove selected", "Remove the selected role or skill requirement", self.remove_selected)
        form = QFormLayout(role_box)
        form.addRow("Name", self.role_name)
        form.addRow("FTE per head", self.role_fte)
        form.addRow("Headcount", self.role_heads)
        form.addRow("Criticality", self.role_criticality)
        buttons = QHBoxLayout()
        buttons.addWidget(apply_role)
        buttons.addWidget(remove)
        form.addRow(buttons)

        add_box = QGroupBox("Add")
        self.new_role_name = QLineEdit()
        self.new_role_name.setPlaceholderText("e.g. ML platform engineer")
        self.new_role_name.setAccessibleName("New role name")
        self.skill_combo = QComboBox()
        self.skill_combo.setAccessibleName("Skill")
        self.skill_combo.setEditable(False)
        self.skill_level = QSpinBox()
        self.skill_level.setRange(1, 5)
        self.skill_level.setValue(3)
        self.skill_level.setAccessibleName("Minimum level")
        add_form = QFormLayout(add_box)
        add_form.addRow("Role name", self.new_role_name)
        add_form.addRow(button("Add role to phase", "Add a role to the selected phase", self.add_role))
        add_form.addRow("Skill", self.skill_combo)
        add_form.addRow("Min level", self.skill_level)
        add_form.addRow(button("Require skill", "Add or change a required skill of the selected role",
                                     self.add_requirement))

        compare_box = QGroupBox("Compare phases")
        self.compare_a, self.compare_b = QComboBox(), QComboBox()
        for combo, name in ((self.compare_a, "First phase"), (self.compare_b, "Second phase")):
            combo.setAccessibleName(name)
            for phase in Phase:
                combo.addItem(phase.label, phase)
        self.compare_b.setCurrentIndex(2)
        self.compare_out = QTextBrowser()
        self.compare_out.setAccessibleName("Phase comparison")
        row = QHBoxLayout()
        row.addWidget(self.compare_a)
        row.addWidget(self.compare_b)
        row.addWidget(button("Compare", "Show roles and skills added or dropped between the phases",
                                   self.compare))
        compare_layout = QVBoxLayout(compare_box)
        compare_layout.addLayout(row)
        compare_layout.addWidget(self.compare_out)

        self.library = TemplateLibraryBox(services)
        right = QVBoxLayout()
        right.addWidget(self.library)
        right.addWidget(role_box)
        right.addWidget(add_box)
        right.addWidget(compare_box, 1)
        panel = QWidget()
        panel.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([820, 560])  # the tree's failure-mode names need the width more than the forms do
        QVBoxLayout(self).addWidget(splitter)
        self.doc.templates_changed.connect(self.refresh)
        self.doc.project_replaced.connect(self._on_project_replaced)
        self._shown: tuple = ()  # what the tree was built from (see `_source`)
        self.refresh()

    def _source(self) -> tuple:
        """The objects the tree and the skill list are built from (held, so compared by identity safely)."""
        project = self.doc.project
        return (project.catalogue, *(project.templates.get(phase) for phase in Phase))

    def _on_project_replaced(self) -> None:
        # an import replaces the people, not the templates: rebuilding the tree then cost the window 10-15 ms
        source = self._source()
        if len(source) != len(self._shown) or any(a is not b for a, b in zip(source, self._shown, strict=True)):
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the tree from the project's templates, keeping the selection where possible."""
        self._shown = self._source()
        current = self.current_path()
        self.tree.clear()
        catalogue = self.doc.project.catalogue
        name_of = catalogue.name_of if catalogue else str
        self.skill_combo.clear()
        for skill in (catalogue.skills if catalogue else []):
            self.skill_combo.addItem(skill.name, skill.id)
        for phase in Phase:
            tpl = self.doc.project.templates.get(phase)
            p_item = QTreeWidgetItem([phase.label, f"{len(tpl.roles) if tpl else 0} roles", ""])
            p_item.setData(0, Qt.ItemDataRole.UserRole, (phase, None, None))
            self.tree.addTopLevelItem(p_item)
            for role in (tpl.roles if tpl else []):
                modes = "\n".join(m.label for m in role.failure_modes)  # one per line: whole names, never cut
                people = f"{role.headcount} × {role.fte:g} FTE"  # headcount × FTE per person (Help: glossary)
                r_item = QTreeWidgetItem([role.name, people, modes])
                r_item.setToolTip(1, f"{role.headcount} {'person' if role.headcount == 1 else 'people'} at "
                                     f"{role.fte:g} FTE each ({role.total_fte:g} FTE in all)")
                r_item.setToolTip(2, modes)
                r_item.setToolTip(0, role.name)
                r_item.setData(0, Qt.ItemDataRole.UserRole, (phase, role.id, None))
                p_item.addChild(r_item)
                for req, kind in [(r, "required") for r in role.required] + [(r, "optional") for r in role.optional]:
                    s_item = QTreeWidgetItem([f"{name_of(req.skill)} ({kind})", f"≥ {req.min_level}", ""])
                    s_item.setData(0, Qt.ItemDataRole.UserRole, (phase, role.id, req.skill))
                    r_item.addChild(s_item)
            p_item.setExpanded(True)
        if current:
            self.select_path(current)

    def current_path(self) -> tuple | None:
        """(phase, role id or None, skill id or None) of the selected tree item."""
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def select_path(self, path: tuple) -> None:
        """Select the tree item for (phase, role, skill)."""
        for i in range(self.tree.topLevelItemCount()):
            stack = [self.tree.topLevelItem(i)]
            while stack:
                item = stack.pop()
                if item.data(0, Qt.ItemDataRole.UserRole) == path:
                    self.tree.setCurrentItem(item)
                    return
                stack.extend(item.child(j) for j in range(item.childCount()))

    def _on_current_changed(self, *_args) -> None:
        path = self.current_path()
        if path:
            self.library.set_phase(path[0])
        if not path or path[1] is None:
            return
        tpl = self.doc.project.templates.get(path[0])
        role = tpl.role(path[1]) if tpl else None
        if role is not None:
            self.role_name.setText(role.name)
            self.role_fte.setValue(role.fte)
            self.role_heads.setValue(role.headcount)
            self.role_criticality.setValue(role.criticality)

    def _run(self, build) -> None:
        try:
            push(self.doc.undo_stack, build())
        except commands.EditRejected as exc:
            self.services.interaction.show_error(title="Cannot change the template", message=str(exc))

    def apply_role(self) -> None:
        """Apply the form to the selected role."""
        path = self.current_path()
        if not path or path[1] is None:
            self.services.status("Select a role first")
            return
        changes = {"name": self.role_name.text(), "fte": round(self.role_fte.value(), 2),
                   "headcount": self.role_heads.value(), "criticality": self.role_criticality.value()}
        tpl = self.doc.project.templates.get(path[0])
        role = tpl.role(path[1]) if tpl else None
        changes = {k: v for k, v in changes.items() if role is None or getattr(role, k) != v}
        if changes:
            self._run(lambda: commands.edit_role(self.doc, phase=path[0], role_id=path[1], changes=changes))

    def add_role(self) -> None:
        """Add a role with the given name to the selected phase (its id, which templates and exports key on, is
        made from the name: 'ML platform engineer' → ml_platform_engineer)."""
        path = self.current_path()
        phase = path[0] if path else Phase.PRODUCTION
        name = " ".join(self.new_role_name.text().split())

        def build():
            role_id = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
            if not role_id:
                raise commands.EditRejected("a new role needs a name with a letter or digit, e.g. "
                                            "“ML platform engineer”")
            template = self.doc.project.templates.get(phase)
            taken = template.role(role_id) if template is not None else None
            if taken is not None:
                raise commands.EditRejected(f"{phase.label} already has the role “{taken.name}”")
            if role_id[0].isdigit():
                role_id = f"role_{role_id}"
            try:
                role = RoleTemplate(id=role_id, name=name)
            except ValueError as exc:
                raise commands.EditRejected(f"role “{name}”: {commands.first_error(exc)}") from None
            return commands.add_role(self.doc, phase=phase, role=role)

        self._run(build)

    def add_requirement(self) -> None:
        """Require the chosen skill at the chosen level for the selected role."""
        path = self.current_path()
        if not path or path[1] is None or self.skill_combo.currentData() is None:
            self.services.status("Select a role and a skill first")
            return
        req = SkillRequirement(skill=self.skill_combo.currentData(), min_level=self.skill_level.value())
        self._run(lambda: commands.set_requirement(self.doc, phase=path[0], role_id=path[1], requirement=req))

    def remove_selected(self) -> None:
        """Remove the selected role or requirement (undoable)."""
        path = self.current_path()
        if not path or path[1] is None:
            self.services.status("Select a role or a skill requirement to remove")
            return
        phase, role_id, skill_id = path
        if skill_id is None:
            self._run(lambda: commands.remove_role(self.doc, phase=phase, role_id=role_id))
        else:
            self._run(lambda: commands.remove_requirement(self.doc, phase=phase, role_id=role_id, skill_id=skill_id))

    def compare(self) -> None:
        """Show what changes between two phases (through app.templates.compare_phases)."""
        a, b = self.compare_a.currentData(), self.compare_b.currentData()
        ta, tb = self.doc.project.templates.get(a), self.doc.project.templates.get(b)
        if ta is None or tb is None:
            self.compare_out.setHtml("<p>Both phases need a template in this project.</p>")
            return
        # loaded on first use, not when the window opens (its YAML readers take a while to import)
        from app.templates import compare_phases

        diff = compare_phases(ta, tb)
        self.compare_out.setHtml(f"<p>{html.escape(diff.summary())}</p>")
