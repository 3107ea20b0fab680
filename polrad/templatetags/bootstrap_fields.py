"""`{{ field|as_bootstrap_field }}`: crispy's Bootstrap 5 markup for a simple field, in Python.

`as_crispy_field` renders a template with five nested includes for every field; a filter
form of a dozen fields took 20–40 ms per list page on national data. For a text input or a
single or multiple select, without a FormHelper, this renders the same elements, attributes
and classes (only the whitespace differs, tested against crispy). Anything else (checkboxes,
radios, files, widgets of several parts, forms with a helper) is handed to crispy itself.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# Widgets crispy renders as a label, the widget and its errors and help (bootstrap5/field.html).
_CRISPY_ONLY = (
    forms.CheckboxInput,
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
    forms.MultiWidget,
)


@register.filter
def as_bootstrap_field(field):
    widget = field.field.widget
    if field.is_hidden:
        return str(field)
    if (
        isinstance(widget, _CRISPY_ONLY)
        or getattr(field.form, "helper", None) is not None
        or field.use_fieldset
    ):
        return as_crispy_field(field)
    errors = field.errors
    required = field.field.required
    return format_html(
        '<div id="div_{}" class="mb-3{}">{}{}{}{}</div>',
        field.auto_id,
        f" {classes}" if (classes := field.css_classes()) else "",
        _label(field, required),
        field.as_widget(attrs={"class": _widget_class(widget, bool(errors))}),
        _errors(field, errors),
        _help_text(field),
    )


def _widget_class(widget, invalid: bool) -> str:
    """The widget's own classes, its class name (crispy_field) and Bootstrap's."""
    name = type(widget).__name__.lower()
    css = widget.attrs.get("class", "")
    css = (f"{css} {name}" if name not in css else css) if css else name
    extra = "form-select" if isinstance(widget, forms.Select) else "form-control"
    for cls in (extra, "is-invalid") if invalid else (extra,):
        if cls not in css.split():
            css = f"{css} {cls}"
    return css


def _label(field, required: bool):
    if not field.label:
        return ""
    return format_html(
        '<label{} class="form-label{}">{}{}</label>',
        format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
    )


def _errors(field, errors):
    if not errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        str(getattr(errors, "field_id", None)),
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((number, field.auto_id, error) for number, error in enumerate(errors, 1)),
        ),
    )


def _help_text(field):
    if not field.help_text:
        return ""
    return format_html(
        '<div{} class="form-text">{}</div>',
        format_html(' id="{}_helptext"', field.auto_id) if field.auto_id else "",
        mark_safe(field.help_text),  # noqa: S308 - as crispy (|safe): help texts are ours
    )
