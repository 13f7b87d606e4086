"""Teleoperation of ground robots: connect, drive with the keyboard, the big e-stop, and what the
robot says back (speeds, link, battery, e-stop and deadman states); robots on the map.

Keyboard rules, so that no robot is ever left driving:
- driving keys (arrows / WASD) act only while the drive pad has keyboard focus;
- a held key is re-sent at DRIVE_HZ; releasing the last one sends a stop at once;
- losing focus, the window deactivating or the panel hiding stops every robot at once;
- Space (anywhere in the panel) and the e-stop button latch the e-stop until the explicit,
  confirmed release;
- a gamepad (drivers/robot/gamepad.py, SDL2: QtGamepad is not part of Qt 6) is polled at DRIVE_HZ:
  its stick drives only while the window is active and no driving key is held, a centred stick
  or an unplugged pad stops at once, one button latches the e-stop and another asks to release it.

The selected robot's camera (the video URL it announces) is decoded by a VideoFeed on its own thread;
the panel only converts the newest frame at VIDEO_HZ, and only while it is shown.
"""

from __future__ import annotations

import concurrent.futures
import math
import threading
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QKeySequence, QPainter, QPainterPath, QPen, QShortcut
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from drivers.robot.gamepad import GamepadReading, GamepadSource, GamepadUnavailable, SdlGamepad
from drivers.robot.session import SpeedLimits
from drivers.video.feed import BGR8, VideoFeed
from drivers.video.sources import VideoOpenError, VideoSource
from groundstation.core.robots import RobotManager, RobotView
from groundstation.ui import pending
from groundstation.ui.video_panel import VideoView, _qimage
from groundstation.ui.themes import show_status

DRIVE_HZ = 20.0
VIDEO_HZ = 10.0
SPEED_STEPS = 5
DEFAULT_STEP = 2
ROBOT_COLOUR = QColor("#00695c")
LOST = QColor("#9e9e9e")
ALARM = QColor("#c62828")
PICK_RADIUS_PX = 18
_ESTOP_STYLE = ("QPushButton { background: #c62828; color: white; font-size: 18px; font-weight: bold;"
                " border-radius: 8px; padding: 10px; } QPushButton:pressed { background: #8e0000; }")
_LATCHED_STYLE = ("QPushButton { background: #5d0000; color: #ffeb3b; font-size: 18px; font-weight: bold;"
                  " border-radius: 8px; padding: 10px; }")

_FORWARD = {Qt.Key.Key_Up: 1, Qt.Key.Key_W: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_S: -1}
_TURN = {Qt.Key.Key_Left: 1, Qt.Key.Key_A: 1, Qt.Key.Key_Right: -1, Qt.Key.Key_D: -1}  # positive = left

Confirm = Callable[[str, str], bool]


@dataclass(frozen=True)
class RobotOutcome:
    label: str
    error: str  # empty on success
    value: object = None


