"""`followup user` and `followup token`: the accounts of a hosted installation."""

from __future__ import annotations

import sys

import click

from followup import bootstrap
from followup.domain.accounts import Role
from followup.entrypoints.cli import ACTING, cli
from followup.entrypoints.cli.home import deps
from followup.entrypoints.cli.output import emit_json, say
from followup.services import accounts, sessions
from followup.services.accounts import AccountView, AddedUser

as_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def _password_from_stdin() -> str:
    """One line of standard input, without its line break (never echoed or printed)."""
    line = sys.stdin.readline()
    if not line.strip():
        raise click.UsageError("--password-stdin: standard input held no password")
    return line.rstrip("\r\n")


def _shown(user: AccountView) -> str:
    coach = f", coached by {user.coach}" if user.coach else ""
    state = " (disabled)" if user.disabled else ""
    return f"{user.id}  {user.email}  {user.name}  {user.role}{coach}{state}"


def _added(result: AddedUser, as_json: bool) -> None:
    if as_json:
        document = {**accounts_json(result.user), "invitation": result.invitation,
                    "emailed": result.emailed}
        emit_json(document)
        return
    say(f"Added {_shown(result.user)}.")
    if result.invitation:
        sent = " It was emailed too." if result.emailed else ""
        say(f"Invitation link (valid 7 days, works once): {result.invitation}{sent}")


def accounts_json(user: AccountView) -> dict[str, object]:
    from followup.services.results import jsonable

    found: dict[str, object] = jsonable(user)
    return found


@cli.group()
def user() -> None:
    """Accounts of a hosted installation (FOLLOWUP_MODE=hosted): an admin's commands."""


@user.command("add")
@click.argument("email")
@click.option("--name", required=True, help="The user's name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default="seeker",
              show_default=True, help="seeker: follows up their interviews; coach: has "
              "clients; admin: keeps the installation.")
@click.option("--coach", "coach_email", metavar="EMAIL", help="The user's coach.")
@click.option("--timezone", default="UTC", show_default=True,
              help="The user's time zone (they can change it in Settings).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from standard input; without it, an invitation link "
                   "(valid 7 days) lets the user choose one.")
@as_json_option
def user_add(email: str, name: str, role: str, coach_email: str | None, timezone: str,
             password_stdin: bool, as_json: bool) -> None:
    """Add a user; prints the invitation link (and emails it with a relay set up)."""
    password = _password_from_stdin() if password_stdin else None
    _added(accounts.add_user(bootstrap.build(), email, name, role, password, coach_email,
                             timezone), as_json)


@user.command("invite")
@click.argument("email")
@as_json_option
def user_invite(email: str, as_json: bool) -> None:
    """A new invitation link for a user (the last one expired or never arrived)."""
    _added(accounts.invite(bootstrap.build(), email), as_json)


@user.command("edit")
@click.argument("email")
@click.option("--coach", "coach_email", metavar="COACH_EMAIL",
              help="The user's coach (a user with the role coach).")
@click.option("--no-coach", is_flag=True,
              help="The user has no coach any more (notes they shared stop being shared).")
@as_json_option
def user_edit(email: str, coach_email: str | None, no_coach: bool, as_json: bool) -> None:
    """Give a user a coach, another one (--coach COACH_EMAIL), or none (--no-coach)."""
    if (coach_email is None) == (not no_coach):
        raise click.UsageError("give either --coach COACH_EMAIL or --no-coach")
    result = accounts.set_coach(bootstrap.build(), email, None if no_coach else coach_email)
    if as_json:
        emit_json(accounts_json(result))
    else:
        say(f"Changed {_shown(result)}.")


@user.command("list")
@as_json_option
def user_list(as_json: bool) -> None:
    """Every user: id, email, name, role, coach, and whether disabled."""
    users = accounts.list_users(bootstrap.build())
    if as_json:
        emit_json([accounts_json(u) for u in users])
        return
    for found in users:
        say(_shown(found))
    if not users:
        say("No users yet: `followup user add EMAIL --name NAME --role admin`.")


def _set_disabled(email: str, disabled: bool, as_json: bool) -> None:
    result = accounts.set_disabled(bootstrap.build(), email, disabled)
    if as_json:
        emit_json(accounts_json(result))
    else:
        say(f"{'Disabled' if disabled else 'Enabled'} {_shown(result)}.")


@user.command("disable")
@click.argument("email")
@as_json_option
def user_disable(email: str, as_json: bool) -> None:
    """Stop a user from logging in (and end their logins); their records are kept."""
    _set_disabled(email, True, as_json)


@user.command("enable")
@click.argument("email")
@as_json_option
def user_enable(email: str, as_json: bool) -> None:
    """Let a disabled user log in again."""
    _set_disabled(email, False, as_json)


@user.command("delete")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Confirm: every record of the user is deleted.")
@as_json_option
def user_delete(email: str, yes: bool, as_json: bool) -> None:
    """Delete a user and every record they own (needs --yes)."""
    if not yes:
        raise click.UsageError(f"deleting {email} removes every record they own; add --yes")
    result = accounts.delete_user(bootstrap.build(), email)
    if as_json:
        emit_json({"email": result.email, "rows": result.rows})
    else:
        say(f"Deleted {result.email} and {sum(result.rows.values())} rows.")


@user.command("passwd")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, required=True,
              help="Read the new password from standard input.")
@as_json_option
def user_passwd(email: str, password_stdin: bool, as_json: bool) -> None:
    """Set a user's password (their logins end)."""
    result = accounts.set_password(bootstrap.build(), email, _password_from_stdin())
    if as_json:
        emit_json(accounts_json(result))
    else:
        say(f"The password of {result.email} is set; their logins have ended.")


@cli.group()
def token() -> None:
    """Personal access tokens of the API (hosted mode; `--user EMAIL`)."""


@token.command("create")
@click.option("--name", required=True, help="What the token is for, such as 'my script'.")
@as_json_option
def token_create(name: str, as_json: bool) -> None:
    """Make a token for `Authorization: Bearer …`; it is shown this once."""
    from followup.services.results import jsonable

    result = sessions.create_token(deps(), name)
    if as_json:
        emit_json(jsonable(result))
    else:
        say(f"Token {result.id} ({result.name}): {result.token}\nKeep it now: it is not "
            "shown again.")


@token.command("list")
@as_json_option
def token_list(as_json: bool) -> None:
    """The user's tokens with their last use."""
    from followup.services.results import jsonable

    found = sessions.tokens(deps())
    if as_json:
        emit_json(jsonable(found))
        return
    for item in found:
        used = f"last used {item.used_at:%Y-%m-%d %H:%M}" if item.used_at else "never used"
        say(f"{item.id}  {item.name}  {used}{'  (revoked)' if item.revoked else ''}")
    if not found:
        say("No tokens: `followup token create --name NAME`.")


@token.command("revoke")
@click.argument("token_id", type=click.IntRange(1, 2**31 - 1))
@as_json_option
def token_revoke(token_id: int, as_json: bool) -> None:
    """Revoke a token (with --user, one of that user's; without, any: an admin's command)."""

    services = deps() if ACTING["email"] else bootstrap.build()
    sessions.revoke_token(services, token_id, any_user=ACTING["email"] is None)
    if as_json:
        emit_json({"id": token_id, "revoked": True})
    else:
        say(f"Token {token_id} is revoked.")
