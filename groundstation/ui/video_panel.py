"""Video in the window: the selected vehicle's thermal camera in fixed palettes with a legend, the
temperature under the cursor, the detectors' boxes; or any H.264 / H.265 stream from a URL typed in, with
the boxes of the detector the pilot chose for it. A typed-in stream can be bound to a vehicle ("camera
of vehicle N"): the engine then places what is detected in it with that vehicle's pose and gimbal, and
the status line says when frames cannot be placed, and why. Under the video, the selected vehicle's
camera and gimbal (camera_controls.py).

Nothing is decoded or detected here. Radiometric frames arrive already in deg C from the detection
worker (`DetectionService.latest_frame`); a typed-in stream is decoded and detected on by the engine's
`StreamDetection` threads. The panel only turns the newest frame into colours on its own timer, and
only when something changed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from drivers.video.palettes import PALETTES, colourize, legend, temperature_at
from drivers.video.thermal import TemperatureSpan
from groundstation.core.detection import LatestFrame
from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.core.findings import FindingKind
from groundstation.core.stream_detection import (
    NO_DETECTION, NO_FOV, NO_GIMBAL, NO_POSE, NOT_PLACED, RGB_PERSON, THERMAL_HOTSPOT, THERMAL_PERSON,
    StreamDetectionError, StreamStatus)
from groundstation.ui.camera_controls import CameraControls
from groundstation.ui.findings_panel import kind_text
from groundstation.ui.vehicle_text import fill
from groundstation.ui.themes import show_status
from vision.records import Detection

REFRESH_HZ = 10.0
# Fixed spans, never fitted to the frame: the same temperature keeps its colour from frame to frame.
# Search: people against the ground; fire: up to what the side channel's 16-bit counts can say.
SPANS = {"search": TemperatureSpan(-10.0, 50.0), "fire": TemperatureSpan(0.0, 750.0)}
BOX_COLOURS = {"person": QColor("#00e5ff"), "hotspot": QColor("#ff1744")}
LEGEND_GAP_PX = 6
LEGEND_MIN_PX = 40  # the legend needs this much height to draw its ticks
INSET_SHARE = 0.3  # picture in picture: the other camera over the frame's top-right corner, this share of its width
BOXES_ONLY = 0  # "camera of" no vehicle (system ids are 1..255)
UNPLACED_SHOWN_S = 3.0  # why frames gave no finding stays in the status line this long after the last such frame


def _qimage(bgr: np.ndarray) -> QImage:
    h, w = bgr.shape[:2]
    return QImage(np.ascontiguousarray(bgr).data, w, h, 3 * w, QImage.Format.Format_BGR888).copy()


class VideoView(QWidget):
    """One frame scaled to fit (its shape kept), boxes over it, the legend beside it; says which frame
    pixel is under the cursor."""

    pixelHovered = Signal(object)  # (x, y) in frame pixels, or None off the frame

    def __init__(self) -> None:
        super().__init__()
        self.setMouseTracking(True)
        self.setMinimumSize(320, 240)
        self.image: QImage | None = None
        self.legend: QImage | None = None
        self.boxes: list[tuple[QRectF, str, QColor]] = []  # in frame pixels
        self.inset: QImage | None = None  # picture in picture: the other camera

    def show_inset(self, image: QImage | None) -> None:
        self.inset = image
        self.update()

    def inset_rect(self) -> QRectF:
        """Where the other camera is drawn: the frame's top-right corner, its own shape kept."""
        frame = self.frame_rect()
        if self.inset is None or frame.isEmpty():
            return QRectF()
        w = frame.width() * INSET_SHARE
        h = w * self.inset.height() / self.inset.width()
        return QRectF(frame.right() - w - 4, frame.top() + 4, w, h)

    def show_frame(self, image: QImage | None, boxes: list[tuple[QRectF, str, QColor]],
                   legend_img: QImage | None) -> None:
        self.image, self.boxes, self.legend = image, boxes, legend_img
        self.update()

    def frame_rect(self) -> QRectF:
        """Where the frame is drawn, in widget coordinates (room kept on the right for the legend)."""
        if self.image is None:
            return QRectF()
        room_w = self.width() - (self.legend_width() + LEGEND_GAP_PX if self.legend is not None else 0)
        scale = min(room_w / self.image.width(), self.height() / self.image.height())
        return QRectF(0.0, (self.height() - self.image.height() * scale) / 2.0,
                      self.image.width() * scale, self.image.height() * scale)

    def legend_width(self) -> int:
        return self.legend.width() if self.legend is not None else 0

    def to_widget(self, x: float, y: float) -> QPointF:
        r = self.frame_rect()
        s = r.width() / self.image.width()
        return QPointF(r.x() + x * s, r.y() + y * s)

    def to_frame(self, pos: QPointF) -> tuple[int, int] | None:
        r = self.frame_rect()
        if self.image is None or not r.contains(pos) or self.inset_rect().contains(pos):
            return None  # off the frame, or over the other camera's picture
        s = r.width() / self.image.width()
        x, y = int((pos.x() - r.x()) / s), int((pos.y() - r.y()) / s)
        return min(x, self.image.width() - 1), min(y, self.image.height() - 1)

    def box_rect(self, box: QRectF) -> QRectF:
        """A box in frame pixels as drawn on the widget."""
        top_left = self.to_widget(box.x(), box.y())
        s = self.frame_rect().width() / self.image.width()
        return QRectF(top_left, box.size() * s)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#101010"))
        if self.image is None:
            return
        frame = self.frame_rect()
        p.drawImage(frame, self.image)
        if self.legend is not None:
            p.drawImage(QPointF(frame.right() + LEGEND_GAP_PX, frame.y()), self.legend)
        for box, text, colour in self.boxes:
            rect = self.box_rect(box)
            p.setPen(QPen(colour, 2))
            p.drawRect(rect)
            p.drawText(QPointF(rect.x(), max(rect.y() - 4, 12.0)), text)
        if self.inset is not None:
            inset = self.inset_rect()
            p.drawImage(inset, self.inset)
            p.setPen(QPen(QColor("#ffffff"), 1))
            p.drawRect(inset)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.pixelHovered.emit(self.to_frame(event.position()))

    def leaveEvent(self, event: QEvent) -> None:
        self.pixelHovered.emit(None)


