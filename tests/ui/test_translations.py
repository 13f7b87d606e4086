"""The French and German UI: complete translations, compiled by lrelease, switched live in the window."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QCoreApplication

from groundstation.ui import translations
from groundstation.ui.translations import I18N_DIR, LANGUAGES, Translations, compiled

UI_DIR = I18N_DIR.parent
PLACEHOLDER = re.compile(r"%\d+")


def messages(ts: Path) -> dict[tuple[str, str], etree._Element]:
    tree = etree.parse(str(ts))
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in tree.getroot().iter("context") for m in ctx.iter("message")
            if m.find("translation").get("type") not in ("vanished", "obsolete")}


@pytest.mark.parametrize("language", ["fr", "de"])
def test_every_string_is_translated(language, tmp_path):
    found = messages(translations.source_file(language))
    unfinished = [src for src, tr in found.items() if tr.get("type") == "unfinished" or not (tr.text or "").strip()]
    assert not unfinished, f"{len(unfinished)} unfinished {language} translations, e.g. {unfinished[:5]}"
    # Every string the code marks for translation is in the translation source (lupdate finds them).
    fresh = tmp_path / f"check_{language}.ts"
    subprocess.run([str(Path(translations.lrelease_tool()).with_name("lupdate")), *map(str, sorted(UI_DIR.glob("*.py"))),
                    "-ts", str(fresh)], check=True, capture_output=True)
    in_code = set(messages(fresh))
    missing = in_code - set(found)
    assert not missing, f"strings in the code but not in {language}.ts (run pyside6-lupdate): {sorted(missing)[:5]}"
    # Placeholders survive translation, or a number would vanish from a message.
    for (context, source), tr in found.items():
        assert sorted(PLACEHOLDER.findall(tr.text)) == sorted(PLACEHOLDER.findall(source)), (context, source, tr.text)


def test_unfinished_translation_is_caught(tmp_path):
    """The check above fails on a message Linguist would mark unfinished."""
    broken = tmp_path / "groundstation_fr.ts"
    text = translations.source_file("fr").read_text(encoding="utf-8")
    broken.write_text(text.replace("<translation>Décoller</translation>",
                                   '<translation type="unfinished"></translation>', 1), encoding="utf-8")
    assert any(tr.get("type") == "unfinished" for tr in messages(broken).values())


def test_compiled_on_first_use_and_cached(tmp_path):
    first = compiled("fr", tmp_path)
    assert first.exists() and first.stat().st_size > 1000
    mtime = first.stat().st_mtime_ns
    assert compiled("fr", tmp_path) == first and first.stat().st_mtime_ns == mtime  # not rebuilt
    with pytest.raises(translations.TranslationError, match="no translation source"):
        compiled("xx", tmp_path)
    with pytest.raises(translations.TranslationError, match="not one of"):
        translations.choose_language("es")


def test_translator_gives_french_and_german(qapp, tmp_path):
    switch = Translations(tmp_path)
    try:
        switch.switch("fr")
        assert QCoreApplication.translate("CommandPanel", "Take off") == "Décoller"
        assert QCoreApplication.translate("FieldOptions", "Return to launch…") == "Retour au point de départ…"
        switch.switch("de")
        assert QCoreApplication.translate("CommandPanel", "Arm") == "Scharfschalten"
        assert QCoreApplication.translate("CommandPanel", "Return") == "Rückkehr"
    finally:
        switch.switch("en")
    assert QCoreApplication.translate("CommandPanel", "Take off") == "Take off"
    assert set(LANGUAGES) == {"en", "fr", "de"}


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_window_speaks_like_the_web_view_and_the_partner_messages(language):
    """A fire service reads one word for a finding and one for a drone, in the window as on the commander's
    page and in the CAP/KML texts sent to partners."""
    from groundstation.web.texts import page_texts

    found = messages(translations.source_file(language))
    web = page_texts(language)
    assert found[("MainWindow", "Findings")].text == web["findings"]
    assert found[("MainWindow", "Vehicles")].text == web["vehicles"]
    assert found[("FindingsPanel", "Vehicle")].text == web["vehicle"]
    finding, vehicle = {"fr": ("observation", "vecteur"), "de": ("fund", "fahrzeug")}[language]
    assert finding in web["findings"].lower() and vehicle in web["vehicle"].lower()
    for (context, source), tr in found.items():
        if re.search(r"\bfindings?\b", source, re.I):
            assert finding in tr.text.lower(), (context, source, tr.text)
        if re.search(r"\bvehicles?\b", source, re.I):
            assert vehicle in tr.text.lower(), (context, source, tr.text)
