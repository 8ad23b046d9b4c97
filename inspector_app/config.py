"""Where the workspace lives: ``--data-dir`` beats ``INSPECTOR_DATA_DIR`` beats the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "inspector-app"
DATA_DIR_ENV = "INSPECTOR_DATA_DIR"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


CACHE_DIR_ENV = "INSPECTOR_CACHE_DIR"


def cache_dir() -> Path:
    """The user's cache folder for what can be made again (the parsed sheet font): ``INSPECTOR_CACHE_DIR``
    when set, else the platform's (``~/.cache/inspector-app``, ``%LOCALAPPDATA%\\inspector-app\\Cache``)."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
