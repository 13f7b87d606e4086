"""Video in the window: the selected vehicle's thermal camera in fixed palettes with a legend, the
temperature under the cursor, the detectors' boxes; or any H.264 stream from a URL typed in.

Nothing is decoded here. Radiometric frames arrive already in deg C from the detection worker
(`DetectionService.latest_frame`) and a typed-in stream is decoded by its `VideoFeed` thread; the
panel only turns the newest frame into colours on its own timer, and only when something changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from drivers.video.feed import BGR8, VideoFeed
from drivers.video.palettes import PALETTES, colourize, legend, temperature_at
from drivers.video.sources import VideoOpenError, VideoSource
from drivers.video.thermal import TemperatureSpan
from groundstation.core.detection import LatestFrame
from groundstation.core.engine import Engine
from groundstation.core.findings import FindingKind
from groundstation.ui.findings_panel import kind_text
from groundstation.ui.vehicle_text import fill

REFRESH_HZ = 10.0
# Fixed spans, never fitted to the frame: the same temperature keeps its colour from frame to frame.
# Search: people against the ground; fire: up to what the side channel's 16-bit counts can say.
SPANS = {"search": TemperatureSpan(-10.0, 50.0), "fire": TemperatureSpan(0.0, 750.0)}
BOX_COLOURS = {"person": QColor("#00e5ff"), "hotspot": QColor("#ff1744")}
LEGEND_GAP_PX = 6
LEGEND_MIN_PX = 40  # the legend needs this much height to draw its ticks


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
        if self.image is None or not r.contains(pos):
            return None
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

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.pixelHovered.emit(self.to_frame(event.position()))

    def leaveEvent(self, event: QEvent) -> None:
        self.pixelHovered.emit(None)


class VideoPanel(QWidget):
    """A dock's content over the engine; `selected` says which vehicle the pilot has selected."""

    def __init__(self, engine: Engine, selected: Callable[[], int | None]) -> None:
        super().__init__()
        self.engine, self.selected = engine, selected
        self.feed: VideoFeed | None = None  # the typed-in stream, while one is open
        self.shown: LatestFrame | None = None  # the radiometric frame on screen
        self.probe_c: float | None = None  # the temperature the probe reads now
        self._shown_key: tuple = ()
        self._hovered: tuple[int, int] | None = None
        self._legends: dict[tuple[str, str, int], QImage] = {}

        self.source = QComboBox()
        self.palette = QComboBox()
        self.span = QComboBox()
        self.url = QLineEdit()
        self.url.setPlaceholderText("udp://0.0.0.0:5600  rtsp://…")
        self.open_button = QPushButton()
        self.view = VideoView()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.probe = QLabel("")
        for name in PALETTES:
            self.palette.addItem("", name)
        self.palette.setCurrentIndex(self.palette.findData("ironbow"))
        for name in SPANS:
            self.span.addItem("", name)
        self.source.addItem("", "thermal")
        self.source.addItem("", "url")
        self._name_things()

        row = QHBoxLayout()
        row.addWidget(self.source)
        row.addWidget(self.palette)
        row.addWidget(self.span)
        url_row = QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addLayout(url_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.probe)
        layout.addWidget(self.status)

        self.open_button.clicked.connect(self.open_url)
        self.url.returnPressed.connect(self.open_url)
        self.source.currentIndexChanged.connect(lambda _i: self._redraw())
        self.palette.currentIndexChanged.connect(lambda _i: self._redraw())
        self.span.currentIndexChanged.connect(lambda _i: self._redraw())
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
            self.span.setItemText(i, fill(self.tr("%1: %2 to %3 °C"), spans[self.span.itemData(i)],
                                          f"{s.low_c:g}", f"{s.high_c:g}"))
        self.source.setItemText(0, self.tr("Thermal camera of the selected vehicle"))
        self.source.setItemText(1, self.tr("Video stream from a URL"))
        self.open_button.setText(self.tr("Open stream"))
        self.url.setToolTip(self.tr("An H.264 or H.265 stream: udp:// (MPEG-TS), rtp://, rtsp://, or a file"))

    @property
    def temperature_span(self) -> TemperatureSpan:
        return SPANS[self.span.currentData()]

    # -- the typed-in stream --------------------------------------------------------------------
    def open_url(self) -> bool:
        text = self.url.text().strip()
        if not text:
            self._say(self.tr("Type the address of a video stream first."), ok=False)
            return False
        source = VideoSource(text)
        try:
            _ = source.kind  # the scheme check: what FFmpeg never opens is refused here, clearly
        except VideoOpenError as e:
            self._say(fill(self.tr("Cannot open %1: %2"), text, e), ok=False)
            return False
        self.close_stream()
        self.feed = VideoFeed(source, expect=BGR8).start()
        self.source.setCurrentIndex(self.source.findData("url"))
        self._redraw()
        return True

    def close_stream(self) -> None:
        """Stop the typed-in stream without waiting for its thread here (it may sit in a read)."""
        if self.feed is not None:
            threading.Thread(target=self.feed.stop, name="video feed stop", daemon=True).start()
            self.feed = None

    # -- rendering --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """One tick: convert the newest frame if it is not the one on screen."""
        if not self.isVisible():
            return  # the dock is closed: no work for frames nobody sees
        if self.source.currentData() == "url":
            self._show_stream()
        else:
            self._show_thermal()

    def _redraw(self) -> None:
        self._shown_key = ()
        self.refresh()

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
        boxes = []
        for d in latest.detections:
            text = fill(self.tr("%1 %2% %3"), kind_text(FindingKind(d.label)), f"{d.confidence * 100:.0f}",
                        "" if d.max_temp_c is None else f"{d.max_temp_c:.1f} °C")
            boxes.append((QRectF(d.box.x, d.box.y, d.box.w, d.box.h), text.strip(), BOX_COLOURS[d.label]))
        self.view.show_frame(_qimage(colourize(latest.celsius, span, palette)), boxes,
                             self._legend(palette, span))
        self._say(fill(self.tr("Vehicle %1: thermal frame %2, %3 detection(s)"), latest.vehicle_id, latest.seq,
                       len(boxes)), ok=True)
        self._probe()

    def _legend(self, palette: str, span: TemperatureSpan) -> QImage | None:
        frame_h = int(self.view.frame_rect().height()) if self.view.image is not None else self.view.height()
        height = max(LEGEND_MIN_PX, min(frame_h, self.view.height()))
        key = (palette, self.span.currentData(), height)
        if key not in self._legends:
            self._legends[key] = _qimage(legend(span, palette, height_px=height))
        return self._legends[key]

    def _show_stream(self) -> None:
        self.shown = None
        if self.feed is None:
            self.view.show_frame(None, [], None)
            self._say(self.tr("Type the address of a video stream and open it."), ok=True)
            self._probe()
            return
        status = self.feed.status()
        frame = self.feed.latest()
        if frame is not None and self._shown_key != ("url", id(self.feed), frame.seq):
            self._shown_key = ("url", id(self.feed), frame.seq)
            self.view.show_frame(_qimage(frame.image), [], None)
        states = {"connecting": self.tr("connecting"), "live": self.tr("live"),
                  "reconnecting": self.tr("reconnecting"), "ended": self.tr("ended"), "stopped": self.tr("stopped")}
        text = fill(self.tr("%1: %2, %3 frames"), self.feed.source.uri, states[status.state], status.frames)
        if status.last_error:
            self._say(f"{text} — {status.last_error}", ok=False)
        else:
            self._say(text, ok=True)
        self._probe()

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

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("" if ok else "color: #b71c1c; font-weight: bold;")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._name_things()
            self._redraw()
        super().changeEvent(event)
