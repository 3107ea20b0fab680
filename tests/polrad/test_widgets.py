"""FastSelect: the markup of Django's select, read with one ordinary query."""

import django_filters
import pytest
from django import forms
from django.db.models import QuerySet

from network.models import Municipality
from polrad.widgets import FastSelect
from tests.factories import MunicipalityFactory
from tests.markup import Markup

pytestmark = pytest.mark.django_db


def _render(field, value, widget):
    field.widget = widget()
    field.widget.choices = field.choices
    return field.widget.render("municipality", value, attrs={"id": "id_municipality"})


@pytest.fixture
def municipalities(db):
    return [
        MunicipalityFactory(name="Groningen"),
        MunicipalityFactory(name="Midden-Groningen"),
        MunicipalityFactory(name="'s-Hertogenbosch & <Vught>"),
    ]


@pytest.mark.parametrize("chosen", [None, 1])
def test_a_model_choice_is_drawn_as_djangos_select_draws_it(municipalities, chosen):
    value = municipalities[chosen].pk if chosen is not None else None
    queryset = Municipality.objects.order_by("name")
    fast = _render(forms.ModelChoiceField(queryset), value, FastSelect)
    django = _render(forms.ModelChoiceField(queryset), value, forms.Select)
    assert Markup(fast).items == Markup(django).items
    assert "&#x27;s-Hertogenbosch &amp; &lt;Vught&gt;" in fast


def test_django_filters_null_choice_is_kept(municipalities):
    field = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.order_by("name"), null_label="None of them"
    ).field
    fast = _render(field, "null", FastSelect)
    assert Markup(fast).items == Markup(_render(field, "null", forms.Select)).items
    assert '<option value="null" selected>None of them</option>' in fast


def test_model_choices_are_read_in_one_query_without_a_cursor(
    municipalities, monkeypatch, django_assert_num_queries
):
    """queryset.iterator() opens a server-side cursor on Postgres: three round trips (an
    empty queryset, for the iterator's own first entries, asks the database nothing)."""
    iterator = QuerySet.iterator

    def no_cursor(queryset, *args, **kwargs):
        assert queryset.query.is_empty(), "read through a server-side cursor"
        return iterator(queryset, *args, **kwargs)

    monkeypatch.setattr(QuerySet, "iterator", no_cursor)
    with django_assert_num_queries(1):
        html = _render(forms.ModelChoiceField(Municipality.objects.all()), None, FastSelect)
    assert html.count("<option") == len(municipalities) + 1
