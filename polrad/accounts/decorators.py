from django.contrib.auth.decorators import login_required, permission_required


def login_and_permission_required(perm: str):
    """Anonymous visitors go to the login page; logged-in users without `perm` get a 403."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator
