"""Resolving `extends`: a phase's roles are its parent's roles, minus removals, with same-id roles replaced."""
from __future__ import annotations

from collections.abc import Mapping

from app.domain.roles import Phase, PhaseTemplate
from app.templates.errors import TemplateFileError


def resolve_chain(
    raw: Mapping[Phase, PhaseTemplate], phase: Phase, *, sources: Mapping[Phase, str] | None = None
) -> PhaseTemplate:
    """The template of `phase` with its whole `extends` chain applied (a cycle or a bad removal is an error)."""
    sources = sources or {}
    chain: list[Phase] = []
    current: Phase | None = phase
    while current is not None:
        if current in chain:
            loop = " -> ".join(p.value for p in (*chain, current))
            raise TemplateFileError(f"'extends' goes round in a circle: {loop}", file=sources.get(phase, phase.value),
                                    field="extends")
        template = raw.get(current)
        if template is None:
            child = chain[-1]
            raise TemplateFileError(f"extends '{current.value}', which has no template",
                                    file=sources.get(child, child.value), field="extends")
        chain.append(current)
        current = template.extends
    roles: list = []
    for step in reversed(chain):
        template = raw[step]
        present = {r.id for r in roles}
        for i, role_id in enumerate(template.remove_roles):
            if role_id not in present:
                raise TemplateFileError(
                    f"removes role '{role_id}', which the extended phase does not have",
                    file=sources.get(step, step.value), field=f"remove_roles[{i}]",
                )
        roles = [r for r in roles if r.id not in set(template.remove_roles)]
        own = {r.id: r for r in template.roles}
        roles = [own.pop(r.id, r) for r in roles]
        roles.extend(own.values())
    top = raw[phase]
    return PhaseTemplate(phase=phase, name=top.name or phase.label, description=top.description, extends=None,
                         roles=[r.model_copy(deep=True) for r in roles], remove_roles=[], version=top.version)
