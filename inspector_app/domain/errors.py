"""Typed errors raised by the core; the UI and CLI map them to messages for people."""

from __future__ import annotations


class InspectorError(Exception):
    """Base class of every error the core raises on purpose."""


class ValidationError(InspectorError):
    """Input that breaks a rule; the message names where (file, row, column, item)."""


class TemplateError(ValidationError):
    """A checklist template file that is malformed or inconsistent."""


class ImportFileError(ValidationError):
    """A spreadsheet or bundle that cannot be imported; nothing was written."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class WorkspaceError(InspectorError):
    """The workspace (database, files) cannot be opened or upgraded."""


class NotFoundError(InspectorError):
    """A record asked for by id does not exist."""


class LifecycleError(InspectorError):
    """A status change the lifecycle does not allow (e.g. editing a locked inspection)."""


class StaleEditError(InspectorError):
    """Someone else changed the record after it was read (optimistic locking: its ``version`` moved);
    nothing was written. Reread the record and make the edit again."""


class Cancelled(InspectorError):
    """The user cancelled a long operation; whatever was begun has been rolled back."""
