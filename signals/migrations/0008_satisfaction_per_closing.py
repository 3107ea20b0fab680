"""One satisfaction answer per closing of a concern, instead of one per concern."""

import django.db.models.deletion
from django.db import migrations, models


def closing_of_each_answer(apps, schema_editor):
    """An earlier answer belongs to the last closing before it was given."""
    SatisfactionAnswer = apps.get_model("signals", "SatisfactionAnswer")
    Transition = apps.get_model("signals", "Transition")
    for answer in SatisfactionAnswer.objects.filter(closed_at__isnull=True).iterator():
        closing = (
            Transition.objects.filter(
                concern_id=answer.concern_id, to_state="closed", created_at__lte=answer.answered_at
            )
            .order_by("-created_at", "-pk")
            .values_list("created_at", flat=True)
            .first()
        )
        answer.closed_at = closing or answer.answered_at
        answer.save(update_fields=["closed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0007_trend_ledger_claims_and_encrypted_extension_reason"),
    ]

    operations = [
        migrations.AlterField(
            model_name="satisfactionanswer",
            name="concern",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="satisfaction_answers",
                to="signals.concern",
                verbose_name="concern",
            ),
        ),
        migrations.AddField(
            model_name="satisfactionanswer",
            name="closed_at",
            field=models.DateTimeField(null=True, verbose_name="closing answered"),
        ),
        migrations.RunPython(closing_of_each_answer, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="satisfactionanswer",
            name="closed_at",
            field=models.DateTimeField(verbose_name="closing answered"),
        ),
        migrations.AlterModelOptions(
            name="satisfactionanswer",
            options={
                "ordering": ["answered_at", "pk"],
                "verbose_name": "satisfaction answer",
                "verbose_name_plural": "satisfaction answers",
            },
        ),
        migrations.AddConstraint(
            model_name="satisfactionanswer",
            constraint=models.UniqueConstraint(
                fields=("concern", "closed_at"), name="signals_satisfaction_once_per_closing"
            ),
        ),
    ]
