"""One value holding every option of a run, built by the CLI and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class Settings:
    inputs: tuple[str, ...] = ()
    outdir: Path = Path("out")
    jobs: int = 0  # 0: all cores
    model: str = "ja_ginza"
    batch_size: int = 8
    dictionaries: tuple[Path, ...] = ()
    aliases: Path | None = None
    max_nodes: int | None = None
    title: str = ""
    wait_for_lock: bool = True
    #: a Dask scheduler address (tcp://HOST:PORT): analyse on that cluster instead of local processes
    scheduler: str | None = None
