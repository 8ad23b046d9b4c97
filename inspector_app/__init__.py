"""Inspector: offline-first desk for work-safety standardization look-back inspections."""

__version__ = "0.1.0"
