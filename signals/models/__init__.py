"""Concerns (meldingen): special-category data, so minimal, encrypted and need-to-know.

Every free text a person types and the person fields are encrypted field by field (django-
fernet-encrypted-fields, keys from CONCERN_ENCRYPTION_KEYS; tests/signals/test_protection.py
fails on a text field that is not); the category, municipality, dates, state, outcome and other
choices stay plain, because the aggregates are built from them and survive anonymisation.

concern.py         the concern and its categories
history.py         its append-only workflow records: transitions, notes and messages
access_log.py      who opened which concern, when and why
retention.py       retention extensions and the anonymisation record
casework.py        case conferences, agreed follow-up actions, referrals
trend_updates.py   trend-update subscriptions and the ledger of the updates sent
satisfaction.py    the reporter's answer after closing
signals/eyes.py    where a concern came from, interpretations, mentor referrals

`from signals.models import X` works for every model: each is imported here.
"""

# The eyes-and-ears models live beside their code; importing them here registers them.
from signals.eyes import ConcernOrigin, Interpretation, MentorReferral
from signals.models.access_log import AccessLog
from signals.models.casework import CaseConference, FollowUpAction, Referral
from signals.models.concern import REFERENCE_ALPHABET, Category, Concern, new_reference
from signals.models.history import Note, Transition
from signals.models.retention import Anonymisation, RetentionExtension
from signals.models.satisfaction import SatisfactionAnswer
from signals.models.trend_updates import TrendDigest, TrendSubscription

__all__ = [
    "REFERENCE_ALPHABET",
    "AccessLog",
    "Anonymisation",
    "CaseConference",
    "Category",
    "Concern",
    "ConcernOrigin",
    "FollowUpAction",
    "Interpretation",
    "MentorReferral",
    "Note",
    "Referral",
    "RetentionExtension",
    "SatisfactionAnswer",
    "Transition",
    "TrendDigest",
    "TrendSubscription",
    "new_reference",
]
