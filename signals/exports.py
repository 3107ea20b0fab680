"""CSV of a handler's work queue: the facts of each concern, never its content.

No free text, no names, no reporter: what a handler needs to plan and report on the cases
of their municipalities. Every exported concern gets a row in the access log.
"""

from collections.abc import Iterator

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from network.exports import CsvColumn, csv_lines, dutch_date, yes_no
from signals.models import AccessLog, Concern

# A bigger export is refused: narrow the filters instead. It keeps the access log readable
# and a mistaken "export everything" small.
EXPORT_LIMIT = 2000

CONCERN_COLUMNS = [
    CsvColumn("Kenmerk", lambda c: c.reference),
    CsvColumn("Ingediend", lambda c: dutch_date(timezone.localtime(c.submitted_at))),
    CsvColumn("Categorie", lambda c: c.category.name),
    CsvColumn("Gemeente", lambda c: c.municipality.name),
    CsvColumn("Setting", lambda c: c.get_setting_display()),
    CsvColumn("Minderjarigen betrokken", lambda c: yes_no(c.minors_involved)),
    CsvColumn("Urgentie", lambda c: c.get_urgency_display()),
    CsvColumn("Status", lambda c: c.get_state_display()),
    CsvColumn("Behandelaar", lambda c: str(c.assigned_to) if c.assigned_to else ""),
    CsvColumn("Uitkomst", lambda c: c.get_outcome_display()),
    CsvColumn(
        "Afgesloten", lambda c: dutch_date(timezone.localtime(c.closed_at)) if c.closed_at else ""
    ),
]


def concerns_export(*, concerns: QuerySet[Concern], user) -> list[Concern]:
    """The concerns to export, with an access-log row for each, written before any is sent."""
    rows = list(
        concerns.select_related("category", "municipality", "assigned_to").order_by(
            "-submitted_at", "-pk"
        )[: EXPORT_LIMIT + 1]
    )
    if len(rows) > EXPORT_LIMIT:
        raise ValueError("too many")
    with transaction.atomic():
        AccessLog.objects.bulk_create(
            AccessLog(user=user, concern=concern, action=AccessLog.Action.EXPORT, reason="CSV")
            for concern in rows
        )
    return rows


def concerns_csv(rows: list[Concern]) -> Iterator[str]:
    return csv_lines(
        [column.header for column in CONCERN_COLUMNS],
        ([column.value(concern) for column in CONCERN_COLUMNS] for concern in rows),
    )
