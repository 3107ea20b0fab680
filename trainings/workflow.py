"""The states of trainings, seats and attendance: every choice and move on one screen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    ROLE_MODELS = "role_models", _("Role models")
    PROFESSIONALS = "professionals", _("Professionals")
    MIXED = "mixed", _("Mixed")


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CANCELLED = "cancelled", _("Cancelled")
    HELD = "held", _("Held")


SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionState.PLANNED: frozenset({SessionState.CANCELLED, SessionState.HELD}),
    SessionState.CANCELLED: frozenset(),
    SessionState.HELD: frozenset(),
}


class EnrolmentState(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITLISTED = "waitlisted", _("On the waiting list")
    # A seat came free and is offered to the first on the waiting list until `offer_expires_at`.
    OFFERED = "offered", _("Seat offered")
    CANCELLED = "cancelled", _("Cancelled")


# Enrolments that hold a seat: capacity counts these.
HOLDS_SEAT = frozenset({EnrolmentState.ENROLLED, EnrolmentState.OFFERED})
# Enrolments that are still "in": a second enrolment of the same person is refused.
ACTIVE_ENROLMENT = frozenset(
    {EnrolmentState.ENROLLED, EnrolmentState.WAITLISTED, EnrolmentState.OFFERED}
)


class Attendance(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


# Attendance that counts towards completing a programme.
ATTENDED = frozenset({Attendance.PRESENT, Attendance.LATE})


class MessageKind(models.TextChoices):
    """Emails about one enrolment; each is sent at most once (a ledger row per kind)."""

    CONFIRMATION = "confirmation", _("Confirmation")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFER = "offer", _("Seat offered")
    OFFER_LAPSED = "offer_lapsed", _("Offered seat lapsed")
    REMINDER = "reminder", _("Reminder")
    CANCELLATION = "cancellation", _("Cancellation")
    SESSION_CANCELLED = "session_cancelled", _("Session cancelled")
    EVALUATION = "evaluation", _("Evaluation request")
