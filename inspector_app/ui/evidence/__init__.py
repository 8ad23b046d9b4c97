"""Evidence in the GUI (issue 4): photos and signatures of an inspection.

- ``panel.EvidencePanel``        – the gallery with adding (file dialog, drop of files and folders,
                                   paste, camera), captions, reordering, before/after pairs, markup,
                                   removal and the large view; shown as the editor's "照片" tab.
- ``gallery``                    – the list model, delegate and icon-mode view; ``thumbnails`` loads
                                   thumbnails lazily on worker threads into a QPixmap cache.
- ``adding``                     – the path from the GUI to ``services.photos.add_photos`` /
                                   ``add_photo_bytes`` with progress, cancel and a summary of rejects.
- ``markup_dialog``, ``signature_pad``, ``signatures``, ``camera``, ``viewer`` – the dialogs.
- ``data``                       – plain rows read from the services (no Qt).

Strings are Chinese sources behind ``tr()``; English is in
``resources/translations/inspector_evidence_en.ts`` (compiled to ``.qm`` beside it).
"""

from __future__ import annotations

from inspector_app.ui.evidence.panel import EvidencePanel
from inspector_app.ui.evidence.signatures import SignaturesDialog

__all__ = ["EvidencePanel", "SignaturesDialog"]
