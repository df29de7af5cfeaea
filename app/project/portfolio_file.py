"""The portfolio file: a small YAML/JSON list of initiatives and their targets, plus a shared budget.

    version: 1
    budget: 1500000            # optional shared budget for all initiatives together
    initiatives:
      - id: Claims Triage Assistant   # as written in the roster's initiative column
        current_phase: pilot
        target_phase: production
        go_live: 2027-03-01           # or go_live_weeks: 12 (from today): the target phase's gate
        roadmap: {operations: 2027-09-01}   # other gates (or roadmap_weeks: {operations: 40})
        budget: 600000
        priority: 8
        policy: {max_hires: 2, allow_contractors: false}
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from app.domain.initiatives import Initiative, Policy, Portfolio
from app.domain.roles import Phase
from app.errors import UsageError

_POLICY_FIELDS = tuple(Policy.model_fields)


class PortfolioEntry(BaseModel):
    """One initiative in a portfolio file: where it is, where it goes, by when, with what money and rules."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, description="Initiative name as in the roster's initiative column.")
    name: str = Field(default="", description="Display name (defaults to the id).")
    current_phase: Phase = Phase.PILOT
    target_phase: Phase = Phase.PRODUCTION
    go_live: date | None = Field(default=None, description="Go-live date (YYYY-MM-DD).")
    go_live_weeks: Annotated[int | None, Field(ge=0, le=260, description="Go-live in N weeks from today.")] = None
    roadmap: dict[Phase, date] = Field(default_factory=dict, description="Gate dates: the day each phase begins.")
    roadmap_weeks: dict[Phase, Annotated[int, Field(ge=-260, le=520)]] = Field(
        default_factory=dict, description="Gates in N weeks from today (negative: already passed).")
    budget: Annotated[float | None, Field(ge=0, description="Budget over the planning horizon.")] = None
    priority: Annotated[int, Field(ge=1, le=10)] = 5
    policy: dict[str, Any] = Field(default_factory=dict, description=f"Policy overrides: {', '.join(_POLICY_FIELDS)}.")

    @model_validator(mode="after")
    def _checks(self) -> PortfolioEntry:
        if self.go_live is not None and self.go_live_weeks is not None:
            raise ValueError("give go_live or go_live_weeks, not both")
        twice = sorted(set(self.roadmap) & set(self.roadmap_weeks), key=list(Phase).index)
        if twice:
            raise ValueError(f"the {twice[0].value} gate is given in roadmap and in roadmap_weeks; give it once")
        if (self.go_live is not None or self.go_live_weeks is not None) and (
                self.target_phase in self.roadmap or self.target_phase in self.roadmap_weeks):
            raise ValueError(f"the go-live is the {self.target_phase.value} gate; give it once (go_live or roadmap)")
        unknown = sorted(set(self.policy) - set(_POLICY_FIELDS))
        if unknown:
            raise ValueError(f"unknown policy setting(s) {', '.join(unknown)} (known: {', '.join(_POLICY_FIELDS)})")
        Policy.model_validate(self.policy)
        return self


class PortfolioFile(BaseModel):
    """The layout of a portfolio file."""

    model_config = ConfigDict(extra="forbid", title="Phasegate portfolio")

    version: Annotated[int, Field(ge=1, le=1, description="File format version.")] = 1
    budget: Annotated[float | None, Field(ge=0, description="Shared budget for all initiatives together.")] = None
    initiatives: list[PortfolioEntry] = Field(min_length=1)


def portfolio_schema() -> dict:
    """JSON Schema (draft 2020-12) of the portfolio file."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://phasegate.invalid/schema/portfolio.schema.json", **PortfolioFile.model_json_schema()}


def portfolio_from_data(data: object, *, today: date, file: str = "portfolio") -> Portfolio:
    """Validates parsed YAML/JSON and turns it into a Portfolio (relative go-lives resolved against today)."""
    try:
        parsed = PortfolioFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "top level"
        message = str(err["msg"]).removeprefix("Value error, ")
        raise UsageError(f"{where}: {message}", file=file) from None
    initiatives = []
    for i, entry in enumerate(parsed.initiatives):
        go_live = entry.go_live if entry.go_live_weeks is None else today + timedelta(weeks=entry.go_live_weeks)
        roadmap = {**entry.roadmap, **{p: today + timedelta(weeks=w) for p, w in entry.roadmap_weeks.items()}}
        if go_live is not None:
            roadmap[entry.target_phase] = go_live
        try:
            initiatives.append(Initiative(
                id=entry.id, name=entry.name, current_phase=entry.current_phase, target_phase=entry.target_phase,
                roadmap=roadmap, budget=entry.budget, priority=entry.priority,
                policy=Policy.model_validate(entry.policy),
            ))
        except ValidationError as exc:
            message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
            raise UsageError(f"initiatives.{i}: {message}", file=file) from None
    try:
        return Portfolio(initiatives=initiatives, budget=parsed.budget)
    except ValidationError as exc:
        raise UsageError(str(exc.errors()[0]["msg"]).removeprefix("Value error, "), file=file) from None


def read_portfolio_file(path: Path | str, *, today: date) -> Portfolio:
    """Reads a portfolio file (.yaml, .yml or .json); problems are one line naming the file and the entry."""
    source = Path(path)
    try:
        text = source.read_text("utf-8-sig")
    except FileNotFoundError:
        raise UsageError("no such file", file=str(source)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the portfolio file ({exc})", file=str(source)) from None
    try:
        data = json.loads(text) if source.suffix.lower() == ".json" else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise UsageError(f"not valid YAML/JSON{where}", file=str(source)) from None
    except RecursionError:
        raise UsageError("not a portfolio file (lists or mappings nested too deeply)", file=str(source)) from None
    except ValueError as exc:  # a value the parser cannot convert: a date like 2027-02-30, a number of 5,000 digits
        reason = str(exc).partition(";")[0]  # Python's hint on raising its digit limit is not for this reader
        raise UsageError(f"a value cannot be read ({reason})", file=str(source)) from None
    return portfolio_from_data(data, today=today, file=str(source))
