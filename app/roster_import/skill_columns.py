"""Which undecided columns hold skills: by their neighbours, their heading, their values — and which never do.

Runs after the header-named fields are given out. A level column beside skill columns, under a legend, or under a
heading whose other columns are skills is a skill the catalogue does not know yet; a block of three or more level
columns whose headers name no skill is asked; cells written as Python/JSON lists are a skill list; a formula or a
column holding each row's total of the skill columns is computed, never a level.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from app.roster_import.cell_values import as_text, is_blank
from app.roster_import.header_words import has_measure_word, header_words, names_a_field
from app.roster_import.models import ColumnTarget
from app.roster_import.skill_levels import literal_items
from app.roster_import.targets import KEEP, LEAVE_OUT
from app.roster_import.value_profiles import level_like

#: Word stems of a heading (category row or header group) over skill columns.
SKILL_CATEGORY = ("skill", "competenc", "capabilit", "proficien", "abilit", "knowledge", "kompetenz", "fähigkeit",
                  "kenntnis", "compétence", "connaissance", "habilidad", "conocimiento", "vaardigheid", "kennis",
                  "habilidade", "conhecimento", "スキル", "компетенц", "навык", "умени", "знани")
_BLANK_HEADER = re.compile(r"^Column \d+$")
#: Words of a survey question asking which skills a person holds, and of one asking which they want (folded).
_HELD = frozenset({"proficient", "competent", "expert", "experienced", "skilled", "fluent", "comfortable",
                   "familiar", "know", "known", "master", "beherrsche", "beherrschen", "maitrise", "maitrisez",
                   "domina", "dominas", "domino"})
_WANTED = frozenset({"learn", "learning", "aspire", "want", "wish", "interested", "interest", "goal", "goals",
                     "desired", "need", "needs", "lernen", "apprendre", "aprender", "leren", "quer", "quiere"})
#: The largest number a level column of an unknown skill may hold (scales run to 10; percentages are written '80%').
_TOP_LEVEL = 10
#: Skills taken for their neighbours alone are asked when at least this many, and more than this many times the
#: skills the catalogue knows among them.
_FEW_KNOWN_PULLED, _FEW_KNOWN_RATIO = 5, 3


def scale_like(p) -> bool:
    """Whole numbers within a level scale, or level words ('Expert'): what a skill column with no catalogue name holds.

    A column of amounts that are mostly 0 (allowances: 0, 0, 649.2, 131) is level-like by share, never by its range.
    """
    if p.share(p.level_words) >= 0.8:
        return True
    return p.share(p.integers) >= 0.8 and (p.high is None or p.high <= _TOP_LEVEL)


class SkillColumns:
    """Skill columns found from the sheet rather than from their header alone."""

    def __init__(self, mapper) -> None:
        self.m = mapper  # the column mapper: names, profiles, facts, decided, target(), formula(), taken()

    def infer(self, columns: Sequence[int]) -> None:
        """Skill lists by their values, skills by neighbours and headings, asked blocks, computed columns."""
        self._lists_by_values(columns)
        self._lists_by_question(columns)
        while self._beside(columns) | self._in_their_group(columns):
            pass
        self._ask_under_other_headings(columns)
        self._blocks(columns)
        self._few_known(columns)
        self._computed_totals(columns)
        self._strays(columns)

    def _maybe_skill(self, j: int) -> bool:
        m = self.m
        name, p = m.names[j], m.profiles[j]
        return (j not in m.decided and not _BLANK_HEADER.match(name) and level_like(p) and not m.formula(j)
                and not has_measure_word(name) and not names_a_field(name) and scale_like(p))

    def _beside(self, columns: Sequence[int]) -> bool:
        """Level columns next to skill columns (or under a legend) are skills the catalogue does not know yet."""
        m, grew = self.m, False
        for j in columns:
            if not self._maybe_skill(j):
                continue
            beside = any(m.decided.get(k) is not None and m.decided[k].target == "skill" for k in (j - 1, j + 1))
            if beside or m.facts.has_legend:
                why = "the sheet's legend explains these levels" if m.facts.has_legend and not beside else \
                    "beside the other skill columns"
                m.decided[j] = m.target("skill", 0.9 if m.facts.has_legend else 0.85,
                                        f"level values {why}; a skill the catalogue does not know yet", None, [])
                grew = True
        return grew

    def _in_their_group(self, columns: Sequence[int]) -> bool:
        """Level columns under a heading whose other columns are mostly skills are skills too, whatever their words
        ('tasks-Supervise, train, or mentor junior team members' among the other 'tasks' skills)."""
        m, grew = self.m, False
        groups: dict[str, list[int]] = defaultdict(list)
        for j, category in enumerate(m.facts.categories):
            if category:
                groups[category].append(j)
        for category, members in groups.items():
            skills = [k for k in members if k in m.decided and m.decided[k].target == "skill"]
            if len(skills) < 2 or len(skills) < 0.5 * len(members):
                continue
            for j in members:
                p = m.profiles[j]
                if (j in columns and (j not in m.decided or m.decided[j].target in (KEEP, "skill_level"))
                        and level_like(p) and not m.formula(j) and scale_like(p)):
                    m.decided[j] = m.target("skill", 0.85, f"level values under the '{category}' heading, like the "
                                            "other skill columns there", None, [])
                    grew = True
        return grew

    def _ask_under_other_headings(self, columns: Sequence[int]) -> None:
        """A column taken as a new skill for its neighbours, under a heading that does not say skills ('tasks-',
        'tools-', 'Evaluation'), is asked: tasks and tools rated 0/1 look like skills and may not be."""
        m = self.m
        categories = m.facts.categories
        known_under = {categories[k] for k, t in m.decided.items()  # headings over catalogue skills hold skills
                       if k < len(categories) and t.target == "skill" and t.skill_id is not None}
        for j in columns:
            t = m.decided.get(j)
            category = categories[j] if j < len(categories) else None
            if (t is None or t.target != "skill" or t.skill_id is not None or t.confidence < 0.8 or not category
                    or any(w in category.lower() for w in SKILL_CATEGORY) or category in known_under):
                continue
            p = m.profiles[j]
            if p.share(p.level_words) >= 0.8:  # 'Expert', 'Beginner': a proficiency, whatever the heading
                continue
            m.decided[j] = m.target("skill", 0.6, f"{t.reason}; but the '{category}' heading does not say skills: "
                                    "is this a skill?", None, [])

    def _blocks(self, columns: Sequence[int]) -> None:
        """Three or more level columns side by side whose headers name no skill: asked (are these skills?)."""
        runs: list[list[int]] = []
        for j in (j for j in columns if self._maybe_skill(j)):
            if runs and runs[-1][-1] == j - 1:
                runs[-1].append(j)
            else:
                runs.append([j])
        for run in runs:
            if len(run) >= 3:
                for j in run:
                    self.m.decided[j] = self.m.target("skill", 0.6, "level values in a block of columns whose headers "
                                                      "are not known skills: are these skills?", None, [])

    def _few_known(self, columns: Sequence[int]) -> None:
        """Skills taken only for their neighbours, many more than the skills the catalogue knows among them (3 known,
        30 pulled in one beside the other: 'Award', 'Clients', 'Selling Of'): asked, like a block of unknown names."""
        m = self.m
        known = sum(1 for t in m.decided.values() if t.target == "skill" and t.skill_id is not None)
        pulled = [j for j in columns if (t := m.decided.get(j)) is not None and t.target == "skill"
                  and t.skill_id is None and "beside the other skill columns" in (t.reason or "")
                  and t.confidence >= 0.8]
        if len(pulled) < _FEW_KNOWN_PULLED or len(pulled) <= _FEW_KNOWN_RATIO * known:
            return
        for j in pulled:
            m.decided[j] = m.target("skill", 0.6, f"level values beside the other skill columns, but only {known} of "
                                    f"the skill columns here are skills the catalogue knows: are these skills?",
                                    None, [])

    def _strays(self, columns: Sequence[int]) -> None:
        """A level column left undecided in a sheet of skill columns — its header holds a field's word ('Project
        Planning' holding 0/1) or it stands apart from the others — is asked, never kept in silence. Only when its
        values stay within the skill columns' own (or the usual 1–5): counts of 5 to 10 beside skills rated 1 to 4 are
        not alike (such a column is kept and reported like any other extra)."""
        m = self.m
        skills = [m.profiles[k] for k, t in m.decided.items() if t.target == "skill"]
        if not skills:
            return
        top = max((p.high for p in skills if p.high is not None), default=None)
        top = None if top is None else max(top, 5)
        for j in columns:
            name, p = m.names[j], m.profiles[j]
            if (j in m.decided or _BLANK_HEADER.match(name) or not level_like(p) or not scale_like(p)
                    or m.formula(j) or has_measure_word(name)
                    or (top is not None and p.high is not None and p.high > top)):
                continue
            m.decided[j] = m.target("skill", 0.6, "level values like the skill columns of this sheet, though the "
                                    "header does not name a skill: is this a skill?", None, [])

    def _lists_by_values(self, columns: Sequence[int]) -> None:
        """Cells written as Python/JSON lists or objects ('{"SQL": 3, "Go": 2}') are skill lists by their values.

        Sure when the header speaks of skills ('Skill Matrix Results'); asked when only the values say so.
        """
        m = self.m
        if any(t.target == "skills_list" for t in m.decided.values()):
            return
        for j in columns:
            p = m.profiles[j]
            if j in m.decided or p.filled < 2 or p.share(p.texts) < 0.8:
                continue
            cells = [as_text(c) for c in m.facts.column(j) if not is_blank(c)]
            if sum(1 for c in cells if len(literal_items(c) or ()) >= 2) < 0.8 * len(cells):
                continue
            skilled = any(w.startswith(stem) for w in header_words(m.names[j]) for stem in SKILL_CATEGORY)
            why = "the cells are lists written as Python/JSON literals"
            m.decided[j] = m.target("skills_list", 0.85 if skilled else 0.6,
                                    f"{why}, and the header speaks of skills" if skilled else
                                    f"{why}: are these the person's skills?", None, [])
            return

    def _lists_by_question(self, columns: Sequence[int]) -> None:
        """A survey's list answers ('Which languages are you already proficient in?' → 'Java;Python') are skill
        lists when the question asks what the person masters, and never when it asks what they want to learn."""
        m = self.m
        for j in columns:
            p = m.profiles[j]
            if j in m.decided or p.filled < 2 or p.share(p.texts) < 0.8 or p.share(p.listy) < 0.3:
                continue
            words = set(header_words(m.names[j]))
            if words & _WANTED:
                m.decided[j] = ColumnTarget(target=KEEP, reason="lists what the person wants to learn or still "
                                            "lacks, not skills they hold; kept as an extra field")
            elif words & _HELD:
                m.decided[j] = m.target("skills_list", 0.85, "the question asks what the person masters "
                                        f"('{m.names[j][:60]}') and the cells list it", None, [])

    def _computed_totals(self, columns: Sequence[int]) -> None:
        """A column holding each row's total of the skill columns (or a formula) is computed, never a level."""
        m = self.m
        skills = [k for k, t in m.decided.items() if t.target == "skill"]
        for j in columns:
            if j in m.decided:
                continue
            if m.formula(j):
                m.decided[j] = ColumnTarget(target=LEAVE_OUT, reason="computed by a formula from other cells "
                                            "(a total or a score), not data about a person")
                continue
            if skills and m.profiles[j].share(m.profiles[j].numbers) >= 0.8 and self._sums(j, skills):
                m.decided[j] = ColumnTarget(target=LEAVE_OUT, reason="the total of the skill columns on each row "
                                            "(computed), not a level")

    def _sums(self, j: int, skills: list[int]) -> bool:
        facts = self.m.facts
        rows = 0
        for k, value in enumerate(facts.column(j)):
            if is_blank(value) or not isinstance(value, int | float):
                continue
            levels = [facts.column(s)[k] for s in skills if k < len(facts.column(s))]
            numbers = [v for v in levels if isinstance(v, int | float) and not isinstance(v, bool)]
            if not numbers:
                continue
            if abs(sum(numbers) - value) > 1e-6 and abs(sum(numbers) / len(numbers) - value) > 0.01:
                return False
            rows += 1
        return rows >= 2
