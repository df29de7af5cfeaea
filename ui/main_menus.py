"""The main window's actions, menus and toolbar: every action on a menu, most on the toolbar, each with a shortcut.

The functions take `ui.main_window.MainWindow` (typed as its Qt base so the two files do not import each other).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from ui.screens import SCREENS

#: The toolbar, left to right (None: a separator).
TOOLBAR = ("open", "save", "import_roster", None, "undo", "redo", None, "solve", "cancel", None, "export")


def _action(window: QMainWindow, text: str, slot, *, shortcuts: tuple = (), tip: str = "",
            name: str = "") -> QAction:
    action = QAction(text, window)
    action.setObjectName(name or text.replace("…", "").replace("&", "").lower().replace(" ", "_"))
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    label = text.replace("&", "").replace("…", "")
    keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
    action.setToolTip(f"{tip or label} ({keys})" if keys else tip or label)
    action.setStatusTip(tip or label)
    action.triggered.connect(slot)
    window.addAction(action)
    return action


def _name_edit(action: QAction, verb: str, text: str) -> None:
    """The menu names the edit ("Undo Set Fraud Radar: budget €300k"); the toolbar keeps a short, fixed label so a
    long text never pushes Solve and Export into the toolbar's overflow."""
    action.setText(f"&{verb} {text}".rstrip())
    action.setIconText(verb)
    action.setToolTip(f"{verb} {text}".rstrip() if text else f"Nothing to {verb.lower()}")


def _undo_redo(window: QMainWindow) -> dict[str, QAction]:
    stack = window.doc.undo_stack

    def step(text: str, call, done: str) -> None:  # say which edit, so no line about the state before stays
        call()
        if text:
            window.show_status(f"{done}: {text}")

    undo = _action(window, "&Undo", lambda: step(stack.undoText(), stack.undo, "Undone"),
                   shortcuts=(QKeySequence.StandardKey.Undo,), tip="Undo the last edit", name="undo")
    redo = _action(window, "&Redo", lambda: step(stack.redoText(), stack.redo, "Redone"),
                   shortcuts=("Ctrl+Shift+Z", QKeySequence.StandardKey.Redo), tip="Redo the last undone edit",
                   name="redo")
    for action, label, can, text in ((undo, "Undo", stack.canUndoChanged, stack.undoTextChanged),
                                     (redo, "Redo", stack.canRedoChanged, stack.redoTextChanged)):
        action.setEnabled(False)
        action.setIconText(label)
        can.connect(action.setEnabled)
        text.connect(lambda t, a=action, v=label: _name_edit(a, v, t))
    return {"undo": undo, "redo": redo}


def _fill_recent(window: QMainWindow, menu: QMenu) -> None:
    menu.clear()
    for path in window.recent_files():
        menu.addAction(Path(path).name, lambda p=path: window.open_path(p)).setToolTip(path)
    if not window.recent_files():
        menu.addAction("No recent projects").setEnabled(False)


def build_actions(window: QMainWindow) -> dict[str, QAction]:
    """Create the window's actions, its menu bar and its toolbar; the actions by object name."""
    plan = window.screens["plan"]
    defs = [
        ("&New project from roster…", window.new_from_roster, ("Ctrl+N",), "Start a project from an HR roster file"),
        ("&Open…", window.open_dialog, (QKeySequence.StandardKey.Open,), "Open a project or a roster file"),
        ("Open &sample project", window.open_sample, (), "Open the bundled sample project"),
        ("&Save", window.save, (QKeySequence.StandardKey.Save,), "Save the project"),
        ("Save &as…", window.save_as, ("Ctrl+Shift+S",), "Save the project under a new name"),
        ("&Import roster…", window.import_roster, ("Ctrl+I",), "Import an HR roster with the import wizard"),
        ("&Export…", lambda: window.go_to("export"), ("Ctrl+E",), "Export the plan for approvers"),
        ("&Quit", window.close, (QKeySequence.StandardKey.Quit,), "Close Phasegate"),
        ("&Solve", plan.solve, ("Ctrl+R", "F5"), "Plan the active scenario"),
        ("&Cancel", window.cancel_jobs, ("Esc",), "Cancel the running import, analysis or solve"),
        ("&Help and glossary", window.show_help, ("F1",), "The workflow, the failure modes and the words used"),
        ("&About Phasegate", window.about, (), "Version and licence"),
    ]
    a: dict[str, QAction] = {}
    for text, slot, keys, tip in defs:
        action = _action(window, text, slot, shortcuts=keys, tip=tip)
        a[action.objectName()] = action
    a["read_decisions"] = _action(
        window, "Read approvers' &decisions…", lambda: window.screens["export"].read_decisions(),
        name="read_decisions", tip="Read a workbook approvers marked and apply their decisions to the active scenario")
    a.update(_undo_redo(window))
    a["cancel"].setEnabled(False)

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for key in ("new_project_from_roster", "open", "open_sample_project"):
        file_menu.addAction(a[key])
    recent = file_menu.addMenu("Open &recent")
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    file_menu.addSeparator()
    for key in ("save", "save_as", "import_roster", "export", "read_decisions"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(a["undo"])
    edit_menu.addAction(a["redo"])
    view_menu = bar.addMenu("&View")
    for i, (key, label, _cls) in enumerate(SCREENS):
        view_menu.addAction(_action(window, label, lambda _=False, k=key: window.go_to(k),
                                    shortcuts=(f"Ctrl+{i + 1}",), tip=f"Show the {label} screen", name=f"show_{key}"))
    plan_menu = bar.addMenu("&Plan")
    plan_menu.addAction(a["solve"])
    plan_menu.addAction(a["cancel"])
    templates_menu = bar.addMenu("&Templates")
    for action in window.screens["templates"].library.actions():
        templates_menu.addAction(action)
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["help_and_glossary"])
    help_menu.addAction(a["about_phasegate"])

    toolbar = QToolBar("Main toolbar")
    toolbar.setObjectName("main_toolbar")
    toolbar.setAccessibleName("Main toolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for key in TOOLBAR:
        if key is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(a[key])
    window.addToolBar(toolbar)
    for widget in toolbar.children():
        if hasattr(widget, "defaultAction") and widget.defaultAction() is not None:
            widget.setAccessibleName(widget.defaultAction().text().replace("&", ""))
    return a
