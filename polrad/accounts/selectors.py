"""Reads of accounts that several apps ask the same way."""

from django.db.models import QuerySet

from polrad.accounts.models import User


def users_with_role(role: str, *, municipality_id: int | None = None) -> QuerySet[User]:
    """Active users holding `role` (in `municipality_id`, when given), each once."""
    users = User.objects.filter(is_active=True, groups__name=role)
    if municipality_id is not None:
        users = users.filter(municipalities=municipality_id)
    return users.distinct().order_by("pk")
