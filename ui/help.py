"""Help → Help and glossary (F1): the workflow, the five failure modes and the words every screen uses."""
from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app.domain import FAILURE_MODE_LABELS, LEVEL_LABELS, FailureMode

#: What each failure mode means in practice and which skills guard against it (the domain brief's lens).
FAILURE_MODE_TEXT = {
    FailureMode.MLOPS: "No monitoring for drift, no retraining pipeline, no model versioning, no audit log of inputs "
                       "and outputs, inference too slow for production. Guarded by model monitoring, ML pipelines, "
                       "model registry, inference serving, observability and container platforms.",
    FailureMode.GOVERNANCE: "Nobody owns the approval of AI outputs, oversight and the escalation of errors; a "
                            "compliance surprise takes the system offline. Guarded by AI/model risk management, "
                            "regulatory compliance, audit and responsible-AI review.",
    FailureMode.OPERATIONAL_INTEGRATION: "The people whose work changes were not involved or trained and work around "
                                         "the system. Guarded by change management, process redesign, training "
                                         "design and stakeholder engagement.",
    FailureMode.DATA_DEPENDENCY: "Production needs reliable, current data; an upstream change breaks it silently. "
                                 "Guarded by data engineering, data contracts and data-quality monitoring.",
    FailureMode.TEAM_COMPOSITION: "The team that built the pilot is kept for a job that needs operational "
                                  "engineering, change and delivery management. The gap Phasegate computes and "
                                  "fixes; the other four say which capability each gap endangers.",
}

#: Terms, as (term, meaning), in the order a delivery lead meets them.
GLOSSARY = (
    ("Phase", "Proof of concept → Pilot → Production → Operations. An initiative moves from its current phase to "
              "its target phase; the target phase's role template says who it needs."),
    ("Initiative", "One AI project. Made from the roster's initiative (project) column on import, with default "
                   "phases and policy to review, or added on the Initiatives screen."),
    ("Role template", "The roles a phase needs. Each role has skill requirements (skill ≥ level), a headcount and "
                      "an FTE per person, a criticality and the failure modes it guards against."),
    ("“2 × 0.5 FTE”", "Headcount × FTE per person: two people at half time each (1 FTE in all). A role of "
                      "“1 × 1 FTE” is one full-time person."),
    ("FTE", "Full-time equivalent: 1.0 is one person full time, 0.5 half time. Rosters may say 50 %, 0,5 or "
            "weekly hours."),
    ("Skill level", "0–5 on one scale: " + ", ".join(f"{k} {v}" for k, v in LEVEL_LABELS.items())
                    + ". The roster's own scale is converted on import and kept beside it."),
    ("Criticality", "1–10 per role: how badly production suffers when the role stays open."),
    ("Priority", "1–10 per initiative: how much its open roles weigh against other initiatives when the pool "
                 "cannot staff every one. An open role weighs criticality × priority."),
    ("Operations-critical", "A role that must never rest on one person (on-call, bus factor): at least two "
                            "qualified people."),
    ("Policy", "Per initiative: hiring freeze, contractors allowed, upskilling allowed, most hires. A scenario may "
               "set its own."),
    ("Scenario", "A what-if with its own initiatives in scope, policies, budgets, pins and exclusions, and its own "
                 "plan. “New scenario” copies the active one and opens its settings."),
    ("Pin", "An agreed assignment every re-solve must keep. Pinning the same person and role again changes the "
            "pin. A pin of someone no longer in the roster is kept for later and not applied."),
    ("Exclusion", "A person the optimiser must not use for one initiative (or any) in this scenario."),
    ("Approvers' decisions", "What approvers marked in an exported workbook, read back with File → Read approvers' "
                             "decisions…: approved assignments become pins, rejected people exclusions; rejected "
                             "hires, contracts and trainings stay out of the re-plan, approved ones are kept while "
                             "the plan needs them. The Plan screen's “Pins and decisions” tab lists them all."),
    ("Out of date", "A plan solved before the roster, templates, initiatives or the scenario changed. It stays on "
                    "show, marked, until it is solved again."),
    ("Moves in", "The person is not on the initiative's team yet: the plan moves them in."),
    ("Proven best", "The optimiser proved no better plan exists among the people it considered; otherwise the plan "
                    "is valid and says how far from proven it may be."),
    ("Gap (FTE)", "What the target phase needs in a role or skill that the current team does not cover."),
)


def plan_glossary() -> tuple[tuple[str, str], ...]:
    """The words the Plan screen's summary uses about how good a plan is (the pruning number from the core)."""
    from app.planning.role_fit import TRAINING_OPTIONS_PER_DEMAND  # the planner's modules load on demand

    return (
        ("Optimal among the people considered", "For each role the optimiser weighs everyone qualified for it and "
         f"the {TRAINING_OPTIONS_PER_DEMAND} people who come closest by training, and proves the plan best among "
         "them. “N more people who could be trained in time for a role were not considered for it” counts the "
         "others: a plan that trains one of them instead was not searched."),
        ("Feasible, not proven best", "The search stopped at the time limit or on Cancel with a valid plan; what it "
         "names as not proven (coverage, cost, moves) might still improve with a longer time limit (Plan screen, "
         "Time limit)."),
        ("Bus factor", "How many people a role rests on. A role resting on fewer than two is flagged: one absence "
         "stops it."),
    )


def help_html() -> str:
    """The help page: the workflow, the failure modes, the glossary."""
    e = html.escape
    parts = ["<h2>Phasegate: staff AI initiatives for the next phase</h2>",
             "<ol><li><b>Import</b> the HR roster as HR sent it (File → New project from roster, Ctrl+N). Names in "
             "its initiative column become initiatives.</li>"
             "<li><b>Initiatives</b>: check each one's current and target phase, go-live, budget, priority and "
             "policy.</li><li><b>Templates</b>: adjust what each phase needs.</li>"
             "<li><b>Gaps</b>: what the target phase needs that the team lacks, by failure mode.</li>"
             "<li><b>Plan</b>: Solve (Ctrl+R); pin what is agreed, exclude who is not available, compare scenarios."
             "</li><li><b>Export</b> the plan to Excel for HR, finance and the steering committee.</li></ol>",
             "<h3>The five failure modes</h3><dl>"]
    parts += [f"<dt><b>{e(FAILURE_MODE_LABELS[m])}</b></dt><dd>{e(FAILURE_MODE_TEXT[m])}</dd>" for m in FailureMode]
    parts.append("</dl><h3>Glossary</h3><dl>")
    parts += [f"<dt><b>{e(term)}</b></dt><dd>{e(text)}</dd>" for term, text in (*GLOSSARY, *plan_glossary())]
    parts.append("</dl>")
    return "".join(parts)


class HelpDialog(QDialog):
    """The help page in a window of its own (non-modal, so the screens stay usable beside it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Help and glossary")
        self.setAccessibleName("Help and glossary")
        self.resize(760, 720)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Help text")
        self.text.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