def _name_choice(box: QComboBox, index: int, short: str, full: str) -> None:
    """A short name that fits the box in every language at 1366 px; the whole sentence as its tooltip."""
    box.setItemText(index, short)
    box.setItemData(index, full, Qt.ItemDataRole.ToolTipRole)


def _tip_the_choice(box: QComboBox) -> None:
    box.setToolTip(box.currentData(Qt.ItemDataRole.ToolTipRole) or "")


class VideoPanel(QWidget):
    """A dock's content over the engine; `selected` says which vehicle the pilot has selected."""

    def __init__(self, engine: Engine, selected: Callable[[], int | None]) -> None:
        super().__init__()
        self.engine, self.selected = engine, selected
        self.shown: LatestFrame | None = None  # the radiometric frame on screen
        self.probe_c: float | None = None  # the temperature the probe reads now
        self._shown_key: tuple = ()
        self._hovered: tuple[int, int] | None = None
        self._legends: dict[tuple[str, str, int], QImage] = {}
        self._colour_uris: dict[int, str] = {}  # each vehicle's colour stream, as its camera advertises it
        self._colour_refused: tuple[str, str] | None = None  # (uri, why): not retried on every tick
        self._inset_key: tuple | None = None

        self.source = QComboBox()
        self.palette = QComboBox()
        self.span = QComboBox()
        self.url = QLineEdit()
        self.url.setPlaceholderText("udp://0.0.0.0:5600  rtsp://…")
        self.detector = QComboBox()  # what runs on the typed-in stream
        for key in (NO_DETECTION, THERMAL_PERSON, RGB_PERSON, THERMAL_HOTSPOT):
            self.detector.addItem("", key)
        self._detector_in_use = NO_DETECTION
        self.camera_of = QComboBox()  # whose camera the typed-in stream is: its tracks become findings
        self.camera_of.addItem("", BOXES_ONLY)
        self._listed: dict[int, bool] = {}  # the vehicles offered there: system id -> link lost
        self._unplaced_seen: tuple[tuple, dict[str, int], dict[str, float]] = ((), {}, {})  # stream, counts, when
        self.open_button = QPushButton()
        self.pip = QCheckBox()
        self.view = VideoView()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.probe = QLabel("")
        self.controls = CameraControls(engine, selected)
        for name in PALETTES:
            self.palette.addItem("", name)
        self.palette.setCurrentIndex(self.palette.findData("ironbow"))
        for name in SPANS:
            self.span.addItem("", name)
        # long names (German above all) must not widen the dock past a 1366 px screen: the lists show them whole
        for box in (self.source, self.palette, self.span, self.detector, self.camera_of):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(12)
        self.source.addItem("", "thermal")
        self.source.addItem("", "colour")
        self.source.addItem("", "url")
        self._name_things()

        row = QHBoxLayout()
        row.addWidget(self.source)
        row.addWidget(self.palette)
        row.addWidget(self.span)
        row.addWidget(self.pip)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.open_button)
        use_row = QHBoxLayout()  # how the typed-in stream is used, under its address: the address keeps its width
        use_row.addWidget(self.camera_of, 1)
        use_row.addWidget(self.detector, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addLayout(url_row)
        layout.addLayout(use_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.probe)
        layout.addWidget(self.status)
        layout.addWidget(self.controls)

        self.open_button.clicked.connect(self.open_url)
        self.url.returnPressed.connect(self.open_url)
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        for box in (self.source, self.span):  # short names in the box, the detail in its tooltip
            box.currentIndexChanged.connect(lambda _i, box=box: _tip_the_choice(box))
        self.pip.toggled.connect(lambda _on: self._redraw())
        self.palette.currentIndexChanged.connect(lambda _i: self._redraw())
        self.span.currentIndexChanged.connect(lambda _i: self._redraw())
        self.detector.currentIndexChanged.connect(lambda _i: self.choose_detector())
        self.camera_of.currentIndexChanged.connect(lambda _i: self.choose_camera())
        self.view.pixelHovered.connect(self._hover)
        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 / REFRESH_HZ))
        self.timer.timeout.connect(self.refresh)
        self.timer.start()

    def _name_things(self) -> None:
        names = {"white-hot": self.tr("White-hot"), "black-hot": self.tr("Black-hot"),
                 "ironbow": self.tr("Ironbow"), "rainbow": self.tr("Rainbow")}
        for i in range(self.palette.count()):
            self.palette.setItemText(i, names[self.palette.itemData(i)])
        spans = {"search": self.tr("Search span"), "fire": self.tr("Fire span")}
        for i in range(self.span.count()):
            s = SPANS[self.span.itemData(i)]
            name = spans[self.span.itemData(i)]
            _name_choice(self.span, i, name, fill(self.tr("%1: %2 to %3 °C"), name, f"{s.low_c:g}", f"{s.high_c:g}"))
        _name_choice(self.source, 0, self.tr("Thermal camera"), self.tr("Thermal camera of the selected vehicle"))
        _name_choice(self.source, 1, self.tr("Colour camera"), self.tr("Colour camera of the selected vehicle"))
        _name_choice(self.source, 2, self.tr("Stream (URL)"), self.tr("Video stream from a URL"))
        for box in (self.span, self.source):
            _tip_the_choice(box)
        self.pip.setText(self.tr("Picture in picture"))
        self.pip.setToolTip(self.tr("The other camera in the corner: the colour or typed-in stream over the "
                                    "thermal camera, the thermal camera over the stream"))
        self.open_button.setText(self.tr("Open stream"))
        self.url.setToolTip(self.tr("An H.264 or H.265 stream: udp:// (MPEG-TS), rtp://, rtsp://, or a file"))
        self._name_detectors()
        self._name_vehicles()

    def _name_vehicles(self) -> None:
        for i in range(self.camera_of.count()):
            sid = self.camera_of.itemData(i)
            self.camera_of.setItemText(i, self.tr("Camera of: none (boxes only)") if sid == BOXES_ONLY else
                                       fill(self.tr("Camera of vehicle %1 (link lost)"), sid) if self._listed[sid]
                                       else fill(self.tr("Camera of vehicle %1"), sid))
        self.camera_of.setToolTip(self.tr("Whose camera the typed-in stream is. With a vehicle, what is detected in "
                                          "it becomes findings, placed with that vehicle's position and gimbal at "
                                          "each frame's time; with none, only the boxes are shown."))

    def _detector_name(self, key: str) -> str:
        return {NO_DETECTION: self.tr("No detection"), THERMAL_PERSON: self.tr("Persons in white-hot thermal"),
                RGB_PERSON: self.tr("Persons in colour"), THERMAL_HOTSPOT: self.tr("Hotspots in 8-bit thermal")}[key]

    def _name_detectors(self) -> None:
        """Names, and which detectors the station can run now: one it cannot is offered greyed out, saying why."""
        problems = {c.key: c.problem for c in self.engine.stream.choices()}
        model = self.detector.model()
        tips = [self.tr("What to detect on the typed-in stream (it runs in the station, not in the window)")]
        for i in range(self.detector.count()):
            key = self.detector.itemData(i)
            name, problem = self._detector_name(key), problems[key]
            model.item(i).setEnabled(not problem)
            self.detector.setItemText(i, fill(self.tr("%1 (not available)"), name) if problem else name)
            self.detector.setItemData(i, fill(self.tr("%1: %2"), name, problem) if problem else name,
                                      Qt.ItemDataRole.ToolTipRole)
            if problem:
                tips.append(fill(self.tr("%1: %2"), name, problem))
        self.detector.setToolTip("\n".join(tips))

    @property
    def temperature_span(self) -> TemperatureSpan:
        return SPANS[self.span.currentData()]

    # -- the typed-in stream --------------------------------------------------------------------
    def open_url(self) -> bool:
        """Open the typed-in stream with the chosen detector; a refusal leaves the stream shown before."""
        text = self.url.text().strip()
        if not text:
            self._say(self.tr("Type the address of a video stream first."), ok=False)
            return False
        self._name_detectors()  # a model copied in since is offered now
        key, vehicle = self.detector.currentData(), self.camera_of.currentData()
        try:
            self.engine.stream.open(text, key, vehicle_id=None if vehicle == BOXES_ONLY else vehicle)
        except StreamDetectionError as e:
            self._say(fill(self.tr("Cannot open %1 with %2: %3"), text, self._detector_name(key), e), ok=False)
            return False
        self._detector_in_use = key
        self.source.setCurrentIndex(self.source.findData("url"))
        self._redraw()
        return True

    def choose_detector(self) -> bool:
        """The detector changed: the open stream runs it from its next frame on. One the station cannot
        run is refused with the reason, and the choice goes back to the detector in use."""
        key, stream = self.detector.currentData(), self.engine.stream
        try:
            if stream.is_open:
                stream.set_detector(key)
            elif stream.problem(key):
                raise StreamDetectionError(stream.problem(key))
        except StreamDetectionError as e:
            self._say(fill(self.tr("Cannot detect with %1: %2"), self._detector_name(key), e), ok=False)
            with QSignalBlocker(self.detector):
                self.detector.setCurrentIndex(self.detector.findData(self._detector_in_use))
            return False
        self._detector_in_use = key
        self._redraw()
        return True

    def choose_camera(self) -> bool:
        """Whose camera the typed-in stream is changed: a typed-in stream on screen is opened again for it
        at once. A refusal says why, and the choice goes back to what the stream is bound to."""
        status = self.engine.stream.status()
        if self.source.currentData() != "url" or status is None or status.uri != self.url.text().strip():
            return True  # applies when the stream is opened
        if self.open_url():
            return True
        with QSignalBlocker(self.camera_of):
            self.camera_of.setCurrentIndex(max(0, self.camera_of.findData(status.vehicle_id or BOXES_ONLY)))
        return False

    def close_stream(self) -> None:
        """Stop the typed-in stream without waiting for its threads here (one may sit in a read)."""
        self.engine.stream.close(wait=False)

    # -- rendering --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """One tick: convert the newest frame if it is not the one on screen."""
        if not self.isVisible():
            return  # the dock is closed: no work for frames nobody sees
        source = self.source.currentData()
        if source == "thermal":
            self._show_thermal()
        elif source == "url" or self._follow_colour_camera():
            self._show_stream()
        self._show_inset(source)

    def _redraw(self) -> None:
        self._shown_key, self._inset_key = (), None  # None: the inset is redrawn, or taken away
        self.refresh()

    def _source_changed(self) -> None:
        self._colour_refused = None  # choosing the colour camera again tries it again
        self._redraw()

    # -- the selected vehicle's colour camera ---------------------------------------------------------
    def show_snapshot(self, snapshot: FleetSnapshot) -> None:
        """Each vehicle's colour stream (its lowest camera's first stream not flagged thermal) and the
        camera controls, from the engine's snapshot."""
        uris = {}
        for sid, vehicle in snapshot.vehicles.items():
            cameras = vehicle.state.cameras
            streams = [s for c in sorted(cameras) for s in cameras[c].streams if not s.thermal and s.uri]
            if streams:
                uris[sid] = streams[0].uri
        self._colour_uris = uris
        self._list_vehicles(snapshot)
        self.controls.show_snapshot(snapshot)

    def _list_vehicles(self, snapshot: FleetSnapshot) -> None:
        """Offer every vehicle the station knows as "camera of", marked when its link is lost; the choice is kept."""
        chosen = self.camera_of.currentData()
        listed = {sid: not vehicle.state.link_ok for sid, vehicle in snapshot.vehicles.items()}
        if chosen != BOXES_ONLY and chosen not in listed:
            listed[chosen] = True  # no longer heard of: kept, so the binding never changes behind the pilot's back
        if listed == self._listed:
            return
        self._listed = listed
        with QSignalBlocker(self.camera_of):
            while self.camera_of.count() > 1:
                self.camera_of.removeItem(1)
            for sid in sorted(listed):
                self.camera_of.addItem("", sid)
            self.camera_of.setCurrentIndex(self.camera_of.findData(chosen))
        self._name_vehicles()

    def _follow_colour_camera(self) -> bool:
        """Keep the stream on the selected vehicle's colour camera; False (and said why) when there is none."""
        sid = self.selected()
        uri = self._colour_uris.get(sid) if sid is not None else None
        why = None
        if sid is None:
            why = self.tr("No vehicle selected.")
        elif uri is None:
            why = fill(self.tr("Vehicle %1 has shown no colour camera."), sid)
        elif self._colour_refused is not None and self._colour_refused[0] == uri:
            why = fill(self.tr("Cannot open the colour camera of vehicle %1 (%2): %3"), sid, uri,
                       self._colour_refused[1])
        else:
            status = self.engine.stream.status()
            if status is None or (status.uri, status.vehicle_id) != (uri, sid):
                key = self.detector.currentData()
                try:
                    self.engine.stream.open(uri, key, vehicle_id=sid)  # the vehicle's camera: findings too
                    self._detector_in_use = key
                except StreamDetectionError as e:
                    self._colour_refused = (uri, str(e))
                    return self._follow_colour_camera()
        if why is None:
            return True
        self.shown = None
        self.view.show_frame(None, [], None)
        self._say(why, ok=why == self.tr("No vehicle selected."))
        self._probe()
        return False

    # -- picture in picture ---------------------------------------------------------------------------
    def _show_inset(self, source: str) -> None:
        """The other camera over the corner: the stream over thermal, the thermal camera over the stream."""
        frame = latest = None
        if self.pip.isChecked() and source == "thermal":
            view = self.engine.stream.view()
            frame = view.frame if view is not None else None
        elif self.pip.isChecked():
            sid, detection = self.selected(), self.engine.detection
            latest = detection.latest_frame(sid) if detection is not None and sid is not None else None
        palette, span = self.palette.currentData(), self.temperature_span
        key = (("stream", frame.seq, frame.received_time_s) if frame is not None else
               ("thermal", latest.vehicle_id, latest.seq, palette, span) if latest is not None else ())
        if key == self._inset_key:
            return
        self._inset_key = key
        if frame is not None:
            self.view.show_inset(_qimage(frame.image))
        elif latest is not None:
            self.view.show_inset(_qimage(colourize(latest.celsius, span, palette)))
        else:
            self.view.show_inset(None)

    def _show_thermal(self) -> None:
        sid = self.selected()
        detection = self.engine.detection
        latest = detection.latest_frame(sid) if detection is not None and sid is not None else None
        if latest is None:
            self.shown = None
            self.view.show_frame(None, [], None)
            self._say(self.tr("No vehicle selected.") if sid is None else
                      fill(self.tr("No thermal video from vehicle %1 yet."), sid), ok=True)
            self._probe()
            return
        palette, span = self.palette.currentData(), self.temperature_span
        key = ("thermal", latest.vehicle_id, latest.seq, palette, span, self.view.height())
        if key == self._shown_key:
            return
        self._shown_key, self.shown = key, latest
        boxes = [self._box(d) for d in latest.detections]
        self.view.show_frame(_qimage(colourize(latest.celsius, span, palette)), boxes,
                             self._legend(palette, span))
        self._say(fill(self.tr("Vehicle %1: thermal frame %2, %3 detection(s)"), latest.vehicle_id, latest.seq,
                       len(boxes)), ok=True)
        self._probe()

    def _box(self, d: Detection) -> tuple[QRectF, str, QColor]:
        """A detection as drawn: its box, kind, confidence and (radiometric only) its hottest deg C."""
        text = fill(self.tr("%1 %2% %3"), kind_text(FindingKind(d.label)), f"{d.confidence * 100:.0f}",
                    "" if d.max_temp_c is None else f"{d.max_temp_c:.1f} °C")
        return QRectF(d.box.x, d.box.y, d.box.w, d.box.h), text.strip(), BOX_COLOURS[d.label]

    def _legend(self, palette: str, span: TemperatureSpan) -> QImage | None:
        frame_h = int(self.view.frame_rect().height()) if self.view.image is not None else self.view.height()
        height = max(LEGEND_MIN_PX, min(frame_h, self.view.height()))
        key = (palette, self.span.currentData(), height)
        if key not in self._legends:
            self._legends[key] = _qimage(legend(span, palette, height_px=height))
        return self._legends[key]

    def _show_stream(self) -> None:
        self.shown = None
        stream = self.engine.stream
        view, status = stream.view(), stream.status()
        if view is None or status is None:
            self.view.show_frame(None, [], None)
            self._say(self.tr("Type the address of a video stream and open it."), ok=True)
            self._probe()
            return
        frame = view.frame
        # boxes only on the frame they were found in, or the next one the worker took (it is on it now)
        result = view.result if view.boxes_fit() else None
        key = ("url", frame and (frame.seq, frame.received_time_s), result and (result.detector, result.seq))
        if key != self._shown_key:  # nothing yet from a stream just opened: no picture of the one before
            self._shown_key = key
            boxes = [self._box(d) for d in result.detections] if result is not None else []
            self.view.show_frame(_qimage(frame.image) if frame is not None else None, boxes, None)
        states = {"connecting": self.tr("connecting"), "live": self.tr("live"),
                  "reconnecting": self.tr("reconnecting"), "ended": self.tr("ended"), "stopped": self.tr("stopped")}
        text = fill(self.tr("%1: %2, %3 frames"), status.uri, states[status.state], status.frames)
        if status.detector != NO_DETECTION:
            found = len(result.detections) if result is not None else 0
            ms = f"{status.ms_per_frame:.0f}" if math.isfinite(status.ms_per_frame) else "–"
            text += " — " + fill(self.tr("%1: %2 detections, %3 ms/frame, %4 frames dropped"),
                                 self._detector_name(status.detector), found, ms, status.dropped)
        unplaced = []
        if status.vehicle_id is not None:  # the vehicle's camera: what became findings, and why not
            text += " — " + fill(self.tr("findings: %1 new, %2 seen again"), status.new_findings, status.updates)
            unplaced = self._unplaced_now(status)
            if unplaced:
                text += " — " + fill(self.tr("no findings: %1"), "; ".join(unplaced))
        problem = status.last_error or status.feed_error
        if problem:
            self._say(f"{text} — {problem}", ok=False)
        else:
            self._say(text, ok=True, warn=bool(unplaced))
        self._probe()

    def _unplaced_now(self, status: StreamStatus) -> list[str]:
        """Why the stream's frames give no finding now, in the pilot's words: the reasons the engine counted
        frames under within the last UNPLACED_SHOWN_S (a problem solved leaves the status line)."""
        stream = (status.uri, status.vehicle_id, status.detector)
        seen, counts, when = self._unplaced_seen
        if seen != stream:
            counts, when = {}, {}
        now = time.monotonic()
        for reason, count in status.unplaced.items():
            if count != counts.get(reason, 0):
                counts[reason], when[reason] = count, now
        self._unplaced_seen = (stream, counts, when)
        sid = status.vehicle_id
        words = {NO_POSE: fill(self.tr("no position of vehicle %1 at the frame's time"), sid),
                 NO_GIMBAL: fill(self.tr("no gimbal attitude from vehicle %1"), sid),
                 NO_FOV: fill(self.tr("vehicle %1 advertises no field of view for this stream"), sid),
                 NOT_PLACED: self.tr("frames could not be placed on the ground")}
        return [words.get(reason, reason) for reason in sorted(when) if now - when[reason] <= UNPLACED_SHOWN_S]

    # -- the temperature probe ----------------------------------------------------------------------
    def _hover(self, pixel: tuple[int, int] | None) -> None:
        self._hovered = pixel
        self._probe()

    def _probe(self) -> None:
        self.probe_c = None
        if self._hovered is None or self.view.image is None:
            self.probe.setText(self.tr("Point at the video to read the temperature there."))
        elif self.shown is None:
            self.probe.setText(self.tr("This video carries no temperatures (it is not radiometric)."))
        else:
            x, y = self._hovered
            try:
                self.probe_c = temperature_at(self.shown.celsius, x, y)
            except ValueError:  # the frame changed size under the cursor
                self.probe.setText(self.tr("Point at the video to read the temperature there."))
                return
            if self.probe_c is None:
                self.probe.setText(fill(self.tr("No reading at pixel %1, %2 (dead pixel)."), x, y))
            else:
                self.probe.setText(fill(self.tr("%1 °C at pixel %2, %3"), f"{self.probe_c:.1f}", x, y))

    def _say(self, text: str, ok: bool, warn: bool = False) -> None:
        self.status.setText(text)
        show_status(self.status, "fail" if not ok else "warn" if warn else "")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._name_things()
            self._redraw()
        super().changeEvent(event)
