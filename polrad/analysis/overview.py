"""An analysis as its pages and PDF show it: participants, the steps as filled in, actions,
remarks, and the evidence beside it.

What was filled in is kept in the cache under the analysis's `updated_at`, which every write
to the analysis or its participants, actions and remarks moves on (`services.analysis_touch`):
a change shows at once, and reading it again costs no queries. The evidence is cached per
municipality for a few minutes (`evidence.evidence_for`).
"""

from django.core.cache import cache
from django.utils import translation

from polrad.analysis.evidence import evidence_for
from polrad.analysis.models import Analysis
from polrad.analysis.selectors import (
    actions_of,
    analysis_content,
    analysis_participants,
    checklist_items,
    missing_domains,
    remarks_of,
)
from polrad.analysis.workflow import Step

CONTENT_TIMEOUT = 3600


def analysis_overview(analysis: Analysis) -> dict:
    key = (
        f"analysis:overview:{analysis.pk}:{analysis.updated_at.isoformat()}:"
        f"{translation.get_language()}"
    )
    content = cache.get(key)
    if content is None:
        content = _overview(analysis)
        cache.set(key, content, CONTENT_TIMEOUT)
    return {"analysis": analysis, **content, "evidence": evidence_for(analysis)}


def _overview(analysis: Analysis) -> dict:
    participants = analysis_participants(analysis)
    items = checklist_items(analysis)
    content = analysis_content(analysis)
    return {
        "participants": participants,
        "missing_domains": missing_domains(analysis, participants, content.required_domains),
        "steps": _steps_with_content(analysis, items, content),
        "actions": list(actions_of(analysis)),
        "remarks": list(remarks_of(analysis)),
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
