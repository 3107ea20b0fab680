"""Form fields in crispy's Bootstrap 5 markup, put together in Python (`bootstrap_field`).

crispy's `as_crispy_field` renders each field through five templates (the field, help text
and errors); a filter form of four fields took ~10 ms of a list page that way. This filter
gives the same markup (label, `is-invalid`, the error and help-text blocks, Django's
`aria-invalid` and `aria-describedby`) for what filter forms use: inputs, selects and a
checkbox. Radio buttons, checkbox lists, files and forms with a crispy helper still go
through crispy.

    {% load polrad_fields %}
    {% for field in filter.form %}
      <div class="col-sm-6">{{ field|bootstrap_field }}</div>
    {% endfor %}
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ASTERISK = mark_safe('<span class="asteriskField">*</span>')


@register.filter
def bootstrap_field(field: BoundField) -> SafeString:
    widget = field.field.widget
    if field.is_hidden:
        return field.as_widget()
    if _needs_crispy(field):
        return as_crispy_field(field)
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(field)
    kind = "form-select" if isinstance(widget, forms.Select) else "form-control"
    label = ""
    if field.label:
        label = format_html(
            '<label{} class="form-label{}">{}{}</label>',
            _for(field),
            " requiredField" if field.field.required else "",
            field.label,
            ASTERISK if field.field.required else "",
        )
    return format_html(
        '<div id="div_{}" class="mb-3{}">{}{}{}{}</div>',
        field.auto_id,
        _extra_classes(field),
        label,
        _widget(field, kind),
        _errors(field),
        _help_text(field),
    )


def _needs_crispy(field: BoundField) -> bool:
    """What this filter does not draw itself: crispy does, as before."""
    return (
        field.use_fieldset
        or isinstance(field.field.widget, forms.FileInput | forms.MultiWidget)
        or getattr(field.form, "helper", None) is not None
    )


def _checkbox(field: BoundField) -> SafeString:
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check{}">{}'
        '<label for="{}" class="form-check-label{}">{}{}</label>{}{}</div></div>',
        field.auto_id,
        _extra_classes(field),
        _widget(field, "form-check-input"),
        field.id_for_label,
        " requiredField" if field.field.required else "",
        field.label,
        ASTERISK if field.field.required else "",
        _errors(field),
        _help_text(field),
    )


def _widget(field: BoundField, kind: str) -> SafeString:
    """The widget with crispy's classes: its own, its type's name, Bootstrap's, is-invalid."""
    widget = field.field.widget
    classes = widget.attrs.get("class", "")
    name = type(widget).__name__.lower()
    if name not in classes:
        classes = f"{classes} {name}" if classes else name
    words = classes.split()
    for extra in (kind, "is-invalid") if field.errors else (kind,):
        if extra not in words:
            words.append(extra)
    return field.as_widget(attrs={"class": " ".join(words)})


def _for(field: BoundField) -> SafeString:
    return format_html(' for="{}"', field.id_for_label) if field.id_for_label else ""


def _extra_classes(field: BoundField) -> str:
    classes = field.css_classes()
    return f" {classes}" if classes else ""


def _errors(field: BoundField) -> SafeString:
    if not field.errors:
        return ""
    return format_html(
        '<div id="{}_error" class="invalid-feedback">{}</div>',
        field.errors.field_id or field.auto_id,
        format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((number, field.auto_id, error) for number, error in enumerate(field.errors, 1)),
        ),
    )


def _help_text(field: BoundField) -> SafeString:
    if not field.help_text:
        return ""
    # Help texts are ours, not the user's: crispy and Django's own templates show them |safe.
    help_text = mark_safe(field.help_text)  # noqa: S308
    if field.auto_id:
        return format_html(
            '<div id="{}_helptext" class="form-text">{}</div>', field.auto_id, help_text
        )
    return format_html('<div class="form-text">{}</div>', help_text)
