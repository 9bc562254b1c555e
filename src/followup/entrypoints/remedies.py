"""An error in the command line's words: its message, then the command or option that helps.

Kept apart from the click CLI so that the fast `today` path can say it without importing click.
"""

from __future__ import annotations

from followup.domain.errors import FollowupError, Remedy

REMEDIES = {
    Remedy.FORCE: "use --force to do it anyway",
    Remedy.FIX_NOTE: "fix it with `followup note edit {record}`, or use --force to go ahead "
                     "anyway",
    Remedy.DRAFT: "`followup note draft {record}` writes one",
    Remedy.LETTER: "`followup note pdf {record}` prints it",
    Remedy.RESEND: "`followup outbox resend {record}` sends it again",
    Remedy.CONTACT_EMAIL: "add one with `followup contact edit {record} --email ADDRESS`",
    Remedy.SPELLING: "correct the name with `followup contact edit {record} --name ... "
                     "--confirmed`",
    Remedy.INIT: "run `followup init` first",
    Remedy.SMTP: "set it up with `followup config set smtp.host smtp.example.com` (see "
                 "`followup config list`), then `followup mail test`",
    Remedy.IMAP: "set one with `followup config set imap.host imap.example.com` (and "
                 "imap.port, imap.security, imap.username)",
}
"""What the CLI tells a user to do for each remedy code."""


def advised(message: str, remedy: str | None, record: int | None = None) -> str:
    """`message`, then what the CLI tells a user to do for `remedy` (when it has words)."""
    hint = REMEDIES.get(Remedy(remedy)) if remedy in set(Remedy) else None
    if hint is None:
        return message
    return f"{message}; {hint.format(record=record if record is not None else 'ID')}"


def said(exc: FollowupError) -> str:
    """The error in the CLI's words: its message, then the command or option that helps."""
    if exc.remedy == Remedy.GIVE and exc.field:
        return f"{exc} (--{exc.field.replace('_', '-')})"
    return advised(str(exc), exc.remedy, exc.record)
