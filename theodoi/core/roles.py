"""The three staff roles. Each is a Django group; the public has none."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured

OFFICE = "Văn phòng UBND"  # coordinating office: administers everything
OFFICER = "Cán bộ cơ quan"  # agency officer: reports for its agency's tasks
LEADER = "Lãnh đạo"  # reads everything, comments and directs

ALL_ROLES = (OFFICE, OFFICER, LEADER)


def role_groups() -> dict[str, Group]:
    """The role groups by name. They come from core's data migration 0001_role_groups."""
    groups = {group.name: group for group in Group.objects.filter(name__in=ALL_ROLES)}
    missing = [name for name in ALL_ROLES if name not in groups]
    if missing:
        raise ImproperlyConfigured(
            f"Thiếu nhóm vai trò {', '.join(missing)}: hãy chạy 'manage.py migrate'."
        )
    return groups


def role_names(user: AbstractBaseUser | AnonymousUser | None) -> frozenset[str]:
    """The user's roles, cached on the user object for the request."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_theodoi_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            names.add(OFFICE)
        cached = frozenset(names & set(ALL_ROLES))
        user._theodoi_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in role_names(user)
