"""The main window's screens, in navigation order: (key, label, class)."""
from ui.screens.export import ExportScreen
from ui.screens.gaps import GapsScreen
from ui.screens.initiatives import InitiativesScreen
from ui.screens.plan import PlanScreen
from ui.screens.roster import RosterScreen
from ui.screens.start import StartScreen
from ui.screens.templates import TemplatesScreen
from ui.screens.timeline import TimelineScreen

SCREENS = (
    ("start", "Start", StartScreen),
    ("roster", "Roster", RosterScreen),
    ("templates", "Templates", TemplatesScreen),
    ("initiatives", "Initiatives", InitiativesScreen),
    ("gaps", "Gaps", GapsScreen),
    ("plan", "Plan", PlanScreen),
    ("export", "Export", ExportScreen),
    ("timeline", "Timeline", TimelineScreen),
)

__all__ = ["SCREENS"]
