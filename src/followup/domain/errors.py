"""One exception hierarchy; each class carries its CLI exit code and HTTP status, and its facts:
the input it is about (`field`), what would let it through (`remedy`) and the record that
remedy acts on (`record`). Each front door says the remedy in its own words."""

from __future__ import annotations

from enum import StrEnum


class Remedy(StrEnum):
    """What would let a refused request through; the one list of remedy codes."""

    GIVE = "give"
    """The input named by `field` is missing: give it."""
    FORCE = "force"
    """Asking again with force goes ahead anyway (replacing your edits, for instance)."""
    FIX_NOTE = "fix_note"
    """The checker holds the note (`record`: its action) back: fix it, or force it."""
    DRAFT = "draft"
    """The step (`record`: its action) has no note yet: draft one."""
    LETTER = "letter"
    """The note (`record`: its action) goes by letter: print it."""
    RESEND = "resend"
    """The message (`record`: the outbox message) may not have arrived: resend it."""
    CONTACT_EMAIL = "contact_email"
    """The contact (`record`) has no email address: record one."""
    SPELLING = "spelling"
    """The contact's (`record`) name was said to be misspelled: correct and confirm it."""
    INIT = "init"
    """Setup: there is no profile yet; create it."""
    SMTP = "smtp"
    """Setup: no mail server to send with; set one up."""
    IMAP = "imap"
    """Setup: no mailbox to read replies from; set one up."""


class FollowupError(Exception):
    """An error a user can act on; never shown with a traceback."""

    exit_code = 1
    http_status = 500

    def __init__(self, message: str = "", *, field: str | None = None,
                 remedy: Remedy | None = None, record: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        """The input the error is about ("company", "at"...), when one is."""
        self.remedy = remedy
        """What would let it through, when something would."""
        self.record = record
        """The id of the record the remedy acts on (an action, a contact...), when it has one."""


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


class NotSignedIn(FollowupError):
    """Hosted mode: no valid login (session, access token, or password and second factor)."""

    exit_code = 5
    http_status = 401


class TooManyAttempts(FollowupError):
    """Too many failed logins for this account or this address: wait `retry_after` seconds."""

    exit_code = 5
    http_status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
