"""Form fields whose choices come from the cached lists (network.interventions.taxonomy):
rendering the form costs no query; a submitted value is still checked against the database."""

from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from network.interventions import taxonomy


class _CachedChoices(ModelChoiceIterator):
    reads_database = False  # polrad.widgets.FastSelect: no need to read the rows itself

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, label in taxonomy.choices(self.field.list_name):
            yield (ModelChoiceIteratorValue(pk, None), label)

    def __len__(self):
        empty = 0 if self.field.empty_label is None else 1
        return empty + len(taxonomy.choices(self.field.list_name))

    def __bool__(self):
        return self.field.empty_label is not None or bool(taxonomy.choices(self.field.list_name))


class TermChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over the active terms of a cached list (e.g. "languages",
    "municipalities"); `queryset` must hold the same active terms."""

    iterator = _CachedChoices

    def __init__(self, list_name: str, queryset, **kwargs):
        self.list_name = list_name
        super().__init__(queryset, **kwargs)
