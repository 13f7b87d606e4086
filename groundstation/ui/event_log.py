"""The event log: engine events and command results, newest at the bottom, alarms in red."""

from __future__ import annotations

import html
import time

from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QVBoxLayout, QWidget

from groundstation.ui.event_text import Level, LogLine

MAX_LINES = 2000
_COLOURS = {Level.INFO: "#222222", Level.WARNING: "#a35200", Level.ALARM: "#b71c1c"}


class EventLog(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Events", parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(MAX_LINES)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.text)

    def add(self, line: LogLine) -> None:
        stamp = time.strftime("%H:%M:%S")
        weight = "bold" if line.level is Level.ALARM else "normal"
        self.text.appendHtml(f'<span style="color:{_COLOURS[line.level]}; font-weight:{weight}">'
                             f"{stamp}  {html.escape(line.text)}</span>")

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()
