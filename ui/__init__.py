"""Phasegate's PySide6 desktop app: views, table models, undo commands and workers over `app`."""
