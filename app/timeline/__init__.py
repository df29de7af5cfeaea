"""Time-phased capacity: who is free when, demand and gaps per period, the bench, and dated data import.

Everything here is headless: numpy over people × atoms of a working-day grid (see calendar.py).
"""
from app.timeline.calendar import Granularity, Grid, Period, make_grid, snap
from app.timeline.capacity import Capacity, capacity, status_unavailable, team_time

__all__ = ["Capacity", "Granularity", "Grid", "Period", "capacity", "make_grid", "snap", "status_unavailable",
           "team_time"]
