"""Evidence in the GUI (issue 4): photos and signatures of an inspection.

- ``panel.EvidencePanel``        – the gallery with adding (file dialog, drop of files and folders,
                                   paste, camera), captions, reordering, before/after pairs, markup,
                                   removal and the large view; shown as the editor's "照片" tab.
- ``gallery``                    – the list model, delegate and icon-mode view; ``thumbnails`` loads
                                   thumbnails lazily on worker threads into a QPixmap cache.
- ``adding``                     – ingesting files (progress, cancel) and attaching each photo with
                                   ``services.ops.evidence.attach_photo``; a summary of rejects.
- ``markup_dialog``, ``signature_pad``, ``signatures``, ``camera``, ``viewer`` – the dialogs.
- ``data``                       – where derived images are in the photo store (no Qt).

Rows come from ``services.queries.evidence``, changes go through ``services.ops.evidence``; the panel
and the signatures dialog reread when the task runner announces changed photos or signatures.

Strings are Chinese sources behind ``tr()``; English is in
``resources/translations/inspector_evidence_en.ts`` (compiled to ``.qm`` beside it).
"""

from __future__ import annotations

from inspector_app.ui.evidence.panel import EvidencePanel
from inspector_app.ui.evidence.signatures import SignaturesDialog

__all__ = ["EvidencePanel", "SignaturesDialog"]
