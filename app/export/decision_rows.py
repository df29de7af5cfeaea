"""One decision row read back: its identity checked against the export, then its approval, FTE and comment applied."""
from __future__ import annotations

import re

from app.domain.plans import Exclusion, Pin, SourcingLimit, TrainingRejection
from app.domain.reasons import NO_COMMENT
from app.export.decision_result import Approval, CellProblem, DecisionChange, DecisionResult
from app.export.manifest import DecisionEntry, cell_text, entry_from_key
from app.export.tables import APPROVAL, COMMENT, COST, FTE, HIRE_OR_CONTRACT, INTERNAL_COST, KEY

_APPROVALS = {"proposed": "Proposed", "approved": "Approved", "rejected": "Rejected", "": "Proposed"}
_MAX_FTE = {"Assignments": 2.0, "Hiring": 50.0}
_NOUN = {"hire": "hire", "contract": "contractor"}


def parse_fte(value: object) -> float | None:
    """An FTE cell as a number: 0.5, '0,5', '50%' → 0.5; None when it is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = cell_text(value).replace(",", ".").replace(" ", "")
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1], 0.01
    if not re.fullmatch(r"[0-9]*\.?[0-9]+", text):
        return None
    return round(float(text) * scale, 6)


def _same(shown: str, now: str) -> bool:
    return shown.casefold() == now.casefold() or (parse_fte(shown) is not None and parse_fte(shown) == parse_fte(now))


class RowReader:
    """Walks decision sheets, filling a DecisionResult; with `key_alone` (no manifest) each row is read from its key."""

    def __init__(self, result: DecisionResult, entries: dict[str, DecisionEntry], *, key_alone: bool) -> None:
        self.result = result
        self.entries = entries
        self.key_alone = key_alone
        self.seen: dict[str, int] = {}
        self.title = ""
        self.present: set[str] = set()

    def problem(self, row: int | None, column: str | None, value: object, reason: str, *,
                without_pay: str = "") -> None:
        """Records a problem on the sheet being read (named as the workbook names it now); `without_pay`: the
        reason without amounts, when it or the value holds one."""
        self.result.problems.append(CellProblem(sheet=self.title, row=row, column=column,
                                                value=cell_text(value)[:80], reason=reason, without_pay=without_pay))

    def change(self, row: int, entry: DecisionEntry, action: str, text: str) -> None:
        """Records a change understood and applied."""
        self.result.changes.append(DecisionChange(sheet=self.title, row=row, key=entry.key, action=action, text=text))

    def sheet(self, kind: str, title: str, header_index: int, columns: dict[str, int], rows: list[tuple]) -> None:
        """Reads one sheet's rows below its header (`kind`: which decision sheet it is, `title`: its name now)."""
        self.title = title
        self.present = set(columns)
        if APPROVAL.casefold() not in columns:
            self.problem(header_index + 1, APPROVAL, "", "column missing; every row is read as Proposed")
        for number, values in enumerate(rows[header_index + 1:], start=header_index + 2):
            def get(header: str, values=values) -> object:
                j = columns.get(header.casefold())
                return values[j] if j is not None and j < len(values) else None

            if not any(cell_text(v) for v in values):
                continue
            key = cell_text(get(KEY))
            if not key:
                first = next((v for v in values if cell_text(v)), "")
                self.problem(number, None, first, "row has no Phasegate key (added by hand?); ignored")
                continue
            entry = entry_from_key(key) if self.key_alone else self.entries.get(key)
            if entry is None or entry.sheet != kind:
                self.problem(number, KEY, key, "key is not in this plan (exported from another plan?); ignored")
                continue
            if key in self.seen:
                self.problem(number, KEY, key, f"same decision as row {self.seen[key]}; this copy is ignored")
                continue
            self.seen[key] = number
            self.row(kind, number, entry, get)

    def row(self, kind: str, number: int, entry: DecisionEntry, get) -> None:
        """Applies one row: identity first (a changed one stops the row), then approval, FTE and comment."""
        if self._identity_changed(number, entry, get):
            return
        problems_before = len(self.result.problems)
        self._cost(number, entry, get)
        raw = get(APPROVAL)
        approval = _APPROVALS.get(cell_text(raw).casefold())
        if approval is None:
            self.problem(number, APPROVAL, raw, "not Proposed, Approved or Rejected; read as Proposed")
            approval = "Proposed"
        comment = cell_text(get(COMMENT))
        fte = self._fte(kind, number, entry, get(FTE)) if kind in _MAX_FTE else None
        edited = fte is not None and entry.fte is not None and abs(fte - entry.fte) > 1e-6
        if kind == "Assignments":
            self._assignment(number, entry, approval, fte if fte is not None else entry.fte, edited, comment)
        elif kind == "Upskilling":
            self._training(number, entry, approval, comment)
        else:
            self._hire(number, entry, approval, fte, edited, comment)
        if comment and approval == "Proposed" and not edited:
            self.change(number, entry, "commented", f"comment on {entry.label}: {comment}")
        if approval == "Proposed" and not edited and not comment and len(self.result.problems) == problems_before:
            self.result.unchanged += 1

    def _identity_changed(self, number: int, entry: DecisionEntry, get) -> bool:
        changed = False
        for header, shown in entry.shown.items():
            now = cell_text(get(header))
            if header.casefold() not in self.present or _same(shown, now):  # a deleted column decides nothing
                continue
            changed = True
            if header == HIRE_OR_CONTRACT:
                why = (f"changed from '{shown}' to '{now}': the workbook cannot turn one into the other; reject "
                       "this row instead (the re-plan may then propose the other), so nothing on it was applied")
            else:
                why = (f"changed from '{shown}' to '{now}': a decision belongs to what the row proposed, so this "
                       "row's approval, rejection and FTE were not applied; to choose someone or something else, "
                       "reject the row and pin the choice in Phasegate")
            self.problem(number, header, now, why)
        return changed

    def _cost(self, number: int, entry: DecisionEntry, get) -> None:
        header = COST if get(COST) is not None else INTERNAL_COST
        raw = get(header)
        if entry.cost is None or raw is None:
            return
        value = parse_fte(raw)
        if value is None or abs(value - entry.cost) > 0.5:
            rest = "an edited cost is not applied — set a budget or reject the row instead"
            self.problem(number, header, raw, f"costs are computed by Phasegate (this row: {entry.cost:,.0f}); {rest}",
                         without_pay=f"costs are computed by Phasegate (amounts hidden); {rest}")

    def _fte(self, kind: str, number: int, entry: DecisionEntry, raw: object) -> float | None:
        kept = f"kept the plan's {entry.fte:g}" if entry.fte is not None else "read as the plan's"
        if raw is None or cell_text(raw) == "":
            self.problem(number, FTE, "", f"FTE is empty; {kept}")
            return None
        value = parse_fte(raw)
        if value is None:
            self.problem(number, FTE, raw, f"not a number; {kept}")
            return None
        if not 0 < value <= _MAX_FTE[kind]:
            self.problem(number, FTE, raw, f"FTE must be above 0 and at most {_MAX_FTE[kind]:g} (reject the row to "
                                           f"drop it); {kept}")
            return None
        return value

    def _assignment(self, number: int, entry: DecisionEntry, approval: str, fte: float | None, edited: bool,
                    comment: str) -> None:
        note = f" ({comment})" if comment else ""
        if approval == "Rejected":
            self.result.exclusions.append(Exclusion(person_id=entry.person_id, initiative=entry.initiative,
                                                    reason=comment or NO_COMMENT))
            ignored = "; the FTE edit is ignored" if edited else ""
            self.change(number, entry, "rejected", f"rejected {entry.label}: the re-plan leaves this person "
                                                   f"out of that initiative{ignored}{note}")
            return
        if approval == "Approved" or edited:
            self.result.pins.append(Pin(person_id=entry.person_id, initiative=entry.initiative, role=entry.role,
                                        fte=fte, comment=comment, source="approver"))
            if edited:
                approved = " (approved)" if approval == "Approved" else ""
                self.change(number, entry, "fte_edited", f"FTE changed to {fte:g} for {entry.label}{approved}{note}")
            else:
                self.change(number, entry, "approved", f"approved {entry.label}{note}")

    def _training(self, number: int, entry: DecisionEntry, approval: str, comment: str) -> None:
        note = f" ({comment})" if comment else ""
        if approval == "Rejected":
            if not any(t.person_id == entry.person_id and t.skill == entry.skill
                       for t in self.result.rejected_trainings):
                self.result.rejected_trainings.append(TrainingRejection(
                    person_id=entry.person_id, skill=entry.skill, reason=comment or NO_COMMENT))
            self.change(number, entry, "rejected", f"rejected {entry.label}: the re-plan may not rely on "
                                                   f"this training{note}")
        elif approval == "Approved":
            self.result.approvals.append(Approval(subject="training", initiative=entry.initiative, role=entry.role,
                                                  person_id=entry.person_id, skill=entry.skill, comment=comment,
                                                  text=f"approved {entry.label}"))
            self.change(number, entry, "approved", f"approved {entry.label}{note}")

    def _hire(self, number: int, entry: DecisionEntry, approval: str, fte: float | None, edited: bool,
              comment: str) -> None:
        kind = entry.hire_kind if entry.hire_kind in _NOUN else "hire"
        note = f" ({comment})" if comment else ""
        if approval == "Rejected":
            self._limit(kind, entry, 0.0, comment or NO_COMMENT)
            ignored = "; the FTE edit is ignored" if edited else ""
            self.change(number, entry, "rejected", f"rejected {entry.label}: no {_NOUN[kind]} for this role "
                                                   f"in the re-plan{ignored}{note}")
            return
        if edited and entry.fte is not None and fte is not None and fte > entry.fte:
            self.problem(number, FTE, fte, f"more than the plan's {entry.fte:g} FTE cannot be forced from the "
                                           "workbook (the re-plan hires what the roles need); the edit is not applied")
            edited = False
        if edited:
            self._limit(kind, entry, fte, comment or f"limited to {fte:g} FTE by an approver")
            approved = " (approved)" if approval == "Approved" else ""
            self.change(number, entry, "fte_edited", f"{entry.label}: limited to {fte:g} FTE "
                                                     f"(was {entry.fte:g}){approved}{note}")
        if approval == "Approved":
            self.result.approvals.append(Approval(subject=kind, initiative=entry.initiative, role=entry.role,
                                                  fte=fte if edited else entry.fte, comment=comment,
                                                  text=f"approved {entry.label}"))
            if not edited:
                self.change(number, entry, "approved", f"approved {entry.label}{note}")

    def _limit(self, kind: str, entry: DecisionEntry, fte: float, reason: str) -> None:
        limits = self.result.sourcing_limits
        same = next((s for s in limits if (s.initiative, s.role, s.kind) == (entry.initiative, entry.role, kind)), None)
        if same is None:
            limits.append(SourcingLimit(initiative=entry.initiative, role=entry.role, kind=kind, max_fte=fte,
                                        reason=reason))
        elif fte < same.max_fte:
            same.max_fte, same.reason = fte, reason
