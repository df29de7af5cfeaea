"""Project files: the model, versioned atomic save/open, migrations, autosave and recovery."""
from app.project.autosave import (
    RecoveryEntry,
    autosave,
    discard_recovery,
    new_session_id,
    pending_recovery,
    recover,
)
from app.project.io import EXTENSION, open_project, save_project
from app.project.model import SCHEMA_VERSION, Project, RosterSource, Scenario

__all__ = [
    "EXTENSION", "SCHEMA_VERSION", "Project", "RecoveryEntry", "RosterSource", "Scenario", "autosave",
    "discard_recovery", "new_session_id", "open_project", "pending_recovery", "recover", "save_project",
]
