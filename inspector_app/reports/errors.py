"""Typed errors of the reports package (the UI and CLI map them to messages)."""

from __future__ import annotations

from inspector_app.domain.errors import InspectorError, ValidationError


class ReportError(InspectorError):
    """A printable sheet cannot be produced."""


class FontNotFoundError(ReportError):
    """No usable Chinese TrueType font; the message says what to install or configure."""

    def __init__(self, message: str, tried: list[str] | None = None) -> None:
        super().__init__(message)
        self.tried = tried or []


class BadVerificationCodeError(ValidationError):
    """A printed code or QR payload that is not one of ours (typo, wrong format)."""
