"""One number format for scores, everywhere: one decimal ("96.0", "100.0", "55.9").

The score is computed to one decimal, rounded half-up (``domain.scoring.round_half_up``; DOMAIN.md §4), so
every place that shows or prints it – the editor's score panel, the desk list and its detail pane, the
office's pages, the command line, the PDF sheets and the workbook – shows that one decimal, also when it is
zero ("96.0", never "96"). Screens call ``score_text``; the workbook writes the number with ``SCORE_FORMAT``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["SCORE_FORMAT", "score_text"]

SCORE_FORMAT = "0.0"  # the spreadsheet number format of a score cell (one decimal)
_ONE_DECIMAL = Decimal("0.1")


def score_text(value: Decimal | float | int | str | None, empty: str = "") -> str:
    """A score as text with one decimal, rounded half-up; ``empty`` when there is none (None, "", not a
    number). A float goes through its shortest repr first, so 87.25 stored as a float reads "87.3"."""
    if value is None or value == "" or isinstance(value, bool):
        return empty
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite():
            return empty
        return str(number.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return empty
