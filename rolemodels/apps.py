from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolemodelsConfig(AppConfig):
    name = "rolemodels"
    verbose_name = _("Role models")
