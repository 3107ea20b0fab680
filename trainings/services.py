"""Writes of the trainings app: enrolment and the waiting list, attendance, completion."""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from polrad import ledger, mail
from polrad.accounts.roles import Role
from polrad.errors import Refusal
from trainings import emails, stats, tasks
from trainings.models import Certificate, Enrolment, EnrolmentMessage, Programme, Session
from trainings.workflow import (
    ACTIVE_ENROLMENT,
    ATTENDED,
    HOLDS_SEAT,
    SESSION_TRANSITIONS,
    Attendance,
    Audience,
    EnrolmentState,
    MessageKind,
    SessionState,
)


class TrainingError(Refusal):
    """A request the rules of trainings refuse; the message is for the user."""


def _notify(enrolment: Enrolment, kind: str) -> None:
    tasks.send_enrolment_message.delay_on_commit(enrolment.pk, kind)


# The state an enrolment must still be in when the task runs: the person may have cancelled
# (or moved on) since the email was scheduled. Cancellations go out whatever the state.
SENT_WHILE = {
    MessageKind.CONFIRMATION: EnrolmentState.ENROLLED,
    MessageKind.WAITLISTED: EnrolmentState.WAITLISTED,
    MessageKind.OFFER: EnrolmentState.OFFERED,
    MessageKind.OFFER_LAPSED: EnrolmentState.CANCELLED,
    MessageKind.REMINDER: EnrolmentState.ENROLLED,
    MessageKind.EVALUATION: EnrolmentState.ENROLLED,
}


def enrolment_message_send(*, enrolment_id: int, kind: str) -> bool:
    """Send one email about an enrolment, once: the ledger row is written in the same
    transaction, so a retry or a second run finds it and sends nothing."""
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_related("session__programme", "session__location")
            .filter(pk=enrolment_id)
            .first()
        )
        wanted = SENT_WHILE.get(kind)
        if enrolment is None or (wanted is not None and enrolment.state != wanted):
            return False
        if ledger.record_once(EnrolmentMessage, enrolment=enrolment, kind=kind) is None:
            return False
        mail.send([emails.enrolment_message(enrolment, kind)])
    return True


def seats_taken(session: Session) -> int:
    return session.enrolments.filter(state__in=HOLDS_SEAT).count()


def _in_role_model_pool(*, email: str, user) -> bool:
    from rolemodels.models import RoleModel

    if user is not None and user.has_role(Role.ROLE_MODEL):
        return True
    holder = Q(email__iexact=email)
    if user is not None:
        holder |= Q(user=user)
    return RoleModel.objects.filter(holder).exists()


def audience_refusal(programme: Programme, *, email: str, user=None) -> str | None:
    """Why this person may not take a seat in the programme, or None when they may.

    A role-model training is for the role-model pool (an account with the role, or a
    candidate of the pipeline); a professionals' training is not for an account that holds
    only the role-model role. People without an account enrolled by a coordinator for a
    professionals' training are the coordinator's call.
    """
    if programme.audience == Audience.ROLE_MODELS and not _in_role_model_pool(
        email=email, user=user
    ):
        return _("This training is for role models and candidates of the role-model pool only.")
    if (
        programme.audience == Audience.PROFESSIONALS
        and user is not None
        and user.roles == {Role.ROLE_MODEL}
    ):
        return _("This training is for professionals only.")
    return None


def enrolment_create(
    *,
    session: Session,
    full_name: str,
    email: str,
    user=None,
    organisation=None,
    municipality=None,
    by=None,
) -> Enrolment:
    """Give the person a seat, or a place on the waiting list when the session is full.

    The session row is locked while seats are counted, so two people racing for the last seat
    are served one after the other: one gets it, the other the waiting list.
    """
    email = email.strip().lower()
    if refusal := audience_refusal(session.programme, email=email, user=user):
        raise TrainingError(refusal)
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.state != SessionState.CANCELLED and (
            locked.state == SessionState.HELD or locked.ends_at <= timezone.now()
        ):
            raise TrainingError(
                _(
                    "This session has taken place: record people who were there as walk-ins "
                    "on the attendance page."
                )
            )
        if locked.state != SessionState.PLANNED or locked.ends_at <= timezone.now():
            raise TrainingError(_("This session is not open for enrolment."))
        if locked.enrolments.filter(email=email, state__in=ACTIVE_ENROLMENT).exists():
            raise TrainingError(_("This person is already enrolled in this session."))
        full = seats_taken(locked) >= locked.capacity
        enrolment = Enrolment(
            session=locked,
            user=user,
            full_name=full_name.strip(),
            email=email,
            organisation=organisation,
            municipality=municipality,
            enrolled_by=by,
            state=EnrolmentState.WAITLISTED if full else EnrolmentState.ENROLLED,
        )
        try:
            with transaction.atomic():
                enrolment.save()
        except IntegrityError as error:
            raise TrainingError(_("This person is already enrolled in this session.")) from error
        _notify(enrolment, MessageKind.WAITLISTED if full else MessageKind.CONFIRMATION)
    return enrolment


