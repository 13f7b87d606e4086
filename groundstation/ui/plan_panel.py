"""The plan view: plan a search in the window, see it on the map, upload it and follow its flight.

The pilot picks a pattern, sets its datum by a click on the map or draws its area corner by corner
(or imports either from KML, GeoJSON or a QGroundControl .plan), chooses the detection camera and
the height or ground resolution, and sees the legs, the camera's swath, the coverage, the track
length, flight time and battery. All planning is done by the pure `missions` package; the panel
only gathers the inputs and shows the result. The pilot can then edit the mission item by item
(altitude and speed in the list, delete, insert, drag a waypoint on the map or add one there); the
edited items, a custom mission, upload like a plan. Transfers and mission commands go to the engine;
their progress and results come back on the engine thread and cross here through Qt signals.
"""

from __future__ import annotations

import concurrent.futures
import math
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import shapely
from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from groundstation.ui.vehicle_text import fill
from missions.area import SearchArea
from missions.camera import PRESETS, preset
from missions.coverage import coverage, footprint_swaths
from missions.errors import MissionError
from missions.files import FORMATS, export_plan, load_shapes
from missions.geodesy import LatLon, LocalFrame, destination
from missions.items import FRAME_RELATIVE, MissionItem, plan_to_items, to_e7
from missions.patterns import (
    creeping_line,
    expanding_square,
    parallel_track,
    sector_search,
    size_for_camera,
)
from missions.plan import FlightLimits, SearchPlan

DATUM_PATTERNS = ("expanding-square", "sector")
AREA_PATTERNS = ("parallel", "creeping-line")
DEFAULT_CAMERA = "flir-boson-640-14mm"
LEG_COLOUR = QColor("#0d47a1")
SWATH_COLOUR = QColor(33, 150, 243, 55)
AREA_COLOUR = QColor("#2e7d32")
CURRENT_COLOUR = QColor("#ff6d00")
_OK_STYLE = "color: #1b5e20;"
_FAIL_STYLE = "color: #b71c1c; font-weight: bold;"
_WARN_STYLE = "color: #e65100;"
GRAB_PX = 8.0  # how near a waypoint marker a press must be to drag it
INSERT_STEP_M = 30.0  # a waypoint inserted after the last one goes this far north of it
ALTITUDE_COLUMN, SPEED_COLUMN = 4, 5

Confirm = Callable[[str, str], bool]


@dataclass(frozen=True)
class TransferOutcome:
    """What came back from the engine for one transfer or mission command."""

    action: str  # "upload", "download", "start", "pause", "resume"
    system_id: int
    result: object
    error: str  # empty on success


