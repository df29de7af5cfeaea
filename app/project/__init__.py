"""Project files: the model, versioned atomic save/open, migrations, autosave and recovery."""
from app.project.model import SCHEMA_VERSION, Project, RosterSource, Scenario

__all__ = ["SCHEMA_VERSION", "Project", "RosterSource", "Scenario"]
