"""The fleet map: map tiles under a metric view of the fleet, drawn with QPainter.

It shows the chosen tile source's map (from the station's cache, fetched off the UI thread by a
TileLoader) with its attribution, a metric grid or the MGRS/UTMREF grid, scale bar, trails, home
markers and vehicles rotated by heading; zooms with the wheel and pans by dragging. A click
selects a vehicle, or, while the pilot is picking a go-to target, reports the ground point. The
measuring tool adds points with each click (distance, and area once there are three); the area
tool draws a rectangle for a prefetch. Geometry lives in map_geometry and mgrs_grid (no Qt).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from pyproj import Geod

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QBrush, QColor, QContextMenuEvent, QFont, QFontMetrics, QMouseEvent, QPainter,
                           QPainterPath, QPen, QPolygonF, QWheelEvent)
from PySide6.QtWidgets import QApplication, QMenu, QSizePolicy, QToolButton, QWidget

from groundstation.core.engine import FleetSnapshot, VehicleView
from groundstation.core.tiles import TileError, TileId
from groundstation.core.tiles_grid import tile_at, tile_bounds
from groundstation.ui import mgrs_grid
from groundstation.ui.map_geometry import LocalProjection, Viewport, format_distance, nice_step
from groundstation.ui.themes import Look
from groundstation.ui.tile_loader import TileLoader
from groundstation.ui.vehicle_text import fill

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
EARTH_CIRCUMFERENCE_M = 40_075_016.686  # Web Mercator's equator, for the tile zoom that fits the view
MAX_TILES_DRAWN = 400  # a view showing more tiles than this is zoomed too far out for the source
COARSER_ZOOMS = 4      # while a tile loads, a coarser one already in memory stands in, scaled up
MGRS_LINE = QColor("#1a237e")
MEASURE = QColor("#6a1b9a")
_GEOD = Geod(ellps="WGS84")


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
    pointerMoved = Signal(float, float)  # lat, lon under the mouse
    contextRequested = Signal(float, float, QPoint)  # right click: lat, lon, global position for a menu
    areaDrawn = Signal(float, float, float, float)  # south, west, north, east of a rectangle the pilot drew
    toolChanged = Signal(str)  # "", "measure" or "area"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)  # the coordinate bar shows the position under the pointer
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
        self.tiles: TileLoader | None = None
        self.source_id = ""
        self.look = Look()
        self.show_mgrs = False
        self.tool = ""  # "", "measure" or "area"
        self.measure_points: list[tuple[float, float]] = []  # (lat, lon) clicked with the measuring tool
        self.marker: tuple[float, float] | None = None  # the last searched position
        self._area_start: QPointF | None = None
        self._area_end: QPointF | None = None
        self.tiles_drawn = 0  # tiles painted in the last frame, of the tiles_wanted to cover the view
        self.tiles_wanted = 0
        # Overlays drawn over trails and homes, under the vehicles (findings, robots): each has
        # paint(painter, map) and click(map, pos) -> bool (True when the click was its own). A layer
        # with grab(map, pos) -> bool can take a press to drag something of its own: move(map, pos)
        # follows the mouse, drop(map, pos) ends it.
        self.layers: list = []
        self._grabbed = None  # the layer dragging something now
        # Extra right-click entries: (text, action(lat, lon)); text is a function so it follows the language.
        self.context_actions: list[tuple[Callable[[], str], Callable[[float, float], None]]] = []
        self._fit_button = QToolButton(self)
        self._fit_button.clicked.connect(self.fit_fleet)
        self.retranslate()

    def retranslate(self) -> None:
        self._fit_button.setText(self.tr("Fit fleet"))
        self._fit_button.setToolTip(self.tr("Zoom to show every vehicle and home"))
        self._place_fit_button()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- map layers and tools ---------------------------------------------------------------------
    def set_tiles(self, loader: TileLoader | None, source_id: str) -> None:
        if self.tiles is not loader:
            if self.tiles is not None:
                self.tiles.tileArrived.disconnect(self._tile_arrived)
            if loader is not None:
                loader.tileArrived.connect(self._tile_arrived)
        self.tiles, self.source_id = loader, source_id
        self.update()

    def _tile_arrived(self, source_id: str, _tile: TileId) -> None:
        if source_id == self.source_id:
            self.update()

    def set_look(self, look: Look) -> None:
        self.look = look
        self.update()

    def set_mgrs_grid(self, shown: bool) -> None:
        self.show_mgrs = shown
        self.update()

    def set_tool(self, tool: str) -> None:
        """"measure": clicks add points; "area": a drag draws a rectangle; "": pan and select."""
        if tool not in ("", "measure", "area"):
            raise ValueError(f"unknown map tool {tool!r}")
        if tool == self.tool:
            return
        if tool:
            self.set_picking(False)
        self.tool = tool
        self.measure_points = []
        self._area_start = self._area_end = None
        self.setCursor(Qt.CursorShape.CrossCursor if tool else Qt.CursorShape.ArrowCursor)
        self.toolChanged.emit(tool)
        self.update()

    def measurement(self) -> tuple[float, float | None]:
        """Length of the measured line in metres, and the enclosed area in m² once it has 3 points."""
        if len(self.measure_points) < 2:
            return 0.0, None
        lats, lons = zip(*self.measure_points)
        length = float(_GEOD.line_length(lons, lats))
        if len(self.measure_points) < 3:
            return length, None
        area, _perimeter = _GEOD.polygon_area_perimeter(lons, lats)
        return length, abs(float(area))

    def center_on(self, lat: float, lon: float, mark: bool = True) -> None:
        """Show a position in the middle of the map (a search result), keeping the zoom."""
        if self.projection is None:
            self.projection = LocalProjection(lat, lon)
        self.viewport.center_e, self.viewport.center_n = (float(c) for c in self.projection.to_local(lat, lon))
        self._user_moved = True
        self.marker = (lat, lon) if mark else self.marker
        self.update()

    def view_bounds(self) -> tuple[float, float, float, float] | None:
        """(south, west, north, east) of what the map shows now."""
        if self.projection is None:
            return None
        corners = [self.ground_point(QPointF(x, y)) for x, y in
                   ((0, 0), (self.width(), 0), (0, self.height()), (self.width(), self.height()))]
        lats, lons = zip(*corners)
        return min(lats), min(lons), max(lats), max(lons)

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
        if picking:
            self.set_tool("")
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

    def ensure_origin(self, lat: float, lon: float) -> None:
        """Place the map around (lat, lon) when no vehicle has placed it yet (robots or findings only)."""
        if self.projection is None:
            self.projection = LocalProjection(lat, lon)
            self._fit()
            self.update()

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
    def _place_fit_button(self) -> None:
        hint = self._fit_button.sizeHint()
        self._fit_button.setGeometry(self.width() - hint.width() - 8, 8, hint.width(), hint.height())

    def resizeEvent(self, event) -> None:
        self.viewport.width, self.viewport.height = self.width(), self.height()
        self._place_fit_button()
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
        if (event.button() == Qt.MouseButton.LeftButton and not self.tool and not self._picking
                and self.vehicle_at(event.position()) is None):
            self._grabbed = next((layer for layer in self.layers
                                  if hasattr(layer, "grab") and layer.grab(self, event.position())), None)
            if self._grabbed is not None:
                return
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False
            if self.tool == "area":
                self._area_start = self._area_end = event.position()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.ground_point(event.position())
        if point is not None:
            self.pointerMoved.emit(*point)
        if self._grabbed is not None:
            self._grabbed.move(self, event.position())
            self.update()
            return
        if self._press is None:
            return
        delta = event.position() - self._press
        if not self._dragging and math.hypot(delta.x(), delta.y()) < CLICK_SLOP_PX:
            return
        self._dragging = True
        if self.tool == "area":
            self._area_end = event.position()
            self.update()
            return
        self.viewport.pan(delta.x(), delta.y())
        self._press = event.position()
        self._user_moved = True
        self.setCursor(Qt.CursorShape.ClosedHandCursor)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._grabbed is not None:
            grabbed, self._grabbed = self._grabbed, None
            grabbed.drop(self, event.position())
            self.update()
            return
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        was_drag, self._press, self._dragging = self._dragging, None, False
        self.setCursor(Qt.CursorShape.CrossCursor if self._picking or self.tool else Qt.CursorShape.ArrowCursor)
        if self.tool == "area":
            self._finish_area(event.position() if was_drag else None)
            return
        if was_drag:
            return
        if self.tool == "measure":
            point = self.ground_point(event.position())
            if point is not None:
                self.measure_points.append(point)
                self.update()
            return
        if self._picking:
            point = self.ground_point(event.position())
            if point is not None:
                self.set_picking(False)
                self.pointPicked.emit(*point)
            return
        sid = self.vehicle_at(event.position())
        if sid is None and any(layer.click(self, event.position()) for layer in self.layers):
            return
        if sid is not None:
            self.vehicleClicked.emit(sid)

    def _finish_area(self, end: QPointF | None) -> None:
        start, self._area_start, self._area_end = self._area_start, None, None
        if start is None or end is None or self.projection is None:
            self.update()
            return
        a, b = self.ground_point(start), self.ground_point(end)
        self.set_tool("")
        self.areaDrawn.emit(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self._picking:
            self.set_picking(False)
            return
        if event.key() == Qt.Key.Key_Escape and self.tool:
            self.set_tool("")
            return
        if event.key() == Qt.Key.Key_Backspace and self.tool == "measure" and self.measure_points:
            self.measure_points.pop()
            self.update()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        point = self.ground_point(QPointF(event.pos()))
        if point is not None:
            self.contextRequested.emit(point[0], point[1], event.globalPos())
            if self.context_actions:
                # Entries others put on the map ("Mark here…") join the menu a listener opened,
                # so the operator gets one menu; with no listener the map opens its own.
                menu = QApplication.activePopupWidget()
                if not isinstance(menu, QMenu):
                    menu = QMenu(self)
                    menu.popup(event.globalPos())
                for text, act in self.context_actions:
                    menu.addAction(text(), partial(act, *point))

    # -- drawing ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.projection is None:
            painter.setPen(QColor("#555"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Waiting for vehicles with a position…"))
            self._paint_night(painter)
            painter.end()
            return
        self.tiles_drawn = self._paint_tiles(painter)
        grid_step = self._paint_grid(painter)
        if self.show_mgrs:
            self._paint_mgrs(painter)
        for p in self._placed:
            self._paint_trail(painter, p)
        for p in self._placed:
            self._paint_home(painter, p)
        for target in self.targets.values():
            self._paint_target(painter, target)
        for layer in self.layers:
            layer.paint(painter, self)
        for p in sorted(self._placed, key=lambda p: p.system_id == self.selected_id):
            self._paint_vehicle(painter, p)  # the selected one last, on top
        # Labels keep clear of every icon and of each other; leaders go under every label.
        taken = [QRectF(x - 14, y - 16, 28, 30) for x, y in
                 (map(float, self.viewport.to_screen(p.east, p.north)) for p in self._placed)]
        labels = [self._vehicle_label(painter, p, taken) for p in sorted(self._placed, key=lambda p: p.system_id)]
        for sid, target in self.targets.items():  # after the vehicles' labels: those matter more
            labels.append(_place_label(painter, self.screen_point(*target), QPointF(14, 10),
                                       fill(self.tr("go-to %1"), sid), TARGET, taken))
        for label in labels:
            label.paint_leader(painter)
        for label in labels:
            label.paint(painter)
        if self.marker is not None:
            self._paint_marker(painter, self.marker)
        self._paint_measure(painter)
        self._paint_area(painter)
        self._paint_scale(painter, grid_step)
        self._paint_north(painter)
        self._paint_attribution(painter)
        if self._picking:
            self._paint_banner(painter, self.tr("Click the go-to target on the map  (Esc cancels)"))
        elif self.tool == "measure":
            self._paint_banner(painter, self._measure_text())
        elif self.tool == "area":
            self._paint_banner(painter, self.tr("Drag a rectangle over the area to prefetch  (Esc cancels)"))
        self._paint_night(painter)
        painter.end()

    def _paint_night(self, painter: QPainter) -> None:
        tint = self.look.map_filter()
        if tint is not None:  # multiply: red stays, green and blue go, everything dims
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
            painter.fillRect(self.rect(), tint)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)

    def tile_zoom(self) -> int | None:
        """The source's zoom level whose pixels are closest to the view's scale."""
        if self.tiles is None or self.projection is None:
            return None
        try:
            source = self.tiles.service.sources.get(self.source_id)
        except TileError:
            return None
        m_per_tile_px = EARTH_CIRCUMFERENCE_M * math.cos(math.radians(self.projection.lat0)) / 256
        z = round(math.log2(m_per_tile_px / self.viewport.m_per_px))
        return min(max(z, source.min_zoom), source.max_zoom)

    def _paint_tiles(self, painter: QPainter) -> int:
        z = self.tile_zoom()
        bounds = self.view_bounds()
        self.tiles_wanted = 0
        if z is None or bounds is None:
            return 0
        south, west, north, east = bounds
        first, last = tile_at(north, west, z), tile_at(south, east, z)
        if (last.x - first.x + 1) * (last.y - first.y + 1) > MAX_TILES_DRAWN:
            return 0
        self.tiles_wanted = (last.x - first.x + 1) * (last.y - first.y + 1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        drawn = 0
        for x in range(first.x, last.x + 1):
            for y in range(first.y, last.y + 1):
                tile = TileId(z, x, y)
                rect = self._tile_rect(tile)
                image = self.tiles.image(self.source_id, tile)
                if image is not None:
                    painter.drawImage(rect, image)
                    drawn += 1
                else:
                    self._paint_coarser(painter, tile, rect)
        painter.restore()
        return drawn

    def _tile_rect(self, tile: TileId) -> QRectF:
        west, south, east, north = tile_bounds(tile)
        return QRectF(self.screen_point(north, west), self.screen_point(south, east))

    def _paint_coarser(self, painter: QPainter, tile: TileId, rect: QRectF) -> None:
        """Fill a tile still loading with the matching part of a coarser tile already in memory."""
        for up in range(1, min(COARSER_ZOOMS, tile.z) + 1):
            parent = TileId(tile.z - up, tile.x >> up, tile.y >> up)
            image = self.tiles.cached_image(self.source_id, parent)
            if image is None:
                continue
            part = image.width() / (1 << up)
            sx, sy = (tile.x - (parent.x << up)) * part, (tile.y - (parent.y << up)) * part
            painter.drawImage(rect, image, QRectF(sx, sy, part, part))
            return

    def _paint_mgrs(self, painter: QPainter) -> None:
        bounds = self.view_bounds()
        if bounds is None:
            return
        step = mgrs_grid.grid_step(self.viewport.m_per_px * max(self.width(), self.height()))
        painter.setFont(_bold(8))
        for line in mgrs_grid.grid_lines(*bounds, step):
            points = [self.screen_point(lat, lon) for lat, lon in line.points]
            painter.setPen(QPen(MGRS_LINE, 1.4))
            painter.drawPolyline(QPolygonF(points))
            if not line.label:
                continue
            # Eastings labelled along the top edge, northings along the left edge, as on a paper map.
            anchor = min(points, key=lambda p: p.y()) if line.easting else min(points, key=lambda p: p.x())
            at = QPointF(anchor.x() + 3, 58) if line.easting else QPointF(40, anchor.y() - 3)
            painter.setPen(MGRS_LINE)
            painter.drawText(at, line.label)

    def _paint_marker(self, painter: QPainter, where: tuple[float, float]) -> None:
        pt = self.screen_point(*where)
        painter.setPen(QPen(QColor("#000000"), 2))
        painter.setBrush(QColor("#ffd600"))
        pin = QPainterPath()
        pin.moveTo(pt)
        pin.lineTo(pt + QPointF(-7, -16))
        pin.arcTo(QRectF(pt.x() - 8, pt.y() - 30, 16, 16), 200, -220)
        pin.closeSubpath()
        painter.drawPath(pin)

    def _paint_measure(self, painter: QPainter) -> None:
        if not self.measure_points:
            return
        points = [self.screen_point(lat, lon) for lat, lon in self.measure_points]
        painter.setPen(QPen(MEASURE, 2.5, Qt.PenStyle.DashLine))
        if len(points) >= 3:
            painter.setBrush(QColor(MEASURE.red(), MEASURE.green(), MEASURE.blue(), 45))
            painter.drawPolygon(QPolygonF(points))
        else:
            painter.drawPolyline(QPolygonF(points))
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(MEASURE)
        for pt in points:
            painter.drawEllipse(pt, 5, 5)

    def _measure_text(self) -> str:
        length, area = self.measurement()
        if not self.measure_points:
            return self.tr("Click points to measure  (Backspace removes one, Esc ends)")
        text = fill(self.tr("Distance %1"), format_distance_precise(length))
        if area is not None:
            text += "   " + fill(self.tr("Area %1"), format_area(area))
        return text

    def _paint_area(self, painter: QPainter) -> None:
        if self._area_start is None or self._area_end is None:
            return
        painter.setPen(QPen(TARGET, 2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(TARGET.red(), TARGET.green(), TARGET.blue(), 40))
        painter.drawRect(QRectF(self._area_start, self._area_end).normalized())

    def _paint_attribution(self, painter: QPainter) -> None:
        """The tile source's attribution (its licence requires it), and the offline state."""
        parts = []
        if self.tiles is not None:
            try:
                parts.append(self.tiles.service.sources.get(self.source_id).attribution)
            except TileError:
                pass
            if self.tiles.offline:
                parts.insert(0, self.tr("OFFLINE: cached map only"))
        if not parts:
            return
        text = "  ·  ".join(parts)
        painter.setFont(_bold(8))
        metrics = QFontMetrics(painter.font())
        width = metrics.horizontalAdvance(text) + 12
        rect = QRectF(self.width() - width - 4, self.height() - metrics.height() - 8, width, metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 215))
        painter.drawRect(rect)
        painter.setPen(QColor("#202020"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

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
        text = f"{p.system_id}{alt}" if p.link_ok else fill(self.tr("%1  LINK LOST"), p.system_id)
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
        painter.drawText(QPointF(x0, y0 - 10), f"{format_distance(length_m)}    " +
                         fill(self.tr("grid %1"), format_distance(grid_step)))

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


def format_distance_precise(metres: float) -> str:
    """A measured distance: metres to the metre below 10 km, else km to 10 m."""
    return f"{metres:.0f} m" if metres < 10_000 else f"{metres / 1000:.2f} km"


def format_area(m2: float) -> str:
    """Areas as fire services give them: m² when small, hectares, then km²."""
    if m2 < 10_000:
        return f"{m2:.0f} m²"
    if m2 < 1_000_000:
        return f"{m2 / 10_000:.2f} ha"
    return f"{m2 / 1_000_000:.2f} km²"


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
