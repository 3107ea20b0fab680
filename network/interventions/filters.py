"""Filters of the catalogue and the practice examples; every filter lives in the URL."""

from functools import partial

import django_filters
from django.utils.translation import gettext_lazy as _

from network.filters import FastSelectsMixin
from network.interventions import taxonomy
from network.interventions.models import (
    Intervention,
    KnowledgeDocument,
    PracticeCategory,
    PracticeExample,
    TargetGroup,
)
from network.interventions.selectors import offered_in_q
from network.search import search

INTERVENTION_FIELDS = ("name", "summary", "goals", "approach")


class InterventionFilter(FastSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Intervention.Kind.choices)
    # The lists come from the cache (network.interventions.taxonomy): no query per list.
    form = django_filters.ChoiceFilter(
        label=_("Form of polarisation"),
        field_name="forms",
        choices=partial(taxonomy.choices, "forms"),
    )
    mechanism = django_filters.ChoiceFilter(
        label=_("Mechanism"),
        field_name="mechanisms",
        choices=partial(taxonomy.choices, "mechanisms"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Practice category"), choices=PracticeCategory.choices
    )
    target_group = django_filters.ChoiceFilter(
        label=_("Target group"), choices=TargetGroup.choices, method="filter_target_group"
    )
    evidence_level = django_filters.ChoiceFilter(
        label=_("Evidence level"), choices=Intervention.EvidenceLevel.choices
    )
    level = django_filters.ChoiceFilter(label=_("Level"), choices=Intervention.Level.choices)
    municipality = django_filters.ChoiceFilter(
        label=_("Offered in municipality"),
        choices=partial(taxonomy.choices, "municipalities"),
        method="filter_municipality",
    )

    class Meta:
        model = Intervention
        fields = []

    def filter_search(self, queryset, name, value):
        return search(queryset, value, text_fields=INTERVENTION_FIELDS, name_field="name")

    def filter_target_group(self, queryset, name, value):
        # The list is stored as JSON text on every database: match the quoted value.
        return queryset.filter(target_groups__icontains=f'"{value}"')

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(offered_in_q(value))


class PracticeExampleFilter(FastSelectsMixin, django_filters.FilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Practice category"), choices=PracticeCategory.choices
    )
    municipality = django_filters.ChoiceFilter(
        label=_("Municipality"), choices=partial(taxonomy.choices, "municipalities")
    )

    class Meta:
        model = PracticeExample
        fields = []


class DocumentFilter(FastSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=KnowledgeDocument.Kind.choices)
    audience = django_filters.ChoiceFilter(
        label=_("Audience"), choices=KnowledgeDocument.Audience.choices
    )

    class Meta:
        model = KnowledgeDocument
        fields = []
