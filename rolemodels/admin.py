from django.contrib import admin

from polrad.admin_mixins import ReadOnlyAdminMixin
from rolemodels.models import (
    MeetingTopic,
    MentorshipGoal,
    MentorshipOutcome,
    RoleModel,
    StageChange,
)


class StageChangeInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The stage history: read-only, here as everywhere."""

    model = StageChange
    fields = ["created_at", "from_stage", "to_stage", "actor", "reason"]
    readonly_fields = fields
    extra = 0


@admin.register(RoleModel)
class RoleModelAdmin(admin.ModelAdmin):
    list_display = ["full_name", "municipality", "stage", "stage_changed_at", "user"]
    list_filter = ["stage", "municipality__province"]
    search_fields = ["full_name", "email"]
    list_select_related = ["municipality", "user"]
    filter_horizontal = ["communities", "languages", "themes"]
    raw_id_fields = ["municipality", "coach", "nominated_by", "user"]
    # The stage changes only through the workflow, which records every move.
    readonly_fields = ["stage", "stage_changed_at", "created_at"]
    inlines = [StageChangeInline]

    def has_delete_permission(self, request, obj=None):
        # Deleting would cascade away the append-only stage history: stop or decline instead.
        return False


@admin.register(StageChange)
class StageChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "role_model", "from_stage", "to_stage", "actor"]
    list_filter = ["to_stage"]
    list_select_related = ["role_model", "actor"]
    search_fields = ["role_model__full_name"]


# The editable lists of mentoring: administrators keep them.
for term in (MentorshipGoal, MentorshipOutcome, MeetingTopic):
    admin.site.register(term, list_display=["name", "position", "is_active"])
