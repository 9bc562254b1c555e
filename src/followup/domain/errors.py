"""One exception hierarchy; each class carries its CLI exit code and HTTP status."""

from __future__ import annotations


class FollowupError(Exception):
    """An error a user can act on; never shown with a traceback."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str = "", *, field: str | None = None,
                 remedy: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        """The input the error is about ("company", "at"...), when one is."""
        self.remedy = remedy
        """A code for what would let it through ("force"...), when something would."""


class InvalidInput(FollowupError):
    """The input cannot be used as given (a bad date, an empty company, an unknown zone)."""

    exit_code = 4
    http_status = 422


class NotFound(FollowupError):
    """No record with that id (for this user)."""

    exit_code = 3
    http_status = 404


class NotAllowed(FollowupError):
    """The request is valid but not in the record's current state."""

    exit_code = 5
    http_status = 409


class EnvironmentFault(FollowupError):
    """Not the input but what surrounds it: the database, the home folder, a file of the home."""

    exit_code = 1
    http_status = 503
