"""The three staff roles. Each is a Django group; the public has none."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group

OFFICE = "Văn phòng UBND"  # coordinating office: administers everything
OFFICER = "Cán bộ cơ quan"  # agency officer: reports for its agency's tasks
LEADER = "Lãnh đạo"  # reads everything, comments and directs

ALL_ROLES = (OFFICE, OFFICER, LEADER)


def ensure_role_groups() -> dict[str, Group]:
    return {name: Group.objects.get_or_create(name=name)[0] for name in ALL_ROLES}


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
