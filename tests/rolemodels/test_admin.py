"""The admin never deletes a role model: that would cascade away their stage history."""

from django.contrib.admin.sites import site

from rolemodels.models import RoleModel
from tests.rolemodels.factories import RoleModelFactory


def test_role_models_cannot_be_deleted_in_the_admin(rf, administrator):
    role_model = RoleModelFactory()
    request = rf.get("/")
    request.user = administrator
    admin = site._registry[RoleModel]
    assert not admin.has_delete_permission(request)
    assert not admin.has_delete_permission(request, role_model)
    assert "delete_selected" not in admin.get_actions(request)
