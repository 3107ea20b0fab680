from datetime import date

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single select rendered in Python instead of a template per option.

    Django renders every <option> through the template engine; for the 342 municipalities of
    the national map that alone took over 100 ms per page. Same markup, no optgroups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {str(v) for v in self.format_value(value)}
        # Escaped one by one and joined: format_html per option cost three times as much.
        options = "".join(
            f'<option value="{conditional_escape(key)}"{" selected" if key in selected else ""}>'
            f"{conditional_escape(label)}</option>"
            for key, label in ((str(v), label) for v, label in self.choices)
        )
        safe = mark_safe(options)  # noqa: S308 - every key and label escaped just above
        return format_html("<select{}>{}</select>", flatatt(final_attrs), safe)


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    """FastSelect for a multiple choice (long catalogues, such as the interventions)."""

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, {**(attrs or {}), "multiple": True}, renderer)


class DateInput(forms.DateInput):
    """The browser's date picker; the value always as 2026-12-03, whatever the language."""

    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if isinstance(value, date) else value