class DrivePad(QFrame):
    """The one place driving keys are read; it shows what is held."""

    keysChanged = Signal()
    stepChanged = Signal(int)
    focusLost = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(70)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.held: set[int] = set()
        self.step = DEFAULT_STEP
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self._render()

    def input(self) -> tuple[float, float]:
        """Forward and turn fractions from the held keys and the speed step."""
        scale = self.step / SPEED_STEPS
        forward = max(-1, min(1, sum(_FORWARD.get(k, 0) for k in self.held)))
        turn = max(-1, min(1, sum(_TURN.get(k, 0) for k in self.held)))
        return forward * scale, turn * scale

    def release_all(self) -> None:
        if self.held:
            self.held.clear()
            self.keysChanged.emit()
        self._render()

    def set_step(self, step: int) -> None:
        self.step = max(1, min(SPEED_STEPS, step))
        self.stepChanged.emit(self.step)
        self._render()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _FORWARD or key in _TURN:
            if not event.isAutoRepeat() and key not in self.held:
                self.held.add(key)
                self.keysChanged.emit()
                self._render()
            return
        steps = {Qt.Key.Key_Plus: self.step + 1, Qt.Key.Key_Equal: self.step + 1, Qt.Key.Key_Minus: self.step - 1}
        steps.update({getattr(Qt.Key, f"Key_{n}"): n for n in range(1, SPEED_STEPS + 1)})
        if key in steps:
            self.set_step(steps[key])
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in self.held and not event.isAutoRepeat():
            self.held.discard(key)
            self.keysChanged.emit()
            self._render()
            return
        super().keyReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._render()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.held.clear()
        self.focusLost.emit()
        self._render()
        super().focusOutEvent(event)

    def mousePressEvent(self, event) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    def _render(self) -> None:
        step = self.tr("speed step {0}/{1} ({2:.0%})").format(self.step, SPEED_STEPS, self.step / SPEED_STEPS)
        if self.hasFocus():
            self.setStyleSheet("DrivePad { background: #e8f5e9; border: 2px solid #2e7d32; }")
            text = self.tr("DRIVING KEYS ACTIVE: arrows / WASD · 1-5, +/- {0} · Space E-STOP").format(step)
        else:
            self.setStyleSheet("DrivePad { background: #eeeeee; border: 2px dashed #9e9e9e; }")
            text = self.tr("Click here to drive with the keyboard ({0})").format(step)
        self.label.setText(text)


