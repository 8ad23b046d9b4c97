"""Tests on PostgreSQL: a fresh database per test, copied from a migrated template (fast: a file copy).

``INSPECTOR_TEST_PG_URL`` names the cluster (``scripts/office-db.sh start`` prints it; scripts/run-tests.sh
exports it). Test modules marked ``both_engines`` run once on SQLite and once on PostgreSQL (the
``engine`` fixture in tests/conftest.py); on PostgreSQL every workspace such a test opens through the
``workspace`` fixture or ``prepare(root)`` gets its own database, named in the folder's ``database.url`` –
so a second process, the command line or a reopened workspace reach the same database.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import time
from pathlib import Path

PG_URL_ENV = "INSPECTOR_TEST_PG_URL"
_counter = itertools.count(1)
_state: dict[str, object] = {"active": False, "template": None, "created": [], "kept": []}


def base_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


def active() -> bool:
    return bool(_state["active"])


def activate(on: bool) -> None:
    _state["active"] = on


def _admin() -> object:
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base_url() or "")
    return psycopg.connect(host=url.host, port=url.port, user=url.username, dbname="postgres", autocommit=True)


def _url_for(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(base_url() or "").set(database=name).render_as_string(hide_password=False)


def _template() -> str:
    """The migrated, empty template database (made once per test run)."""
    if _state["template"] is None:
        from inspector_app.storage.engine import open_workspace

        name = f"insp_tpl_{os.getpid()}"
        with _admin() as con:  # type: ignore[attr-defined]
            con.execute(f"DROP DATABASE IF EXISTS {name}")
            con.execute(f"CREATE DATABASE {name}")
        # The workspace folder only holds the settings of this one migration: gone once it is done.
        with tempfile.TemporaryDirectory(prefix="inspector-pg-template-") as root:
            open_workspace(Path(root), database=_url_for(name)).close()
        _state["template"] = name
    return str(_state["template"])


def create_database(*, empty: bool = False, keep: bool = False, template: str = "") -> str:
    """A fresh migrated database's URL (``empty``: without any table; ``template``: a copy of that
    database). Dropped after the test, or (``keep``: a module's template workspace) at the session's end."""
    source = template or ("template0" if empty else _template())
    name = f"insp_t_{os.getpid()}_{next(_counter)}"
    with _admin() as con:  # type: ignore[attr-defined]
        for attempt in range(50):  # the template's last connection may still be closing
            try:
                con.execute(f"CREATE DATABASE {name} TEMPLATE {source}")
                break
            except Exception as exc:  # psycopg.errors.ObjectInUse
                if "being accessed by other users" not in str(exc) or attempt == 49:
                    raise
                time.sleep(0.1)
    made = _state["kept" if keep else "created"]
    assert isinstance(made, list)
    made.append(name)
    return _url_for(name)


def prepare(root: Path, *, keep: bool = False) -> Path:
    """On PostgreSQL: give the workspace folder ``root`` a fresh database (its ``database.url``; ``keep``:
    kept to the session's end, for a template that ``copy_workspace`` copies); on SQLite nothing.
    Returns ``root``."""
    if active():
        root.mkdir(parents=True, exist_ok=True)
        if not (root / "database.url").exists() and not (root / "workspace.sqlite").exists():
            (root / "database.url").write_text(create_database(keep=keep) + "\n", "utf-8")
    return root


def copy_workspace(template: Path, target: Path) -> Path:
    """A copy of the workspace folder ``template`` (closed) in ``target``: the folder, and on PostgreSQL
    a copy of its database (``CREATE DATABASE … TEMPLATE``) named in the copy's ``database.url``."""
    from sqlalchemy.engine import make_url

    shutil.copytree(template, target)
    setting = template / "database.url"
    if setting.exists():
        source = make_url(setting.read_text("utf-8").strip()).database or ""
        (target / "database.url").write_text(create_database(template=source) + "\n", "utf-8")
    return target


def drop_created() -> None:
    created = _state["created"]
    assert isinstance(created, list)
    if not created:
        return
    with _admin() as con:  # type: ignore[attr-defined]
        for name in created:
            con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    created.clear()


def drop_template() -> None:
    kept = _state["kept"]
    assert isinstance(kept, list)
    if _state["template"] is not None or kept:
        with _admin() as con:  # type: ignore[attr-defined]
            for name in kept:
                con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if _state["template"] is not None:
                con.execute(f"DROP DATABASE IF EXISTS {_state['template']} WITH (FORCE)")
        kept.clear()
        _state["template"] = None
