"""The window's language: English, French or German, chosen in settings or from the system locale.

Translation sources (.ts, Qt Linguist XML) live in groundstation/ui/i18n/ and are kept up to date
with pyside6-lupdate. They are compiled to .qm by pyside6-lrelease (shipped in the PySide6 wheel)
on first use and kept in the user cache, keyed by the source's hash, so an edited .ts is
recompiled and a read-only install still works. Qt's own translations (standard buttons such as
Yes/No) come from the wheel as well.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
LANGUAGES = {"en": "English", "fr": "Français", "de": "Deutsch"}  # each named in its own language


class TranslationError(RuntimeError):
    pass


def source_file(language: str) -> Path:
    return I18N_DIR / f"groundstation_{language}.ts"


def system_language() -> str:
    """The system locale's language if the station speaks it, else English."""
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else "en"


def choose_language(setting: str) -> str:
    """The language to show: the setting, or the system's when the setting is empty."""
    if setting and setting not in LANGUAGES:
        raise TranslationError(f"language {setting!r} is not one of {', '.join(LANGUAGES)}")
    return setting or system_language()


def lrelease_tool() -> Path:
    shipped = Path(PySide6.__file__).resolve().parent / "lrelease"
    if shipped.exists():
        return shipped
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if found is None:
        raise TranslationError("pyside6-lrelease not found: reinstall PySide6 to get the French and German UI")
    return Path(found)


def compiled(language: str, cache_dir: Path | None = None) -> Path:
    """The .qm file for a language, compiled from its .ts now if the cached one is missing or stale."""
    ts = source_file(language)
    if not ts.exists():
        raise TranslationError(f"no translation source {ts}")
    cache = Path(cache_dir) if cache_dir is not None else Path(platformdirs.user_cache_dir("groundstation")) / "i18n"
    cache.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(ts.read_bytes()).hexdigest()[:16]
    qm = cache / f"groundstation_{language}-{digest}.qm"
    if qm.exists():
        return qm
    tmp = qm.with_suffix(f".{os.getpid()}.tmp")
    done = subprocess.run([str(lrelease_tool()), str(ts), "-qm", str(tmp)], capture_output=True, text=True,
                          timeout=60)
    if done.returncode != 0 or not tmp.exists():
        raise TranslationError(f"compiling {ts.name} failed: {(done.stderr or done.stdout).strip()}")
    os.replace(tmp, qm)  # another station starting at the same time never reads half a file
    return qm


class Translations:
    """The translators installed in the application; switching language sends LanguageChange."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
        self.language = "en"
        self._installed: list[QTranslator] = []

    def switch(self, language: str) -> None:
        language = choose_language(language)
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(QLocale(language))
        if language != "en":  # the sources are English
            ours = QTranslator()
            if not ours.load(str(compiled(language, self.cache_dir))):
                raise TranslationError(f"cannot load the {LANGUAGES[language]} translation")
            qt = QTranslator()
            if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self._installed.append(qt)
            self._installed.append(ours)
            for translator in self._installed:
                app.installTranslator(translator)
        self.language = language  # installing and removing translators each post LanguageChange
