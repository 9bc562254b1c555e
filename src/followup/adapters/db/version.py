"""The newest schema revision, importable without SQLAlchemy (the CLI's fast path checks it)."""

HEAD = "0012"
