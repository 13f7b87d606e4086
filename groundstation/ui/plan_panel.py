"""The plan view: plan a search in the window, see it on the map, upload it and follow its flight.

The pilot picks a pattern, sets its datum by a click on the map, draws its area corner by corner or
the route of a track-line search point by point (or imports any of them from KML, GeoJSON or a
QGroundControl .plan), chooses the detection camera and the height or ground resolution, and sees
the legs, the camera's swath, the coverage, the track length, flight time and battery. A parallel
track can be split among several drones: each part is drawn in its own colour with its own figures
and goes up to its own vehicle, picked in the panel. All planning is done by the pure `missions`
package; the panel only gathers the inputs and shows the result. The pilot can then edit the
mission item by item (altitude and speed in the list, delete, insert, drag a waypoint on the map or
add one there); the edited items, a custom mission, upload like a plan. Transfers and mission commands go to the engine;
their progress and results come back on the engine thread and cross here through Qt signals.
"""

from __future__ import annotations

import concurrent.futures
import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import shapely
from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.ui import pending
from groundstation.ui.vehicle_text import fill
from missions.area import Route, SearchArea
from missions.camera import PRESETS, preset
from missions.coverage import coverage, footprint_swaths
from missions.errors import MissionError
from missions.files import FORMATS, export_plan, load_shapes
from missions.geodesy import LatLon, LocalFrame, destination, path_length
from missions.items import FRAME_RELATIVE, MissionItem, plan_to_items, to_e7
from missions.patterns import (
    creeping_line,
    expanding_square,
    parallel_track,
    sector_search,
    size_for_camera,
    track_line,
)
from missions.plan import FlightLimits, SearchPlan
from missions.split import DroneSearch, split_area

DATUM_PATTERNS = ("expanding-square", "sector")
AREA_PATTERNS = ("parallel", "creeping-line")
ROUTE_PATTERNS = ("track-line",)
SPLIT_PATTERN = "parallel"  # the pattern missions.split shares among drones
DEFAULT_CAMERA = "flir-boson-640-14mm"
LEG_COLOUR = QColor("#0d47a1")
SWATH_COLOUR = QColor(33, 150, 243, 55)
AREA_COLOUR = QColor("#2e7d32")
CURRENT_COLOUR = QColor("#ff6d00")
ROUTE_COLOUR = QColor("#6d4c41")  # the route a track-line search follows
# One colour per part of a split plan, none of them the area's green or the current item's orange.
PART_COLOURS = tuple(QColor(c) for c in ("#1565c0", "#c62828", "#6a1b9a", "#00838f", "#ad1457", "#4e342e",
                                         "#827717", "#283593"))
_OK_STYLE = "color: #1b5e20;"
_FAIL_STYLE = "color: #b71c1c; font-weight: bold;"
_WARN_STYLE = "color: #e65100;"
_CELL = "padding-right: 10px;"  # the parts table's columns apart
GRAB_PX = 8.0  # how near a waypoint marker a press must be to drag it
INSERT_STEP_M = 30.0  # a waypoint inserted after the last one goes this far north of it
ALTITUDE_COLUMN, SPEED_COLUMN = 4, 5

Confirm = Callable[[str, str], bool]


@dataclass(frozen=True)
class TransferOutcome:
    """What came back from the engine for one transfer or mission command."""

    action: str  # "upload", "upload part", "download", "start", "pause", "resume"
    system_id: int
    result: object
    error: str  # empty on success
    part: int = 0  # for "upload part": the part of a split plan (1-based)


@dataclass
class PartsUpload:
    """A split plan going up one part at a time, each part to its own vehicle."""

    waiting: list[tuple[int, int, list[MissionItem]]]  # (part, vehicle, items) still to send
    total: int  # items in all parts, for the progress bar
    sent: int = 0  # items of the parts already answered
    sending: int = 0  # items of the part going up now
    results: list[str] = field(default_factory=list)  # one line per part answered, for the pilot
    failed: bool = False


@dataclass(frozen=True)
class PartOnMap:
    """One part of a split plan as the map draws it."""

    number: int  # 1-based
    colour: QColor
    legs: list[LatLon]
    outlines: list[list[LatLon]]


