"""`bootstrap_field` draws a field as crispy's `as_crispy_field` does: the same elements,
attributes and text (whitespace aside), for valid and invalid input; what it does not draw
itself, crispy does."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.template import engines

from polrad.templatetags.polrad_fields import bootstrap_field
from polrad.widgets import DateInput, FastSelect
from tests.markup import Markup

WEEKDAYS = [("", "Any day"), ("mon", "Monday"), ("tue", "Tuesday <&>")]


class FilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, help_text="Name or <em>place</em>")
    name = forms.CharField(label="Name & place", max_length=20)
    day = forms.ChoiceField(label="Day", choices=WEEKDAYS, required=False)
    fast_day = forms.ChoiceField(label="Day", choices=WEEKDAYS, widget=FastSelect)
    since = forms.DateField(label="Since", required=False, widget=DateInput)
    number = forms.IntegerField(
        label="Number", required=False, widget=forms.NumberInput(attrs={"class": "narrow"})
    )
    closed = forms.BooleanField(label="Also closed", required=False)
    agree = forms.BooleanField(label="I agree", help_text="Needed")


class RadioForm(forms.Form):
    choice = forms.ChoiceField(choices=WEEKDAYS[1:], widget=forms.RadioSelect)


VALID = {"q": "x", "name": "Jan", "day": "mon", "fast_day": "tue", "since": "2026-12-03",
         "number": "4", "closed": "on", "agree": "on"}  # fmt: skip
INVALID = {"name": "", "day": "sun", "fast_day": "", "since": "gisteren", "number": "vier"}


@pytest.mark.parametrize("data", [None, VALID, INVALID], ids=["unbound", "valid", "invalid"])
@pytest.mark.parametrize("name", list(FilterForm.base_fields))
def test_a_field_is_drawn_as_crispy_draws_it(data, name):
    crispy = as_crispy_field(FilterForm(data)[name])
    ours = bootstrap_field(FilterForm(data)[name])
    assert Markup(ours).items == Markup(crispy).items


def test_errors_are_announced_with_the_field():
    html = str(bootstrap_field(FilterForm(INVALID)["day"]))
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_day_error"' in html
    assert '<div id="id_day_error" class="invalid-feedback">' in html
    assert '<label for="id_day" class="form-label">Day</label>' in html


def test_labels_and_choices_are_escaped():
    assert "Name &amp; place" in bootstrap_field(FilterForm()["name"])
    assert "Tuesday &lt;&amp;&gt;" in bootstrap_field(FilterForm()["fast_day"])


def test_radio_buttons_are_left_to_crispy():
    field = RadioForm()["choice"]
    assert bootstrap_field(field) == as_crispy_field(RadioForm()["choice"])


def test_the_filter_is_used_in_templates():
    template = engines["django"].from_string(
        "{% load polrad_fields %}{% for field in form %}{{ field|bootstrap_field }}{% endfor %}"
    )
    html = template.render({"form": FilterForm()})
    assert html.count('class="mb-3"') == 8  # six fields, and the two checkboxes' wrappers
    assert '<label for="id_closed" class="form-check-label">Also closed</label>' in html
