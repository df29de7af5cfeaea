"""The bundled demo data: a fictional HR roster exported the way Workday exports it."""
from pathlib import Path

#: The demo roster shipped with Phasegate (regenerate with `python -m app.sample_data.make_sample`).
SAMPLE_ROSTER = Path(__file__).with_name("northwind_roster.xlsx")


def sample_roster_path() -> Path:
    """Path of the bundled demo roster."""
    return SAMPLE_ROSTER
