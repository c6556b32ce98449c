from django.http import HttpRequest

from theodoi.core.roles import LEADER, OFFICE, OFFICER, role_names


def roles(request: HttpRequest) -> dict:
    names = role_names(getattr(request, "user", None))
    return {
        "is_office": OFFICE in names,
        "is_officer": OFFICER in names,
        "is_leader": LEADER in names,
    }
