"""What changed in an area since its previous analysis: forms, phase, verdicts, actions."""

from polrad.analysis.selectors import action_counts, actions_of, analysis_content
from polrad.analysis.workflow import TICKED_STEPS, Step


def _labels(objects) -> set[str]:
    return {str(obj) for obj in objects}


def _change(before: set[str], after: set[str]) -> dict:
    return {
        "added": sorted(after - before),
        "removed": sorted(before - after),
        "kept": sorted(before & after),
    }


def analysis_compare(previous, current) -> dict:
    """Items are compared by their wording, so versions of the checklist line up."""
    old, new = analysis_content(previous), analysis_content(current)
    ticked_old = _ticked_labels(previous, old.ticked)
    ticked_new = _ticked_labels(current, new.ticked)
    steps = [
        {
            "label": Step(step).label,
            **_change(ticked_old.get(step, set()), ticked_new.get(step, set())),
        }
        for step in TICKED_STEPS
    ]
    verdicts_old = {v.item.label: v for v in old.verdicts}
    verdicts_new = {v.item.label: v for v in new.verdicts}
    verdicts = [
        {
            "area": area,
            "before": verdicts_old[area].get_verdict_display() if area in verdicts_old else "—",
            "after": verdicts_new[area].get_verdict_display() if area in verdicts_new else "—",
            "changed": (verdicts_old.get(area) and verdicts_old[area].verdict)
            != (verdicts_new.get(area) and verdicts_new[area].verdict),
        }
        for area in sorted(set(verdicts_old) | set(verdicts_new))
    ]
    return {
        "forms": _change(_labels(old.forms), _labels(new.forms)),
        "phase": {"before": previous.phase, "after": current.phase},
        "steps": steps,
        "communities": _change(_labels(old.communities), _labels(new.communities)),
        "verdicts": verdicts,
        "actions_before": action_counts(actions_of(previous)),
        "actions_now": action_counts(actions_of(current)),
    }


def _ticked_labels(analysis, ticked: set[int]) -> dict[int, set[str]]:
    per_step: dict[int, set[str]] = {}
    for item in analysis.definition.items.filter(pk__in=ticked):
        per_step.setdefault(item.step, set()).add(item.label)
    return per_step
