"""Checking the values: cell parsers and the validators of all rows of one kind."""

import re
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from network.imports.base import NO, SEPARATOR, YES, ImportRow, RowError
from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Language,
    Municipality,
    Organisation,
    Theme,
)
from network.services import normalise_postcode
from network.validators import validate_no_formula_start, validate_phone
from polrad.validators import check_date


def _key(value: str) -> str:
    """Case- and whitespace-insensitive comparison key of a name."""
    return " ".join(value.split()).casefold()


def _names(objects) -> str:
    return ", ".join(str(obj) for obj in objects)


def _text(max_length: int, required=False):
    def check(value):
        value = " ".join(value.split())
        if required and not value:
            raise ValidationError(_("This value is required."))
        if len(value) > max_length:
            raise ValidationError(_("At most %(max)s characters.") % {"max": max_length})
        validate_no_formula_start(value)
        return value

    return check


def _description(value):
    value = value.strip()
    validate_no_formula_start(value)
    return value


def _terms(model, message, required=False):
    """A check of `|`-separated names of active terms (or municipalities, by name or code)."""
    lookup = {_key(obj.name): obj for obj in model.objects.filter(is_active=True)}
    if model is Municipality:
        lookup.update({_key(obj.cbs_code): obj for obj in lookup.values()})

    def check(value):
        names = [part.strip() for part in value.split(SEPARATOR) if part.strip()]
        if required and not names:
            raise ValidationError(_("This value is required."))
        unknown = [name for name in names if _key(name) not in lookup]
        if unknown:
            raise ValidationError(message % {"values": ", ".join(f'"{u}"' for u in unknown)})
        return list({lookup[_key(name)].pk: lookup[_key(name)] for name in names}.values())

    return check


def _yes_no(value):
    if value.lower() not in YES | NO:
        raise ValidationError(_('Fill in "ja" or "nee", not "%(value)s".') % {"value": value})
    return value.lower() in YES


def _email(value):
    if value:
        EmailValidator(message=_("This is not a valid email address."))(value)
    return value.lower()


def _phone(value):
    validate_phone(value)
    return value


def _website(value):
    if value and "://" not in value:
        value = f"https://{value}"
    if value:
        URLValidator(message=_("This is not a valid web address."))(value)
    return _text(200)(value)


_LOCATION = re.compile(r"(?P<address>.+?),\s*(?P<postcode>\d{4}\s?[A-Za-z]{2})\s+(?P<city>.+)")


def _locations(value):
    """Further locations as the export writes them: "address, postcode place | …"."""
    locations = []
    for part in (part.strip() for part in value.split(SEPARATOR)):
        match = _LOCATION.fullmatch(part) if part else None
        if part and not match:
            raise ValidationError(
                _('"%(value)s" is not a location; write: address, postcode place.')
                % {"value": part}
            )
        if match:
            address, city = _text(200)(match["address"]), _text(100)(match["city"])
            locations.append((address, normalise_postcode(match["postcode"]), city))
    return locations


def _consent(value):
    """A date, or nothing (then the row check asks one of key figures, as the form does)."""
    if not value:
        return None
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            parsed = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        check_date(parsed, "past")  # not in the future, not before 1900
        return parsed
    raise ValidationError(
        _('"%(value)s" is not a date; use dd-mm-yyyy, for example 15-01-2026.') % {"value": value}
    )


MUNICIPALITY_UNKNOWN = _("Unknown municipality: %(values)s. Use the CBS code (GM0014) or name.")


class Rows:
    """Checks all rows of one kind; `checks` maps a column to (data key, check)."""

    checks: dict

    def check_row(self, row: ImportRow) -> None:
        for column, (name, check) in self.checks.items():
            try:
                row.data[name] = check(row.values.get(column, ""))
            except ValidationError as error:
                row.errors.append(RowError(column, " ".join(error.messages)))
                row.data[name] = None

    def validate(self, rows: list[ImportRow]) -> None:
        seen: dict = {}
        for row in rows:
            self.check_row(row)
            self.check_duplicate(row, seen)
            if not row.errors:
                row.summary = [part for part in self.summary(row.data) if part]


