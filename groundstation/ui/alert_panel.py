"""Alerts the pilot must acknowledge: battery low, link lost, geofence, failsafe, new finding.

Each waiting alert is a red row above the map with its own Acknowledge button; the station sounds
its alert tone (alarm.py) when one is raised and again every few seconds while any waits, so an
alert raised while the pilot looked away is neither missed nor silently dropped.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from groundstation.ui.alarm import Alarm
from groundstation.ui.alert_rules import Alert, AlertKind, AlertWatch
from groundstation.ui.vehicle_text import fill

REMIND_MS = 5000  # a waiting alert beeps again this often
MAX_ROWS = 4      # more than this are summed up in the last row, so the map keeps its room
_STYLE = ("QFrame#alert { background: #b71c1c; border-radius: 3px; } "
          "QFrame#alert QLabel { color: white; font-weight: bold; }")


class AlertPanel(QWidget):
    acknowledged = Signal(object)  # the Alert

    def __init__(self, watch: AlertWatch | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.watch = watch or AlertWatch()
        self.beeps = 0  # how many times the station sounded an alert (tests read it)
        self.sound = True
        self.alarm = Alarm()
        self._rows = QVBoxLayout(self)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(2)
        self.setStyleSheet(_STYLE)
        self._remind = QTimer(self)
        self._remind.setInterval(REMIND_MS)
        self._remind.timeout.connect(self._beep)
        self.buttons: dict[tuple[AlertKind, str], QPushButton] = {}
        self.setVisible(False)

    def raised(self, alerts: list[Alert]) -> None:
        """Show alerts the watch has just raised, and sound them."""
        if alerts:
            self._rebuild()
            self._beep()
            self._remind.start()

    def acknowledge(self, key: tuple[AlertKind, str]) -> None:
        alert = self.watch.waiting.get(key)
        self.watch.acknowledge(key)
        if alert is not None:
            self.acknowledged.emit(alert)
        self._rebuild()

    def acknowledge_all(self) -> None:
        for key in list(self.watch.waiting):
            self.acknowledge(key)

    def describe(self, alert: Alert) -> str:
        sid = alert.subject
        match alert.kind:
            case AlertKind.BATTERY_LOW:
                return fill(self.tr("Vehicle %1: battery low (%2 %)"), sid, alert.detail)
            case AlertKind.LINK_LOST:
                return fill(self.tr("Vehicle %1: link lost"), sid)
            case AlertKind.GEOFENCE:
                return fill(self.tr("Vehicle %1: geofence breach: %2"), sid, alert.detail)
            case AlertKind.FAILSAFE:
                return fill(self.tr("Vehicle %1: failsafe: %2"), sid, alert.detail)
            case AlertKind.NEW_FINDING:
                kinds = {"person": self.tr("person"), "hotspot": self.tr("hotspot"), "other": self.tr("other")}
                return fill(self.tr("New finding: %1"), kinds.get(alert.detail, alert.detail))
        return alert.kind.value

    def texts(self) -> list[str]:
        """What the panel shows now, one line per waiting alert."""
        return [self.describe(a) for a in self.watch.waiting.values()]

    def _rebuild(self) -> None:
        while (item := self._rows.takeAt(0)) is not None:
            if item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        waiting = list(self.watch.waiting.values())
        for alert in waiting[:MAX_ROWS]:
            self._rows.addWidget(self._row(self.describe(alert), lambda _=False, k=alert.key: self.acknowledge(k),
                                           alert.key))
        if len(waiting) > MAX_ROWS:
            more = fill(self.tr("%1 more alerts"), len(waiting) - MAX_ROWS)
            self._rows.addWidget(self._row(more, lambda _=False: self.acknowledge_all(), None, self.tr("Acknowledge all")))
        self.setVisible(bool(waiting))
        if not waiting:
            self._remind.stop()

    def _row(self, text: str, on_click, key, button_text: str | None = None) -> QFrame:
        row = QFrame()
        row.setObjectName("alert")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(8, 2, 4, 2)
        label = QLabel(text)
        label.setWordWrap(True)
        button = QPushButton(button_text or self.tr("Acknowledge"))
        button.clicked.connect(on_click)
        layout.addWidget(label, 1)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        if key is not None:
            self.buttons[key] = button
        return row

    def _beep(self) -> None:
        if self.watch.waiting:
            self.beeps += 1
            if self.sound and not self.alarm.play():
                QApplication.beep()  # no audio device: the system's beep, if it has one

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.watch.waiting:
            self._rebuild()
        super().changeEvent(event)
