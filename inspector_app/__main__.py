"""``python -m inspector_app`` – the same as the ``inspector-app`` command."""

from __future__ import annotations

import sys

from inspector_app.cli import main

sys.exit(main())
