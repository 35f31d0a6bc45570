"""Errors written for people: each says what happened and what to do."""

from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg reports to the user without a traceback."""

    exit_code = 1


class UsageError(KgError):
    """The command line asks for something impossible (exit status 2)."""

    exit_code = 2


class InputError(KgError):
    """One input cannot be read; the build names it, records the reason and goes on."""


class ModelError(KgError):
    """The GiNZA model cannot be loaded."""


class StoreError(KgError):
    """The SQLite store in OUTDIR cannot be used."""
