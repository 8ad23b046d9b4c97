"""Help and trouble: 帮助 → 使用说明 (the user guide rendered from Markdown), 帮助 → 关于 (the versions), and
the dialog an unexpected error shows (what was being done, a report to copy, where the log is)."""
