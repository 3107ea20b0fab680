"""CSV of a filtered catalogue, in the dialect and with the formula guard of the map's CSV.

Providers are listed by organisation; contact persons are never exported from here."""

from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from network.exports import CHUNK_SIZE, CsvColumn, csv_lines, names, yes_no
from network.interventions.models import Intervention, InterventionProvider

INTERVENTION_COLUMNS = [
    CsvColumn("Naam", lambda i: i.name),
    CsvColumn("Samenvatting", lambda i: i.summary),
    CsvColumn("Soort", lambda i: i.get_kind_display()),
    CsvColumn("Praktijkcategorie", lambda i: i.get_category_display()),
    CsvColumn("Niveau", lambda i: i.get_level_display()),
    CsvColumn("Vormen van polarisatie", lambda i: names(i.forms)),
    CsvColumn("Werkingsmechanismen", lambda i: names(i.mechanisms)),
    CsvColumn("Doelgroepen", lambda i: " | ".join(i.get_target_groups_display())),
    CsvColumn("Bewijsniveau", lambda i: i.get_evidence_level_display()),
    CsvColumn("Bron", lambda i: i.evidence_source),
    CsvColumn("Duur", lambda i: i.duration),
    CsvColumn("Kosten", lambda i: i.costs),
    CsvColumn("Aanbieders", lambda i: " | ".join(p.organisation.name for p in i.providers.all())),
    CsvColumn("Openbaar", lambda i: yes_no(i.is_public)),
    CsvColumn("Gearchiveerd", lambda i: yes_no(i.archived)),
]


def interventions_csv(queryset: QuerySet[Intervention]) -> Iterator[str]:
    queryset = queryset.prefetch_related(
        "forms",
        "mechanisms",
        Prefetch(
            "providers",
            queryset=InterventionProvider.objects.select_related("organisation").filter(
                organisation__is_active=True
            ),
        ),
    )
    rows = (
        [column.value(record) for column in INTERVENTION_COLUMNS]
        for record in queryset.iterator(chunk_size=CHUNK_SIZE)
    )
    return csv_lines([c.header for c in INTERVENTION_COLUMNS], rows)
