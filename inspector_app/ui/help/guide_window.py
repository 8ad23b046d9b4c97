"""帮助 → 使用说明: the user guide shipped with the app (``docs/user-guide.md``), rendered by Qt's own
Markdown support (``QTextBrowser.setMarkdown``: no extra dependency), in a window of its own that stays open
beside the desk. Links to other files of ``docs/`` open in the same window; web links in the browser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QTextBrowser, QVBoxLayout, QWidget

GUIDE = "user-guide.md"


def docs_dir() -> Path:
    """``docs/`` beside the package in a checkout, inside it when frozen (packaging/inspector.spec)."""
    package = Path(__file__).resolve().parents[2]
    for candidate in (package.parent / "docs", package / "docs"):
        if (candidate / GUIDE).is_file():
            return candidate
    return package.parent / "docs"


class GuideWindow(QWidget):
    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("guideWindow")
        self.setWindowTitle(self.tr("使用说明 – Inspector"))
        self.path = path or docs_dir() / GUIDE
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.find = QLineEdit()
        self.find.setPlaceholderText(self.tr("查找（Enter 查找下一处）"))
        self.find.setClearButtonEnabled(True)
        self.find.returnPressed.connect(self.find_next)
        self.find_button = QPushButton(self.tr("查找下一处"))
        self.find_button.clicked.connect(self.find_next)
        bar = QHBoxLayout()
        bar.addWidget(self.find, 1)
        bar.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.find.setFocus)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        self.resize(900, 680)
        self.load(self.path)

    def load(self, path: Path) -> bool:
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            self.browser.setPlainText(self.tr("找不到使用说明文件 %1（%2）。").replace("%1", str(path))
                                      .replace("%2", exc.strerror or str(exc)))
            return False
        self.path = path
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))
        self.browser.setMarkdown(text)
        return True

    def _link(self, url: QUrl) -> None:
        if url.isLocalFile() and url.toLocalFile().endswith(".md"):
            self.load(Path(url.toLocalFile()))
        elif url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())

    def find_next(self) -> bool:
        text = self.find.text()
        if not text:
            return False
        if self.browser.find(text):
            return True
        cursor = self.browser.textCursor()  # from the top again
        cursor.movePosition(cursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(text)