class PlanLayer:
    """The plan on the map: area or route (and the points being drawn), datum, camera swaths, legs,
    the parts of a split plan in their colours, the mission items, and the item being flown now.
    Waypoint markers can be dragged."""

    def __init__(self, on_click: Callable[[float, float], bool], on_moved: Callable[[int], None]) -> None:
        self.on_click = on_click  # (lat, lon) -> True when the plan took the click
        self.on_moved = on_moved  # (index of the item dragged to a new place)
        self.draggable = True
        self.dragging: int | None = None  # index in items of the waypoint being dragged
        self._dragged_from: LatLon | None = None
        self.area: list[LatLon] = []
        self.drawing: list[LatLon] = []
        self.datum: LatLon | None = None
        self.route_line: list[LatLon] = []
        self.swaths: list[list[LatLon]] = []
        self.parts: list[PartOnMap] = []
        self.items: list[MissionItem] = []
        self.current: int = -1  # seq of the item being flown, -1 when none

    def route(self) -> list[LatLon]:
        return [p for p in (item.position for item in self.items) if p is not None]

    def paint(self, painter: QPainter, view) -> None:
        if view.projection is None:
            return
        def points(ring: list[LatLon]) -> QPolygonF:
            return QPolygonF([view.screen_point(p.lat, p.lon) for p in ring])

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SWATH_COLOUR)
        for ring in self.swaths:
            painter.drawPolygon(points(ring))
        if self.area:
            painter.setPen(QPen(AREA_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(points(self.area))
        if self.route_line:
            painter.setPen(QPen(ROUTE_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(points(self.route_line))
        for part in self.parts:
            self._paint_part(painter, part, points)
        if self.drawing:
            painter.setPen(QPen(AREA_COLOUR, 2, Qt.PenStyle.DotLine))
            painter.drawPolyline(points(self.drawing))
            painter.setBrush(AREA_COLOUR)
            for pt in points(self.drawing):
                painter.drawEllipse(pt, 4, 4)
        route = self.route()
        if route:
            painter.setPen(QPen(LEG_COLOUR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(points(route))
            painter.setBrush(QBrush(QColor("white")))
            for pt in points(route):
                painter.drawEllipse(pt, 3, 3)
        if self.datum is not None:
            pt = view.screen_point(self.datum.lat, self.datum.lon)
            painter.setPen(QPen(AREA_COLOUR, 2))
            painter.drawLine(pt + QPointF(-9, -9), pt + QPointF(9, 9))
            painter.drawLine(pt + QPointF(-9, 9), pt + QPointF(9, -9))
        target = self.current_position()
        if target is not None:
            pt = view.screen_point(target.lat, target.lon)
            painter.setPen(QPen(CURRENT_COLOUR, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(pt, 11, 11)

    @staticmethod
    def _paint_part(painter: QPainter, part: PartOnMap, points: Callable[[list[LatLon]], QPolygonF]) -> None:
        outline = QColor(part.colour)
        outline.setAlpha(150)
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring in part.outlines:
            painter.drawPolygon(points(ring))
        legs = points(part.legs)
        painter.setPen(QPen(part.colour, 2.5))
        painter.drawPolyline(legs)
        if legs.isEmpty():
            return
        # The part's number on its first waypoint, so the figures in the panel read against the map.
        start = legs.first()
        painter.setBrush(part.colour)
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.drawEllipse(start, 9, 9)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(start.x() - 9, start.y() - 9, 18, 18), Qt.AlignmentFlag.AlignCenter, str(part.number))

    def current_position(self) -> LatLon | None:
        """Where the item being flown goes (for an item without a position: none)."""
        for item in self.items:
            if item.seq == self.current:
                return item.position
        return None

    def click(self, view, pos: QPointF) -> bool:
        point = view.ground_point(pos)
        return point is not None and self.on_click(*point)

    def grab(self, view, pos: QPointF) -> bool:
        """A press on a waypoint marker starts dragging that waypoint."""
        if not self.draggable:
            return False
        nearest, best = None, GRAB_PX
        for i, item in enumerate(self.items):
            where = item.position
            pt = view.screen_point(where.lat, where.lon) if where is not None else None
            d = math.hypot(pt.x() - pos.x(), pt.y() - pos.y()) if pt is not None else math.inf
            if d <= best:
                nearest, best = i, d
        self.dragging = nearest
        self._dragged_from = self.items[nearest].position if nearest is not None else None
        return nearest is not None

    def move(self, view, pos: QPointF) -> None:
        point = view.ground_point(pos)
        if self.dragging is not None and point is not None:
            self.items[self.dragging] = moved(self.items, self.dragging, LatLon(*point))[self.dragging]

    def drop(self, view, pos: QPointF) -> None:
        self.move(view, pos)
        index, self.dragging = self.dragging, None
        if index is not None and self.items[index].position != self._dragged_from:  # a mere click moves nothing
            self.on_moved(index)


class PlanPanel(QWidget):
    transferProgress = Signal(int, int)  # items done, items in all; emitted from the engine thread
    transferFinished = Signal(object)  # TransferOutcome, emitted from the engine thread

    def __init__(self, engine: Engine, selected: Callable[[], int | None], confirm: Confirm,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.selected = selected  # the window's selected vehicle
        self.confirm = confirm
        self.layer = PlanLayer(self._map_clicked, self._waypoint_moved)
        self.plan: SearchPlan | None = None
        self.split: list[DroneSearch] = []  # the parts when the plan is shared among drones (then no plan)
        self.area: SearchArea | None = None
        self.datum: LatLon | None = None
        self.route: Route | None = None
        self.mode = ""  # "datum", "area" or "route" while the pilot clicks on the map
        self.parts_upload: PartsUpload | None = None  # a split plan on its way up
        self.items_vehicle: int | None = None  # the vehicle holding the listed items (uploaded or downloaded)
        self.edited = False  # the listed items are the pilot's edits, not yet uploaded
        self.outcomes: list[TransferOutcome] = []
        self._snapshot: FleetSnapshot | None = None
        self.on_change: Callable[[], None] = lambda: None  # the window repaints the map

        self.pattern = QComboBox()
        self.datum_button = QPushButton()
        self.datum_button.setCheckable(True)
        self.area_button = QPushButton()
        self.area_button.setCheckable(True)
        self.route_button = QPushButton()
        self.route_button.setCheckable(True)
        self.import_button = QPushButton()
        self.where = QLabel("")
        self.camera = QComboBox()
        self.camera.addItems(sorted(PRESETS))
        self.camera.setCurrentText(DEFAULT_CAMERA)
        self.size_by = QComboBox()
        self.altitude = _spin(5, 500, 40, " m", 0)
        self.gsd = _spin(0.5, 50, 5, " cm/px", 1)
        self.side_overlap = _spin(0, 90, 20, " %", 0)
        self.front_overlap = _spin(0, 90, 20, " %", 0)
        self.legs = QSpinBox()
        self.legs.setRange(1, 200)
        self.legs.setValue(8)
        self.radius = _spin(10, 5000, 100, " m", 0)
        self.heading = _spin(0, 359, 0, " °", 0)
        self.speed = _spin(1, 40, FlightLimits.cruise_speed_mps, " m/s", 1)
        self.endurance = _spin(1, 600, FlightLimits.endurance_s / 60, " min", 0)
        self.returning = QCheckBox()  # track line: back along the other side of the route (TSR), else once (TSN)
        self.returning.setChecked(True)
        self.drones = QSpinBox()
        self.drones.setRange(1, 1)  # up to the vehicles online, as snapshots say
        self.picks_label = QLabel()
        self.picks_row = QHBoxLayout()  # one check box per vehicle online: the vehicles the parts go to
        self.picks: dict[int, QCheckBox] = {}
        self.figures = QLabel("")
        self.figures.setWordWrap(True)
        self.part_figures = QLabel("")  # a table of the parts of a split plan, one row in its colour each
        self.part_figures.setTextFormat(Qt.TextFormat.RichText)
        self.part_figures.setWordWrap(True)
        self.warnings = QLabel("")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(_WARN_STYLE)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.list = QTableWidget(0, 6)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.verticalHeader().setVisible(False)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.delete_item = QPushButton()
        self.insert_waypoint = QPushButton()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.upload = QPushButton()
        self.download = QPushButton()
        self.start = QPushButton()
        self.pause = QPushButton()
        self.resume = QPushButton()
        self.export = QPushButton()
        self.labels = {name: QLabel() for name in ("pattern", "camera", "size", "side", "front", "legs", "radius",
                                                   "heading", "speed", "endurance", "drones")}
        self._build_layout()
        self.retranslate()

        self.pattern.currentIndexChanged.connect(self._pattern_changed)
        self.datum_button.toggled.connect(lambda on: self._set_mode("datum" if on else ""))
        self.area_button.toggled.connect(lambda on: self._drawing_toggled("area", on))
        self.route_button.toggled.connect(lambda on: self._drawing_toggled("route", on))
        self.import_button.clicked.connect(self._choose_import)
        self.size_by.currentIndexChanged.connect(self._size_by_changed)
        for spin in (self.altitude, self.gsd, self.side_overlap, self.front_overlap, self.radius, self.heading,
                     self.speed, self.endurance):
            spin.valueChanged.connect(self.replan)
        self.legs.valueChanged.connect(self.replan)
        self.drones.valueChanged.connect(self.replan)
        self.returning.toggled.connect(self.replan)
        self.camera.currentIndexChanged.connect(self.replan)
        self.upload.clicked.connect(self.upload_plan)
        self.download.clicked.connect(self.download_mission)
        self.start.clicked.connect(self.start_mission)
        self.pause.clicked.connect(self.pause_mission)
        self.resume.clicked.connect(self.resume_mission)
        self.export.clicked.connect(self._choose_export)
        self.delete_item.clicked.connect(self.delete_selected)
        self.insert_waypoint.clicked.connect(self.insert_after_selected)
        self.list.itemChanged.connect(self._cell_edited)
        self.transferProgress.connect(self._show_progress)
        self.transferFinished.connect(self._transfer_finished)
        self._pattern_changed()
        self._size_by_changed()

    def _build_layout(self) -> None:
        form = self.form = QFormLayout()
        form.addRow(self.labels["pattern"], self.pattern)
        where = QHBoxLayout()
        for button in (self.datum_button, self.area_button, self.route_button, self.import_button):
            where.addWidget(button)
        form.addRow(where)
        form.addRow(self.where)
        form.addRow(self.labels["camera"], self.camera)
        size = QHBoxLayout()
        size.addWidget(self.size_by)
        size.addWidget(self.altitude)
        size.addWidget(self.gsd)
        form.addRow(self.labels["size"], size)
        form.addRow(self.labels["side"], self.side_overlap)
        form.addRow(self.labels["front"], self.front_overlap)
        form.addRow(self.labels["legs"], self.legs)
        form.addRow(self.labels["radius"], self.radius)
        form.addRow(self.labels["heading"], self.heading)
        form.addRow(self.labels["speed"], self.speed)
        form.addRow(self.labels["endurance"], self.endurance)
        form.addRow(self.returning)
        share = self.share = QHBoxLayout()
        share.addWidget(self.drones)
        share.addWidget(self.picks_label)
        share.addLayout(self.picks_row)
        share.addStretch(1)
        form.addRow(self.labels["drones"], share)
        buttons = QGridLayout()
        for i, button in enumerate((self.upload, self.download, self.export, self.start, self.pause, self.resume)):
            buttons.addWidget(button, i // 3, i % 3)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.figures)
        column.addWidget(self.part_figures)
        column.addWidget(self.warnings)
        column.addWidget(self.list, 1)
        editing = QHBoxLayout()
        editing.addWidget(self.insert_waypoint)
        editing.addWidget(self.delete_item)
        column.addLayout(editing)
        column.addWidget(self.progress)
        column.addLayout(buttons)
        column.addWidget(self.status)

    def retranslate(self) -> None:
        names = [self.tr("Expanding square"), self.tr("Sector"), self.tr("Parallel track"), self.tr("Creeping line"),
                 self.tr("Track line")]
        for i, (key, name) in enumerate(zip(DATUM_PATTERNS + AREA_PATTERNS + ROUTE_PATTERNS, names)):
            if self.pattern.count() <= i:
                self.pattern.addItem(name, key)
            self.pattern.setItemText(i, name)
        for i, name in enumerate([self.tr("Altitude"), self.tr("Ground resolution")]):
            if self.size_by.count() <= i:
                self.size_by.addItem(name)
            self.size_by.setItemText(i, name)
        texts = {"pattern": self.tr("Pattern"), "camera": self.tr("Detection camera"), "size": self.tr("Sized by"),
                 "side": self.tr("Side overlap"), "front": self.tr("Front overlap"), "legs": self.tr("Legs"),
                 "radius": self.tr("Radius"), "speed": self.tr("Cruise speed"), "endurance": self.tr("Endurance"),
                 "drones": self.tr("Drones")}
        texts["heading"] = (self.tr("Advance direction") if self.pattern_key == "creeping-line"
                            else self.tr("First leg heading"))
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.datum_button.setText(self.tr("Set datum on map"))
        self.area_button.setText(self.tr("Draw area on map"))
        self.route_button.setText(self.tr("Draw route on map"))
        self.import_button.setText(self.tr("Import…"))
        self.returning.setText(self.tr("Back along the other side of the route"))
        self.drones.setToolTip(self.tr("Share the area among this many drones, each flying its own part"))
        self.picks_label.setText(self.tr("to vehicles:"))
        for sid, box in self.picks.items():
            box.setToolTip(fill(self.tr("Upload a part to vehicle %1"), sid))
        self.list.setHorizontalHeaderLabels([self.tr("#"), self.tr("Item"), self.tr("Latitude"), self.tr("Longitude"),
                                             self.tr("Altitude"), self.tr("Speed")])
        self.insert_waypoint.setText(self.tr("Insert waypoint after"))
        self.delete_item.setText(self.tr("Delete item"))
        self.upload.setText(self.tr("Upload"))
        self.download.setText(self.tr("Download"))
        self.export.setText(self.tr("Export…"))
        self.start.setText(self.tr("Start"))
        self.pause.setText(self.tr("Pause"))
        self.resume.setText(self.tr("Resume"))
        self._show_where()
        self._show_figures()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def pattern_key(self) -> str:
        return self.pattern.currentData() or DATUM_PATTERNS[0]

    # -- where to search: datum clicked, area drawn, or imported ------------------------------------
    def _pattern_changed(self) -> None:
        key = self.pattern_key
        # Only what the pattern uses is shown: the dock fits a 768 px high screen.
        self.form.setRowVisible(self.legs, key == "expanding-square")
        self.form.setRowVisible(self.radius, key == "sector")
        self.form.setRowVisible(self.heading, key in ("expanding-square", "sector", "creeping-line"))
        self.form.setRowVisible(self.returning, key in ROUTE_PATTERNS)
        self.form.setRowVisible(self.share, key == SPLIT_PATTERN)
        self.datum_button.setVisible(key in DATUM_PATTERNS)
        self.area_button.setVisible(key in AREA_PATTERNS)
        self.route_button.setVisible(key in ROUTE_PATTERNS)
        if self.mode:
            self._set_mode("")
        self.retranslate()
        self.replan()

    def _size_by_changed(self) -> None:
        self.altitude.setVisible(self.size_by.currentIndex() == 0)
        self.gsd.setVisible(self.size_by.currentIndex() == 1)
        self.replan()

    def _set_mode(self, mode: str) -> None:
        """"datum": the next map click sets the datum; "area" or "route": clicks add corners or route points;
        "": the map is the map's."""
        self.mode = mode
        self.layer.draggable = not mode  # while the pilot clicks a datum or corners, a click is a click
        self.datum_button.setChecked(mode == "datum")
        self.area_button.setChecked(mode == "area")
        self.route_button.setChecked(mode == "route")
        self.layer.drawing = []  # corners or points drawn and not closed are dropped
        if mode == "area":
            self._say(self.tr("Click the area's corners on the map, then press Draw area again to close it"), ok=True)
        elif mode == "route":
            self._say(self.tr("Click the route's points in order on the map, then press Draw route again to end it"),
                      ok=True)
        elif mode == "datum":
            self._say(self.tr("Click the datum (last known position) on the map"), ok=True)
        self.on_change()

    def _drawing_toggled(self, mode: str, on: bool) -> None:
        """Drawing an area or a route starts with its button and ends when it is pressed again."""
        if on:
            self._set_mode(mode)
            return
        if self.mode != mode:
            return
        points, self.layer.drawing = self.layer.drawing, []
        self.mode = ""
        self.layer.draggable = True
        try:
            if mode == "area":
                self.set_area(SearchArea(points, name=self.tr("drawn area")))
            else:
                self.set_route(Route(points, name=self.tr("drawn route")))
        except MissionError as e:
            self._say(fill(self.tr("Area not used: %1") if mode == "area" else self.tr("Route not used: %1"), e),
                      ok=False)
        self.on_change()

    def _map_clicked(self, lat: float, lon: float) -> bool:
        if self.mode == "datum":
            self._set_mode("")
            self.set_datum(LatLon(lat, lon))
            return True
        if self.mode in ("area", "route"):
            self.layer.drawing.append(LatLon(lat, lon))
            self.on_change()
            return True
        return False

    def set_datum(self, datum: LatLon) -> None:
        self.datum = datum
        if self.pattern_key not in DATUM_PATTERNS:
            self.pattern.setCurrentIndex(0)
        self._say(fill(self.tr("Datum set at %1, %2"), f"{datum.lat:.6f}", f"{datum.lon:.6f}"), ok=True)
        self.replan()

    def set_area(self, area: SearchArea) -> None:
        self.area = area
        if self.pattern_key not in AREA_PATTERNS:
            self.pattern.setCurrentIndex(len(DATUM_PATTERNS))
        self._say(fill(self.tr("Area %1: %2 ha"), area.name, f"{area.area_m2() / 10_000:.1f}"), ok=True)
        self.replan()

    def set_route(self, route: Route) -> None:
        self.route = route
        if self.pattern_key not in ROUTE_PATTERNS:
            self.pattern.setCurrentIndex(self.pattern.findData(ROUTE_PATTERNS[0]))
        self._say(fill(self.tr("Route %1: %2 km"), route.name, f"{_route_length_m(route) / 1000:.2f}"), ok=True)
        self.replan()

    def import_file(self, path: str | Path) -> bool:
        """Take the first route of a KML, GeoJSON or .plan file for a track line, else its first area (or
        route, or named point, in that order). A bad file changes nothing and says why."""
        try:
            shapes = load_shapes(path)
        except (MissionError, OSError) as e:
            self._say(fill(self.tr("Cannot import %1: %2"), Path(path).name, e), ok=False)
            return False
        name = Path(path).name
        if shapes.routes and (self.pattern_key in ROUTE_PATTERNS or not shapes.areas):
            route = shapes.routes[0]
            self.set_route(route if route.name else replace(route, name=name))
        elif shapes.areas:
            area = shapes.areas[0]
            self.set_area(area if area.name else replace(area, name=name))
        elif shapes.points:
            self.set_datum(shapes.points[0][1])
        else:
            self._say(fill(self.tr("Cannot import %1: it holds no area, route or point"), name), ok=False)
            return False
        self.on_change()
        return True

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a search area, route or datum"), "",
                                              self.tr("Areas and routes (*.kml *.geojson *.json *.plan)"))
        if path:
            self.import_file(path)

    def _show_where(self) -> None:
        key = self.pattern_key
        if key in DATUM_PATTERNS:
            self.where.setText(self.tr("Datum: not set") if self.datum is None else
                               fill(self.tr("Datum: %1, %2"), f"{self.datum.lat:.6f}", f"{self.datum.lon:.6f}"))
        elif key in AREA_PATTERNS:
            self.where.setText(self.tr("Area: not set") if self.area is None else
                               fill(self.tr("Area: %1 (%2 ha)"), self.area.name, f"{self.area.area_m2() / 10_000:.1f}"))
        else:
            self.where.setText(self.tr("Route: not set") if self.route is None else
                               fill(self.tr("Route: %1 (%2 km)"), self.route.name,
                                    f"{_route_length_m(self.route) / 1000:.2f}"))

    # -- the plan ---------------------------------------------------------------------------------
    @property
    def splitting(self) -> bool:
        """The plan is shared among drones."""
        return self.pattern_key == SPLIT_PATTERN and self.drones.value() > 1

    def replan(self) -> None:
        """Plan again from the inputs; a refused input leaves no plan and says why."""
        self._forget_plan()
        key = self.pattern_key
        self.layer.datum = self.datum if key in DATUM_PATTERNS else None
        self.layer.area = self.area.boundary if self.area is not None and key in AREA_PATTERNS else []
        self.layer.route_line = list(self.route.points) if self.route is not None and key in ROUTE_PATTERNS else []
        error = ""
        try:
            if self.splitting:
                self.split = self._make_split()
            else:
                self.plan = self._make_plan()
        except MissionError as e:
            error = str(e)
        if self.plan is not None:
            self.layer.items, self.layer.current, self.items_vehicle = _items_of(self.plan), -1, None
            self.edited = False
            self.layer.swaths = _swaths(self.plan)
            self.warnings.setText("\n".join(self.plan.warnings))
        elif self.split:
            # The list holds one vehicle's mission; the parts are on the map and in the figures.
            self.layer.items, self.layer.current, self.items_vehicle = [], -1, None
            self.edited = False
            self.layer.swaths = [ring for part in self.split for ring in _swaths(part.plan)]
            self.layer.parts = [PartOnMap(d.drone, _part_colour(d.drone), [w.position for w in d.plan.waypoints],
                                          [a.boundary for a in d.parts]) for d in self.split]
            self.warnings.setText("\n".join(fill(self.tr("Part %1: %2"), d.drone, w)
                                            for d in self.split for w in d.plan.warnings))
        elif error:
            self.warnings.setText(fill(self.tr("No plan: %1"), error))
        self._fill_list()
        self._show_where()
        self._show_figures()
        self.on_change()

    def _forget_plan(self) -> None:
        """No plan on screen (a split one included) until one is made or a mission is listed."""
        self.plan, self.split = None, []
        self.layer.swaths, self.layer.parts = [], []
        self.warnings.setText("")
        self.part_figures.setText("")

    def _inputs(self) -> dict:
        """The camera's sizing and the aircraft's limits, as every pattern takes them."""
        by_gsd = self.size_by.currentIndex() == 1
        sizing = size_for_camera(preset(self.camera.currentText()),
                                 altitude_m=None if by_gsd else self.altitude.value(),
                                 gsd_cm=self.gsd.value() if by_gsd else None,
                                 side_overlap=self.side_overlap.value() / 100,
                                 front_overlap=self.front_overlap.value() / 100)
        limits = FlightLimits(cruise_speed_mps=self.speed.value(), endurance_s=self.endurance.value() * 60)
        return {"limits": limits, "sizing": sizing}

    def _make_split(self) -> list[DroneSearch]:
        if self.area is None:
            return []
        common = self._inputs()
        sizing = common["sizing"]
        return split_area(self.area, self.drones.value(), sizing.spacing_m, sizing.altitude_m, **common)

    def _make_plan(self) -> SearchPlan | None:
        key = self.pattern_key
        if ((key in DATUM_PATTERNS and self.datum is None) or (key in AREA_PATTERNS and self.area is None)
                or (key in ROUTE_PATTERNS and self.route is None)):
            return None
        common = self._inputs()
        sizing = common["sizing"]
        heading = self.heading.value()
        if key == "expanding-square":
            return expanding_square(self.datum, sizing.spacing_m, self.legs.value(), sizing.altitude_m,
                                    first_heading_deg=heading, **common)
        if key == "sector":
            return sector_search(self.datum, self.radius.value(), sizing.altitude_m, first_heading_deg=heading,
                                 **common)
        if key == "parallel":
            return parallel_track(self.area, sizing.spacing_m, sizing.altitude_m, **common)
        if key == "track-line":
            return track_line(self.route, sizing.spacing_m, sizing.altitude_m, returning=self.returning.isChecked(),
                              **common)
        return creeping_line(self.area, heading, sizing.spacing_m, sizing.altitude_m, **common)

    def _show_figures(self) -> None:
        if self.split:
            self._show_split_figures()
            return
        plan = self.plan
        if plan is None and self.edited:
            self.figures.setText(fill(self.tr("Edited mission: %1 items, not uploaded yet"), len(self.layer.items)))
            return
        if plan is None:
            self.figures.setText("" if self.items_vehicle is None else
                                 fill(self.tr("Vehicle %1's mission: %2 items"), self.items_vehicle,
                                      len(self.layer.items)))
            return
        text = fill(self.tr("%1 m up, tracks %2 m apart, track %3 km, flight %4 min, battery %5 %"),
                    f"{plan.altitude_m:.0f}", f"{plan.spacing_m:.0f}", f"{plan.track_length_m / 1000:.2f}",
                    f"{plan.flight_time_s / 60:.1f}", f"{plan.battery_fraction * 100:.0f}")
        if plan.area is not None:
            text += "\n" + fill(self.tr("Coverage %1 % of %2 ha"), f"{coverage(plan, plan.area) * 100:.0f}",
                                f"{plan.area.area_m2() / 10_000:.1f}")
        elif self.layer.swaths:
            seen = _swath_area_m2(plan)
            text += "\n" + fill(self.tr("Ground seen %1 ha"), f"{seen / 10_000:.1f}")
        self.figures.setText(text)

    def _show_split_figures(self) -> None:
        first = self.split[0].plan
        self.figures.setText(fill(self.tr("%1 m up, tracks %2 m apart, area shared among %3 drones"),
                                  f"{first.altitude_m:.0f}", f"{first.spacing_m:.0f}", len(self.split)))
        # One row per part, its colour as on the map, and the vehicle it goes to (in red while none is picked).
        vehicles = self.picked_vehicles()
        heads = [self.tr("Part"), self.tr("Track"), self.tr("Flight"), self.tr("Battery"), self.tr("Vehicle")]
        rows = ["<tr>" + "".join(f"<th align='left' style='{_CELL}'>{html.escape(h)}</th>" for h in heads) + "</tr>"]
        none_picked = self.tr("none picked")
        missing = f"<span style='color:#b71c1c'>{html.escape(none_picked)}</span>"
        for d in self.split:
            plan = d.plan
            vehicle = str(vehicles[d.drone - 1]) if d.drone <= len(vehicles) else missing
            cells = [f"<span style='color:{_part_colour(d.drone).name()}'>&#9632;</span> {d.drone}",
                     f"{plan.track_length_m / 1000:.2f} km", f"{plan.flight_time_s / 60:.1f} min",
                     f"{plan.battery_fraction * 100:.0f} %", vehicle]
            rows.append("<tr>" + "".join(f"<td style='{_CELL}'>{c}</td>" for c in cells) + "</tr>")
        self.part_figures.setText("<table cellspacing='0' cellpadding='1'>"
                                  + "".join(rows) + "</table>")

    # -- sharing among drones: the vehicles online, picked to take the parts ----------------------------
    def picked_vehicles(self) -> list[int]:
        """The vehicles the parts go to, in order: part 1 to the first."""
        return [sid for sid, box in self.picks.items() if box.isChecked()]

    def pick_vehicles(self, system_ids: list[int]) -> None:
        """Pick exactly these vehicles (those online) to take the parts."""
        for sid, box in self.picks.items():
            box.setChecked(sid in system_ids)

    def _show_online(self, snapshot: FleetSnapshot) -> None:
        """One check box per vehicle online; the drones count goes up to their number."""
        online = sorted(sid for sid, view in snapshot.vehicles.items() if view.state.link_ok)
        if online == list(self.picks):
            return
        for sid, box in self.picks.items():
            self.picks_row.removeWidget(box)
            if sid not in online:
                box.deleteLater()
        picks = {}
        for sid in online:
            box = self.picks.get(sid)  # a vehicle still online keeps its pick
            if box is None:
                box = QCheckBox(str(sid))
                box.setToolTip(fill(self.tr("Upload a part to vehicle %1"), sid))
                box.toggled.connect(lambda _on: self._show_figures())
            self.picks_row.addWidget(box)
            box.setVisible(self.form.isRowVisible(self.share))  # else shown, unplaced, over the form's top corner
            picks[sid] = box
        self.picks = picks
        self.drones.setMaximum(max(1, len(online)))  # a smaller count plans afresh
        self._show_figures()

    def _fill_list(self) -> None:
        items = self.layer.items
        self.list.blockSignals(True)  # filling is not editing
        self.list.setRowCount(len(items))
        for row, item in enumerate(items):
            pos = item.position
            speed = speed_at(items, row)
            cells = [str(item.seq), _command_name(item.command), f"{pos.lat:.6f}" if pos else "",
                     f"{pos.lon:.6f}" if pos else "", f"{item.z:.1f} m" if pos else "",
                     f"{speed:.1f} m/s" if speed is not None else ""]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                editable = (col == ALTITUDE_COLUMN and pos is not None) or (
                    col == SPEED_COLUMN and (pos is not None or item.command == mavlink.MAV_CMD_DO_CHANGE_SPEED))
                if not editable:
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.list.setItem(row, col, cell)
        self.list.blockSignals(False)
        self._show_current()

    # -- editing the mission item by item ------------------------------------------------------------
    def _edit(self, items: list[MissionItem], what: str) -> None:
        """The listed items become the pilot's custom mission, replacing the plan on screen."""
        self._forget_plan()
        self.layer.items, self.layer.current, self.items_vehicle, self.edited = items, -1, None, True
        self._fill_list()
        self._show_figures()
        self._say(what, ok=True)
        self.on_change()

    def _cell_edited(self, cell: QTableWidgetItem) -> None:
        row, col = cell.row(), cell.column()
        items = self.layer.items
        try:
            value = _number(cell.text())
            if col == ALTITUDE_COLUMN:
                edited = with_altitude(items, row, value)
                what = fill(self.tr("Item %1: altitude %2 m"), items[row].seq, f"{value:g}")
            else:
                edited = with_speed(items, row, value)
                what = fill(self.tr("Item %1: speed %2 m/s"), items[row].seq, f"{value:g}")
        except (ValueError, MissionError) as e:
            self._fill_list()  # the cell shows the value kept
            self._say(fill(self.tr("Not changed: %1"), e), ok=False)
            return
        self._edit(edited, what)

    def _selected_row(self) -> int | None:
        rows = self.list.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def delete_selected(self) -> bool:
        row = self._selected_row()
        if row is None:
            self._say(self.tr("Select the item to delete first"), ok=False)
            return False
        seq = self.layer.items[row].seq
        self._edit(without(self.layer.items, row), fill(self.tr("Item %1 deleted"), seq))
        if self.list.rowCount():
            self.list.selectRow(min(row, self.list.rowCount() - 1))
        return True

    def insert_after_selected(self) -> bool:
        row = self._selected_row()
        if row is None:
            self._say(self.tr("Select the item to insert after first"), ok=False)
            return False
        try:
            items = waypoint_after(self.layer.items, row, None, self.altitude.value())
        except MissionError as e:
            self._say(fill(self.tr("No waypoint inserted: %1"), e), ok=False)
            return False
        self._edit(items, fill(self.tr("Waypoint %1 inserted"), row + 1))
        self.list.selectRow(row + 1)
        return True

    def add_waypoint_text(self) -> str:
        """The map's context-menu entry."""
        return self.tr("Add waypoint here")

    def add_waypoint_at(self, lat: float, lon: float) -> None:
        """A waypoint at a map point: after the selected item, else before a final return to launch."""
        items = self.layer.items
        row = self._selected_row()
        if row is None:
            returns = bool(items) and items[-1].command == mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH
            row = len(items) - (2 if returns else 1)
        self._edit(waypoint_after(items, row, LatLon(lat, lon), self.altitude.value()),
                   fill(self.tr("Waypoint %1 added at %2, %3"), row + 1, f"{lat:.6f}", f"{lon:.6f}"))
        self.list.selectRow(row + 1)

    def _waypoint_moved(self, index: int) -> None:
        pos = self.layer.items[index].position
        self._edit(list(self.layer.items), fill(self.tr("Item %1 moved to %2, %3"), self.layer.items[index].seq,
                                                f"{pos.lat:.6f}", f"{pos.lon:.6f}"))

    def _show_current(self) -> None:
        self.list.blockSignals(True)  # highlighting is not editing
        for row in range(self.list.rowCount()):
            flying = self.layer.items[row].seq == self.layer.current
            for col in range(self.list.columnCount()):
                cell = self.list.item(row, col)
                cell.setBackground(QBrush(CURRENT_COLOUR.lighter(160)) if flying else QBrush())
                font = cell.font()
                font.setBold(flying)
                cell.setFont(font)
            if flying:
                self.list.scrollToItem(self.list.item(row, 0))
        self.list.blockSignals(False)

    def show_snapshot(self, snapshot: FleetSnapshot) -> None:
        """Follow the flight: the vehicle holding the listed mission says which item it flies."""
        self._snapshot = snapshot
        self._show_online(snapshot)
        view = snapshot.vehicles.get(self.items_vehicle) if self.items_vehicle is not None else None
        current = view.state.mission_current if view is not None else -1
        if current != self.layer.current:
            self.layer.current = current
            self._show_current()
            self.on_change()

    @property
    def current_row(self) -> int | None:
        """The list row of the item being flown, None when none is."""
        for row, item in enumerate(self.layer.items):
            if item.seq == self.layer.current:
                return row
        return None

    # -- export -------------------------------------------------------------------------------------
    def export_to(self, path: str | Path) -> bool:
        """Write the plan as .plan, .kml or .geojson by the file's suffix; a split plan one file per part,
        named as `python -m missions --drones` names them (search-drone1.plan, ...)."""
        path = Path(path)
        fmt = path.suffix.lower().lstrip(".")
        try:
            if self.plan is None and not self.split:
                raise MissionError(self.tr("there is no plan to export"))
            if fmt not in FORMATS:
                raise MissionError(fill(self.tr("unknown file type .%1; use .plan, .kml or .geojson"), fmt))
            files = ([(path, self.plan)] if self.plan is not None else
                     [(path.with_stem(f"{path.stem}-drone{d.drone}"), d.plan) for d in self.split])
            texts = [(where, export_plan(plan, fmt)) for where, plan in files]  # all made before any is written
            for where, text in texts:
                where.write_text(text, encoding="utf-8")
        except (MissionError, OSError) as e:
            self._say(fill(self.tr("Export failed: %1"), e), ok=False)
            return False
        if len(files) == 1:
            self._say(fill(self.tr("Plan written to %1"), path), ok=True)
        else:
            self._say(fill(self.tr("%1 parts written: %2"), len(files), ", ".join(str(w) for w, _ in files)), ok=True)
        return True

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the plan"), "search.plan",
                                              self.tr("Plans (*.plan *.kml *.geojson)"))
        if path:
            self.export_to(path)

    # -- the vehicle: upload, download, start, pause, resume ------------------------------------------
    def upload_plan(self) -> bool:
        if self.parts_upload is not None:
            self._say(self.tr("Wait: the parts are still going up"), ok=False)
            return False
        if self.split:
            return self._upload_parts()
        sid = self._vehicle()
        if sid is None:
            return False
        if self.plan is None and not (self.edited and self.layer.items):
            self._say(self.tr("Upload: no plan yet: set a datum or an area first"), ok=False)
            return False
        try:
            items = plan_to_items(self.plan) if self.plan is not None else list(self.layer.items)
        except MissionError as e:
            self._say(fill(self.tr("Upload refused: %1"), e), ok=False)
            return False
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        # The outcome carries the items sent, so the list shows them even if the plan changes meanwhile.
        def send() -> concurrent.futures.Future:
            sent = self.engine.upload_mission(sid, items, progress=self._progress)
            return _chain(sent, concurrent.futures.Future(), lambda _none: items)

        return self._submit("upload", sid, send)

    def _upload_parts(self) -> bool:
        """Each part of the split plan to its own picked vehicle, one part after the other."""
        vehicles = self.picked_vehicles()
        if len(vehicles) < len(self.split):
            self._say(fill(self.tr("Upload refused: %1 parts but %2 vehicles picked; pick one vehicle per part"),
                           len(self.split), len(vehicles)), ok=False)
            return False
        try:
            waiting = [(d.drone, sid, plan_to_items(d.plan)) for d, sid in zip(self.split, vehicles)]
        except MissionError as e:
            self._say(fill(self.tr("Upload refused: %1"), e), ok=False)
            return False
        self.parts_upload = PartsUpload(waiting, sum(len(items) for _, _, items in waiting))
        self.progress.setRange(0, self.parts_upload.total)
        self.progress.setValue(0)
        return self._upload_next_part()

    def _upload_next_part(self) -> bool:
        run = self.parts_upload
        if not run.waiting:
            self.parts_upload = None
            self._say(fill(self.tr("Parts uploaded: %1"), "; ".join(run.results)) if not run.failed else
                      fill(self.tr("Parts upload FAILED: %1"), "; ".join(run.results)), ok=not run.failed)
            return not run.failed
        part, sid, items = run.waiting.pop(0)
        run.sending = len(items)
        if not self._submit("upload part", sid, lambda: self.engine.upload_mission(sid, items, progress=self._progress),
                            part):
            self.parts_upload = None  # the engine is not running: the rest would be refused the same
            return False
        return True

    def _part_uploaded(self, outcome: TransferOutcome) -> None:
        run = self.parts_upload
        if run is None:
            return
        run.sent += run.sending
        if outcome.error:
            run.failed = True
            run.results.append(fill(self.tr("part %1 to vehicle %2 FAILED: %3"), outcome.part, outcome.system_id,
                                    outcome.error))
        else:
            run.results.append(fill(self.tr("part %1 to vehicle %2"), outcome.part, outcome.system_id))
        self._upload_next_part()

    def download_mission(self) -> bool:
        sid = self._vehicle()
        if sid is None:
            return False
        self.progress.setValue(0)
        return self._submit("download", sid, lambda: self.engine.download_mission(sid, progress=self._progress))

    def start_mission(self) -> bool:
        sid = self._vehicle()
        if sid is None or not self.confirm(fill(self.tr("Start mission: vehicle %1"), sid),
                                           fill(self.tr("Arm vehicle %1 and fly its uploaded mission?"), sid)):
            return False
        engine = self.engine
        view = self._snapshot.vehicles.get(sid) if self._snapshot is not None else None
        if view is not None and view.state.armed:
            return self._submit("start", sid, lambda: engine.start_mission(sid))

        def arm_then_start() -> concurrent.futures.Future:
            started: concurrent.futures.Future = concurrent.futures.Future()

            def armed(future: concurrent.futures.Future) -> None:
                try:
                    future.result()
                    _chain(engine.start_mission(sid), started)
                except Exception as e:  # noqa: BLE001 - the pilot reads why
                    started.set_exception(e)

            engine.arm(sid).add_done_callback(armed)
            return started

        return self._submit("start", sid, arm_then_start)

    def pause_mission(self) -> bool:
        sid = self._vehicle()
        return sid is not None and self._submit("pause", sid, lambda: self.engine.pause_mission(sid))

    def resume_mission(self) -> bool:
        sid = self._vehicle()
        return sid is not None and self._submit("resume", sid, lambda: self.engine.resume_mission(sid))

    def _vehicle(self) -> int | None:
        sid = self.selected()
        if sid is None:
            self._say(self.tr("No vehicle selected"), ok=False)
        return sid

    def _progress(self, done: int, total: int) -> None:
        """Runs on the engine thread."""
        try:
            self.transferProgress.emit(done, total)
        except RuntimeError:
            pass  # the panel was closed during the transfer

    def _show_progress(self, done: int, total: int) -> None:
        run = self.parts_upload
        if run is not None:  # the parts share one bar
            self.progress.setRange(0, max(run.total, 1))
            self.progress.setValue(run.sent + done)
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)

    def _submit(self, action: str, sid: int, send: Callable[[], concurrent.futures.Future], part: int = 0) -> bool:
        name = self._action_name(action, part)
        return pending.send(self, "transferFinished", send,
                            lambda result, error: TransferOutcome(action, sid, result, error, part),
                            refused=lambda why: self._say(fill(self.tr("vehicle %1: %2 not sent: %3"), sid, name, why),
                                                          ok=False),
                            under_way=lambda: self._say(fill(self.tr("vehicle %1: %2…"), sid, name), ok=True))

    def _transfer_finished(self, outcome: TransferOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.action == "upload part":
            self._part_uploaded(outcome)
            return
        name = self._action_name(outcome.action)
        if outcome.error:
            self._say(fill(self.tr("vehicle %1: %2 FAILED: %3"), outcome.system_id, name, outcome.error), ok=False)
            return
        edited_since = (outcome.action == "upload" and self.edited
                        and not _same_items(self.layer.items, outcome.result))
        if outcome.action in ("upload", "download") and not edited_since:  # newer edits stay, to upload next
            shown = self.plan is not None and _same_items(_items_of(self.plan), outcome.result)
            if outcome.action == "download" or not shown:
                # The list now shows the vehicle's mission, which is not the plan on screen (if any).
                self._forget_plan()
            self.layer.items, self.layer.current = list(outcome.result), -1
            self.items_vehicle, self.edited = outcome.system_id, False
            self._fill_list()
            self._show_figures()
            self.on_change()
        self._say(fill(self.tr("vehicle %1: %2 done"), outcome.system_id, name), ok=True)

    def _action_name(self, action: str, part: int = 0) -> str:
        if action == "upload part":
            return fill(self.tr("upload of part %1"), part)
        return {"upload": self.tr("mission upload"), "download": self.tr("mission download"),
                "start": self.tr("mission start"), "pause": self.tr("mission pause"),
                "resume": self.tr("mission resume")}[action]

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(_OK_STYLE if ok else _FAIL_STYLE)


def _items_of(plan: SearchPlan) -> list[MissionItem]:
    """The plan's mission items; a plan too big for the autopilot lists none (its warning says why)."""
    try:
        return plan_to_items(plan)
    except MissionError:
        return []


def renumbered(items: list[MissionItem]) -> list[MissionItem]:
    """Items numbered from 0 again, the first one current, after an edit."""
    return [replace(item, seq=i, current=1 if i == 0 else 0) for i, item in enumerate(items)]


def with_altitude(items: list[MissionItem], row: int, alt_m: float) -> list[MissionItem]:
    if items[row].position is None:
        raise MissionError(f"item {items[row].seq} has no position, so no altitude")
    if not -500.0 <= alt_m <= 10_000.0:
        raise MissionError(f"altitude {alt_m:g} m is out of -500..10000 m")
    return items[:row] + [replace(items[row], z=float(alt_m))] + items[row + 1:]


def speed_at(items: list[MissionItem], row: int) -> float | None:
    """The speed a speed change sets, or for a waypoint the one in force flying to it (None: the autopilot's)."""
    if items[row].command == mavlink.MAV_CMD_DO_CHANGE_SPEED:
        return items[row].param2
    if items[row].position is None:
        return None
    changes = [item.param2 for item in items[:row] if item.command == mavlink.MAV_CMD_DO_CHANGE_SPEED]
    return changes[-1] if changes else None


def with_speed(items: list[MissionItem], row: int, speed_mps: float) -> list[MissionItem]:
    """A speed change's new speed; for a waypoint, the speed to fly to it, as a speed change just before it
    (updated if one is there already)."""
    if not 0.5 <= speed_mps <= 100.0:
        raise MissionError(f"speed {speed_mps:g} m/s is out of 0.5..100 m/s")
    item = items[row]
    if item.command == mavlink.MAV_CMD_DO_CHANGE_SPEED:
        return items[:row] + [replace(item, param2=float(speed_mps))] + items[row + 1:]
    if item.position is None:
        raise MissionError(f"item {item.seq} has no speed")
    if row > 0 and items[row - 1].command == mavlink.MAV_CMD_DO_CHANGE_SPEED:
        return with_speed(items, row - 1, speed_mps)
    # speed type 1 = ground speed; -1 leaves the throttle alone (as plan_to_items does)
    change = MissionItem(0, mavlink.MAV_FRAME_MISSION, mavlink.MAV_CMD_DO_CHANGE_SPEED, 0, 1, 1.0,
                         float(speed_mps), -1.0, 0.0, 0, 0, 0.0)
    return renumbered(items[:row] + [change] + items[row:])


def without(items: list[MissionItem], row: int) -> list[MissionItem]:
    return renumbered(items[:row] + items[row + 1:])


def moved(items: list[MissionItem], row: int, to: LatLon) -> list[MissionItem]:
    if items[row].position is None:
        raise MissionError(f"item {items[row].seq} has no position to move")
    return items[:row] + [replace(items[row], x=to_e7(to.lat), y=to_e7(to.lon))] + items[row + 1:]


def waypoint_after(items: list[MissionItem], row: int, at: LatLon | None, default_alt_m: float) -> list[MissionItem]:
    """A waypoint inserted after `row` (-1: first), at `at` or else halfway to the next waypoint (past the
    last one: a short step north), at the altitude of the waypoint before it."""
    before = [item for item in items[:row + 1] if item.position is not None]
    after = [item for item in items[row + 1:] if item.position is not None]
    if at is None:
        if not before:
            raise MissionError("no waypoint before it to place it by: right-click the map to add one there")
        a = before[-1].position
        if after:
            b = after[0].position
            at = LatLon((a.lat + b.lat) / 2, (a.lon + b.lon) / 2)
        else:
            at, _ = destination(a, 0.0, INSERT_STEP_M)
    alt = before[-1].z if before else after[0].z if after else default_alt_m
    waypoint = MissionItem(0, FRAME_RELATIVE, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1, 0.0, 0.0, 0.0, float("nan"),
                           to_e7(at.lat), to_e7(at.lon), float(alt))
    return renumbered(items[:row + 1] + [waypoint] + items[row + 1:])


def _number(text: str) -> float:
    """A number typed in a cell: "55", "55 m", "7,5 m/s" (a decimal comma, as French and German write it)."""
    words = text.strip().replace(",", ".").split()
    try:
        value = float(words[0]) if words else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a number")
    return value


def _swaths(plan: SearchPlan) -> list[list[LatLon]]:
    """The camera's swath along the search legs as rings of (lat, lon), for the map."""
    if not plan.footprint_width_m:
        return []
    frame = LocalFrame(plan.waypoints[0].position)
    rings = []
    for poly in shapely.get_parts(footprint_swaths(plan, frame)):
        if poly.geom_type != "Polygon":
            continue
        xy = list(poly.exterior.coords)
        lats, lons = frame.to_latlon([x for x, _ in xy], [y for _, y in xy])
        rings.append([LatLon(float(a), float(b)) for a, b in zip(lats, lons)])
    return rings


def _swath_area_m2(plan: SearchPlan) -> float:
    return float(footprint_swaths(plan, LocalFrame(plan.waypoints[0].position)).area)


def _command_name(command: int) -> str:
    entry = mavlink.enums["MAV_CMD"].get(command)
    return entry.name.removeprefix("MAV_CMD_").removeprefix("NAV_").removeprefix("DO_") if entry else str(command)


def _spin(low: float, high: float, value: float, suffix: str, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _chain(source: concurrent.futures.Future, target: concurrent.futures.Future,
           then: Callable[[object], object] = lambda result: result) -> concurrent.futures.Future:
    """Complete `target` with `then(source's result)`, or with its error; returns `target`."""
    def done(f: concurrent.futures.Future) -> None:
        try:
            target.set_result(then(f.result()))
        except Exception as e:  # noqa: BLE001 - passed on to whoever waits on target
            target.set_exception(e)
    source.add_done_callback(done)
    return target


def _part_colour(part: int) -> QColor:
    return PART_COLOURS[(part - 1) % len(PART_COLOURS)]


def _route_length_m(route: Route) -> float:
    return path_length(route.points)


def _same_items(a: list[MissionItem], b: list[MissionItem]) -> bool:
    return len(a) == len(b) and all(x.same_as(y) for x, y in zip(a, b))

