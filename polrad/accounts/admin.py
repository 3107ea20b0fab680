from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from polrad.accounts.models import AuditEvent, User
from polrad.admin_mixins import ReadOnlyAdminMixin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["email", "full_name"]
    filter_horizontal = ["groups", "user_permissions", "municipalities"]
    readonly_fields = ["last_login", "date_joined", "invited_by"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (_("Roles and scope"), {"fields": ["groups", "municipalities"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined", "invited_by"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit log: read-only, for administrators."""

    list_display = ["created_at", "kind", "username", "actor", "success", "ip_address", "path"]
    list_filter = ["kind", "success"]
    search_fields = ["username", "ip_address", "path"]
    date_hierarchy = "created_at"
    list_select_related = ["actor"]
