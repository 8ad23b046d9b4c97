"""The GUI's one lazy-import seam: a module named at the top of a file, loaded on first use.

Start-up shows the window before the core is imported (SQLAlchemy and the ORM cost ~200 ms, more than
the bare Qt window itself: ``benchmarks/bench_gui.py``). The modules on the way to a shown window – the
main window, its menus and their actions – therefore name the core modules and dialogs they use like
this::

    if TYPE_CHECKING:
        from inspector_app.services.queries import desk as desk_queries
    else:
        desk_queries = LazyModule("inspector_app.services.queries.desk")

The dependency stays visible at the top of the module, to the reader, to mypy and to import-linter
(which reads ``TYPE_CHECKING`` imports too); the module is imported the first time an attribute is
read – in the worker that opens the workspace for the core, when a menu is used for a dialog.
``tests/test_architecture.py`` checks that every ``LazyModule`` names a real module and matches its
``TYPE_CHECKING`` twin.
"""

from __future__ import annotations

import importlib
import threading
from types import ModuleType
from typing import Any

_lock = threading.Lock()


class LazyModule:
    """Stands in for a module until an attribute is first read; then it is that module's attribute."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    @property
    def module(self) -> ModuleType:
        if self._module is None:
            with _lock:  # the first use may come from a worker and the GUI thread at once
                if self._module is None:
                    self._module = importlib.import_module(self._name)
        return self._module

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return getattr(self.module, attribute)

    def __repr__(self) -> str:
        state = "loaded" if self._module is not None else "not loaded yet"
        return f"<LazyModule {self._name} ({state})>"
