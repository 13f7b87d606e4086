"""The event log reads in the pilot's language: after a switch, the engine events already logged are worded
again in it, in the same order, with the same times and colours; a command result the window wrote as
finished text stays as it came; the log still keeps only its last MAX_LINES lines."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from drivers.mavlink import events
from groundstation.ui.event_log import MAX_LINES, EventLog
from groundstation.ui.event_text import Level, LogLine
from groundstation.ui.translations import Translations


@pytest.fixture
def french(qapp, tmp_path):
    """Switches the application to French when called; back to English after the test."""
    switch = Translations(tmp_path)
    yield lambda: switch.switch("fr")
    switch.switch("en")


def stamps_and_words(lines: list[str]) -> list[tuple[str, str]]:
    return [tuple(line.split(" ", 1)) for line in lines]


def colours(log: EventLog) -> list[str]:
    block, found = log.text.document().begin(), []
    while block.isValid():
        found.append(block.begin().fragment().charFormat().foreground().color().name())
        block = block.next()
    return found


def test_logged_events_are_worded_again_in_french_in_the_same_order_with_the_same_times(qtbot, french):
    log = EventLog()
    qtbot.addWidget(log)
    log.add_event(events.ArmedChanged(1, True))
    log.add(LogLine("vehicle 1: take off accepted"))
    log.add_event(events.LinkLost(3, 4.0))
    log.add_event(events.ModeChanged(2, "MISSION", "HOLD"))
    english = stamps_and_words(log.lines())
    assert [words for _, words in english] == [
        "vehicle 1: ARMED", "vehicle 1: take off accepted", "vehicle 3: LINK LOST (silent 4.0 s)",
        "vehicle 2: mode HOLD → MISSION"]
    before = colours(log)
    assert before[0] == "#c45f00" and before[2] == "#d32f2f"  # armed in orange, the lost link in red
    qtbot.wait(1100)  # a line stamped again now would show another second

    french()
    qtbot.waitUntil(lambda: log.title() == "Événements", timeout=3000)
    assert stamps_and_words(log.lines()) == [
        (english[0][0], "vecteur 1 : ARMÉ"),
        (english[1][0], "vehicle 1: take off accepted"),  # finished text: as the window wrote it
        (english[2][0], "vecteur 3 : LIAISON PERDUE (muet depuis 4.0 s)"),
        (english[3][0], "vecteur 2 : mode HOLD → MISSION")]
    assert colours(log) == before

    log.add_event(events.ArmedChanged(1, False))  # a new event comes in French at once
    assert log.lines()[-1].endswith("vecteur 1 : désarmé")


def test_the_log_keeps_its_last_lines_through_a_language_switch(qtbot, french):
    log = EventLog()
    qtbot.addWidget(log)
    for n in range(MAX_LINES + 5):
        log.add_event(events.StatusText(1, 6, f"message {n}"))
    log.add(LogLine("vehicle 1: arm FAILED: battery too cold", Level.ALARM))
    assert len(log.lines()) == MAX_LINES and log.lines()[0].endswith("vehicle 1: message 6")

    french()
    qtbot.waitUntil(lambda: log.lines()[0].endswith("vecteur 1 : message 6"), timeout=3000)
    assert len(log.lines()) == MAX_LINES
    assert log.lines()[-2].endswith(f"vecteur 1 : message {MAX_LINES + 4}")
    assert log.lines()[-1].endswith("vehicle 1: arm FAILED: battery too cold")
    assert QCoreApplication.translate("EventLog", "Events") == "Événements"
