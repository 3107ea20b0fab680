"""Shared pieces of the CSV import: limits, kinds, columns and the result objects."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
SEPARATOR = "|"
SIGNING_SALT = "network.imports.upload"
SIGNED_MAX_AGE = 60 * 60
YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nee", "n", "no", "false", "0", ""}


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisaties", _("Organisations")
    CONTACTS = "personen", _("Contact persons and key figures")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    example: str
    required: bool = False

    @property
    def multiple(self) -> bool:
        return self.name in MULTIPLE


COLUMNS = {
    ImportKind.ORGANISATIONS: [
        Column("naam", _("Name of the organisation."), "Buurtcentrum De Linde", True),
        Column("type", _("Type, for example Youth work or School."), "Jongerenwerk", True),
        Column("domeinen", _("Domains."), "Jongerenwerk|Sociaal domein"),
        Column("gemeenten", _("Municipalities served: CBS codes or names."), "GM0014"),
        Column("thema's", _("Themes of expertise."), "Polarisatie"),
        Column("aangrijpingspunten", _("What it can contribute."), "Toegang tot jongeren"),
        Column("adres", _("Street and number of the main location."), "Lindenlaan 12"),
        Column("postcode", _("Postcode of that location."), "9711 LM"),
        Column("plaats", _("Place of that location."), "Groningen"),
        Column(
            "andere locaties",
            _("Other locations as address, postcode place; several separated by |."),
            "Vismarkt 3, 9712 CA Groningen",
        ),
        Column("website", _("Website address."), "https://www.example.nl"),
        Column("email", _("General email address."), "info@example.nl"),
        Column("telefoon", _("General phone number."), "050-1234567"),
        Column("omschrijving", _("Short description."), "Inloop voor jongeren uit de wijk."),
        Column("partner", _("Member of the expertise network: ja or nee."), "nee"),
    ],
    ImportKind.CONTACTS: [
        Column("naam", _("Full name."), "Samira el Amrani", True),
        Column("functie", _("Function."), "Jongerenwerker"),
        Column(
            "organisatie", _("Organisation on the map; empty if none."), "Buurtcentrum De Linde"
        ),
        Column("telefoon", _("Phone number."), "06-12345678"),
        Column("email", _("Email address, not on the map yet."), "samira@example.nl"),
        Column("sleutelfiguur", _("Key figure: ja or nee."), "ja"),
        Column(
            "soort",
            _("Professional, volunteer, key figure or experience expert; overrides sleutelfiguur."),
            "Sleutelfiguur",
        ),
        Column("talen", _("Languages."), "Nederlands|Arabisch"),
        Column("gemeenschappen", _("Communities reached."), "Marokkaans-Nederlands"),
        Column("domeinen", _("Domains."), "Jongerenwerk"),
        Column("gemeenten", _("Municipalities: CBS codes or names."), "GM0014"),
        Column(
            "toestemming",
            _("Date of consent to be on the map; required for key figures."),
            "15-01-2026",
        ),
    ],
}
# Columns that take several values, separated by `|`.
MULTIPLE = {
    "domeinen",
    "gemeenten",
    "thema's",
    "aangrijpingspunten",
    "talen",
    "gemeenschappen",
    "andere locaties",
}

# Header spellings that mean the same column (the export writes "E-mail", Excel may
# turn the apostrophe of "thema's" into a curly one).
ALIASES = {"e-mail": "email", "themas": "thema's", "telefoonnummer": "telefoon"}


class FileProblem(Exception):
    """The file as a whole cannot be imported; the message says why, in the user's words."""


@dataclass
class RowError:
    column: str
    message: str


@dataclass
class ImportRow:
    number: int
    values: dict[str, str]
    data: dict = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.values.get("naam", "")

    def has_error(self, *columns: str) -> bool:
        return any(error.column in columns for error in self.errors)


@dataclass
class ImportResult:
    kind: str
    text: str = ""
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not self.error_rows

    @property
    def error_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.errors]