class OrganisationRows(Rows):
    def __init__(self):
        self.kinds = {}
        for value, label in Organisation.Kind.choices:
            self.kinds[_key(value)] = value
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    self.kinds[_key(str(label))] = value
        self.checks = {
            "naam": ("name", _text(200, required=True)),
            "type": ("kind", self.kind),
            "domeinen": ("domains", _terms(Domain, _("Unknown domain: %(values)s."))),
            "thema's": ("themes", _terms(Theme, _("Unknown theme: %(values)s."))),
            "aangrijpingspunten": (
                "contributions",
                _terms(Contribution, _("Unknown contribution: %(values)s.")),
            ),
            "gemeenten": ("municipalities", _terms(Municipality, MUNICIPALITY_UNKNOWN)),
            "adres": ("address", _text(200)),
            "plaats": ("city", _text(100)),
            "andere locaties": ("other_locations", _locations),
            "website": ("website", _website),
            "email": ("email", _email),
            "telefoon": ("phone", _phone),
            "omschrijving": ("description", _description),
            "partner": ("is_partner", _yes_no),
        }
        self.existing = {
            (_key(name), normalise_postcode(postcode or "") or "")
            for name, postcode in Organisation.objects.values_list("name", "locations__postal_code")
        }

    def kind(self, value):
        if _key(value) not in self.kinds:
            choices = ", ".join(str(label) for _value, label in Organisation.Kind.choices)
            raise ValidationError(
                _('Unknown type "%(value)s". Choose from: %(choices)s.')
                % {"value": value, "choices": choices}
            )
        return self.kinds[_key(value)]

    def check_row(self, row):
        super().check_row(row)
        data, postcode = row.data, row.values.get("postcode", "")
        data["postal_code"] = normalise_postcode(postcode) or ""
        if not (data["address"] or data["city"] or postcode):
            return
        if not data["postal_code"]:
            message = _("Enter a Dutch postcode: four digits and two letters.")
            row.errors.append(RowError("postcode", message))
        for column, name in [("adres", "address"), ("plaats", "city")]:
            if data[name] == "":
                row.errors.append(RowError(column, _("Required when a location is given.")))

    def check_duplicate(self, row, seen):
        if not row.data["name"]:
            return
        key = (_key(row.data["name"]), row.data["postal_code"])
        if key in self.existing:
            message = _("This organisation is already on the social map (same name and postcode).")
            row.errors.append(RowError("naam", message))
        elif key in seen:
            message = _("Same name and postcode as row %(row)s.") % {"row": seen[key]}
            row.errors.append(RowError("naam", message))
        seen.setdefault(key, row.number)

    def summary(self, data):
        location = f"{data['address']}, {data['postal_code']} {data['city']}"
        yield Organisation.Kind(data["kind"]).label
        yield _names(data["municipalities"])
        yield location if data["postal_code"] else ""
        yield _names(data["domains"])
        yield _("network partner") if data["is_partner"] else ""


class ContactRows(Rows):
    def __init__(self):
        self.checks = {
            "naam": ("full_name", _text(200, required=True)),
            "functie": ("function", _text(200)),
            "organisatie": ("organisation", self.organisation),
            "telefoon": ("phone", _phone),
            "email": ("email", _email),
            "sleutelfiguur": ("is_key_figure", _yes_no),
            "soort": ("kind", self.kind),
            "talen": ("languages", _terms(Language, _("Unknown language: %(values)s."))),
            "gemeenschappen": (
                "communities",
                _terms(Community, _("Unknown community: %(values)s.")),
            ),
            "domeinen": ("domains", _terms(Domain, _("Unknown domain: %(values)s."))),
            "gemeenten": ("municipalities", _terms(Municipality, MUNICIPALITY_UNKNOWN)),
            "toestemming": ("consent_date", _consent),
        }
        self.kinds = {}
        for value, label in ContactPerson.Kind.choices:
            self.kinds[_key(value)] = value
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    self.kinds[_key(str(label))] = value
        self.organisations: dict[str, list] = {}
        for organisation in Organisation.objects.only("pk", "name", "is_active"):
            self.organisations.setdefault(_key(organisation.name), []).append(organisation)

    def organisation(self, value):
        if not value:
            return None
        matches = self.organisations.get(_key(value), [])
        active = [organisation for organisation in matches if organisation.is_active]
        if len(active) == 1:
            return active[0]
        if active:
            message = _('Several organisations are called "%(value)s"; add this person by hand.')
        elif matches:
            message = _('The organisation "%(value)s" is deactivated.')
        else:
            message = _('Unknown organisation "%(value)s": add it to the social map first.')
        raise ValidationError(message % {"value": value})

    def kind(self, value):
        """The kind of person; empty: a key figure or a professional, after "sleutelfiguur"."""
        if value and _key(value) not in self.kinds:
            choices = ", ".join(str(label) for _value, label in ContactPerson.Kind.choices)
            raise ValidationError(
                _('Unknown kind "%(value)s". Choose from: %(choices)s.')
                % {"value": value, "choices": choices}
            )
        return self.kinds.get(_key(value)) if value else None

    def check_row(self, row):
        super().check_row(row)
        data = row.data
        if data["kind"] is None:
            key_figure = data["is_key_figure"]
            data["kind"] = (
                ContactPerson.Kind.KEY_FIGURE if key_figure else ContactPerson.Kind.PROFESSIONAL
            )
        if (
            data["kind"] == ContactPerson.Kind.KEY_FIGURE
            and data["consent_date"] is None
            and not row.has_error("toestemming")
        ):
            message = _("A key figure is on the map only with their consent: enter its date.")
            row.errors.append(RowError("toestemming", message))
        if not (data["phone"] or data["email"] or row.has_error("telefoon", "email")):
            row.errors.append(RowError("email", _("Enter a phone number or an email address.")))

    def validate(self, rows):
        emails = {row.values.get("email", "").lower() for row in rows} - {""}
        self.existing = set(
            ContactPerson.objects.annotate(lower_email=Lower("email"))
            .filter(lower_email__in=emails)
            .values_list("lower_email", flat=True)
        )
        super().validate(rows)

    def check_duplicate(self, row, seen):
        email = row.data["email"]
        if not email:
            return
        if email in self.existing:
            message = _("A person with this email address is already on the social map.")
            row.errors.append(RowError("email", message))
        elif email in seen:
            message = _("Same email address as row %(row)s.") % {"row": seen[email]}
            row.errors.append(RowError("email", message))
        seen.setdefault(email, row.number)

    def summary(self, data):
        yield data["function"]
        yield str(data["organisation"] or _("independent"))
        yield ContactPerson.Kind(data["kind"]).label
        yield data["email"]
        yield _names(data["municipalities"])
        if data["consent_date"]:
            yield _("consent on %(date)s") % {"date": data["consent_date"].strftime("%d-%m-%Y")}
