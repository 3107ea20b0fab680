"""Filters of the social map lists; every filter lives in the URL, so searches can be shared."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from network.models import (
    Community,
    ContactPerson,
    Contribution,
    Domain,
    Language,
    Municipality,
    Organisation,
    Theme,
    out_of_touch_q,
    stale_q,
)
from network.search import CONTACT_FIELDS, ORGANISATION_FIELDS, search
from network.selectors import filter_list_choices
from polrad.widgets import FastSelect

YES_NO = [("true", _("Yes")), ("false", _("No"))]


def _active(model):
    return model.objects.filter(is_active=True)


def _sort_options(name_field: str) -> dict:
    return {
        "name": (_("Name A–Z"), [name_field, "pk"]),
        "-name": (_("Name Z–A"), [f"-{name_field}", "-pk"]),
        "-updated": (_("Recently changed"), ["-updated_at", "pk"]),
        # Never verified is the longest unverified of all: first, on every database (Postgres
        # puts empty values last in ascending order). network_*_verified_idx hold this order.
        "verified": (
            _("Longest unverified first"),
            [F("last_verified_at").asc(nulls_first=True), "pk"],
        ),
    }


def _sort_filter(options: dict):
    return django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(key, label) for key, (label, _order) in options.items()],
        method="filter_sort",
        empty_label=None,
    )


class FastSelectsMixin:
    """Renders the filter form's single selects with FastSelect (long lists of municipalities)."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_fast_selects", False):
            for field in form.fields.values():
                if type(field.widget) is forms.Select:
                    widget = FastSelect(attrs=field.widget.attrs)
                    widget.choices = field.widget.choices
                    field.widget = widget
            form._fast_selects = True
        return form


class SearchFilterSet(FastSelectsMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    stale = django_filters.BooleanFilter(
        label=_("Not verified for 12 months"),
        method="filter_stale",
        widget=forms.Select(choices=[("", "—"), *YES_NO]),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="municipalities",
        queryset=_active(Municipality),
    )
    domain = django_filters.ModelChoiceFilter(
        label=_("Domain"), field_name="domains", queryset=_active(Domain)
    )

    default_sort = "name"
    text_fields: tuple[str, ...] = ()
    name_field = ""
    # Filters choosing from a list of the map: their choices are read together, in one query
    # instead of one per list (the lists are on every page of the map).
    list_filters: tuple[str, ...] = ("municipality", "domain")

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_lists_read", False):
            lists = filter_list_choices(self.list_filters)
            for name, choices in lists.items():
                field = form.fields[name]
                empty = [] if field.empty_label is None else [("", field.empty_label)]
                field.widget.choices = [*empty, *choices]
            form._lists_read = True
        return form

    def filter_search(self, queryset, name, value):
        return search(queryset, value, text_fields=self.text_fields, name_field=self.name_field)

    def filter_stale(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(stale_q()) if value else queryset.exclude(stale_q())

    # Single-value filters on many-to-many fields cannot produce duplicates (the link tables
    # are unique per pair), so no filter needs DISTINCT.

    def filter_sort(self, queryset, name, value):
        return queryset  # sorting comes last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("q") and not data.get("sort"):
            return queryset  # search orders by relevance
        sort = data.get("sort") or self.default_sort
        return queryset.order_by(*self.sort_options[sort][1])


class OrganisationFilter(SearchFilterSet):
    sort_options = _sort_options("name")

    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"), field_name="themes", queryset=_active(Theme)
    )
    contribution = django_filters.ModelChoiceFilter(
        label=_("Contribution"),
        field_name="contributions",
        queryset=_active(Contribution),
    )
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Organisation.Kind.choices)
    partner = django_filters.BooleanFilter(
        label=_("Network partner"),
        field_name="is_partner",
        widget=forms.Select(choices=[("", "—"), *YES_NO]),
    )
    sort = _sort_filter(sort_options)

    text_fields = ORGANISATION_FIELDS
    name_field = "name"
    list_filters = ("municipality", "domain", "theme", "contribution")

    class Meta:
        model = Organisation
        fields = []


class ContactFilter(SearchFilterSet):
    sort_options = _sort_options("full_name")

    key_figure = django_filters.BooleanFilter(
        label=_("Key figure"),
        method="filter_key_figure",
        widget=forms.Select(choices=[("", "—"), *YES_NO]),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ContactPerson.Kind.choices)
    out_of_touch = django_filters.BooleanFilter(
        label=_("No recent contact"),
        method="filter_out_of_touch",
        widget=forms.Select(choices=[("", "—"), *YES_NO]),
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), field_name="languages", queryset=_active(Language)
    )
    community = django_filters.ModelChoiceFilter(
        label=_("Community"),
        field_name="communities",
        queryset=_active(Community),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="organisation__themes",
        queryset=_active(Theme),
    )
    contribution = django_filters.ModelChoiceFilter(
        label=_("Contribution"),
        field_name="organisation__contributions",
        queryset=_active(Contribution),
    )
    sort = _sort_filter(sort_options)

    text_fields = CONTACT_FIELDS
    name_field = "full_name"
    list_filters = ("municipality", "domain", "language", "community", "theme", "contribution")

    class Meta:
        model = ContactPerson
        fields = []

    def filter_key_figure(self, queryset, name, value):
        if value is None:
            return queryset
        key_figure = Q(kind=ContactPerson.Kind.KEY_FIGURE)
        return queryset.filter(key_figure if value else ~key_figure)

    def filter_out_of_touch(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(out_of_touch_q()) if value else queryset.exclude(out_of_touch_q())
