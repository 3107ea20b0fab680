from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolradConfig(AppConfig):
    name = "polrad"
    verbose_name = _("POLRAD-platform")

    def ready(self):
        _use_the_empty_choice_label()


def _use_the_empty_choice_label():
    """Replace Django's "---------" by settings.EMPTY_CHOICE_LABEL in every select.

    Django offers no setting for it: model fields with choices take their blank choice from
    the list BLANK_CHOICE_DASH (a default argument, so it is changed in place) and model
    choice fields from a keyword default of ModelChoiceField.
    """
    from django.conf import settings
    from django.db.models import fields
    from django.forms.models import ModelChoiceField

    fields.BLANK_CHOICE_DASH[:] = [("", settings.EMPTY_CHOICE_LABEL)]
    ModelChoiceField.__init__.__kwdefaults__["empty_label"] = settings.EMPTY_CHOICE_LABEL
