"""Failed logins counted with `limits` (a moving window), in memory or in Redis."""

from __future__ import annotations

import math
import time
from collections.abc import Sequence


class WindowLimits:
    """The `LoginLimits` port: `rule` such as "10/15 minutes", counted in `storage`
    (`memory://` for one process, `redis://host:port` shared by several)."""

    def __init__(self, rule: str, storage: str = "memory://") -> None:
        from limits import parse
        from limits.storage import storage_from_string
        from limits.strategies import MovingWindowRateLimiter

        self._item = parse(rule)
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage))

    def retry_after(self, keys: Sequence[str]) -> int | None:
        waits = []
        for key in keys:
            if not self._limiter.test(self._item, "login", key):
                reset = self._limiter.get_window_stats(self._item, "login", key).reset_time
                waits.append(max(1, math.ceil(reset - time.time())))
        return max(waits) if waits else None

    def failed(self, keys: Sequence[str]) -> None:
        for key in keys:
            self._limiter.hit(self._item, "login", key)
