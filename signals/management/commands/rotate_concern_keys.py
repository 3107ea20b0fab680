from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from encrypted_fields.fields import EncryptedFieldMixin

from polrad.management.output import counted

BATCH = 500


def encrypted_fields() -> dict:
    """Every model with encrypted fields, with the names of those fields."""
    found = {}
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedFieldMixin)]
        if fields:
            found[model] = fields
    return found


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of CONCERN_ENCRYPTION_KEYS. Run "
        "after putting a new key in front; then the old keys can be removed."
    )

    def handle(self, *args, **options):
        for model, fields in encrypted_fields().items():
            done = 0
            ids = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                with transaction.atomic():
                    rows = list(model._base_manager.filter(pk__in=ids[start : start + BATCH]))
                    # Read with any key, written with the first: bulk_update re-encrypts.
                    model._base_manager.bulk_update(rows, fields)
                done += len(rows)
            self.stdout.write(f"{model.__name__}: {counted(done, 'row')} re-encrypted")
