"""One build at a time per OUTDIR: an advisory lock on ``OUTDIR/.kg.lock``."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError


class OutdirLock:
    """Hold an exclusive lock on OUTDIR; a second build waits (or fails at once)."""

    def __init__(self, outdir: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(outdir) / ".kg.lock"
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def _holder(self) -> str:
        try:
            return self.path.read_text().strip() or "another process"
        except OSError:
            return "another process"

    def __enter__(self) -> OutdirLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder()
            if not self.wait:
                os.close(fd)
                raise KgError(f"another kg build ({holder}) is writing to {self.path.parent}; "
                              "wait for it to finish or use another output directory") from None
            if self.on_wait:
                self.on_wait(f"waiting for another kg build ({holder}) writing to {self.path.parent}")
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
                self._fd = None
