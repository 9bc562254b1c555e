"""Where the user's data lives (light: `followup today` and the password store read it)."""

from __future__ import annotations

import os


def home() -> str:
    """Where the user's data lives: FOLLOWUP_HOME, else the platform's user data directory."""
    configured = os.environ.get("FOLLOWUP_HOME")
    if configured:
        return os.path.expanduser(configured)
    from platformdirs import user_data_dir

    return user_data_dir("followup", appauthor=False)
