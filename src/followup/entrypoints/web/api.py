"""The JSON API under /api/v1: the same shapes as the CLI's --json."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["api"])
