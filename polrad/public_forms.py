"""Forms anyone may send without an account: a rate limit per address and a honeypot.

The role-model application and the request for the social map are such forms. A view hands
its form to `public_form_response`; the page includes `_honeypot.html` and shows
`rate_limited` when it is set.
"""

from collections.abc import Callable
from enum import StrEnum

from django.shortcuts import redirect, render

from polrad.clients import client_over_rate_limit

# Hidden from people by CSS, filled in by robots that fill in every field.
HONEYPOT = "website"


class Screening(StrEnum):
    ACCEPT = "accept"
    TOO_MANY = "too_many"  # answer 429 with the form and a message
    ROBOT = "robot"  # pretend all went well, save nothing


def public_post_screen(request, scope: str, *, limit: int, window: int) -> Screening:
    """Count this submission against the client's limit for `scope`, then look for robots."""
    if client_over_rate_limit(request, scope, limit=limit, window=window):
        return Screening.TOO_MANY
    if request.POST.get(HONEYPOT):
        return Screening.ROBOT
    return Screening.ACCEPT


def public_form_response(
    request,
    *,
    form,
    template: str,
    scope: str,
    limit: int,
    window: int,
    too_many: str,
    thanks: str,
    save: Callable[[dict], object],
):
    """The whole round of a public form: show it; on a post, refuse (429, `too_many`) past
    `limit` posts per address in `window` seconds, thank a robot without saving, `save` the
    cleaned data of a valid form and redirect to `thanks`, or show the errors."""
    context = {"form": form, "honeypot": HONEYPOT}
    if request.method == "POST":
        screening = public_post_screen(request, scope, limit=limit, window=window)
        if screening is Screening.TOO_MANY:
            context["rate_limited"] = too_many
            return render(request, template, context, status=429)
        if screening is Screening.ROBOT:
            return redirect(thanks)
        if form.is_valid():
            save(form.cleaned_data)
            return redirect(thanks)
    return render(request, template, context)
