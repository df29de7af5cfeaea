"""Gap analysis: what the target phase needs that the current team lacks, by failure mode, with candidates."""
from app.gaps.analysis import allocate_team, analyse_gaps
from app.gaps.candidates import match_score
from app.gaps.models import (
    Candidate,
    CapacityWindow,
    GapReport,
    MatrixCell,
    MissingSkill,
    RoleGap,
    SkillFte,
    SkillGap,
    TeamMember,
    gaps_output_schema,
)
from app.gaps.readiness import readiness, readiness_after

__all__ = [
    "Candidate", "CapacityWindow", "GapReport", "MatrixCell", "MissingSkill", "RoleGap", "SkillFte", "SkillGap", "TeamMember",
    "allocate_team", "analyse_gaps", "gaps_output_schema", "match_score", "readiness", "readiness_after",
]
