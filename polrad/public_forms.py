"""Forms anyone may send without an account: a rate limit per address and a honeypot.

Used by the role-model application and the social map's request form. The page shows the
honeypot with `{% include "_honeypot.html" %}`; the view passes `honeypot=HONEYPOT`.
"""

from enum import StrEnum

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