class PlanLayer:
    """The plan on the map: area (and corners being drawn), datum, camera swaths, legs, the
    mission items, and the item being flown now. Waypoint markers can be dragged."""

    def __init__(self, on_click: Callable[[float, float], bool], on_moved: Callable[[int], None]) -> None:
        self.on_click = on_click  # (lat, lon) -> True when the plan took the click
        self.on_moved = on_moved  # (index of the item dragged to a new place)
        self.draggable = True
        self.dragging: int | None = None  # index in items of the waypoint being dragged
        self._dragged_from: LatLon | None = None
        self.area: list[LatLon] = []
        self.drawing: list[LatLon] = []
        self.datum: LatLon | None = None
        self.swaths: list[list[LatLon]] = []
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
        self.area: SearchArea | None = None
        self.datum: LatLon | None = None
        self.mode = ""  # "datum" or "area" while the pilot clicks on the map
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
        self.figures = QLabel("")
        self.figures.setWordWrap(True)
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
                                                   "heading", "speed", "endurance")}
        self._build_layout()
        self.retranslate()

        self.pattern.currentIndexChanged.connect(self._pattern_changed)
        self.datum_button.toggled.connect(lambda on: self._set_mode("datum" if on else ""))
        self.area_button.toggled.connect(self._area_toggled)
        self.import_button.clicked.connect(self._choose_import)
        self.size_by.currentIndexChanged.connect(self._size_by_changed)
        for spin in (self.altitude, self.gsd, self.side_overlap, self.front_overlap, self.radius, self.heading,
                     self.speed, self.endurance):
            spin.valueChanged.connect(self.replan)
        self.legs.valueChanged.connect(self.replan)
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
        form = QFormLayout()
        form.addRow(self.labels["pattern"], self.pattern)
        where = QHBoxLayout()
        for button in (self.datum_button, self.area_button, self.import_button):
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
        buttons = QGridLayout()
        for i, button in enumerate((self.upload, self.download, self.export, self.start, self.pause, self.resume)):
            buttons.addWidget(button, i // 3, i % 3)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.figures)
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
        names = [self.tr("Expanding square"), self.tr("Sector"), self.tr("Parallel track"), self.tr("Creeping line")]
        for i, (key, name) in enumerate(zip(DATUM_PATTERNS + AREA_PATTERNS, names)):
            if self.pattern.count() <= i:
                self.pattern.addItem(name, key)
            self.pattern.setItemText(i, name)
        for i, name in enumerate([self.tr("Altitude"), self.tr("Ground resolution")]):
            if self.size_by.count() <= i:
                self.size_by.addItem(name)
            self.size_by.setItemText(i, name)
        texts = {"pattern": self.tr("Pattern"), "camera": self.tr("Detection camera"), "size": self.tr("Sized by"),
                 "side": self.tr("Side overlap"), "front": self.tr("Front overlap"), "legs": self.tr("Legs"),
                 "radius": self.tr("Radius"), "speed": self.tr("Cruise speed"), "endurance": self.tr("Endurance")}
        texts["heading"] = (self.tr("Advance direction") if self.pattern_key == "creeping-line"
                            else self.tr("First leg heading"))
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.datum_button.setText(self.tr("Set datum on map"))
        self.area_button.setText(self.tr("Draw area on map"))
        self.import_button.setText(self.tr("Import…"))
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
        self.legs.setEnabled(key == "expanding-square")
        self.radius.setEnabled(key == "sector")
        self.heading.setEnabled(key != "parallel")
        self.datum_button.setEnabled(key in DATUM_PATTERNS)
        self.area_button.setEnabled(key in AREA_PATTERNS)
        if self.mode:
            self._set_mode("")
        self.retranslate()
        self.replan()

    def _size_by_changed(self) -> None:
        self.altitude.setVisible(self.size_by.currentIndex() == 0)
        self.gsd.setVisible(self.size_by.currentIndex() == 1)
        self.replan()

    def _set_mode(self, mode: str) -> None:
        """"datum": the next map click sets the datum; "area": clicks add corners; "": the map is the map's."""
        self.mode = mode
        self.layer.draggable = not mode  # while the pilot clicks a datum or corners, a click is a click
        self.datum_button.setChecked(mode == "datum")
        self.area_button.setChecked(mode == "area")
        if mode == "area":
            self.layer.drawing = []
            self._say(self.tr("Click the area's corners on the map, then press Draw area again to close it"), ok=True)
        elif mode == "datum":
            self._say(self.tr("Click the datum (last known position) on the map"), ok=True)
        self.on_change()

    def _area_toggled(self, on: bool) -> None:
        if on:
            self._set_mode("area")
            return
        if self.mode != "area":
            return
        corners, self.layer.drawing = self.layer.drawing, []
        self.mode = ""
        try:
            self.set_area(SearchArea(corners, name=self.tr("drawn area")))
        except MissionError as e:
            self._say(fill(self.tr("Area not used: %1"), e), ok=False)
        self.on_change()

    def _map_clicked(self, lat: float, lon: float) -> bool:
        if self.mode == "datum":
            self._set_mode("")
            self.set_datum(LatLon(lat, lon))
            return True
        if self.mode == "area":
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

    def import_file(self, path: str | Path) -> bool:
        """Take the first area (else the first named point) of a KML, GeoJSON or .plan file. A bad
        file changes nothing and says why."""
        try:
            shapes = load_shapes(path)
        except (MissionError, OSError) as e:
            self._say(fill(self.tr("Cannot import %1: %2"), Path(path).name, e), ok=False)
            return False
        if shapes.areas:
            area = shapes.areas[0]
            self.set_area(area if area.name else replace(area, name=Path(path).name))
        elif shapes.points:
            self.set_datum(shapes.points[0][1])
        else:
            self._say(fill(self.tr("Cannot import %1: it holds no area and no point"), Path(path).name), ok=False)
            return False
        self.on_change()
        return True

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a search area or datum"), "",
                                              self.tr("Areas (*.kml *.geojson *.json *.plan)"))
        if path:
            self.import_file(path)

    def _show_where(self) -> None:
        key = self.pattern_key
        if key in DATUM_PATTERNS:
            self.where.setText(self.tr("Datum: not set") if self.datum is None else
                               fill(self.tr("Datum: %1, %2"), f"{self.datum.lat:.6f}", f"{self.datum.lon:.6f}"))
        else:
            self.where.setText(self.tr("Area: not set") if self.area is None else
                               fill(self.tr("Area: %1 (%2 ha)"), self.area.name, f"{self.area.area_m2() / 10_000:.1f}"))

    # -- the plan ---------------------------------------------------------------------------------
    def replan(self) -> None:
        """Plan again from the inputs; a refused input leaves no plan and says why."""
        self.plan = None
        self.layer.swaths = []
        self.layer.datum = self.datum if self.pattern_key in DATUM_PATTERNS else None
        self.layer.area = self.area.boundary if self.area is not None and self.pattern_key in AREA_PATTERNS else []
        self.warnings.setText("")
        error = ""
        try:
            self.plan = self._make_plan()
        except MissionError as e:
            error = str(e)
        if self.plan is not None:
            self.layer.items, self.layer.current, self.items_vehicle = _items_of(self.plan), -1, None
            self.edited = False
            self.layer.swaths = _swaths(self.plan)
            self.warnings.setText("\n".join(self.plan.warnings))
        elif error:
            self.warnings.setText(fill(self.tr("No plan: %1"), error))
        self._fill_list()
        self._show_where()
        self._show_figures()
        self.on_change()

    def _make_plan(self) -> SearchPlan | None:
        key = self.pattern_key
        if (key in DATUM_PATTERNS and self.datum is None) or (key in AREA_PATTERNS and self.area is None):
            return None
        by_gsd = self.size_by.currentIndex() == 1
        sizing = size_for_camera(preset(self.camera.currentText()),
                                 altitude_m=None if by_gsd else self.altitude.value(),
                                 gsd_cm=self.gsd.value() if by_gsd else None,
                                 side_overlap=self.side_overlap.value() / 100,
                                 front_overlap=self.front_overlap.value() / 100)
        limits = FlightLimits(cruise_speed_mps=self.speed.value(), endurance_s=self.endurance.value() * 60)
        common = {"limits": limits, "sizing": sizing}
        heading = self.heading.value()
        if key == "expanding-square":
            return expanding_square(self.datum, sizing.spacing_m, self.legs.value(), sizing.altitude_m,
                                    first_heading_deg=heading, **common)
        if key == "sector":
            return sector_search(self.datum, self.radius.value(), sizing.altitude_m, first_heading_deg=heading,
                                 **common)
        if key == "parallel":
            return parallel_track(self.area, sizing.spacing_m, sizing.altitude_m, **common)
        return creeping_line(self.area, heading, sizing.spacing_m, sizing.altitude_m, **common)

    def _show_figures(self) -> None:
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
        self.plan = None
        self.layer.swaths = []
        self.warnings.setText("")
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
        """Write the plan as .plan, .kml or .geojson by the file's suffix."""
        fmt = Path(path).suffix.lower().lstrip(".")
        try:
            if self.plan is None:
                raise MissionError(self.tr("there is no plan to export"))
            if fmt not in FORMATS:
                raise MissionError(fill(self.tr("unknown file type .%1; use .plan, .kml or .geojson"), fmt))
            Path(path).write_text(export_plan(self.plan, fmt), encoding="utf-8")
        except (MissionError, OSError) as e:
            self._say(fill(self.tr("Export failed: %1"), e), ok=False)
            return False
        self._say(fill(self.tr("Plan written to %1"), path), ok=True)
        return True

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the plan"), "search.plan",
                                              self.tr("Plans (*.plan *.kml *.geojson)"))
        if path:
            self.export_to(path)

    # -- the vehicle: upload, download, start, pause, resume ------------------------------------------
    def upload_plan(self) -> bool:
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
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)

    def _submit(self, action: str, sid: int, send: Callable[[], concurrent.futures.Future]) -> bool:
        try:
            future = send()
        except RuntimeError as e:  # the engine is not running
            self._say(fill(self.tr("vehicle %1: %2 not sent: %3"), sid, self._action_name(action), e), ok=False)
            return False
        self._say(fill(self.tr("vehicle %1: %2…"), sid, self._action_name(action)), ok=True)
        ref = weakref.ref(self)
        future.add_done_callback(lambda f: _hand_over(ref, action, sid, f))
        return True

    def _transfer_finished(self, outcome: TransferOutcome) -> None:
        self.outcomes.append(outcome)
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
                self.plan = None
                self.layer.swaths = []
                self.warnings.setText("")
            self.layer.items, self.layer.current = list(outcome.result), -1
            self.items_vehicle, self.edited = outcome.system_id, False
            self._fill_list()
            self._show_figures()
            self.on_change()
        self._say(fill(self.tr("vehicle %1: %2 done"), outcome.system_id, name), ok=True)

    def _action_name(self, action: str) -> str:
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


def _same_items(a: list[MissionItem], b: list[MissionItem]) -> bool:
    return len(a) == len(b) and all(x.same_as(y) for x, y in zip(a, b))


def _hand_over(panel_ref: weakref.ref[PlanPanel], action: str, sid: int, future: concurrent.futures.Future) -> None:
    """Runs on the engine thread: turn the finished future into an outcome and signal the panel."""
    try:
        outcome = TransferOutcome(action, sid, future.result(), "")
    except Exception as e:  # noqa: BLE001 - a refused transfer, a timeout, engine shutdown: all told to the pilot
        outcome = TransferOutcome(action, sid, None, str(e) or type(e).__name__)
    panel = panel_ref()
    if panel is None:
        return
    try:
        panel.transferFinished.emit(outcome)
    except RuntimeError:
        pass  # the panel was closed while the transfer was in flight