def enrolment_cancel(*, enrolment: Enrolment, by=None, reason: str = "") -> Enrolment:
    """Cancel a seat or a place on the waiting list; a freed seat goes to the next in line."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=enrolment.session_id)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.state not in ACTIVE_ENROLMENT:
            raise TrainingError(_("This enrolment has already been cancelled."))
        if not cancellable(session):
            raise TrainingError(_("The session has started; it can no longer be cancelled."))
        freed = enrolment.state in HOLDS_SEAT
        enrolment.state = EnrolmentState.CANCELLED
        enrolment.cancelled_at = timezone.now()
        enrolment.cancel_reason = reason[:200]
        enrolment.offer_expires_at = None
        enrolment.save()
        _notify(enrolment, MessageKind.CANCELLATION)
        if freed:
            _offer_free_seats(session)
    return enrolment


def session_save(*, session: Session, trainers=(), modules=()) -> Session:
    """Create or change a session; seats freed by a larger capacity go to the waiting list."""
    with transaction.atomic():
        if session.pk:
            before = Session.objects.select_for_update().get(pk=session.pk)
            if SessionState.HELD in (before.state, session.state):  # its figures move along
                _figures_changed(stats.places_of(sessions=[before, session]))
        session.save()
        session.trainers.set(trainers)
        session.modules.set(modules)
        _offer_free_seats(session)
    return session


def _offer_free_seats(session: Session) -> list[Enrolment]:
    """Offer each free seat to the first on the waiting list; the caller holds the row lock."""
    if session.state != SessionState.PLANNED or session.starts_at <= timezone.now():
        return []
    free = session.capacity - seats_taken(session)
    if free <= 0:
        return []
    waiting = list(
        session.enrolments.select_for_update()
        .filter(state=EnrolmentState.WAITLISTED)
        .order_by("created_at", "pk")[:free]
    )
    window = timedelta(hours=settings.TRAINING_OFFER_HOURS)
    # The offer never outlasts the start of the session.
    expires = min(timezone.now() + window, session.starts_at)
    for enrolment in waiting:
        enrolment.state = EnrolmentState.OFFERED
        enrolment.offer_expires_at = expires
        enrolment.save(update_fields=["state", "offer_expires_at"])
        _notify(enrolment, MessageKind.OFFER)
    return waiting


def enrolment_accept_offer(*, enrolment: Enrolment) -> Enrolment:
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=enrolment.session_id)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.state == EnrolmentState.ENROLLED:
            return enrolment
        if (
            enrolment.state != EnrolmentState.OFFERED
            or enrolment.offer_expires_at <= timezone.now()
            or session.state != SessionState.PLANNED
        ):
            raise TrainingError(_("This offer is no longer open."))
        enrolment.state = EnrolmentState.ENROLLED
        enrolment.offer_expires_at = None
        enrolment.save(update_fields=["state", "offer_expires_at"])
        _notify(enrolment, MessageKind.CONFIRMATION)
    return enrolment


def offers_expire(*, now=None) -> int:
    """Lapse the offers whose time window has passed and offer those seats to the next in line."""
    now = now or timezone.now()
    session_ids = set(
        Enrolment.objects.filter(
            state=EnrolmentState.OFFERED, offer_expires_at__lte=now
        ).values_list("session_id", flat=True)
    )
    lapsed = 0
    for session_id in session_ids:
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            expired = list(
                session.enrolments.select_for_update().filter(
                    state=EnrolmentState.OFFERED, offer_expires_at__lte=now
                )
            )
            lapsed += Enrolment.objects.filter(pk__in=[e.pk for e in expired]).update(
                state=EnrolmentState.CANCELLED,
                cancelled_at=now,
                cancel_reason="offer expired",
                offer_expires_at=None,
            )
            for enrolment in expired:
                _notify(enrolment, MessageKind.OFFER_LAPSED)  # once: the ledger keeps count
            _offer_free_seats(session)
    return lapsed


def session_transition(*, session: Session, to: str) -> Session:
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if to not in SESSION_TRANSITIONS[session.state]:
            raise TrainingError(_("A session cannot move from this state to that one."))
        if to == SessionState.HELD and session.starts_at > timezone.now():
            raise TrainingError(_("A session can only be marked as held once it has started."))
        session.state = to
        session.save(update_fields=["state"])
        _figures_changed(stats.places_of(sessions=[session]))
        if to == SessionState.CANCELLED:
            for enrolment in session.enrolments.filter(state__in=ACTIVE_ENROLMENT):
                _notify(enrolment, MessageKind.SESSION_CANCELLED)
    return session


def attendance_record(*, session: Session, marks: dict[int, str], by) -> list[Certificate]:
    """Record attendance (enrolment id → Attendance) and issue the certificates it completes."""
    if session.state == SessionState.CANCELLED:
        raise TrainingError(_("Attendance cannot be registered for a cancelled session."))
    if session.starts_at > timezone.now():
        raise TrainingError(_("Attendance can be registered once the session has started."))
    return _attendance_save(session=session, marks=marks, by=by)


# Walk-ins (people who came without a seat) can be recorded until this long after the end.
WALK_IN_DAYS = 14


def walk_ins_open(session: Session, *, now=None) -> bool:
    now = now or timezone.now()
    return (
        session.state != SessionState.CANCELLED
        and session.starts_at <= now <= session.ends_at + timedelta(days=WALK_IN_DAYS)
    )


def walk_in_record(
    *,
    session: Session,
    full_name: str,
    email: str,
    attendance: str,
    by,
    user=None,
    organisation=None,
    municipality=None,
) -> tuple[Enrolment, list[Certificate]]:
    """Record someone who was at the session without a seat, with their attendance.

    The rule: from the start of the session until WALK_IN_DAYS after its end, a trainer or
    coordinator may add a person who was there (present or late); the programme's audience
    applies, capacity does not (they were in the room), no confirmation is emailed, and the
    attendance counts towards completion like everyone's.
    """
    email = email.strip().lower()
    if attendance not in ATTENDED:
        raise TrainingError(_("A walk-in is someone who was there: present or late."))
    if refusal := audience_refusal(session.programme, email=email, user=user):
        raise TrainingError(refusal)
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if not walk_ins_open(locked):
            raise TrainingError(
                _(
                    "Walk-ins can be recorded from the start of a session that was not "
                    "cancelled until %(days)d days after its end."
                )
                % {"days": WALK_IN_DAYS}
            )
        if locked.enrolments.filter(email=email, state__in=ACTIVE_ENROLMENT).exists():
            raise TrainingError(
                _("This person is already on the list: register their attendance there.")
            )
        enrolment = Enrolment.objects.create(
            session=locked,
            user=user,
            full_name=full_name.strip(),
            email=email,
            organisation=organisation,
            municipality=municipality,
            enrolled_by=by,
            state=EnrolmentState.ENROLLED,
        )
        issued = _attendance_save(session=locked, marks={enrolment.pk: attendance}, by=by)
    enrolment.refresh_from_db()
    return enrolment, issued


def _attendance_save(*, session: Session, marks: dict[int, str], by) -> list[Certificate]:
    now = timezone.now()
    with transaction.atomic():
        enrolments = session.enrolments.select_for_update().filter(
            pk__in=marks, state=EnrolmentState.ENROLLED
        )
        for enrolment in enrolments:
            enrolment.attendance = marks[enrolment.pk]
            enrolment.attendance_recorded_at = now
            enrolment.attendance_recorded_by = by
        Enrolment.objects.bulk_update(
            enrolments, ["attendance", "attendance_recorded_at", "attendance_recorded_by"]
        )
        if session.state == SessionState.PLANNED and session.starts_at <= now:
            session.state = SessionState.HELD
            session.save(update_fields=["state"])
        emails = [e.email for e in enrolments if e.attendance in ATTENDED]
        _figures_changed(stats.places_of(sessions=[session]))
        return certificates_issue(programme=session.programme, emails=emails)


def check_in_window(session: Session) -> tuple:
    early = timedelta(minutes=settings.TRAINING_CHECKIN_EARLY_MINUTES)
    return session.starts_at - early, session.ends_at


def check_in_open(session: Session, *, now=None) -> bool:
    """Whether participants can check themselves in now (from shortly before the start)."""
    opens, closes = check_in_window(session)
    now = now or timezone.now()
    return session.state != SessionState.CANCELLED and opens <= now <= closes


def cancellable(session: Session, *, now=None) -> bool:
    """Whether seats of the session can still be cancelled: before it starts."""
    return session.starts_at > (now or timezone.now())


def session_check_in(*, session: Session, code: str, user) -> Enrolment:
    """A participant checks themselves in with the code shown at the session."""
    if not check_in_open(session):
        raise TrainingError(_("Checking in is only possible while the session takes place."))
    if code.strip().upper() != session.checkin_code:
        raise TrainingError(_("This code is not right. Check the code shown at the session."))
    # Also those a coordinator enrolled by email, before (or without) linking the account.
    enrolment = (
        session.enrolments.filter(Q(user=user) | Q(email=user.email.lower()))
        .filter(state=EnrolmentState.ENROLLED)
        .first()
    )
    if enrolment is None:
        raise TrainingError(_("You are not enrolled in this session."))
    if not enrolment.attendance:
        late = timezone.now() > session.starts_at + timedelta(minutes=15)
        # The check-in opens before the start: people arriving early are present.
        mark = Attendance.LATE if late else Attendance.PRESENT
        _attendance_save(session=session, marks={enrolment.pk: mark}, by=user)
        enrolment.refresh_from_db()
    return enrolment


def attended_sessions(programme: Programme, emails: list[str]) -> dict[str, dict]:
    """Per email: the number of sessions of the programme attended and the last date."""
    rows = (
        Enrolment.objects.filter(
            session__programme=programme,
            email__in=emails,
            attendance__in=ATTENDED,
        )
        .exclude(session__state=SessionState.CANCELLED)
        .values("email")
        .annotate(
            sessions=Count("session", distinct=True),
            last=Max("session__starts_at"),
        )
    )
    return {row["email"]: row for row in rows}


def certificates_issue(*, programme: Programme, emails: list[str]) -> list[Certificate]:
    """Issue certificates to those who now meet the programme's required sessions.

    A constant number of queries whatever the size of the class: who attended enough, who
    already holds a certificate that covers it, the names to print, one insert.
    """
    if not programme.gives_certificate or not emails:
        return []
    complete = {
        email: timezone.localdate(row["last"])
        for email, row in attended_sessions(programme, emails).items()
        if row["sessions"] >= programme.required_sessions
    }
    if not complete:
        return []
    today = timezone.localdate()
    covered = set()
    for email, completed_on, valid_until, revoked_at in Certificate.objects.filter(
        programme=programme, email__in=complete
    ).values_list("email", "completed_on", "valid_until", "revoked_at"):
        still_valid = revoked_at is None and (valid_until is None or valid_until >= today)
        # Covered by a certificate still valid, or by one for this (or a later) completion even
        # when withdrawn: saving attendance again must not hand back what was withdrawn.
        if still_valid or completed_on >= complete[email]:
            covered.add(email)
    holders = {}
    for enrolment in Enrolment.objects.filter(
        session__programme=programme, email__in=set(complete) - covered
    ).order_by("created_at", "pk"):
        holders[enrolment.email] = enrolment  # the latest enrolment names the holder
    months = programme.validity_months
    issued = Certificate.objects.bulk_create(
        Certificate(
            programme=programme,
            user_id=holder.user_id,
            full_name=holder.full_name,
            email=email,
            completed_on=complete[email],
            valid_until=complete[email] + relativedelta(months=months) if months else None,
        )
        for email, holder in holders.items()
    )
    if issued:
        _figures_changed(stats.places_of(emails=list(holders), programme=programme))
    return issued


def _figures_changed(places: set) -> None:
    transaction.on_commit(lambda: stats.figures_changed(places))


def has_completed_role_model_training(*, email: str, user=None, mentor: bool = False) -> bool:
    """Whether the person holds a valid certificate of a role-model training (with `mentor`:
    of a mentor training)."""
    holder = Q(email=email.lower())
    if user is not None:
        holder |= Q(user=user)
    qualifies = "programme__qualifies_mentors" if mentor else "programme__qualifies_role_models"
    certificates = Certificate.objects.filter(holder, revoked_at__isnull=True, **{qualifies: True})
    return any(certificate.is_valid() for certificate in certificates)
