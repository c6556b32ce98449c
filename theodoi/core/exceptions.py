from django.core.exceptions import PermissionDenied


class ApplicationError(Exception):
    """A business refusal with a message a person can act on (already translated)."""

    def __init__(self, message: str, *, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class ActionNotPermitted(PermissionDenied):
    """Raised by services, so commands and the API are guarded like the views."""
