from datetime import date
from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single select rendered in Python instead of a template per option.

    Django renders every <option> through the template engine; for the 342 municipalities of
    the national map that alone took over 100 ms per page. Same markup, no optgroups. The
    options are joined as plain strings: format_html per option (three lazy-aware escapes
    each) still cost several milliseconds for a filter form's lists.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {str(v) for v in self.format_value(value)}
        options = mark_safe(  # noqa: S308 - every value and label is escaped here
            "".join(
                f'<option value="{_escaped(key)}"{" selected" if key in selected else ""}>'
                f"{_escaped(label)}</option>"
                for key, label in ((str(v), label) for v, label in self.choices)
            )
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


def _escaped(text) -> str:
    """conditional_escape without its lazy wrapper: safe strings as they are."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """FastSelect for a multiple choice (long catalogues, such as the interventions)."""

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)


class DateInput(forms.DateInput):
    """The browser's date picker; the value always as 2026-12-03, whatever the language."""

    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if isinstance(value, date) else value
