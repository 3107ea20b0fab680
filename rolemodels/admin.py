from django.contrib import admin

from rolemodels.models import (
    MeetingTopic,
    MentorshipGoal,
    MentorshipOutcome,
    RoleModel,
    StageChange,
)


class StageChangeInline(admin.TabularInline):
    """The stage history: read-only, here as everywhere."""

    model = StageChange
    fields = ["created_at", "from_stage", "to_stage", "actor", "reason"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
class StageChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "role_model", "from_stage", "to_stage", "actor"]
    list_filter = ["to_stage"]
    list_select_related = ["role_model", "actor"]
    search_fields = ["role_model__full_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The editable lists of mentoring: administrators keep them.
for term in (MentorshipGoal, MentorshipOutcome, MeetingTopic):
    admin.site.register(term, list_display=["name", "position", "is_active"])
