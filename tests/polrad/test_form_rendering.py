"""The light renderings of form fields give the markup of the slow ones they replace."""

import re
from datetime import date

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.utils.safestring import mark_safe

from polrad.templatetags.polrad_fields import bootstrap_field as as_bootstrap_field
from polrad.widgets import DateInput, FastSelect, FastSelectMultiple

CHOICES = [("", "— choose —"), (1, "Groningen"), (2, 'Súdwest-Fryslân & "Ons" <Dorp>'), (3, "Ede")]


def same_markup(html: str) -> str:
    """Whitespace between and just inside tags, and runs of it, do not change the page."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]*>)\s*", lambda m: re.sub(r"\s+(?=[>/])", "", m.group(1)), html)


class FilterForm(forms.Form):
    q = forms.CharField(label="Zoeken", required=False)
    name = forms.CharField(label="Naam", help_text="Zoals in het <em>register</em>.")
    municipality = forms.TypedChoiceField(
        label="Gemeente", choices=CHOICES, required=False, widget=FastSelect
    )
    kind = forms.ChoiceField(label="Soort", choices=[("a", "A & B"), ("b", "C")])
    themes = forms.MultipleChoiceField(
        label="Thema's", choices=CHOICES[1:], required=False, widget=FastSelectMultiple
    )
    plain = forms.MultipleChoiceField(label="Talen", choices=CHOICES[1:], required=False)
    since = forms.DateField(label="Vanaf", required=False, widget=DateInput)
    styled = forms.CharField(
        label="Met klasse", required=False, widget=forms.TextInput(attrs={"class": "w-auto"})
    )
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(label="Akkoord", required=False)
    choice = forms.ChoiceField(label="Keuze", choices=CHOICES[1:], widget=forms.RadioSelect)


FORMS = {
    "empty": lambda: FilterForm(),
    "filled": lambda: FilterForm(
        {"q": "x", "name": "a", "municipality": "2", "kind": "b", "themes": ["1", "3"]}
    ),
    "with errors": lambda: FilterForm({"municipality": "9", "since": "gisteren", "kind": "z"}),
}


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", list(FilterForm.base_fields))
def test_a_field_renders_as_crispy_renders_it(form, name):
    light = as_bootstrap_field(FORMS[form]()[name])
    crispy = as_crispy_field(FORMS[form]()[name])
    assert same_markup(light) == same_markup(crispy)


def test_errors_and_help_are_shown_and_linked_to_the_field():
    form = FilterForm({"municipality": "9", "since": "gisteren"})
    html = as_bootstrap_field(form["name"])
    assert 'aria-invalid="true"' in html and "is-invalid" in html
    assert 'aria-describedby="id_name_helptext' in html
    assert 'class="invalid-feedback"' in html and "Zoals in het <em>register</em>." in html
    assert 'for="id_name"' in html and '<span class="asteriskField">*</span>' in html


def _options(html: str) -> str:
    return same_markup(html).split(">", 1)[1]


def test_fast_selects_give_the_options_of_django_selects():
    choices = [*CHOICES, (4, mark_safe("<b>Veilig</b>")), (date(2026, 1, 2), "D")]
    for fast, plain, value in [
        (FastSelect(choices=choices), forms.Select(choices=choices), 2),
        (FastSelectMultiple(choices=choices), forms.SelectMultiple(choices=choices), [1, 3]),
    ]:
        html = fast.render("m", value, {"id": "id_m"})
        assert _options(html) == _options(plain.render("m", value, {"id": "id_m"}))
        assert html.startswith('<select id="id_m" name="m"')
    assert " multiple>" in FastSelectMultiple(choices=choices).render("m", [1])
