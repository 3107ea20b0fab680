"""Administrators keep the categories and read the access log. Concerns themselves are not in
the admin: every look at one must go through the views that write the access log."""

import csv

from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from polrad.admin_mixins import ReadOnlyAdminMixin
from polrad.downloads import download, download_name
from signals.models import AccessLog, Anonymisation, Category
from signals.suppression import publications_changed

CSV = "text/csv; charset=utf-8"


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "retention_months", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]

    # The published months name their categories: a renamed one renames a row of each month.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(publications_changed)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(publications_changed)


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The runs of the retention task, concern by concern: reference and dates only."""

    list_display = ["created_at", "concern", "expired_on"]
    list_filter = ["created_at"]
    search_fields = ["concern__reference"]
    list_select_related = ["concern"]
    fields = list_display


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "user", "concern", "action", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["user__email", "concern__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "concern"]
    actions = ["export_csv"]

    @admin.action(description=_("Export the selected entries as CSV"))
    def export_csv(self, request, queryset):
        response = download(b"", download_name("toegangslog", "csv"), content_type=CSV)
        writer = csv.writer(response, delimiter=";")
        writer.writerow(["Tijd", "Gebruiker", "Melding", "Handeling", "Reden"])
        for entry in queryset.select_related("user", "concern").order_by("created_at"):
            writer.writerow(
                [
                    timezone.localtime(entry.created_at).isoformat(timespec="seconds"),
                    entry.user.email if entry.user else "",
                    entry.concern.reference,
                    entry.get_action_display(),
                    entry.reason,
                ]
            )
        return response
