"""The inspection editor (issue 3): ``InspectionEditor(workspace, inspection_id, runner, actor, parent)``.

For the window that hosts it: ``changed(int)`` is emitted after every change has been committed (refresh
that row); ``title()`` names the tab and ``titleChanged(str)`` follows locking; ``flush()`` saves typing
still waiting for its pause and ``close()`` does so too. The constructor reads the inspection
synchronously (one short read session, a few ms), so an editor for a missing inspection raises
``NotFoundError`` there.

How it is put together (each module well under 500 lines):

- ``services.queries.editor`` (not here: Qt-free) – the ``Snapshot``, the in-memory copy of one
                     inspection (answers, header, findings), scored live with ``domain.scoring``.
- ``controller``   – changes the snapshot at once, emits what changed, queues the operation
                     (``services.ops.inspections``) on the runner's writer thread, reports failures in
                     words and rereads; rereads too when the runner announces someone else's change.
- ``commands``     – ``QUndoCommand``s that call the controller, never a widget (orange-canvas-core).
- ``checklist_model`` / ``checklist_view`` – the element → item tree and its keyboard driving.
- ``item_pane``, ``score_panel``, ``findings_panel``, ``header``, ``dialogs``, ``people_dialog`` – the
                     views; they only ask.
- ``editor``       – puts them together: layout, shortcuts, completion and reopening.
- ``labels``, ``debounce`` – shared words and colours; the save-after-a-pause helper.

Strings are Chinese sources behind ``tr()``; English is in
``resources/translations/inspector_editor_en.ts`` (compiled to ``.qm`` beside it). The editor rebuilds
its widgets on ``LanguageChange``, keeping its data and undo history.
"""

from __future__ import annotations

from inspector_app.ui.editor.editor import InspectionEditor

__all__ = ["InspectionEditor"]
