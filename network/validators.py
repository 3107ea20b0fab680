"""Checks shared by the social map's forms, admin and import."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters with which spreadsheet programs start a formula. The HSDS package writes values
# verbatim (machine data), so text that a person might open in a spreadsheet may not begin
# with them (docs/decisions/hsds-values-verbatim.md).
FORMULA_START = ("=", "+", "-", "@")
PHONE = re.compile(r"\+?[\d\s()\-./]{6,30}")


def validate_no_formula_start(value: str) -> None:
    if str(value).lstrip().startswith(FORMULA_START):
        raise ValidationError(
            _("Do not start with =, +, - or @: spreadsheet programs run such text as a formula."),
            code="formula_start",
        )


def validate_phone(value: str) -> None:
    """Digits and separators, optionally after a + (the same rule in forms and the import)."""
    if value and not PHONE.fullmatch(value):
        raise ValidationError(_("This is not a valid phone number."), code="phone")
