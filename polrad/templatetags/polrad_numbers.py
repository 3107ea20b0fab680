"""Numbers as the language writes them: `{{ count|grouped }}` gives 6.224 in Dutch."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def grouped(value):
    """An integer with its thousands grouped (6.224 in Dutch, 6,224 in English); anything
    else, such as a suppressed "< 5" or a text, as it is. The CSV exports keep plain digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return value
