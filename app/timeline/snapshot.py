"""The roster as it stands in one period: each person's FTE and commitments as that period's means.

The gap analysis (app/gaps) reads a roster without dates. For a period, a person's FTE is the time they are present
(contracted, less leave, inside their employment), and each commitment holds the time it actually takes then (zero
outside its dates; shared out when the person is over-allocated or away); someone present for none of it is not
available. People whose period looks exactly like their undated record are passed through unchanged.
"""
from __future__ import annotations

import numpy as np

from app.domain.people import Commitment, Person
from app.timeline.capacity import Capacity, _window, status_unavailable
from app.timeline.spread import Intervals, spread

_EPS = 1e-6


class Snapshots:
    """Period-by-period views of the people of a Capacity."""

    def __init__(self, cap: Capacity) -> None:
        self.cap = cap
        owners: list[int] = []
        which: list[int] = []
        promised = Intervals()
        for i, p in enumerate(cap.people):
            if status_unavailable(p):
                continue
            for k, c in enumerate(p.commitments):
                first, last = _window(p, c.start, c.end)
                if first is None or last is None or first <= last:
                    promised.add(len(owners), first, last, c.fte)
                owners.append(i)
                which.append(k)
        self._person = np.asarray(owners, dtype=np.int64)
        self._commitment = np.asarray(which, dtype=np.int64)
        taken = spread(promised, len(owners), cap.grid) * cap.served_share()[self._person]
        self._taken = cap.grid.to_periods(taken) if len(owners) else np.zeros((0, len(cap.grid.periods)))
        self._present = cap.by_period("present")
        self._fte = np.array([p.fte for p in cap.people], dtype=np.float64)
        self._hr_off = np.array([not p.available for p in cap.people], dtype=bool)
        self._full = np.array([cap.people[i].commitments[k].fte for i, k in zip(owners, which, strict=True)])
        self._objects = [cap.people[i].commitments[k] for i, k in zip(owners, which, strict=True)]
        # each person's rows (commitments) as one slice: rows were added person by person
        self._rows = np.searchsorted(self._person, np.arange(len(cap.people) + 1))

    def people(self, period: int) -> list[Person]:
        """Everyone as they stand in period `period` (a displayed period of the grid)."""
        cap = self.cap
        present = self._present[:, period]
        on = present > _EPS
        # changed: present time differs from the contract, or HR's "not available" is bounded by dates
        changed = (on & (np.abs(present - self._fte) > _EPS)) | (on & self._hr_off) | (~on & ~self._hr_off)
        taken = self._taken[:, period]
        moved = np.abs(taken - self._full) > _EPS
        changed[self._person[moved]] = True
        live = (taken > _EPS).tolist()
        moved_rows, taken_rows = moved.tolist(), taken.tolist()
        objects, bounds = self._objects, self._rows.tolist()
        out = list(cap.people)
        for i in np.flatnonzero(changed).tolist():
            p = cap.people[i]
            here = float(present[i])
            commitments = [_with_fte(objects[r], taken_rows[r]) if moved_rows[r] else objects[r]
                           for r in range(bounds[i], bounds[i + 1]) if live[r]]
            values = {"commitments": commitments, "available": here > _EPS}
            if here > _EPS:
                values["fte"] = round(here, 4)
            out[i] = p.model_copy(update=values)  # values from a valid person: no re-validation
        return out


def _with_fte(c: Commitment, fte: float) -> Commitment:
    """A copy of the commitment holding `fte`."""
    return c.model_copy(update={"fte": round(fte, 4)})
