"""The PDF of one concern for a case conference: a pure function of the concern and viewer.

Every page carries a watermark with the viewer's name and the time of download, so a copy
that travels can be traced. Internal notes and messages are left out; names of people
involved only for the handler assigned to the concern, as on the page.
"""

from datetime import datetime

from polrad.pdf import render_pdf
from signals.models import Concern

TEMPLATE = "signals/pdf/concern.html"


def concern_pdf(*, concern: Concern, viewer, generated_at: datetime) -> bytes:
    context = {
        "concern": concern,
        "transitions": concern.transitions.select_related("actor"),
        "conferences": concern.conferences.prefetch_related("organisations"),
        "actions": concern.actions.select_related("owner"),
        "referrals": concern.referrals.select_related("organisation"),
        "show_names": concern.assigned_to_id == viewer.pk,
        "viewer": viewer,
        "generated_at": generated_at,
    }
    return render_pdf(TEMPLATE, context)
