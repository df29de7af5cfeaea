"""The Gap matrix sheet, readable on paper: one block per failure mode, at most a few skills wide, colour-scaled.

A portfolio's full role × skill matrix is 40 roles by 60 skills; printed one page wide it shrinks to unreadable.
Split by failure mode (the lens approvers read gaps through) and cut into blocks of `SKILLS_PER_BLOCK` skills,
each block prints at a normal size; the long form lives on the 'Gap details' sheet.
"""
from __future__ import annotations

from app.domain.skills import FAILURE_MODE_LABELS, FailureMode
from app.export.report import GapCell, PlanReport
from app.export.sheet import SheetWriter

SKILLS_PER_BLOCK = 8
ROLE_WIDTH, SKILL_WIDTH = 40, 13
_SCALE = {"type": "3_color_scale", "min_type": "num", "min_value": 0, "min_color": "#63BE7B", "mid_type": "num",
          "mid_value": 1, "mid_color": "#FFEB84", "max_type": "num", "max_value": 3, "max_color": "#F8696B"}


def _blocks(report: PlanReport) -> list[tuple[str, list[GapCell]]]:
    """(heading, cells) per failure mode, in the modes' order; cells tied to no mode come last."""
    out = []
    for mode in FailureMode:
        cells = [c for c in report.gap_matrix if mode in c.failure_modes]
        if cells:
            out.append((FAILURE_MODE_LABELS[mode], cells))
    loose = [c for c in report.gap_matrix if not c.failure_modes]
    if loose:
        out.append(("No failure mode named", loose))
    return out


def write_gap_matrix(w: SheetWriter, report: PlanReport) -> None:
    """Writes the blocks: per failure mode, roles down, skills across (required level minus best available)."""
    w.ws.set_column(0, 0, ROLE_WIDTH)
    w.ws.set_column(1, SKILLS_PER_BLOCK, SKILL_WIDTH)
    w.width_of.update({1: ROLE_WIDTH, **{c: SKILL_WIDTH for c in range(2, SKILLS_PER_BLOCK + 2)}})
    w.title("Gap matrix: required level minus the best level in the pool (0 = covered)")
    w.note("One block per failure mode; blank = the role does not need that skill. Every cell in long form: sheet "
           "'Gap details'.", span=SKILLS_PER_BLOCK + 1)
    for words in report.gap_windows.values():
        w.note(f"{words[:1].upper()}{words[1:]}: the pool is who has free time throughout it, as the plan counts.",
               span=SKILLS_PER_BLOCK + 1)
    if not report.gap_matrix:
        w.note("No gap analysis in this export.")
        return
    for heading, cells in _blocks(report):
        roles = list(dict.fromkeys((report.role_name(c.role, c.role_name), c.role) for c in cells))
        skills = list(dict.fromkeys((c.skill_name or report.skill_name(c.skill), c.skill) for c in cells))
        gap = {(c.role, c.skill): c.gap for c in cells}
        parts = [skills[i:i + SKILLS_PER_BLOCK] for i in range(0, len(skills), SKILLS_PER_BLOCK)]
        for n, part in enumerate(parts, 1):
            w.append()
            suffix = f" (skills {n} of {len(parts)})" if len(parts) > 1 else ""
            w.section(f"{heading}{suffix}")
            w.header(["Role", *(name for name, _ in part)])
            first = w.row + 1
            for name, rid in roles:
                values = [gap.get((rid, sid)) for _, sid in part]
                if all(v is None for v in values):
                    continue  # the role needs none of this block's skills
                row = w.append([name, *values], kinds=["wrap"] + ["int"] * len(part))
                w.fit_height(row, {1: name})
            w.ws.conditional_format(first - 1, 1, w.row - 1, len(part), _SCALE)
    w.print_columns(SKILLS_PER_BLOCK + 1, w.row)

