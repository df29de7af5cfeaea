"""The organisation's template library from the Templates screen: save a phase to it, import and export files."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.roles import Phase
from app.errors import PhasegateError
from ui.commands import SetTemplate
from ui.services import Services
from ui.undo import push

TEMPLATE_FILTER = "Phase templates (*.yaml *.yml);;All files (*)"


def library_details(exc: PhasegateError, *, path: str | Path | None = None) -> str:
    """The 'Show Details' text of a template error: the full message, the file chosen and the library folder."""
    from app.templates import library_dir

    lines = [exc.one_line()]
    if path:
        lines.append(f"File: {path}")
    lines.append(f"Template library: {library_dir()} (set PHASEGATE_LIBRARY to use another folder)")
    return "\n".join(lines)


class TemplateLibraryBox(QGroupBox):
    """Save the chosen phase's template to the org library, import a template file, export one (all undoable)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("Template library", parent)
        self.services = services
        self.doc = services.doc
        self.phase = QComboBox()
        self.phase.setAccessibleName("Library phase")
        self.phase.setToolTip("The phase whose template is saved or exported")
        for phase in Phase:
            self.phase.addItem(phase.label, phase)
        self.phase.setCurrentIndex(self.phase.findData(Phase.PRODUCTION))
        self.save_action = self._action("Save to library", "Save this phase's template to the organisation's "
                                        "library; new projects use it instead of the default", self.save_to_library)
        self.import_action = self._action("Import template…", "Read a phase template file and use it in this "
                                          "project (undoable)", self.import_file)
        self.export_action = self._action("Export template…", "Write this phase's template to a YAML file to share",
                                          self.export_file)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Library result")
        buttons = QHBoxLayout()
        for action in self.actions():
            button = QPushButton(action.text())
            button.setToolTip(action.toolTip())
            button.setAccessibleName(action.text().rstrip("…"))
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
        form = QFormLayout(self)
        form.addRow("Phase", self.phase)
        form.addRow(buttons)
        form.addRow(self.note)

    def _action(self, text: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setObjectName(text.rstrip("…").lower().replace(" ", "_"))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def current_phase(self) -> Phase:
        """The phase chosen in the box."""
        return self.phase.currentData()

    def set_phase(self, phase: Phase) -> None:
        """Follow the phase selected in the tree."""
        self.phase.setCurrentIndex(self.phase.findData(phase))

    def _fail(self, title: str, exc: PhasegateError, *, path: str | Path | None = None) -> None:
        self.note.setText("")
        self.services.interaction.show_error(title=title, message=exc.one_line(),
                                             details=library_details(exc, path=path))

    def _template(self):
        template = self.doc.project.templates.get(self.current_phase())
        if template is None:
            self.services.status(f"This project has no {self.current_phase().label} template")
        return template

    def save_to_library(self) -> None:
        """Save the chosen phase's template into the library folder (validated before it is written)."""
        from app.templates import save_to_library

        template = self._template()
        if template is None:
            return
        try:
            target = save_to_library(template, catalogue=self.doc.project.catalogue)
        except PhasegateError as exc:
            self._fail("Cannot save the template to the library", exc)
            return
        text = f"Saved the {template.phase.label} template to the library ({target}); new projects use it."
        self.note.setText(text)
        self.services.status(text)

    def export_file(self) -> None:
        """Write the chosen phase's template to a YAML file picked by the user."""
        from app.templates import export_template

        template = self._template()
        if template is None:
            return
        path = self.services.interaction.choose_save_file(
            title="Export phase template", filters=TEMPLATE_FILTER, directory=f"{template.phase.value}.yaml")
        if not path:
            return
        try:
            export_template(template, path)
        except OSError as exc:
            self._fail("Cannot export the template",
                       PhasegateError(f"cannot write the file ({exc.strerror or exc})", file=str(path)), path=path)
            return
        self.note.setText(f"Exported the {template.phase.label} template to {Path(path).name}.")
        self.services.status(self.note.text())

    def import_file(self) -> None:
        """Read a template file (validated against the catalogue) and use it for its phase, as one undoable edit."""
        from app.templates import import_template
        from app.templates.resolve import resolve_chain

        path = self.services.interaction.choose_open_file(title="Import phase template", filters=TEMPLATE_FILTER)
        if not path:
            return
        try:
            raw = import_template(path, catalogue=self.doc.project.catalogue)
            # a file may extend another phase: resolve it against the templates this project already uses
            resolved = resolve_chain({**self.doc.project.templates, raw.phase: raw}, raw.phase,
                                     sources={raw.phase: Path(path).name})
        except PhasegateError as exc:
            self._fail("Cannot import the template", exc, path=path)
            return
        push(self.doc.undo_stack, SetTemplate(self.doc, phase=raw.phase, after=resolved,
                                              text=f"Import the {raw.phase.label} template from {Path(path).name}"))
        self.set_phase(raw.phase)
        self.note.setText(f"Imported {Path(path).name}: {len(resolved.roles)} roles for {raw.phase.label} "
                          "(Ctrl+Z undoes).")
        self.services.status(self.note.text())
