"""The fleet map: a plain metric map around the fleet, drawn with QPainter.

It shows a metric grid, scale bar, trails, home markers and vehicles rotated by heading, zooms with
the wheel and pans by dragging. A click selects a vehicle, or, while the pilot is picking a go-to
target, reports the ground point. Geometry lives in map_geometry (no Qt) so a tile layer can later
paint underneath with the same projection and viewport.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPainterPath,
                           QPen, QPolygonF, QWheelEvent)
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from groundstation.core.engine import FleetSnapshot, VehicleView
from groundstation.ui.map_geometry import LocalProjection, Viewport, format_distance, nice_step

# Strong, distinct colours that stay readable on the light map background.
VEHICLE_COLOURS = ("#1f5fbf", "#c2185b", "#e65100", "#2e7d32", "#6a1b9a", "#00838f", "#795548", "#455a64")
BACKGROUND = QColor("#eef0ea")
GRID = QColor("#c9cdc2")
SELECTED_HALO = QColor("#ffc400")
LOST = QColor("#9e9e9e")
ALARM = QColor("#c62828")
TARGET = QColor("#d50000")
CLICK_SLOP_PX = 5      # a press that moves less than this is a click, not a drag
PICK_RADIUS_PX = 22    # how close a click must be to a vehicle to select it
WHEEL_STEP = 1.25
FIT_MARGIN_PX = 90     # room around the fleet after a fit, so it can move before the next one
REFIT_INSET_PX = 40
TRAIL_CELL_PX = 2.0    # a vehicle this close to the edge triggers a new fit
FIT_MIN_SPAN_M = 80.0  # vehicles a few metres apart on the pad still get separate icons


def vehicle_colour(system_id: int) -> QColor:
    return QColor(VEHICLE_COLOURS[(system_id - 1) % len(VEHICLE_COLOURS)])


@dataclass(frozen=True)
class _Placed:
    """A vehicle in local metres, computed once per snapshot rather than once per paint."""

    system_id: int
    east: float
    north: float
    heading_deg: float
    alt_rel: float
    link_ok: bool
    home: tuple[float, float] | None
    trail: tuple[np.ndarray, np.ndarray] | None


class MapView(QWidget):
    vehicleClicked = Signal(int)
    pointPicked = Signal(float, float)  # lat, lon of a go-to target
    pickingChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.projection: LocalProjection | None = None
        self.viewport = Viewport(self.width(), self.height())
        self.selected_id: int | None = None
        self.targets: dict[int, tuple[float, float]] = {}  # go-to (lat, lon) per vehicle: set_target()
        self._placed: list[_Placed] = []
        self._user_moved = False  # once the pilot pans or zooms, stop auto-fitting
        self._fitted_count = 0
        self._picking = False
        self._press: QPointF | None = None
        self._dragging = False
        self._fit_button = QToolButton(self)
        self._fit_button.setText("Fit fleet")
        self._fit_button.setToolTip("Zoom to show every vehicle and home")
        self._fit_button.clicked.connect(self.fit_fleet)

    # -- what the window tells the map --------------------------------------------------------
    def show_fleet(self, snapshot: FleetSnapshot, selected_id: int | None) -> None:
        self.selected_id = selected_id
        positioned = [v for v in snapshot.vehicles.values() if v.state.has_position]
        if self.projection is None and positioned:
            first = positioned[0].state
            origin = first.home if first.home is not None else first
            self.projection = LocalProjection(origin.lat, origin.lon)
        if self.projection is not None:
            self._placed = [self._place(v) for v in sorted(positioned, key=lambda v: v.state.system_id)]
        # Until the pilot moves the map, keep the whole fleet in view as it spreads out.
        if not self._user_moved and (len(self._placed) != self._fitted_count or self._fleet_off_view()):
            self._fit()
            self._fitted_count = len(self._placed)
        self.update()

    def _fleet_off_view(self) -> bool:
        inset = REFIT_INSET_PX
        for east, north in self._fleet_points():
            x, y = self.viewport.to_screen(east, north)
            if not (inset <= x <= self.width() - inset and inset <= y <= self.height() - inset):
                return True
        return False

    def _place(self, view: VehicleView) -> _Placed:
        st = view.state
        east, north = self.projection.to_local(st.lat, st.lon)
        home = None
        if st.home is not None:
            home = tuple(float(c) for c in self.projection.to_local(st.home.lat, st.home.lon))
        trail = None
        if view.trail:
            # Breadcrumbs come once a second; end the line at the vehicle, not a second behind it.
            lats, lons = np.array(view.trail + ((st.lat, st.lon),)).T
            trail = self.projection.to_local(lats, lons)
        return _Placed(st.system_id, float(east), float(north), st.heading_deg, st.alt_rel, st.link_ok,
                       home, trail)

    def set_picking(self, picking: bool) -> None:
        """While picking, a click on the map reports a go-to target instead of selecting."""
        if picking == self._picking:
            return
        self._picking = picking
        self.setCursor(Qt.CursorShape.CrossCursor if picking else Qt.CursorShape.ArrowCursor)
        self.pickingChanged.emit(picking)
        self.update()

    def set_target(self, system_id: int, lat: float, lon: float) -> None:
        """Mark where a vehicle was sent; shown until cleared or replaced."""
        self.targets[system_id] = (lat, lon)
        self.update()

    def clear_target(self, system_id: int) -> None:
        if self.targets.pop(system_id, None) is not None:
            self.update()

    @property
    def shown_vehicles(self) -> list[int]:
        """System ids of the vehicles drawn on the map (those with a position)."""
        return [p.system_id for p in self._placed]

    @property
    def picking(self) -> bool:
        return self._picking

    def fit_fleet(self) -> None:
        self._user_moved = False
        self._fit()
        self.update()

    def _fleet_points(self) -> list[tuple[float, float]]:
        points = [(p.east, p.north) for p in self._placed]
        points += [p.home for p in self._placed if p.home is not None]
        return points + [tuple(float(c) for c in self.projection.to_local(*t)) for t in self.targets.values()]

    def _fit(self) -> None:
        self.viewport.fit(self._fleet_points(), FIT_MARGIN_PX, FIT_MIN_SPAN_M)

    # -- conversions tests and the window use -------------------------------------------------
    def screen_point(self, lat: float, lon: float) -> QPointF | None:
        if self.projection is None:
            return None
        x, y = self.viewport.to_screen(*self.projection.to_local(lat, lon))
        return QPointF(float(x), float(y))

    def ground_point(self, pos: QPointF) -> tuple[float, float] | None:
        if self.projection is None:
            return None
        return self.projection.to_geodetic(*self.viewport.to_local(pos.x(), pos.y()))

    def vehicle_at(self, pos: QPointF) -> int | None:
        best, best_d = None, PICK_RADIUS_PX
        for p in self._placed:
            x, y = self.viewport.to_screen(p.east, p.north)
            d = math.hypot(float(x) - pos.x(), float(y) - pos.y())
            if d <= best_d:
                best, best_d = p.system_id, d
        return best

    # -- input --------------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        self.viewport.width, self.viewport.height = self.width(), self.height()
        hint = self._fit_button.sizeHint()
        self._fit_button.setGeometry(self.width() - hint.width() - 8, 8, hint.width(), hint.height())
        if not self._user_moved:
            self._fit()
        super().resizeEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            pos = event.position()
            self.viewport.zoom_at(pos.x(), pos.y(), WHEEL_STEP ** steps)
            self._user_moved = True
            self.update()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        delta = event.position() - self._press
        if not self._dragging and math.hypot(delta.x(), delta.y()) < CLICK_SLOP_PX:
            return
        self._dragging = True
        self.viewport.pan(delta.x(), delta.y())
        self._press = event.position()
        self._user_moved = True
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        was_drag, self._press, self._dragging = self._dragging, None, False
        self.setCursor(Qt.CursorShape.CrossCursor if self._picking else Qt.CursorShape.ArrowCursor)
        if was_drag:
            return
        if self._picking:
            point = self.ground_point(event.position())
            if point is not None:
                self.set_picking(False)
                self.pointPicked.emit(*point)
            return
        sid = self.vehicle_at(event.position())
        if sid is not None:
            self.vehicleClicked.emit(sid)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self._picking:
            self.set_picking(False)
            return
        super().keyPressEvent(event)

    # -- drawing ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.projection is None:
            painter.setPen(QColor("#555"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Waiting for vehicles with a position…")
            painter.end()
            return
        grid_step = self._paint_grid(painter)
        for p in self._placed:
            self._paint_trail(painter, p)
        for p in self._placed:
            self._paint_home(painter, p)
        for target in self.targets.values():
            self._paint_target(painter, target)
        for p in sorted(self._placed, key=lambda p: p.system_id == self.selected_id):
            self._paint_vehicle(painter, p)  # the selected one last, on top
        # Labels keep clear of every icon and of each other; leaders go under every label.
        taken = [QRectF(x - 14, y - 16, 28, 30) for x, y in
                 (map(float, self.viewport.to_screen(p.east, p.north)) for p in self._placed)]
        labels = [self._vehicle_label(painter, p, taken) for p in sorted(self._placed, key=lambda p: p.system_id)]
        for sid, target in self.targets.items():  # after the vehicles' labels: those matter more
            labels.append(_place_label(painter, self.screen_point(*target), QPointF(14, 10), f"go-to {sid}",
                                       TARGET, taken))
        for label in labels:
            label.paint_leader(painter)
        for label in labels:
            label.paint(painter)
        self._paint_scale(painter, grid_step)
        self._paint_north(painter)
        if self._picking:
            self._paint_banner(painter, "Click the go-to target on the map  (Esc cancels)")
        painter.end()

    def _paint_grid(self, painter: QPainter) -> float:
        vp = self.viewport
        step = nice_step(vp.m_per_px * 90)  # lines roughly 90-225 px apart
        west, north = vp.to_local(0, 0)
        east, south = vp.to_local(vp.width, vp.height)
        painter.setPen(QPen(GRID, 1))
        for e in np.arange(math.floor(west / step) * step, east + step, step):
            x = float(vp.to_screen(e, 0)[0])
            painter.drawLine(QPointF(x, 0), QPointF(x, vp.height))
        for n in np.arange(math.floor(south / step) * step, north + step, step):
            y = float(vp.to_screen(0, n)[1])
            painter.drawLine(QPointF(0, y), QPointF(vp.width, y))
        return step

    def _paint_trail(self, painter: QPainter, p: _Placed) -> None:
        if p.trail is None:
            return
        xs, ys = self.viewport.to_screen(*p.trail)
        # Breadcrumbs closer than a couple of pixels add nothing visible but cost drawing time.
        cells = np.column_stack((np.floor(xs / TRAIL_CELL_PX), np.floor(ys / TRAIL_CELL_PX)))
        keep = np.ones(len(xs), dtype=bool)
        keep[1:] = np.any(cells[1:] != cells[:-1], axis=1)
        keep[-1] = True
        # An opaque pale shade reads like a translucent line and draws several times faster.
        painter.setPen(QPen(_blend(vehicle_colour(p.system_id), BACKGROUND, 0.55), 2))
        painter.drawPolyline(QPolygonF([QPointF(float(x), float(y)) for x, y in zip(xs[keep], ys[keep])]))

    def _paint_home(self, painter: QPainter, p: _Placed) -> None:
        if p.home is None:
            return
        x, y = (float(c) for c in self.viewport.to_screen(*p.home))
        colour = vehicle_colour(p.system_id)
        painter.setPen(QPen(colour, 2))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QPointF(x, y), 9, 9)
        painter.setFont(_bold(9))
        painter.drawText(QRectF(x - 9, y - 9, 18, 18), Qt.AlignmentFlag.AlignCenter, "H")

    def _paint_target(self, painter: QPainter, target: tuple[float, float]) -> None:
        pt = self.screen_point(*target)
        painter.setPen(QPen(TARGET, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(pt, 10, 10)
        painter.drawLine(pt + QPointF(-15, 0), pt + QPointF(15, 0))
        painter.drawLine(pt + QPointF(0, -15), pt + QPointF(0, 15))

    def _paint_vehicle(self, painter: QPainter, p: _Placed) -> None:
        x, y = (float(c) for c in self.viewport.to_screen(p.east, p.north))
        colour = vehicle_colour(p.system_id) if p.link_ok else LOST
        if p.system_id == self.selected_id:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(SELECTED_HALO.red(), SELECTED_HALO.green(), SELECTED_HALO.blue(), 170))
            painter.drawEllipse(QPointF(x, y), 20, 20)
        painter.save()
        painter.translate(x, y)
        painter.rotate(0.0 if math.isnan(p.heading_deg) else p.heading_deg)  # screen y is down, so clockwise
        arrow = QPainterPath()
        arrow.moveTo(0, -14)
        arrow.lineTo(9, 10)
        arrow.lineTo(0, 5)
        arrow.lineTo(-9, 10)
        arrow.closeSubpath()
        painter.setPen(QPen(QColor("white"), 2))
        painter.setBrush(QBrush(colour))
        painter.drawPath(arrow)
        painter.restore()

    def _vehicle_label(self, painter: QPainter, p: _Placed, taken: list[QRectF]) -> "_Label":
        x, y = (float(c) for c in self.viewport.to_screen(p.east, p.north))
        alt = "" if math.isnan(p.alt_rel) else f"  {p.alt_rel:.0f} m"
        text = f"{p.system_id}{alt}" if p.link_ok else f"{p.system_id}  LINK LOST"
        colour = vehicle_colour(p.system_id) if p.link_ok else ALARM
        return _place_label(painter, QPointF(x, y), QPointF(18, -22), text, colour, taken)

    def _paint_scale(self, painter: QPainter, grid_step: float) -> None:
        vp = self.viewport
        length_m = nice_step(vp.m_per_px * 120)
        length_px = length_m / vp.m_per_px
        x0, y0 = 14.0, vp.height - 18.0
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 210))
        painter.drawRect(QRectF(x0 - 6, y0 - 30, max(length_px, 110) + 12, 42))
        painter.setPen(QPen(QColor("#222"), 3))
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + length_px, y0))
        painter.drawLine(QPointF(x0, y0 - 6), QPointF(x0, y0 + 2))
        painter.drawLine(QPointF(x0 + length_px, y0 - 6), QPointF(x0 + length_px, y0 + 2))
        painter.setFont(_bold(9))
        painter.drawText(QPointF(x0, y0 - 10),
                         f"{format_distance(length_m)}    grid {format_distance(grid_step)}")

    def _paint_north(self, painter: QPainter) -> None:
        painter.setPen(QPen(QColor("#222"), 2))
        painter.setBrush(QColor("#222"))
        painter.drawPolygon(QPolygonF([QPointF(22, 12), QPointF(28, 30), QPointF(16, 30)]))
        painter.setFont(_bold(10))
        painter.drawText(QRectF(10, 30, 24, 16), Qt.AlignmentFlag.AlignCenter, "N")

    def _paint_banner(self, painter: QPainter, text: str) -> None:
        painter.setFont(_bold(11))
        metrics = QFontMetrics(painter.font())
        width = metrics.horizontalAdvance(text) + 24
        rect = QRectF((self.width() - width) / 2, 10, width, metrics.height() + 12)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TARGET.red(), TARGET.green(), TARGET.blue(), 225))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def _blend(colour: QColor, background: QColor, amount: float) -> QColor:
    """colour moved amount (0..1) of the way towards background."""
    return QColor(*(round(c + (b - c) * amount) for c, b in zip(colour.getRgb()[:3], background.getRgb()[:3])))


def _bold(points: int) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(True)
    return font


@dataclass(frozen=True)
class _Label:
    """Text on a white plate, so it reads over trails and grid lines; a leader when moved off its anchor."""

    rect: QRectF
    text: str
    colour: QColor
    leader: tuple[QPointF, QPointF] | None

    def paint_leader(self, painter: QPainter) -> None:
        if self.leader is not None:
            painter.setPen(QPen(self.colour, 1))
            painter.drawLine(*self.leader)

    def paint(self, painter: QPainter) -> None:
        painter.setFont(_bold(9))
        painter.setPen(QPen(self.colour, 1))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(self.rect, 3, 3)
        painter.setPen(self.colour)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


def _place_label(painter: QPainter, anchor: QPointF, offset: QPointF, text: str, colour: QColor,
                 taken: list[QRectF]) -> _Label:
    """A label beside its anchor; one that would overlap is moved down until it is clear."""
    rect = _label_rect(painter, anchor + offset, text)
    while any(rect.intersects(other) for other in taken):
        rect.translate(0, rect.height() + 3)
    taken.append(rect)
    moved = rect.top() > anchor.y() + offset.y() + 1
    leader = (anchor + QPointF(8, 0), QPointF(rect.left(), rect.center().y())) if moved else None
    return _Label(rect, text, colour, leader)


def _label_rect(painter: QPainter, at: QPointF, text: str) -> QRectF:
    painter.setFont(_bold(9))
    metrics = QFontMetrics(painter.font())
    return QRectF(at.x(), at.y(), metrics.horizontalAdvance(text) + 10, metrics.height() + 4)
