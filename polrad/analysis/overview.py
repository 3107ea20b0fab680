"""An analysis as its pages and PDF show it: participants, the steps as filled in, evidence."""

from polrad.analysis.evidence import evidence_for
from polrad.analysis.models import Analysis
from polrad.analysis.selectors import (
    analysis_content,
    analysis_participants,
    checklist_items,
    missing_domains,
)
from polrad.analysis.workflow import Step


def analysis_overview(analysis: Analysis) -> dict:
    participants = analysis_participants(analysis)
    items = checklist_items(analysis)
    return {
        "analysis": analysis,
        "participants": participants,
        "missing_domains": missing_domains(analysis, participants),
        "steps": _steps_with_content(analysis, items, analysis_content(analysis)),
        "evidence": evidence_for(analysis),
    }


def _steps_with_content(analysis, items, content) -> list[dict]:
    """Each step with what was filled in, to read on the overview, compare and PDF."""
    steps = []
    for step in Step:
        step_items = items.get(step, [])
        steps.append(
            {
                "number": int(step),
                "label": step.label,
                "ticked": [item for item in step_items if item.pk in content.ticked],
                "notes": content.notes.get(step, ""),
            }
        )
    steps[Step.GROUPS - 1]["communities"] = content.communities
    steps[Step.PHASE - 1]["phase"] = analysis.phase
    steps[Step.POLICY - 1]["verdicts"] = content.verdicts
    steps[Step.FORMS - 1]["forms"] = content.forms
    steps[Step.INTERVENTIONS - 1]["interventions"] = content.interventions
    return steps
