"""Several rows per person: when most ids repeat, which column is the skill and which its level?

Neither can be told from the headers of such a file ('Operation', 'Eff'): the column that changes from row to row
like a skill name and the numbers that change like a level are suggested below ASK_BELOW, so they are asked. A file
with no such column holds one row per person and period or item (monthly hours, say): its rows are merged into one
person each. Either way a column whose value changes between one person's rows is no fact about the person: it is
left out, with the reason, rather than kept from whichever row came first.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from app.roster_import.cell_values import as_text, is_blank
from app.roster_import.header_words import has_measure_word, header_targets, is_sensitive
from app.roster_import.models import Candidate, ColumnTarget
from app.roster_import.targets import KEEP, LEAVE_OUT
from app.roster_import.value_profiles import level_like

#: A level the role requires or aims at ('required_proficiency', 'target level'), not the person's.
_ROLE_LEVEL = re.compile(r"(?i)requir|target|expect|goal|desired|needed|minimum|soll|cible|requis|objetivo")
_LEVEL_WORD = re.compile(r"(?i)proficien|level|rating|niveau|nivel|stufe")


class LongLayout:
    """One row per person and skill: the person's id repeats; which columns hold the skill and its level?"""

    def __init__(self, mapper) -> None:
        self.m = mapper  # the column mapper: names, profiles, facts, decided, taken()

    def infer(self, columns: Sequence[int]) -> None:
        """Suggest (to be asked) the skill-name and level columns when most people appear on several rows."""
        m = self.m
        targets = {t.target for t in m.decided.values()}
        groups = self._groups()
        if "skill_name" in targets and groups:
            self._per_skill_row(columns, groups)
        if targets & {"skill_name", "skill", "skills_list"} or not groups:
            return
        repeated = sum(len(rows) for rows in groups.values() if len(rows) > 1)
        total = sum(len(rows) for rows in groups.values())
        if total < 4 or repeated < 0.5 * total:
            return
        names, levels, varying = [], [], []
        assignments = "initiative" in targets  # one row per person and assignment: no skill hides here
        for j in columns:
            if j in m.decided and m.decided[j].target not in (KEEP,):
                continue
            name, p = m.names[j], m.profiles[j]
            if not self._varies(j, groups):
                continue
            varying.append(j)
            if (assignments or has_measure_word(name) or is_sensitive(name) or p.share(p.dates) >= 0.5
                    or header_targets(name)):  # a header naming a field is never offered first as a skill
                continue
            if p.share(p.texts) >= 0.8 and p.share(p.multiword) < 0.8 or (p.share(p.texts) >= 0.8 and p.distinct > 5):
                names.append((p.distinct, j))
            elif level_like(p) or (p.share(p.numbers) >= 0.8 and (p.low or 0) >= 0 and (p.high or 0) <= 100):
                levels.append((p.distinct, j))
        per = "skill" if names else "assignment" if assignments else "period or item"
        note = (f"each person appears on several rows ({len(groups)} people in the {total} rows read): "
                f"one row per person and {per}")
        names.sort(key=lambda t: -t[0])
        levels.sort(key=lambda t: -t[0])
        if not names:  # no skill beside the repeated rows: they are one person each, merged
            m.repeated = True
            levels = []
        self._leave_out_changing(varying, {j for _, j in names[:1] + levels[:1]}, groups, note)
        if names:
            j = names[0][1]
            also = ", ".join(m.names[k] for _, k in names[1:4])
            m.decided[j] = ColumnTarget(
                target="skill_name", confidence=0.6,
                candidates=[Candidate(target=KEEP, confidence=0.4, reason="kept with each person")],
                reason=f"{note}; this column changes from row to row like a skill name"
                       + (f" (so do: {also})" if also else ""))
        if levels:
            j = levels[0][1]
            m.decided[j] = ColumnTarget(target="skill_level", confidence=0.55,
                                        candidates=[Candidate(target=KEEP, confidence=0.45,
                                                              reason="kept with each person")],
                                        reason=f"{note}; numbers that change from row to row like a skill level")

    def _groups(self) -> dict[str, list[int]]:
        """Sampled row numbers per person (by id, else by name); empty without either column."""
        taken = self.m.taken()
        key_j = taken.get("id", taken.get("name"))
        groups: dict[str, list[int]] = defaultdict(list)
        if key_j is not None:
            for k, value in enumerate(self.m.facts.column(key_j)):
                if not is_blank(value):
                    groups[as_text(value)].append(k)
        return groups

    def _per_skill_row(self, columns: Sequence[int], groups: dict[str, list[int]]) -> None:
        """In one row per person and skill, a column that changes between one person's rows (years per skill, a
        note per skill) is about the skill row, not the person: left out with the reason, never kept from row one.
        Without a level column, levels among them are asked (never every skill recorded at one level in silence);
        a required or target level is the role's, never offered as the person's."""
        m = self.m
        varying = [j for j in columns if j not in m.decided and self._varies(j, groups)]
        chosen: set[int] = set()
        if "skill_level" not in {t.target for t in m.decided.values()}:
            levels = [j for j in varying if level_like(m.profiles[j]) and not _ROLE_LEVEL.search(m.names[j])]
            if levels:
                j = min(levels, key=lambda k: (not _LEVEL_WORD.search(m.names[k]), k))
                also = ", ".join(repr(m.names[k]) for k in levels if k != j)
                m.decided[j] = ColumnTarget(
                    target="skill_level", confidence=0.55,
                    candidates=[Candidate(target=LEAVE_OUT, confidence=0.45, reason="left out: not the level")],
                    reason="one row per person and skill, and no column is named the level: these numbers change "
                           "from row to row like a skill level" + (f" (so do: {also})" if also else "")
                           + "; is this the person's level of the skill?")
                chosen.add(j)
        self._leave_out_changing(varying, chosen, groups, "one row per person and skill")

    def _leave_out_changing(self, varying: list[int], chosen: set[int], groups: dict[str, list[int]],
                            note: str) -> None:
        m = self.m
        for j in varying:
            if j in chosen or (j in m.decided and m.decided[j].target != KEEP):
                continue
            column = m.facts.column(j)
            rows = next(rows for rows in groups.values()
                        if len({as_text(column[k]) for k in rows if k < len(column) and not is_blank(column[k])}) > 1)
            shown = ", ".join(f"'{as_text(column[k])}'" for k in rows[:3] if not is_blank(column[k]))
            m.decided[j] = ColumnTarget(target=LEAVE_OUT, reason=f"{note}; the value changes from row to row for "
                                        f"the same person ({shown} …), so none of them is the person's")

    def _varies(self, j: int, groups: dict[str, list[int]]) -> bool:
        column = self.m.facts.column(j)
        multi = [rows for rows in groups.values() if len(rows) > 1]
        changing = sum(1 for rows in multi  # a blank beside a value is no change (a person's row without a skill)
                       if len({as_text(column[k]) for k in rows if k < len(column) and not is_blank(column[k])}) > 1)
        return bool(multi) and changing >= 0.5 * len(multi)
