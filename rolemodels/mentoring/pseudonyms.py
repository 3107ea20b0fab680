"""A heuristic that keeps identifying details out of the mentee's pseudonym.

It refuses what looks like an email address, a phone number, a postcode with house number or
a person's name (a first and last name, a name with a Dutch particle, or a common first name).
It cannot be perfect; it catches the usual slips, and the help text asks for a made-up name.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MESSAGE = _(
    "This looks like a name, an email address, a phone number or an address. Choose a "
    "made-up name that says nothing about the young person, for example “Jongere A” or “Vos”."
)

EMAIL = re.compile(r"\S+@\S+")
# Eight or more digits, spaces, dashes or dots: 06-12345678, +31 6 1234 5678, 050 123 45 67.
PHONE = re.compile(r"\+?\d[\d\s\-.()]{7,}\d")
# A Dutch postcode followed or preceded by a number: 9711 AB 12, 12 9711AB.
POSTCODE_WITH_NUMBER = re.compile(
    r"\b\d{4}\s?[a-z]{2}\b.*\d|\d.*\b\d{4}\s?[a-z]{2}\b", re.IGNORECASE
)
STREET_WITH_NUMBER = re.compile(
    r"(straat|weg|laan|plein|singel|kade|gracht|dijk|pad|hof|dreef)\s+\d+", re.IGNORECASE
)
PARTICLES = {"van", "de", "der", "den", "ter", "ten", "te", "het", "la", "le", "el", "al", "bin"}
# Frequent first names in the Netherlands and the communities the network works with.
FIRST_NAMES = {
    "aaliyah", "adam", "ahmed", "aisha", "ali", "amir", "amira", "anna", "ayoub", "bilal",
    "bram", "daan", "david", "emma", "eva", "fatima", "finn", "hamza", "ibrahim", "ilias",
    "imane", "jan", "jayden", "jesse", "julia", "kevin", "lars", "lisa", "liam", "lotte",
    "lucas", "luuk", "maria", "mehmet", "milan", "mohamed", "mohammed", "muhammad", "mustafa",
    "noah", "nora", "omar", "peter", "piet", "rayan", "sara", "sarah", "sem", "sophie", "thijs",
    "tim", "yasmine", "youssef", "yusuf", "zeynep",
}  # fmt: skip


def _looks_like_full_name(words: list[str]) -> bool:
    capitalised = [word for word in words if word[:1].isupper() and word[1:].islower()]
    if any(word.lower() in PARTICLES for word in words[1:-1]) and len(capitalised) >= 2:
        return True
    return len(words) >= 2 and len(capitalised) == len(words) and not _is_code(words)


def _is_code(words: list[str]) -> bool:
    """ "Jongere A", "Mentee 3": a word with a letter or number as code is not a name."""
    return any(len(word) == 1 or word.isdigit() for word in words)


def looks_identifying(value: str) -> bool:
    text = value.strip()
    if EMAIL.search(text) or PHONE.search(text):
        return True
    if POSTCODE_WITH_NUMBER.search(text) or STREET_WITH_NUMBER.search(text):
        return True
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    if any(word.lower() in FIRST_NAMES for word in words):
        return True
    return _looks_like_full_name(words)


def validate_pseudonym(value: str) -> None:
    if looks_identifying(value):
        raise ValidationError(MESSAGE, code="identifying")
