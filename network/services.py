"""Writes to the social map: one function per use case."""

import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from network.models import ContactPerson, Organisation
from network.relationships import ContactMoment
from network.selectors import coverage_invalidate

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
