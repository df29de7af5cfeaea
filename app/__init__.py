"""Phasegate's headless core: domain, import, templates, gaps, planning, project files, export and CLI."""

__version__ = "0.1.0"
