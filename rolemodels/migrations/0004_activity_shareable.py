from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("rolemodels", "0003_role_model_photo"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="shareable",
            field=models.BooleanField(default=False, verbose_name="may be shared in reports"),
        ),
    ]
