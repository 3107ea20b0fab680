"""Writes of mentorships and meetings: one function per use case, the rules checked here."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.accounts.models import User
from polrad.errors import Refusal
from rolemodels.mentoring.models import Meeting, Mentorship, MentorshipEvent
from rolemodels.mentoring.pseudonyms import MESSAGE, looks_identifying
from rolemodels.mentoring.selectors import mentor_active_since
from rolemodels.models import RoleModel
from rolemodels.stats import mentorships_changed
from rolemodels.workflow import MENTOR_TRACKS, Stage


class MentorshipError(Refusal):
    """A refused change of a mentorship, with a message fit for the user."""


def _check_mentor(mentor: RoleModel, start: date) -> None:
    if mentor.track not in MENTOR_TRACKS:
        raise MentorshipError(_("%(name)s is not a mentor.") % {"name": mentor.full_name})
    since = mentor_active_since(mentor)
    if mentor.stage != Stage.ACTIVE or since is None:
        raise MentorshipError(_("%(name)s is not an active mentor.") % {"name": mentor.full_name})
    if start < since:
        raise MentorshipError(
            _("A mentorship cannot start before the mentor became active (%(date)s).")
            % {"date": since.strftime("%d-%m-%Y")}
        )


@transaction.atomic
def mentorship_start(*, mentor: RoleModel, data: dict, by: User) -> Mentorship:
    """Open a mentorship for an active mentor; the mentor hears of it by email."""
    from rolemodels.tasks import send_mentorship_assigned

    mentor = RoleModel.objects.select_for_update().get(pk=mentor.pk)
    _check_mentor(mentor, data["start_date"])
    if looks_identifying(data["pseudonym"]):
        raise MentorshipError(MESSAGE)
    if Mentorship.objects.filter(
        mentor=mentor, pseudonym=data["pseudonym"], end_date__isnull=True
    ).exists():
        raise MentorshipError(_("This mentor already has an active mentorship with this name."))
    goals = data.get("goals") or []
    fields = {key: value for key, value in data.items() if key != "goals"}
    mentorship = Mentorship.objects.create(mentor=mentor, created_by=by, **fields)
    mentorship.goals.set(goals)
    MentorshipEvent.objects.create(
        mentorship=mentorship, kind=MentorshipEvent.Kind.STARTED, mentor=mentor, actor=by
    )
    send_mentorship_assigned.delay_on_commit(mentorship.pk, mentor.pk)
    _figures_changed(mentorship)
    return mentorship


def _figures_changed(mentorship: Mentorship) -> None:
    place = mentorship.municipality_id
    transaction.on_commit(lambda: mentorships_changed([place]))


def _locked_active(mentorship: Mentorship) -> Mentorship:
    locked = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if not locked.is_active:
        raise MentorshipError(_("This mentorship has already ended."))
    return locked


@transaction.atomic
def mentorship_hand_over(*, mentorship: Mentorship, to: RoleModel, by: User) -> Mentorship:
    """Give the mentorship to another active mentor: it has one mentor at a time."""
    from rolemodels.tasks import send_mentorship_assigned

    locked = _locked_active(mentorship)
    if to.pk == locked.mentor_id:
        raise MentorshipError(_("Choose another mentor than the current one."))
    _check_mentor(to, timezone.localdate())
    locked.mentor = to
    locked.save(update_fields=["mentor"])
    MentorshipEvent.objects.create(
        mentorship=locked, kind=MentorshipEvent.Kind.HANDED_OVER, mentor=to, actor=by
    )
    send_mentorship_assigned.delay_on_commit(locked.pk, to.pk)
    return locked


@transaction.atomic
def mentorship_end(*, mentorship: Mentorship, end_date: date, outcome, by: User) -> Mentorship:
    locked = _locked_active(mentorship)
    if end_date < locked.start_date:
        raise MentorshipError(_("A mentorship cannot end before it starts."))
    if end_date > timezone.localdate():
        raise MentorshipError(_("The end date cannot be in the future."))
    if outcome is None:
        raise MentorshipError(_("Choose the outcome of the mentorship."))
    locked.end_date = end_date
    locked.outcome = outcome
    locked.save(update_fields=["end_date", "outcome"])
    MentorshipEvent.objects.create(
        mentorship=locked, kind=MentorshipEvent.Kind.ENDED, mentor=locked.mentor, actor=by
    )
    _figures_changed(locked)
    return locked


@transaction.atomic
def meeting_log(*, mentorship: Mentorship, data: dict, by: User) -> Meeting:
    """The mentor logs a meeting; the mentorship keeps the date of its latest meeting."""
    locked = _locked_active(mentorship)
    if locked.mentor.user_id != by.pk:
        raise MentorshipError(_("Only the mentor of this mentorship can log a meeting."))
    if data["date"] < locked.start_date:
        raise MentorshipError(_("A meeting cannot be before the start of the mentorship."))
    if data["date"] > timezone.localdate():
        raise MentorshipError(_("The date of the meeting cannot be in the future."))
    topics = data.get("topics") or []
    fields = {key: value for key, value in data.items() if key != "topics"}
    meeting = Meeting.objects.create(mentorship=locked, logged_by=by, **fields)
    meeting.topics.set(topics)
    if locked.last_meeting_on is None or meeting.date > locked.last_meeting_on:
        locked.last_meeting_on = meeting.date
        locked.save(update_fields=["last_meeting_on"])
    _figures_changed(locked)
    return meeting


ANONYMOUS = "—"


@transaction.atomic
def mentorships_anonymise_ended(*, ended_before: date) -> int:
    """Wipe the pseudonym and the meeting notes of mentorships that ended before the day;
    dates, age band, municipality, goals, outcome and the number of meetings stay for figures.
    """
    expired = Mentorship.objects.filter(end_date__lt=ended_before, anonymised_at__isnull=True)
    ids = list(expired.values_list("pk", flat=True))
    Meeting.objects.filter(mentorship_id__in=ids).update(note=None)
    return Mentorship.objects.filter(pk__in=ids).update(
        pseudonym=ANONYMOUS, anonymised_at=timezone.now()
    )
