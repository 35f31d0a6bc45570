"""Atomic file writes: a temporary file beside the target, then a rename.

A writer killed half-way leaves the target untouched and, at worst, a temporary file named
``.<target name>.<random>.tmp`` beside it; :func:`remove_stale_temporaries` clears those
(call it only while holding the OUTDIR lock, when no other writer can be at work).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from kg.errors import KgError


class WriteError(KgError):
    """An output file cannot be written; the previous file is kept."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _tmp_prefix(name: str) -> str:
    return f".{name}."


_TMP_SUFFIX = ".tmp"


def _fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (best effort: not every file system allows it)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_tmp(path: Path, data: bytes | str) -> str:
    """Write ``data`` to a new temporary file beside ``path``; return its name."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path.name), suffix=_TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _error(path: Path, exc: OSError) -> WriteError:
    return WriteError(f"cannot write {path}: {exc.strerror or exc}; the previous file (if any) was kept")


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    Raises :class:`WriteError` (a message for people) when the file system refuses.
    """
    write_all_atomic({path: data})


def write_all_atomic(files: Mapping[str | os.PathLike, bytes | str]) -> None:
    """Replace several files: every new file is written and synced first, then all are renamed.

    A writer killed while writing leaves every target as it was; only a kill between the
    renames (microseconds) can leave some files new and some old, each of them whole.
    """
    written: list[tuple[str, Path]] = []
    try:
        for raw, data in files.items():
            path = Path(raw)
            try:
                written.append((_write_tmp(path, data), path))
            except OSError as exc:
                raise _error(path, exc) from None
        for tmp, path in written:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _error(path, exc) from None
    finally:
        for tmp, _ in written:
            if os.path.lexists(tmp):
                _unlink(tmp)
    for directory in {path.parent for _, path in written}:
        _fsync_dir(directory)


def remove_stale_temporaries(directory: str | os.PathLike, names: Iterable[str]) -> list[str]:
    """Delete temporary files a killed writer left beside ``names`` in ``directory``; return their names."""
    directory = Path(directory)
    patterns = [re.compile(re.escape(_tmp_prefix(n)) + r"[A-Za-z0-9_]+" + re.escape(_TMP_SUFFIX) + r"\Z")
                for n in names]
    removed = []
    try:
        entries = sorted(os.listdir(directory))
    except OSError:
        return removed
    for entry in entries:
        if any(p.match(entry) for p in patterns):
            p = directory / entry
            if p.is_file() and not p.is_symlink():
                try:
                    p.unlink()
                except OSError:
                    continue
                removed.append(entry)
    return removed
