"""Operations: the front door for every state change.

Each operation is a function ``op(ws: Workspace, …, actor=…)`` that opens and commits its own unit of
work (``services.unit.unit_of_work``), writes its audit rows through the building blocks in
``services/``, and returns ``Changes`` or a result carrying ``.changes`` (``services.changes``). The
GUI runs operations through its task runner, which broadcasts the changes; the CLI calls them directly.
"""
