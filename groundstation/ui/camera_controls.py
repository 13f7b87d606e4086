"""The selected vehicle's camera and gimbal under the video: take a photo, record, point the gimbal,
keep the camera on a map point and let go of it; what the vehicle's cameras say they are and stream."""

from __future__ import annotations

import concurrent.futures
import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractSlider, QGridLayout, QLabel, QPushButton, QSlider, QWidget

from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.ui import pending
from groundstation.ui.failure_text import said
from groundstation.ui.vehicle_text import fill
from groundstation.ui.themes import show_status

PITCH_RANGE_DEG = (-90, 30)  # what the gimbal manager accepts (drivers/mavlink/gimbal.py)
YAW_RANGE_DEG = (-180, 180)
KEY_SETTLE_MS = 400  # arrow or page keys: sent once the pilot pauses, not once per key press
FOLLOW_AFTER_S = 3.0  # the sliders follow the gimbal again this long after the pilot last moved them


class CameraControls(QWidget):
    """The selected vehicle's camera and gimbal: take a photo, record, point the gimbal (sent when the
    slider is let go, or a moment after a key moved it), keep it on a map point, let go of that point.
    Shows what the snapshot says; the sliders follow the gimbal's reported attitude when left alone."""

    commandFinished = Signal(object)  # (vehicle, action's name, error or ""), from the engine thread

    def __init__(self, engine: Engine, selected: Callable[[], int | None]) -> None:
        super().__init__()
        self.engine, self.selected = engine, selected
        self.recording = False  # what the selected vehicle's camera says
        self.photo = QPushButton()
        self.record = QPushButton()
        self.clear_roi = QPushButton()
        self.pitch = QSlider(Qt.Orientation.Horizontal)
        self.pitch.setRange(*PITCH_RANGE_DEG)
        self.yaw = QSlider(Qt.Orientation.Horizontal)
        self.yaw.setRange(*YAW_RANGE_DEG)
        self.pitch_label, self.yaw_label = QLabel(), QLabel()
        self.camera_info = QLabel("")
        self.camera_info.setWordWrap(True)
        self.attitude = QLabel("")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self._touched_at = -math.inf  # when the pilot last moved a slider (monotonic s)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(KEY_SETTLE_MS)
        self._settle.timeout.connect(self.point)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.photo, 0, 0)
        grid.addWidget(self.record, 0, 1)
        grid.addWidget(self.clear_roi, 0, 2)
        grid.addWidget(self.pitch_label, 1, 0)
        grid.addWidget(self.pitch, 1, 1, 1, 2)
        grid.addWidget(self.yaw_label, 2, 0)
        grid.addWidget(self.yaw, 2, 1, 1, 2)
        grid.addWidget(self.camera_info, 3, 0, 1, 3)
        grid.addWidget(self.attitude, 4, 0, 1, 3)
        grid.addWidget(self.status, 5, 0, 1, 3)
        self.retranslate()

        self.photo.clicked.connect(self.take_photo)
        self.record.clicked.connect(self.toggle_recording)
        self.clear_roi.clicked.connect(self.let_go)
        for slider in (self.pitch, self.yaw):
            slider.sliderReleased.connect(self.point)
            slider.actionTriggered.connect(self._moved_by_pilot)
        self.pitch.valueChanged.connect(lambda _v: self._name_sliders())
        self.yaw.valueChanged.connect(lambda _v: self._name_sliders())
        self.commandFinished.connect(self._finished)

    def retranslate(self) -> None:
        self.photo.setText(self.tr("Take photo"))
        self.record.setText(self.tr("Stop recording") if self.recording else self.tr("Start recording"))
        self.clear_roi.setText(self.tr("Clear ROI"))
        self.clear_roi.setToolTip(self.tr("Stop keeping the camera on a map point"))
        self._name_sliders()

    def _name_sliders(self) -> None:
        self.pitch_label.setText(fill(self.tr("Pitch %1°"), self.pitch.value()))
        self.yaw_label.setText(fill(self.tr("Yaw %1°"), self.yaw.value()))

    def look_at_text(self) -> str:
        """The map's context-menu entry."""
        return self.tr("Point camera here")

    # -- what the pilot does -------------------------------------------------------------------------
    def take_photo(self) -> bool:
        return self._send("photo", lambda sid: self.engine.take_photo(sid))

    def toggle_recording(self) -> bool:
        if self.recording:
            return self._send("stop", lambda sid: self.engine.stop_video(sid))
        return self._send("record", lambda sid: self.engine.start_video(sid))

    def _moved_by_pilot(self, action: int) -> None:
        """A drag, click or key on a slider (never a value set by the snapshot): a drag is sent when let go,
        anything else once the keys settle."""
        self._touched_at = time.monotonic()
        if action != QAbstractSlider.SliderAction.SliderMove.value:
            self._settle.start()

    def point(self) -> bool:
        self._settle.stop()
        self._touched_at = time.monotonic()
        pitch, yaw = float(self.pitch.value()), float(self.yaw.value())
        return self._send("point", lambda sid: self.engine.point_gimbal(sid, pitch, yaw))

    def look_at(self, lat: float, lon: float) -> bool:
        return self._send("look", lambda sid: self.engine.gimbal_look_at(sid, lat, lon))

    def let_go(self) -> bool:
        return self._send("clear", lambda sid: self.engine.gimbal_clear_roi(sid))

    def _send(self, action: str, send: Callable[[int], concurrent.futures.Future]) -> bool:
        sid = self.selected()
        if sid is None:
            self._say(self.tr("No vehicle selected"), ok=False)
            return False
        name = self._action_name(action)
        return pending.send(
            self, "commandFinished", lambda: send(sid), lambda _result, error: (sid, name, error),
            refused=lambda why: self._say(fill(self.tr("vehicle %1: %2 not sent: %3"), sid, name, why), ok=False),
            under_way=lambda: self._say(fill(self.tr("vehicle %1: %2…"), sid, name), ok=True), why=said)

    def _finished(self, outcome: tuple[int, str, str]) -> None:
        sid, name, error = outcome
        if error:
            self._say(fill(self.tr("vehicle %1: %2 FAILED: %3"), sid, name, error), ok=False)
        else:
            self._say(fill(self.tr("vehicle %1: %2 done"), sid, name), ok=True)

    def _action_name(self, action: str) -> str:
        return {"photo": self.tr("photo"), "record": self.tr("start recording"), "stop": self.tr("stop recording"),
                "point": self.tr("gimbal pointing"), "look": self.tr("look at"),
                "clear": self.tr("clear ROI")}[action]

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        show_status(self.status, "" if ok else "fail")

    # -- what the vehicle says -----------------------------------------------------------------------
    def show_snapshot(self, snapshot: FleetSnapshot) -> None:
        sid = self.selected()
        view = snapshot.vehicles.get(sid) if sid is not None else None
        if view is None:
            self.camera_info.setText(self.tr("No vehicle selected"))
            self.attitude.setText("")
            self.recording = False
            self.retranslate()
            return
        state = view.state
        cameras = [state.cameras[c] for c in sorted(state.cameras)]
        lines = []
        for cam in cameras:
            name = " ".join(part for part in (cam.vendor, cam.model) if part) or fill(self.tr("camera %1"),
                                                                                     cam.component_id)
            streams = ", ".join(fill(self.tr("%1 (thermal): %2") if s.thermal else "%1: %2", s.name or s.stream_id,
                                     s.uri) for s in cam.streams)
            line = fill(self.tr("%1, %2 photo(s)"), name, cam.photos_taken)
            lines.append(f"{line} — {streams}" if streams else line)
        self.camera_info.setText("\n".join(lines) or fill(self.tr("Vehicle %1 has shown no camera."), sid))
        self.recording = any(cam.recording for cam in cameras)
        if math.isnan(state.gimbal_pitch_deg):
            self.attitude.setText(self.tr("No gimbal attitude reported."))
        else:
            self._follow(state.gimbal_pitch_deg, state.gimbal_yaw_deg)
            self.attitude.setText(fill(self.tr("Gimbal: pitch %1°, yaw %2°"), f"{state.gimbal_pitch_deg:.0f}",
                                       f"{state.gimbal_yaw_deg:.0f}"))
        self.retranslate()

    def _follow(self, pitch_deg: float, yaw_deg: float) -> None:
        """The sliders show where the gimbal points (after a look-at, a mission, another station), unless
        the pilot is moving them or has just done so."""
        if self.pitch.isSliderDown() or self.yaw.isSliderDown() or self._settle.isActive() \
                or time.monotonic() - self._touched_at < FOLLOW_AFTER_S:
            return
        self.pitch.setValue(round(pitch_deg))
        if math.isfinite(yaw_deg):
            self.yaw.setValue(round((yaw_deg + 180.0) % 360.0 - 180.0))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
