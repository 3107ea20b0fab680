from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolradConfig(AppConfig):
    name = "polrad"
    verbose_name = _("POLRAD-platform")
