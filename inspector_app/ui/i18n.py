"""Languages and fonts: translators for the chosen language, and a CJK font Qt can always find.

Source strings are Chinese, so Chinese needs no .qm file of ours – only Qt's own ``qtbase_zh_CN`` for the
standard dialogs and buttons (QFileDialog, QMessageBox), completed by ``qtbase_extra_zh_CN`` in
``resources/translations`` with the few strings Qt 6 changed and its catalogue does not translate yet
("&Look in:", "Files of &type:", the file type column's "Folder"). Dates follow ``QLocale.setDefault``
(2020年6月30日); the file dialog's date column follows the operating system's locale. English loads every ``inspector_en*.qm`` in ``resources/translations`` – one file per
engineer's part of the interface (``inspector_en.qm`` for the desk, ``inspector_editor_en.qm`` for the
editor), so that nobody has to merge another's .ts file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from inspector_app import translation as core_translation

log = logging.getLogger(__name__)
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)

_installed: list[QTranslator] = []


def normalise(language: str | None) -> str:
    if not language:
        return DEFAULT_LANGUAGE
    language = language.replace("-", "_")
    if language.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def install_translators(language: str, app: QCoreApplication | None = None) -> str:
    """Replace the installed translators by those of ``language``; returns the language used.

    Installing sends a LanguageChange event to every widget, which lets open windows retranslate."""
    app = app or QCoreApplication.instance()
    language = normalise(language)
    core_translation.set_language(language)  # the core's messages (gettext) follow the interface
    if app is None:
        return language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    files: list[tuple[str, str]] = [(f"qtbase_{language}", qt_dir)]
    if (TRANSLATIONS_DIR / f"qtbase_extra_{language}.qm").is_file():  # after Qt's own: installed later, asked first
        files.append((f"qtbase_extra_{language}", str(TRANSLATIONS_DIR)))
    if language != DEFAULT_LANGUAGE:
        found = {*TRANSLATIONS_DIR.glob(f"inspector_{language}*.qm"), *TRANSLATIONS_DIR.glob(f"inspector*_{language}.qm")}
        files += [(p.stem, str(p.parent)) for p in sorted(found)]
    for name, folder in files:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.info("no translation %s in %s", name, folder)
    QLocale.setDefault(QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Chinese,
                               QLocale.Country.UnitedStates if language == "en" else QLocale.Country.China))
    return language


def ensure_cjk_font() -> str:
    """Make sure a font with Chinese glyphs is known to Qt and is the application font's fallback.

    Returns the family used, or "" when none was found (the text then shows boxes; the log says so)."""

    wanted = ("Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC")
    # QtGui's font classes are first touched here, after the window is shown (start-up: 1 ms).
    families = set(QtGui.QFontDatabase.families())
    family = next((f for f in wanted if f in families), "")
    if not family:
        for path in CJK_FONT_FILES:
            if Path(path).exists():
                font_id = QtGui.QFontDatabase.addApplicationFont(path)
                loaded = QtGui.QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
                if loaded:
                    family = loaded[0]
                    break
    if not family:
        log.warning("no Chinese font found; install fonts-wqy-microhei or fonts-noto-cjk")
        return ""
    app = QtGui.QGuiApplication.instance()
    if isinstance(app, QtGui.QGuiApplication):
        font = QtGui.QFont(app.font())
        font.setFamilies([font.family(), family] if font.family() != family else [family])
        app.setFont(font)
    return family


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
