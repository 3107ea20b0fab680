"""The versioned lists an administrator edits: checklists and preconditions.

A version in use is read-only; "copy as a new version" starts the next one from it."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from polrad.analysis.models import (
    ChecklistDefinition,
    ChecklistItem,
    Precondition,
    PreconditionList,
)


class FrozenInline(admin.TabularInline):
    extra = 0

    def _frozen(self, obj) -> bool:
        return obj is not None and obj.in_use

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


class ChecklistItemInline(FrozenInline):
    model = ChecklistItem
    fields = ["step", "position", "label", "description", "in_short"]


class PreconditionInline(FrozenInline):
    model = Precondition
    fields = ["position", "label", "description", "hint"]


@transaction.atomic
def _copy(model, version, child_field: str):
    """A new unpublished version with copies of the items of `version`."""
    items = list(version.items.all())
    latest = model.objects.aggregate(n=Max("version"))["n"] or 0
    copy = model.objects.create(version=latest + 1, title=version.title, is_published=False)
    if hasattr(version, "required_domains"):
        copy.required_domains.set(version.required_domains.all())
    for item in items:
        item.pk = None
        setattr(item, child_field, copy)
        item.save()
    return copy


class VersionedAdmin(admin.ModelAdmin):
    list_display = ["version", "title", "is_published", "created_at"]
    actions = ["copy_as_new_version"]
    child_field = ""

    def get_readonly_fields(self, request, obj=None):
        return ["version"] if obj is not None and obj.in_use else []

    @admin.action(description=_("Copy as a new version"))
    def copy_as_new_version(self, request, queryset):
        for version in queryset:
            copy = _copy(self.model, version, self.child_field)
            self.message_user(
                request,
                _("Version %(version)s made.") % {"version": copy.version},
                messages.SUCCESS,
            )


@admin.register(ChecklistDefinition)
class ChecklistDefinitionAdmin(VersionedAdmin):
    inlines = [ChecklistItemInline]
    filter_horizontal = ["required_domains"]
    child_field = "definition"


@admin.register(PreconditionList)
class PreconditionListAdmin(VersionedAdmin):
    inlines = [PreconditionInline]
    child_field = "preconditions"
