"""Default phase role templates and the skill catalogue, as human-editable YAML files."""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
