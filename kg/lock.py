"""One build at a time per OUTDIR: an advisory lock (``flock``) on ``OUTDIR/.kg.lock``.

The kernel drops the lock when its holder dies, even by SIGKILL, so a killed build never
leaves a stale lock behind. The file's text names the holder (pid, host, start time) for
the message a second build shows; the text alone proves nothing, the lock does.

Worker processes forked while the lock is held (the analysis pool) close their copy of the
lock's file descriptor at once: an orphaned worker of a killed build must not keep the next
build waiting.
"""

from __future__ import annotations

import datetime as _dt
import errno
import fcntl
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError

#: File descriptors of the locks this process holds (closed in forked children).
_HELD: set[int] = set()


def _close_in_child() -> None:
    for fd in list(_HELD):
        try:
            os.close(fd)  # the parent's lock stays: it is released only when every copy is closed
        except OSError:
            pass
    _HELD.clear()


os.register_at_fork(after_in_child=_close_in_child)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OutdirLock:
    """Hold an exclusive lock on OUTDIR; a second build waits (or fails at once naming the holder)."""

    #: The holder writes its name right after taking the lock; how long to wait for it.
    HOLDER_PATIENCE = 1.0

    def __init__(self, outdir: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(outdir) / ".kg.lock"
        self.wait = wait
        self.on_wait = on_wait
        self._fd: int | None = None

    def _holder(self) -> str:
        """Who holds the lock, from the file's text: "pid 123 on host since 2025-01-02 03:04:05"."""
        deadline = time.monotonic() + self.HOLDER_PATIENCE
        while True:
            try:
                text = self.path.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                text = ""
            words = text.split()
            if len(words) >= 2 and words[0] == "pid" and words[1].isdigit():
                elsewhere = len(words) >= 4 and words[2] == "on" and words[3] != socket.gethostname()
                # the text of a build that was killed stays until the next holder replaces it
                if elsewhere or _alive(int(words[1])):
                    return text.splitlines()[0][:200]
            if time.monotonic() >= deadline:
                return "another process"
            time.sleep(0.05)

    def _open_locked(self, flags: int) -> int | None:
        """Open the lock file and lock it; None when ``LOCK_NB`` and someone else holds it."""
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | flags)
            except BlockingIOError:
                os.close(fd)
                return None
            except BaseException:
                os.close(fd)
                raise
            # a lock on a file someone deleted or replaced meanwhile guards nothing: lock the new one
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                return fd
            os.close(fd)

    def __enter__(self) -> OutdirLock:
        try:
            fd = self._open_locked(fcntl.LOCK_NB)
            if fd is None:
                holder = self._holder()
                if not self.wait:
                    raise KgError(f"another kg build ({holder}) is writing to {self.path.parent}; "
                                  "wait for it to finish or use another output directory")
                if self.on_wait:
                    self.on_wait(f"waiting for another kg build ({holder}) writing to {self.path.parent}")
                fd = self._open_locked(0)  # blocks; Ctrl-C still interrupts it
                assert fd is not None
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise KgError(f"cannot lock {self.path}: {exc.strerror}; is the output directory writable?") from None
            if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
                raise KgError(f"cannot lock {self.path}: the file system does not support locks "
                              f"({exc.strerror}); write to a local directory") from None
            raise
        _HELD.add(fd)
        self._fd = fd
        started = _dt.datetime.now().isoformat(sep=" ", timespec="seconds")
        text = f"pid {os.getpid()} on {socket.gethostname()} since {started}\n".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0)
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _HELD.discard(fd)
            try:
                os.ftruncate(fd, 0)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
