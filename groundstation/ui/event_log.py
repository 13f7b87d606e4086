"""The event log: engine events and command results, newest at the bottom, alarms in red."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QLocale, QTime
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from groundstation.ui.event_text import Level, LogLine

MAX_LINES = 2000
_COLOURS = {Level.INFO: "", Level.WARNING: "#c45f00", Level.ALARM: "#d32f2f"}  # info in the theme's text colour


class EventLog(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.text)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Events"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add(self, line: LogLine) -> None:
        stamp = QLocale().toString(QTime.currentTime(), "HH:mm:ss")  # 24 h in every language
        weight = "bold" if line.level is Level.ALARM else "normal"
        colour = f"color:{_COLOURS[line.level]}; " if _COLOURS[line.level] else ""
        self.text.appendHtml(f'<span style="{colour}font-weight:{weight}">'
                             f"{stamp}  {html.escape(line.text)}</span>")

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()
