"""Tests of the desktop bundle recipe, icons, menu entry, installer and wheel."""
