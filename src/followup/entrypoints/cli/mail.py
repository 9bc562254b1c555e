"""Mail: `followup mail test`, `followup worker` and sending notes."""

from __future__ import annotations

from followup.entrypoints.cli import cli


@cli.group()
def mail() -> None:
    """Your mailbox: check the connections, fetch replies."""
