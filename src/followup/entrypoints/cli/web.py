"""`followup serve`: the web app on this machine."""

from __future__ import annotations
