from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "polrad.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        # Permissions exist only after migrate; keep the role groups in step with them.
        from polrad.accounts.services import roles_sync

        post_migrate.connect(
            lambda **kwargs: roles_sync(), dispatch_uid="polrad.accounts.roles_sync", weak=False
        )
