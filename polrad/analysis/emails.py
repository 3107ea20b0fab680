"""What the analysis app's emails say; polrad.mail renders and sends them."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from polrad import mail

MAX_LISTED = 50


def action_digest(*, user, actions: list) -> EmailMessage:
    """To an owner or a municipality's staff: the open actions (what, owner, due date, a
    link). Nothing of concerns."""
    today = timezone.localdate()
    context = {
        "user": user,
        "actions": actions[:MAX_LISTED],
        "count": len(actions),
        "more": max(0, len(actions) - MAX_LISTED),
        "overdue": sum(1 for action in actions if action.due_date < today),
        "today": today,
        "list_url": settings.SITE_URL + reverse("analysis:actions"),
    }
    return mail.render("analysis/email/digest", context, to=[user.email])
