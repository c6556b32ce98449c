"""Every error of the API in one JSON shape: {"detail": "…"} and, for bad parameters,
{"detail": "…", "errors": {"parameter": ["…"]}}."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from theodoi.core.exceptions import ApplicationError


def exception_handler(exc, context) -> Response | None:
    if isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **({"errors": {"": exc.errors}} if exc.errors else {})},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a bug: Django's 500, logged
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"": response.data}
        response.data = {"detail": _("Tham số không hợp lệ: %(names)s.") % {"names": ", ".join(errors) or "?"},
                         "errors": errors}
    return response
