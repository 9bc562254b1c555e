"""`followup mail sync`: replies fetched over IMAP."""

from __future__ import annotations
