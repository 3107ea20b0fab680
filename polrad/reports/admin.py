from django.contrib import admin

from polrad.admin_mixins import ReadOnlyAdminMixin
from polrad.reports.models import StoredReport


@admin.register(StoredReport)
class StoredReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Stored PDF reports, read-only: administrators see which failed and why."""

    list_display = ["created_at", "kind", "municipality", "period_start", "state", "error"]
    list_filter = ["state", "kind"]
    list_select_related = ["municipality"]
    date_hierarchy = "created_at"
    exclude = ["file"]
