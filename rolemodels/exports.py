"""CSV of the activity overview (same dialect as the social map's exports).

The role model's reflection is for the coordinators' eyes and is never exported.
"""

from collections.abc import Iterator

from django.db.models import QuerySet

from network.exports import CHUNK_SIZE, CsvColumn, csv_lines, dutch_date, names
from rolemodels.models import Activity

ACTIVITY_COLUMNS = [
    CsvColumn("Datum", lambda a: dutch_date(a.date)),
    CsvColumn("Gemeente", lambda a: a.municipality.name),
    CsvColumn("Soort locatie", lambda a: a.get_venue_type_display()),
    CsvColumn("Locatie", lambda a: a.venue),
    CsvColumn("Gastorganisatie", lambda a: a.host_organisation.name if a.host_organisation else ""),
    CsvColumn("Doelgroep", lambda a: a.get_target_group_display()),
    CsvColumn("Deelnemers", lambda a: a.participants),
    CsvColumn("Thema's", lambda a: names(a.themes)),
    CsvColumn("Rolmodel", lambda a: a.role_model.full_name),
    CsvColumn("Medepresentatoren", lambda a: names(a.co_presenters)),
    CsvColumn("Omschrijving", lambda a: a.description),
    CsvColumn("Status", lambda a: a.get_state_display()),
]


def activities_csv(queryset: QuerySet[Activity]) -> Iterator[str]:
    queryset = queryset.select_related(
        "municipality", "host_organisation", "role_model"
    ).prefetch_related("themes", "co_presenters")
    rows = (
        [column.value(activity) for column in ACTIVITY_COLUMNS]
        for activity in queryset.iterator(chunk_size=CHUNK_SIZE)
    )
    return csv_lines([column.header for column in ACTIVITY_COLUMNS], rows)
