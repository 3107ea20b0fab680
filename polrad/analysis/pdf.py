"""PDFs of an analysis: the whole analysis, and a one-page checklist to take into the room.

Both are tagged PDF/UA, rendered by the reports' own function, in the municipal report's
style (a small stylesheet of their own, no Bootstrap)."""

from django.conf import settings
from django.utils import timezone

from polrad.analysis import selectors
from polrad.analysis.overview import analysis_overview
from polrad.pdf import render_pdf


def analysis_pdf_bytes(analysis) -> bytes:
    context = analysis_overview(analysis)
    context.update(
        network_name=settings.NETWORK_NAME,
        generated_at=timezone.now(),
    )
    return render_pdf("analysis/pdf/analysis.html", context)


def checklist_pdf_bytes(analysis) -> bytes:
    items = selectors.checklist_items(analysis)
    context = {
        "analysis": analysis,
        "items": items,
        "network_name": settings.NETWORK_NAME,
        "steps": _steps(items),
    }
    return render_pdf("analysis/pdf/checklist.html", context)


def _steps(items) -> list[dict]:
    from polrad.analysis.workflow import Step

    return [
        {"number": int(step), "label": step.label, "items": items.get(step, [])} for step in Step
    ]
