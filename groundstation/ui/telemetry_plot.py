"""Telemetry over time for the selected vehicle: altitude, speed, battery and link quality.

Drawn with QPainter from the snapshots the window already renders (TelemetryHistory), so no
plotting library and no extra traffic; one strip per quantity, the newest value written beside it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from groundstation.ui.telemetry_history import SERIES, TelemetryHistory
from groundstation.ui.vehicle_text import fill

SPAN_S = 300.0  # the plots show the last five minutes
_FIXED_RANGES = {"battery": (0.0, 100.0), "link": (0.0, 100.0)}  # percentages keep their scale


class TelemetryPlots(QWidget):
    def __init__(self, history: TelemetryHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.system_id: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_vehicle(self, system_id: int | None) -> None:
        self.system_id = system_id
        self.update()

    def titles(self) -> dict[str, str]:
        return {"altitude": self.tr("Altitude"), "speed": self.tr("Speed"), "battery": self.tr("Battery"),
                "link": self.tr("Link quality")}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        titles = self.titles()
        width = self.width() / len(SERIES)
        metrics = QFontMetrics(painter.font())
        for i, (key, unit) in enumerate(SERIES):
            box = QRectF(i * width + 4, 2, width - 8, self.height() - 4)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            times, values = ([], []) if self.system_id is None else self.history.series(self.system_id, key)
            latest = f": {values[-1]:.1f} {unit}" if values else ": —"
            painter.drawText(QRectF(box.left(), box.top(), box.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             headline(metrics, titles[key], latest, box.width()))
            plot = box.adjusted(0, metrics.height() + 2, 0, -metrics.height())
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            painter.drawRect(plot)
            if len(values) < 2:
                continue
            now = times[-1]
            low, high = _FIXED_RANGES.get(key, (min(values), max(values)))
            if high - low < 1.0:
                low, high = low - 0.5, high + 0.5
            points = [QPointF(plot.right() - (now - t) / SPAN_S * plot.width(),
                              plot.bottom() - (v - low) / (high - low) * plot.height())
                      for t, v in zip(times, values) if now - t <= SPAN_S]
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            painter.drawPolyline(QPolygonF(points))
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            scale = fill(self.tr("%1 to %2 %3, last %4 min"), _short(low), _short(high), unit, round(SPAN_S / 60))
            painter.drawText(QRectF(plot.left(), plot.bottom(), plot.width(), metrics.height()),
                             Qt.AlignmentFlag.AlignLeft,
                             metrics.elidedText(scale, Qt.TextElideMode.ElideRight, int(plot.width())))
        painter.end()


def headline(metrics: QFontMetrics, title: str, value: str, width: float) -> str:
    """A strip's title and newest value in `width` pixels: a narrow strip shortens the title, never the value."""
    return metrics.elidedText(title, Qt.TextElideMode.ElideRight,
                              max(0, int(width) - metrics.horizontalAdvance(value))) + value


def _short(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 10 or value == math.floor(value) else f"{value:.1f}"
