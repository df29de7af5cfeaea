"""People's columns the headers do not name: names or ids told by their values, a first name beside a last name,
and a manager told by other rows' names — each suggested below ASK_BELOW (asked) unless the headers settle it."""
from __future__ import annotations

from collections.abc import Sequence

from app.roster_import.header_words import has_measure_word
from app.roster_import.value_profiles import FITS


class PeopleColumns:
    """Who the rows are, when no header says it plainly."""

    def __init__(self, mapper) -> None:
        self.m = mapper  # the column mapper: names, profiles, decided, taken(), target(), manager_fit()

    def infer(self, columns: Sequence[int]) -> None:
        """Name or id from the values, a first name beside a last name, the manager from other rows' names."""
        self._names_from_values(columns)
        self._name_beside_last_name()
        self._manager_from_values()

    def _names_from_values(self, columns: Sequence[int]) -> None:
        m = self.m
        taken = set(m.taken())
        if taken & {"name", "first_name", "last_name"}:
            return
        for j in columns:  # names are asked for beside an id column too ('Emp ID' and 'Staff')
            p = m.profiles[j]
            if j in m.decided or p.filled < 2 or p.distinct < 0.8 * p.filled:
                continue
            if p.share(p.multiword) >= 0.5 and p.share(p.texts) >= 0.9:
                m.decided[j] = m.target("name", 0.5, "no header names the people; the values look like names",
                                        None, [])
                return
        if "id" in taken:
            return
        if "email" in taken:  # 'employee_email' alone: the addresses tell people apart
            j = m.taken()["email"]
            m.decided[j] = m.target("id", 0.6, "no header names the people; their email addresses tell them apart: "
                                    "use them as the employee id?", None, [("email", 0.4)])
            return
        for j in columns:
            p = m.profiles[j]
            if (j not in m.decided and p.filled >= 2 and p.distinct == p.filled and p.share(p.spaceless) == 1
                    and p.share(p.texts) == 1 and p.share(p.dates) == 0 and not has_measure_word(m.names[j])):
                m.decided[j] = m.target("id", 0.5, "no header names the people; the values are distinct codes",
                                        None, [])
                return

    def _manager_from_values(self) -> None:
        """A column no header decided whose values are other people of this file ('Lead': Ben Ode, Ben Ode …) is
        most likely their manager: asked, never applied (kept, the reporting line would be lost in silence)."""
        m = self.m
        if "manager" in m.taken():
            return
        for j in range(len(m.names)):
            p = m.profiles[j]  # names only: small numbers (a distance, a count) can look like other rows' ids
            if (j in m.decided or p.share(p.numbers) >= 0.5 or has_measure_word(m.names[j])
                    or m.manager_fit(j) != (FITS, "people in this file")):
                continue
            m.decided[j] = m.target("manager", 0.6, "no header names the manager; the values are people in this "
                                    "file: their manager?", None, [])
            return

    def _name_beside_last_name(self) -> None:
        m = self.m
        taken = m.taken()
        if "name" in taken and "last_name" in taken and "first_name" not in taken:
            j = taken["name"]
            m.decided[j] = m.decided[j].model_copy(update={
                "target": "first_name", "reason": "a name column beside a last-name column holds the first name"})
