"""The event log: engine events and command results, newest at the bottom, alarms in red.

An engine event is kept with its time stamp and worded again when the pilot switches language, so the
whole log reads in one language, in the same order and with the same times. A command result arrives as
finished text (the window worded it when it came) and stays as it was written.
"""

from __future__ import annotations

import html
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTime
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from drivers.mavlink import events
from groundstation.ui.event_text import Level, LogLine, describe

MAX_LINES = 2000
_COLOURS = {Level.INFO: "", Level.WARNING: "#c45f00", Level.ALARM: "#d32f2f"}  # info in the theme's text colour


@dataclass(frozen=True)
class Entry:
    """One line of the log: when it came and what it says, an engine event or a finished text."""

    at: QTime
    said: events.Event | LogLine

    def line(self) -> LogLine:
        """The line in the language now active (a finished text as it came)."""
        if isinstance(self.said, LogLine):
            return self.said
        return describe(self.said, QCoreApplication.translate)


class EventLog(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.entries: deque[Entry] = deque(maxlen=MAX_LINES)  # what the lines shown say, oldest first
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.text)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Events"))
        self.text.clear()
        for entry in self.entries:
            self._show(entry)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_event(self, event: events.Event) -> None:
        """An engine event, worded in the pilot's language now and again after each language switch."""
        self._add(Entry(QTime.currentTime(), event))

    def add(self, line: LogLine) -> None:
        """A finished text, e.g. a command's result as the window said it."""
        self._add(Entry(QTime.currentTime(), line))

    def _add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._show(entry)

    def _show(self, entry: Entry) -> None:
        line = entry.line()
        stamp = QLocale().toString(entry.at, "HH:mm:ss")  # 24 h in every language
        weight = "bold" if line.level is Level.ALARM else "normal"
        colour = f"color:{_COLOURS[line.level]}; " if _COLOURS[line.level] else ""
        self.text.appendHtml(f'<span style="{colour}font-weight:{weight}">'
                             f"{stamp}  {html.escape(line.text)}</span>")

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()
