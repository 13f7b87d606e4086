"""Log replay in the status bar: play or pause a .tlog replay link, see where in the log it is, drag to
go to another moment, change the speed. Shown only while a replay link is open (`--link tlog:FILE`).

The bar owns nothing: it shows the replay's state from each snapshot and asks the engine
(`Engine.control_replay`) for every change, through `pending.send`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from groundstation.core.engine import Engine, LinkView
from groundstation.ui import pending
from groundstation.ui.vehicle_text import fill
from groundstation.ui.themes import show_status

SPEEDS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0)
TICKS_PER_S = 10  # the position slider's resolution


def clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) of a position in the log."""
    s = max(0, int(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ReplayBar(QWidget):
    answered = Signal(object)  # the engine's refusal ("" when done), from the engine thread

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.engine = engine
        self.link: LinkView | None = None  # the replay shown
        self.name = QLabel("")
        self.play = QPushButton()
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.position.setMinimumWidth(160)
        self.time = QLabel("")
        self.speed = QComboBox()
        for speed in SPEEDS:
            self.speed.addItem(f"{speed:g}×", speed)
        self.problem = QLabel("")
        show_status(self.problem, "fail")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.name, self.play, self.position, self.time, self.speed, self.problem):
            row.addWidget(widget)
        self.play.clicked.connect(self.toggle)
        self.position.sliderReleased.connect(lambda: self.seek(self.position.value() / TICKS_PER_S))
        self.speed.activated.connect(lambda i: self.set_speed(self.speed.itemData(i)))
        self.answered.connect(lambda error: self.problem.setText(error))
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.position.setToolTip(self.tr("Where the replay is in the log: drag to go to another moment"))
        self.speed.setToolTip(self.tr("Replay speed"))
        self._show()

    # -- what the engine says ------------------------------------------------------------------------
    def show_links(self, links: Sequence[LinkView]) -> None:
        """The first replay link among the snapshot's links, or hidden when there is none."""
        self.link = next((link for link in links if link.replay is not None), None)
        self.setVisible(self.link is not None)
        self._show()

    def _show(self) -> None:
        if self.link is None:
            return
        r = self.link.replay
        self.name.setText(fill(self.tr("Replay %1"), self.link.name.removeprefix("tlog:").rsplit("/", 1)[-1]))
        self.play.setText(self.tr("Play") if r.paused or r.finished else self.tr("Pause"))
        self.position.setMaximum(round(r.duration_s * TICKS_PER_S))
        if not self.position.isSliderDown():
            self.position.setValue(round(r.position_s * TICKS_PER_S))
        self.time.setText(fill(self.tr("%1 of %2"), clock(r.position_s), clock(r.duration_s)))
        if not self.speed.view().isVisible():
            with QSignalBlocker(self.speed):
                self.speed.setCurrentIndex(max(0, self.speed.findData(r.speed)))

    # -- what the pilot does -------------------------------------------------------------------------
    def toggle(self) -> bool:
        """Pause a running replay; play a paused one, from the start once it has ended."""
        r = self.link.replay
        if r.finished:
            return self._ask(seek_s=0.0, paused=False)
        return self._ask(paused=not r.paused)

    def seek(self, position_s: float) -> bool:
        return self._ask(seek_s=position_s)

    def set_speed(self, speed: float) -> bool:
        return self._ask(speed=speed)

    def _ask(self, **change: object) -> bool:
        if self.link is None:
            return False
        name = self.link.name
        return pending.send(self, "answered", lambda: self.engine.control_replay(name, **change),
                            lambda _result, error: error, refused=self.problem.setText,
                            under_way=lambda: self.problem.setText(""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
