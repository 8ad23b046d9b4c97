"""Read models: every list and detail the desk, the editor, the CLI and the reports show.

Each query takes the ``Workspace`` (or an open read session where a caller batches several) and
returns plain rows – dicts, tuples or frozen dataclasses – never ORM objects, so results can cross
from a worker thread to the GUI thread and be printed by the CLI unchanged.
"""
