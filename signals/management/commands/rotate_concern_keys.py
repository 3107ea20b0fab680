from django.core.management.base import BaseCommand
from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin

from signals.models import Concern, Transition

BATCH = 500


def _encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]


class Command(BaseCommand):
    help = (
        "Re-encrypt concern content with the first key of CONCERN_ENCRYPTION_KEYS. Run after "
        "putting a new key in front; then the old keys can be removed."
    )

    def handle(self, *args, **options):
        for model in (Concern, Transition):
            fields = _encrypted_fields(model)
            done = 0
            ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    rows = list(model.objects.filter(pk__in=ids[start : start + BATCH]))
                    # Read with any key, written with the first: bulk_update re-encrypts.
                    model.objects.bulk_update(rows, fields)
                done += len(rows)
            self.stdout.write(f"{model._meta.verbose_name_plural}: {done} re-encrypted")
