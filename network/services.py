"""Writes to the social map: one function per use case."""

import re
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from network.map_requests import MapRequest, MapRequestEvent
from network.models import ContactPerson, Organisation
from network.relationships import ContactMoment
from network.selectors import coverage_invalidate
from network.tasks import send_map_request_answer
from polrad import ledger, mail
from polrad.accounts.roles import Role
from polrad.accounts.services import AccountError, user_invite
from polrad.errors import Refusal

POSTCODE = re.compile(r"^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(value: str) -> str | None:
    """'9711lm' → '9711 LM'; None when it is not a Dutch postcode."""
    match = POSTCODE.match(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else None


@transaction.atomic
def organisation_save(*, form, locations, by) -> Organisation:
    """Save an organisation and its locations; saving by a coordinator verifies it."""
    organisation = form.save(commit=False)
    organisation.last_verified_at = timezone.now()
    organisation.last_verified_by = by
    organisation.save()
    form.save_m2m()
    locations.instance = organisation
    locations.save()
    transaction.on_commit(coverage_invalidate)
    return organisation


@transaction.atomic
def contact_save(*, form, by) -> ContactPerson:
    contact = form.save(commit=False)
    contact.last_verified_at = timezone.now()
    contact.last_verified_by = by
    contact.save()
    form.save_m2m()
    transaction.on_commit(coverage_invalidate)
    return contact


@transaction.atomic
def contact_moment_record(*, contact: ContactPerson, data: dict, by) -> ContactMoment:
    """Log a contact with a person; the person keeps the date of the latest one."""
    moment = ContactMoment.objects.create(contact=contact, by=by, **data)
    ContactPerson.objects.filter(pk=contact.pk).filter(
        Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=moment.date)
    ).update(last_contact_on=moment.date)
    return moment


def record_verify(*, record: Organisation | ContactPerson, by) -> None:
    """The coordinator checked the record and it is still correct."""
    record.last_verified_at = timezone.now()
    record.last_verified_by = by
    record.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])


def record_set_active(*, record: Organisation | ContactPerson, active: bool) -> None:
    """Deactivate or reactivate; records are never deleted, others may refer to them."""
    record.is_active = active
    record.save(update_fields=["is_active", "updated_at"])
    transaction.on_commit(coverage_invalidate)


@transaction.atomic
def organisation_policy_save(*, form, by):
    policy = form.save(commit=False)
    policy.updated_by = by
    policy.save()
    return policy


# The social map on request


class MapRequestError(Refusal):
    """A refused answer to a request for the social map."""


ANONYMOUS = "—"


@transaction.atomic
def map_request_submit(*, data: dict) -> MapRequest:
    """A visitor asks for a municipality's map; the coordinators find it among open requests."""
    request = MapRequest.objects.create(**data)
    MapRequestEvent.objects.create(request=request, kind=MapRequestEvent.Kind.SUBMITTED)
    return request


def _answer(*, request: MapRequest, kind: str, by, note: str = "") -> MapRequestEvent:
    """Claim the one answer of the request (a twin answering at the same time gets None from
    the unique index and is refused) and close the request."""
    event = ledger.record_once(MapRequestEvent, request=request, kind=kind, actor=by, note=note)
    if event is None:
        raise MapRequestError(_("This request has already been answered."))
    MapRequest.objects.filter(pk=request.pk).update(state=kind, answered_at=event.at)
    return event


@transaction.atomic
def map_request_send_map(*, request: MapRequest, by) -> MapRequestEvent:
    """Answer with the municipality's social map as a PDF attached to an email."""
    event = _answer(request=request, kind=MapRequestEvent.Kind.MAP_SENT, by=by)
    send_map_request_answer.delay_on_commit(event.pk)
    return event


@transaction.atomic
def map_request_decline(*, request: MapRequest, by, reason: str) -> MapRequestEvent:
    """Answer no, with the reason; the requester reads it in an email."""
    event = _answer(request=request, kind=MapRequestEvent.Kind.DECLINED, by=by, note=reason)
    send_map_request_answer.delay_on_commit(event.pk)
    return event


@transaction.atomic
def map_request_invite(*, request: MapRequest, by, role: str) -> MapRequestEvent:
    """Answer with an account on the platform (the accounts' invitation and its email); the
    invited person sees the map of every municipality once logged in."""
    event = _answer(
        request=request, kind=MapRequestEvent.Kind.INVITED, by=by, note=Role(role).label
    )
    try:
        user_invite(
            email=request.email,
            full_name=request.full_name,
            roles=[role],
            municipalities=[request.municipality],
            invited_by=by,
        )
    except AccountError as error:  # the whole answer is undone with the transaction
        raise MapRequestError(
            _("An account with this email address already exists. Send the map or decline.")
        ) from error
    return event


def map_request_answer_mail(*, event_id: int) -> bool:
    """Send the email of an answer once, whatever retries happen (the event keeps when)."""
    from network import emails, pdf

    with transaction.atomic():
        event = (
            MapRequestEvent.objects.select_for_update()
            .select_related("request__municipality")
            .get(pk=event_id)
        )
        request = event.request
        if event.mailed_at is not None or request.anonymised_at is not None:
            return False
        if event.kind == MapRequestEvent.Kind.MAP_SENT:
            data = pdf.social_map_data(request.municipality)
            content = pdf.social_map_pdf(
                data=data, generated_at=timezone.localtime(), for_outsider=True
            )
            message = emails.map_request_map(request=request, content=content)
        else:
            message = emails.map_request_declined(request=request, reason=event.note)
        mail.send([message])
        MapRequestEvent.objects.filter(pk=event.pk).update(mailed_at=timezone.now())
    return True


@transaction.atomic
def map_requests_anonymise(*, answered_before: datetime) -> int:
    """Retention: wipe the requester's details of requests answered before the date; the
    log (who answered, when, how) stays."""
    expired = list(
        MapRequest.objects.filter(
            answered_at__lt=answered_before, anonymised_at__isnull=True
        ).values_list("pk", flat=True)
    )
    now = timezone.now()
    MapRequest.objects.filter(pk__in=expired).update(
        full_name=ANONYMOUS, email="", organisation=ANONYMOUS, purpose="", anonymised_at=now
    )
    MapRequestEvent.objects.bulk_create(
        MapRequestEvent(request_id=pk, kind=MapRequestEvent.Kind.ANONYMISED, at=now)
        for pk in expired
    )
    return len(expired)
