import copy
import html
from datetime import date

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single select rendered in Python instead of a template per option.

    Django renders every <option> through the template engine; for the 342 municipalities of
    the national map that alone took over 100 ms per page. Same markup, no optgroups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{_escape(key)}"{" selected" if key in selected else ""}>'
            f"{_escape(label)}</option>"
            for key, label in ((str(v), label) for v, label in _plain_choices(self.choices))
        )
        options = mark_safe(options)  # noqa: S308 -- every key and label escaped just above
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


def _plain_choices(choices):
    """The choices. A model choice field's iterator reads its rows through a server-side
    cursor on Postgres, ~10 ms more than one ordinary query for the 342 municipalities: read
    them so, and take the iterator's own first entries (the empty label; django-filter's null
    label) from it over an empty queryset, which asks the database nothing."""
    if not isinstance(choices, ModelChoiceIterator):
        yield from choices
        return
    instances = list(choices.queryset.all())
    first_entries = copy.copy(choices)
    first_entries.queryset = choices.queryset.none()
    yield from first_entries
    for instance in instances:
        yield choices.choice(instance)


def _escape(text) -> str:
    """conditional_escape, the same output without its checks for lazy text on every call
    (twice per option: ~3 ms for the municipalities)."""
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """FastSelect for a multiple choice (long catalogues, such as the interventions)."""

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)


class DateInput(forms.DateInput):
    """The browser's date picker; the value always as 2026-12-03, whatever the language."""

    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if isinstance(value, date) else value
