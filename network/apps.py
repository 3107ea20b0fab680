from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Social map")

    def ready(self):
        from network.interventions.taxonomy import agreements_changed
        from network.models import ContactPerson, NetworkAgreement, Organisation

        # What a concern's page shows of the agreements (network.interventions.selectors).
        for model in (NetworkAgreement, Organisation, ContactPerson):
            post_save.connect(agreements_changed, sender=model, dispatch_uid=f"agr-{model}")
            post_delete.connect(agreements_changed, sender=model, dispatch_uid=f"agr-d-{model}")
