"""Administrators keep the categories and read the access log. Concerns themselves are not in
the admin: every look at one must go through the views that write the access log."""

import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signals.models import AccessLog, Anonymisation, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "retention_months", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


@admin.register(Anonymisation)
class AnonymisationAdmin(admin.ModelAdmin):
    """The runs of the retention task, concern by concern: reference and dates only."""

    list_display = ["created_at", "concern", "expired_on"]
    list_filter = ["created_at"]
    search_fields = ["concern__reference"]
    list_select_related = ["concern"]
    fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "concern", "action", "reason"]
    list_filter = ["action", "created_at"]
    search_fields = ["user__email", "concern__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "concern"]
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Export the selected entries as CSV"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = f"{timezone.localdate():%Y-%m-%d}"
        response["Content-Disposition"] = f'attachment; filename="toegangslog-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
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
