"""Phasegate's staffing optimiser: a pure function from an Instance to a Solution (no Qt, no app imports)."""
