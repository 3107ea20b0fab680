from django.contrib import admin

from polrad.reports.models import StoredReport


@admin.register(StoredReport)
class StoredReportAdmin(admin.ModelAdmin):
    """Stored PDF reports, read-only: administrators see which failed and why."""

    list_display = ["created_at", "kind", "municipality", "period_start", "state", "error"]
    list_filter = ["state", "kind"]
    list_select_related = ["municipality"]
    date_hierarchy = "created_at"
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