class RobotPanel(QGroupBox):
    robotSelected = Signal(str)
    outcomeReady = Signal(object)  # RobotOutcome, emitted from the engine thread

    def __init__(self, manager: RobotManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self.confirm: Confirm | None = None  # None: ask in a message box
        self.selected_id: str | None = None
        self.outcomes: list[RobotOutcome] = []
        self._views: tuple[RobotView, ...] = ()
        self._driving = False  # the last thing sent was a drive, not a stop
        self.gamepad: GamepadSource | None = None
        self._gamepad_driving = False  # the stick, not the keys, sent the last drive
        self._gamepad_estop_down = False
        self._gamepad_armed = False  # the stick has been centred since the last stop, unplug or e-stop
        self._last_reading: GamepadReading | None = None
        self._asking = False  # a confirmation is open: the gamepad neither drives nor asks again
        self.video_feed: VideoFeed | None = None  # the selected robot's camera, while the panel shows
        self._video_url = ""  # the address the panel follows now ("" for none)
        self._video_problem: str | None = None  # why that address cannot be opened
        self.video_seq = -1  # the frame on screen

        self.robots = QComboBox()
        self.robots.activated.connect(lambda i: self.select(self.robots.itemData(i)))
        self.url = QLineEdit()
        self.robot_key = QLineEdit()
        self.station_key = QLineEdit()
        self.connect_button = QPushButton()
        self.disconnect_button = QPushButton()
        self.connect_button.clicked.connect(self.connect_robot)
        self.disconnect_button.clicked.connect(self.disconnect_robot)
        self.linear_limit = _spin(0.05, 5.0, SpeedLimits().linear, " m/s")
        self.angular_limit = _spin(0.05, 5.0, SpeedLimits().angular, " rad/s")
        self.set_limits_button = QPushButton()
        self.set_limits_button.clicked.connect(self.apply_limits)

        self.pad = DrivePad()
        self.estop = QPushButton()
        self.estop.setMinimumHeight(64)
        self.estop.setStyleSheet(_ESTOP_STYLE)
        self.estop.clicked.connect(self.engage_estop)
        self.release = QPushButton()
        self.release.clicked.connect(self.release_estop)
        self.space = QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.engage_estop,
                               context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.speed = _gauge()
        self.turn = _gauge()
        self.values = {name: QLabel("—") for name in
                       ("link", "battery", "estop", "deadman", "input", "gamepad", "event", "video")}
        for label in self.values.values():
            label.setWordWrap(True)
        self.names = {name: QLabel() for name in ("robot", "limits", "speed", "turn", *self.values)}
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.video = VideoView()
        self.video.setMinimumSize(160, 90)
        self._build_layout()
        self.retranslate()

        self.pad.keysChanged.connect(self._keys_changed)
        self.pad.focusLost.connect(self.stop_all)
        self.outcomeReady.connect(self._outcome)
        self.timer = QTimer(self)  # held keys are re-sent: the station's deadman needs fresh input
        self.timer.setInterval(int(1000 / DRIVE_HZ))
        self.timer.timeout.connect(self._send_input)
        self.timer.timeout.connect(self._poll_gamepad)
        self.timer.start()
        self.video_timer = QTimer(self)
        self.video_timer.setInterval(int(1000 / VIDEO_HZ))
        self.video_timer.timeout.connect(self.refresh_video)
        self.video_timer.start()
        self.show_robots(())

    def retranslate(self) -> None:
        self.url.setPlaceholderText(self.tr("serial:/dev/ttyUSB0:115200 or zmq:tcp://HOST:PORT"))
        self.robot_key.setPlaceholderText(self.tr("robot public key (.key), CURVE only"))
        self.station_key.setPlaceholderText(self.tr("station secret key (.key_secret), CURVE only"))
        self.connect_button.setText(self.tr("Connect"))
        self.disconnect_button.setText(self.tr("Disconnect"))
        self.set_limits_button.setText(self.tr("Set limits"))
        self.estop.setText(self.tr("EMERGENCY STOP"))  # until _render says it is latched
        self.estop.setToolTip(self.tr("Stops the selected robot and latches until released (Space)"))
        self.release.setText(self.tr("Release e-stop…"))
        names = {"robot": self.tr("Robot:"), "limits": self.tr("Limits:"), "speed": self.tr("Speed"),
                 "turn": self.tr("Turn"), "link": self.tr("Link:"), "battery": self.tr("Battery:"),
                 "estop": self.tr("E-stop:"), "deadman": self.tr("Deadman:"), "input": self.tr("Input:"),
                 "gamepad": self.tr("Gamepad:"),
                 "event": self.tr("Last event:"), "video": self.tr("Video:")}
        for key, label in self.names.items():
            label.setText(names[key])

    def _build_layout(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.names["robot"], 0, 0)
        grid.addWidget(self.robots, 0, 1, 1, 3)
        grid.addWidget(self.url, 1, 0, 1, 2)
        grid.addWidget(self.connect_button, 1, 2)
        grid.addWidget(self.disconnect_button, 1, 3)
        grid.addWidget(self.robot_key, 2, 0, 1, 2)
        grid.addWidget(self.station_key, 2, 2, 1, 2)
        grid.addWidget(self.names["limits"], 3, 0)
        grid.addWidget(self.linear_limit, 3, 1)
        grid.addWidget(self.angular_limit, 3, 2)
        grid.addWidget(self.set_limits_button, 3, 3)

        gauges = QGridLayout()
        gauges.addWidget(self.names["speed"], 0, 0)
        gauges.addWidget(self.speed, 0, 1)
        gauges.addWidget(self.names["turn"], 1, 0)
        gauges.addWidget(self.turn, 1, 1)
        for row, (key, label) in enumerate(self.values.items(), start=2):
            gauges.addWidget(self.names[key], row, 0)
            gauges.addWidget(label, row, 1)

        stop_row = QHBoxLayout()
        stop_row.addWidget(self.estop, 3)
        stop_row.addWidget(self.release, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.pad)
        layout.addLayout(stop_row)
        layout.addLayout(gauges)
        layout.addWidget(self.status)
        layout.addWidget(self.video, 1)

    # -- rendering ----------------------------------------------------------------------------
    def show_robots(self, views: tuple[RobotView, ...]) -> None:
        self._views = views
        ids = [v.id for v in views]
        if [self.robots.itemData(i) for i in range(self.robots.count())] != ids or any(
                self.robots.itemText(i) != _title(v) for i, v in enumerate(views)):
            self.robots.blockSignals(True)
            self.robots.clear()
            for v in views:
                self.robots.addItem(_title(v), v.id)
            self.robots.blockSignals(False)
        if self.selected_id not in ids:
            self.selected_id = ids[0] if ids else None
        if self.selected_id is not None:
            self.robots.setCurrentIndex(ids.index(self.selected_id))
        self._render(self.view)

    @property
    def view(self) -> RobotView | None:
        return next((v for v in self._views if v.id == self.selected_id), None)

    def select(self, robot_id: str) -> None:
        if robot_id == self.selected_id:
            return
        self.stop_all()  # keys held for one robot must never drive the next
        self.selected_id = robot_id
        self._render(self.view)
        self.robotSelected.emit(robot_id)

    def _render(self, v: RobotView | None) -> None:
        self._show_gamepad(self._last_reading)
        present = v is not None
        for widget in (self.pad, self.estop, self.release, self.disconnect_button):
            widget.setEnabled(present)
        mavlink = present and v.kind == "mavlink"
        for widget in (self.linear_limit, self.angular_limit, self.set_limits_button):
            widget.setEnabled(present and not mavlink)
        if not present:
            for key, label in self.values.items():
                if key != "gamepad":
                    label.setText("—")
            _set_gauge(self.speed, 0.0, 1.0, "—")
            _set_gauge(self.turn, 0.0, 1.0, "—")
            return
        linear_max = v.limits.linear if v.limits else 1.0
        angular_max = v.limits.angular if v.limits else 1.0
        _set_gauge(self.speed, v.speed, linear_max,
                   self.tr("{0:+.2f} m/s (asked {1:+.0%})").format(v.speed if math.isfinite(v.speed) else 0.0,
                                                             v.commanded[0]))
        turn = self.tr("{0:+.2f} rad/s").format(v.turn_rate) if math.isfinite(v.turn_rate) else "—"
        _set_gauge(self.turn, v.turn_rate if math.isfinite(v.turn_rate) else 0.0, angular_max,
                   self.tr("{0} (asked {1:+.0%})").format(turn, v.commanded[1]))
        link = v.link + (self.tr(", quality {0:.0%}").format(v.link_quality) if v.alive else self.tr(", NOT HEARD"))
        self._set("link", link + (f" — {v.link_error}" if v.link_error and v.link != "open" else ""), ok=v.alive)
        battery = "—" if v.battery_pct is None else f"{v.battery_pct} %" + (
            f"  {v.battery_v:.1f} V" if math.isfinite(v.battery_v) else "")
        self._set("battery", battery, ok=v.battery_pct is None or v.battery_pct > 20)
        if v.estop_latched:
            estop = self.tr("LATCHED by this station") + (self.tr(", robot confirms") if v.estop_confirmed else
                                                     self.tr(", waiting for the robot"))
        elif v.release_pending:
            estop = self.tr("releasing…")
        elif v.estop_confirmed:
            estop = self.tr("ENGAGED on the robot")
        else:
            estop = self.tr("off")
        self._set("estop", estop, ok=not (v.estop_latched or v.estop_confirmed))
        latched = v.estop_latched or v.estop_confirmed
        self.estop.setText(self.tr("E-STOP LATCHED") if latched else self.tr("EMERGENCY STOP"))
        self.estop.setStyleSheet(_LATCHED_STYLE if latched else _ESTOP_STYLE)
        self.release.setEnabled(latched or v.release_pending)
        self._set("deadman", self.tr("ROBOT STOPPED ITSELF: its commands stopped arriving") if v.deadman_alarm
                  else self.tr("engaged, waiting for a driver") if v.deadman
                  else self.tr("armed (stops by itself if commands stop)") if v.kind == "robot"
                  else self.tr("station side only (neutral sticks when input stops)"), ok=not v.deadman_alarm)
        self._set("input", self.tr("no fresh input: sending stop") if v.input_stale else self.tr("driving"), ok=True)
        self._set("event", v.last_event or "—", ok=True)
        self._show_video_state()

    # -- the robot's camera --------------------------------------------------------------------
    def refresh_video(self) -> None:
        """One tick: follow the selected robot's camera and convert its newest frame if it is new."""
        v = self.view
        url = v.video_url if v is not None and self.in_sight else ""
        if url != self._video_url:
            self._follow_video(url)
        if self.video_feed is not None:
            frame = self.video_feed.latest()
            if frame is not None and frame.seq != self.video_seq:
                self.video_seq = frame.seq
                self.video.show_frame(_qimage(frame.image), [], None)
        if v is not None:
            self._show_video_state()

    def _follow_video(self, url: str) -> None:
        self._close_video()
        self._video_url = url
        if not url:
            return
        source = VideoSource(url)
        try:
            _ = source.kind  # the scheme check: an address FFmpeg never opens is refused here, clearly
        except VideoOpenError as e:
            self._video_problem = str(e)
            return
        self.video_feed = VideoFeed(source, expect=BGR8).start()

    def _close_video(self) -> None:
        """Stop the feed without waiting for its thread here (it may sit in a read)."""
        if self.video_feed is not None:
            threading.Thread(target=self.video_feed.stop, name="robot video stop", daemon=True).start()
            self.video_feed = None
        self._video_url, self._video_problem, self.video_seq = "", None, -1
        self.video.show_frame(None, [], None)

    def _show_video_state(self) -> None:
        v = self.view
        if v is None or not v.video_url:
            self._set("video", self.tr("none announced"), ok=True)
        elif self._video_problem is not None:
            self._set("video", self.tr("cannot open {0}: {1}").format(v.video_url, self._video_problem), ok=False)
        elif self.video_feed is None or self.video_feed.source.uri != v.video_url:
            self._set("video", v.video_url, ok=True)  # opened on the next tick, while the panel shows
        else:
            status = self.video_feed.status()
            states = {"connecting": self.tr("connecting"), "live": self.tr("live"),
                      "reconnecting": self.tr("reconnecting"), "ended": self.tr("ended"),
                      "stopped": self.tr("stopped")}
            text = self.tr("{0}: {1}, {2} frames").format(v.video_url, states[status.state], status.frames)
            if status.last_error:
                text += f" — {status.last_error}"
            self._set("video", text, ok=status.last_error is None)

    def _set(self, key: str, text: str, ok: bool) -> None:
        self.values[key].setText(text)
        show_status(self.values[key], "" if ok else "fail")

    # -- driving ------------------------------------------------------------------------------
    def _keys_changed(self) -> None:
        if not self.pad.held:
            self._stop(self.selected_id)
        else:
            self._send_input()

    def _send_input(self) -> None:
        if not self.pad.held or not self.pad.hasFocus() or self.selected_id is None:
            return
        forward, turn = self.pad.input()
        try:
            self.manager.drive(self.selected_id, forward, turn)
            self._driving = True
        except (ValueError, RuntimeError) as e:  # robot gone, manager stopped: say so and stop trying
            self.pad.release_all()
            self._say(self.tr("drive: {0}").format(e), ok=False)

    # -- the gamepad ----------------------------------------------------------------------------
    def use_gamepad(self, source: GamepadSource | None) -> None:
        """Poll `source` at DRIVE_HZ from now on (None: no gamepad, keyboard only)."""
        self.stop_all()
        self.gamepad = source
        self._last_reading = None
        self._gamepad_estop_down = False
        self._show_gamepad(None)

    def use_sdl_gamepad(self) -> str | None:
        """Read gamepads through SDL from now on (one plugged in later is found too); where this
        machine cannot (no pygame), the reason, and the keyboard stays the only input."""
        try:
            self.use_gamepad(SdlGamepad())
        except GamepadUnavailable as e:
            return str(e)
        return None

    def _poll_gamepad(self) -> None:
        if self.gamepad is None or self._asking:
            return
        reading = self._last_reading = self.gamepad.poll()
        self._show_gamepad(reading)
        if reading is None:  # unplugged
            self._gamepad_estop_down = self._gamepad_armed = False
            self._stop_gamepad()
            return
        if reading.estop and not self._gamepad_estop_down:
            self.engage_estop()
        self._gamepad_estop_down = reading.estop
        if reading.release:
            self.release_estop()
            return
        if self.pad.held:  # the driving keys own the robot now
            self._gamepad_driving = False
            return
        active = self.in_sight and self.window().isActiveWindow() and self.selected_id is not None
        if reading.centred:
            self._gamepad_armed = True
        if not self._gamepad_armed or reading.centred or reading.estop or not active:
            self._stop_gamepad()  # a stick held through a stop, a robot switch or a re-plug waits for centre
            return
        try:
            self.manager.drive(self.selected_id, reading.forward, reading.turn)
            self._driving = self._gamepad_driving = True
        except (ValueError, RuntimeError) as e:
            self._gamepad_driving = False
            self._say(self.tr("drive: {0}").format(e), ok=False)

    def _stop_gamepad(self) -> None:
        """The stick let go, the pad unplugged, the window in the background: one stop, not one per poll."""
        if self._gamepad_driving:
            self._stop(self.selected_id)

    def _show_gamepad(self, reading: GamepadReading | None) -> None:
        if reading is None:
            self._set("gamepad", self.tr("no gamepad"), ok=True)
        else:
            self._set("gamepad", self.tr("{0}: forward {1:+.0%}, turn {2:+.0%}")
                      .format(reading.name, reading.forward, reading.turn), ok=True)

    def stop_all(self) -> None:
        """Every robot stops now: the pad lost focus, the window went to the background, a robot
        was switched, the panel hid."""
        self.pad.release_all()
        self._gamepad_armed = False
        self._stop(None)

    def _stop(self, robot_id: str | None) -> None:
        try:
            self.manager.stop_driving(robot_id)
        except RuntimeError:
            pass  # the manager has stopped: it stopped every robot on its way out
        self._driving = self._gamepad_driving = False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.stop_all()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._render(self.view)
        super().changeEvent(event)

    @property
    def in_sight(self) -> bool:
        """Shown, and not behind another tab (Qt keeps a dock behind a tab "visible", moved off the window)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def out_of_sight(self) -> None:
        """Its dock went behind another tab: as when the panel hides, every robot stops and the keys drive no more."""
        self.pad.clearFocus()
        self.stop_all()

    def hideEvent(self, event) -> None:
        self.stop_all()
        self._close_video()  # nobody sees it: no decoding; it reopens when the panel shows again
        super().hideEvent(event)

    # -- commands -----------------------------------------------------------------------------
    def engage_estop(self) -> bool:
        robot_id = self.selected_id
        if robot_id is None:
            return False
        self.pad.release_all()
        self._gamepad_armed = False
        return self._submit(self.tr("e-stop"), lambda: self.manager.engage_estop(robot_id))

    def release_estop(self) -> bool:
        robot_id = self.selected_id
        if robot_id is None:
            return False
        name = self.view.name if self.view else robot_id
        self._asking = True  # the question runs its own event loop, and the gamepad's timer with it
        try:
            release = (self.confirm or self._ask)(
                self.tr("Release e-stop"),
                self.tr("Release the e-stop of {0}? It stays still until driven again.").format(name))
        finally:
            self._asking = False
        if not release:
            return False
        return self._submit(self.tr("release e-stop"), lambda: self.manager.release_estop(robot_id))

    def connect_robot(self) -> bool:
        url = self.url.text().strip()
        if not url:
            self._say(self.tr("connect: give the robot's address first"), ok=False)
            return False
        robot_key = self.robot_key.text().strip() or None
        station_key = self.station_key.text().strip() or None
        limits = SpeedLimits(self.linear_limit.value(), self.angular_limit.value())
        return self._submit(self.tr("connect"), lambda: self.manager.connect(url, limits, robot_key, station_key))

    def disconnect_robot(self) -> bool:
        robot_id = self.selected_id
        if robot_id is None:
            return False
        self.stop_all()
        return self._submit(self.tr("disconnect"), lambda: self.manager.disconnect(robot_id))

    def apply_limits(self) -> bool:
        robot_id = self.selected_id
        if robot_id is None:
            return False
        limits = SpeedLimits(self.linear_limit.value(), self.angular_limit.value())
        return self._submit(self.tr("speed limits"), lambda: self.manager.set_limits(robot_id, limits))

    def _submit(self, label: str, submit: Callable[[], concurrent.futures.Future]) -> bool:
        return pending.send(self, "outcomeReady", submit, lambda value, error: RobotOutcome(label, error, value),
                            refused=lambda why: self._say(f"{label}: {why}", ok=False),
                            under_way=lambda: self._say(self.tr("{0}: sent…").format(label), ok=True))

    def _outcome(self, outcome: RobotOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.error:
            self._say(self.tr("{0} FAILED: {1}").format(outcome.label, outcome.error), ok=False)
            return
        self._say(self.tr("{0}: done").format(outcome.label), ok=True)
        if outcome.label == self.tr("connect") and isinstance(outcome.value, str):
            self.selected_id = outcome.value
            self.url.clear()

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        show_status(self.status, "ok" if ok else "fail")

    def _ask(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def _title(v: RobotView) -> str:
    return v.name if v.name == v.id else f"{v.name} ({v.id})"


def _spin(low: float, high: float, value: float, suffix: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(2)
    spin.setSingleStep(0.1)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _gauge() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 100)
    bar.setTextVisible(True)
    return bar


def _set_gauge(bar: QProgressBar, value: float, full: float, text: str) -> None:
    bar.setValue(round(min(1.0, abs(value) / full) * 100) if math.isfinite(value) and full > 0 else 0)
    bar.setFormat(text)


class RobotsLayer:
    """Robots on the map: a tracked body turned to the robot's heading, grey when not heard, a red
    ring while its e-stop holds; the name beside it. A click selects."""

    def __init__(self, on_click: Callable[[str], None]) -> None:
        self.on_click = on_click
        self.robots: tuple[RobotView, ...] = ()
        self.selected_id: str | None = None

    def show(self, views: tuple[RobotView, ...], selected_id: str | None) -> None:
        self.robots = tuple(v for v in views if v.has_position and v.kind == "robot")  # MAVLink ones are drawn as vehicles
        self.selected_id = selected_id

    def label(self, v: RobotView) -> tuple[str, bool]:
        """The text beside the robot, and whether it is an alarm (a deadman only when it stopped a drive)."""
        flags = [t for t, on in ((QCoreApplication.translate("RobotsLayer", "E-STOP"),
                                  v.estop_latched or v.estop_confirmed),
                                 (QCoreApplication.translate("RobotsLayer", "DEADMAN STOP"), v.deadman_alarm),
                                 (QCoreApplication.translate("RobotsLayer", "NOT HEARD"), not v.alive)) if on]
        return "  ".join([v.name, *flags]), not v.alive or v.estop_latched or v.deadman_alarm

    def paint(self, painter: QPainter, view) -> None:
        for v in self.robots:
            pt = view.screen_point(v.lat, v.lon)
            if pt is None:
                return
            colour = ROBOT_COLOUR if v.alive else LOST
            if v.estop_latched or v.estop_confirmed:
                painter.setPen(QPen(ALARM, 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(pt, 17, 17)
            painter.save()
            painter.translate(pt)
            painter.rotate(0.0 if math.isnan(v.heading_deg) else v.heading_deg)
            body = QPainterPath()
            body.addRoundedRect(QRectF(-8, -10, 16, 20), 3, 3)
            nose = QPainterPath()
            nose.moveTo(0, -15)
            nose.lineTo(6, -8)
            nose.lineTo(-6, -8)
            nose.closeSubpath()
            selected = v.id == self.selected_id
            painter.setPen(QPen(QColor("#ffc400") if selected else QColor("white"), 3 if selected else 2))
            painter.setBrush(colour)
            painter.drawPath(body.united(nose))
            painter.restore()
            text, alarm = self.label(v)
            painter.setFont(_bold(9))
            painter.setPen(ALARM if alarm else colour)
            painter.drawText(pt + QPointF(16, 4), text)

    def click(self, view, pos: QPointF) -> bool:
        for v in self.robots:
            pt = view.screen_point(v.lat, v.lon)
            if pt is not None and math.hypot(pt.x() - pos.x(), pt.y() - pos.y()) <= PICK_RADIUS_PX:
                self.on_click(v.id)
                return True
        return False


def _bold(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(True)
    return font
