"""The plan view: plan a search in the window, see it on the map, upload it and follow its flight.

The pilot picks a pattern, sets its datum by a click on the map, draws its area corner by corner or
the route of a track-line search point by point (or imports any of them from KML, GeoJSON or a
QGroundControl .plan, whose geofence and rally points are drawn at once, dotted while no vehicle holds
them), chooses the detection camera and the height or ground resolution, and sees the legs, the
camera's swath, the coverage, the track length, flight time and battery. A parallel track can be split
among several drones: each part is drawn in its own colour with its own figures and goes up to its own
vehicle, picked in the panel; the list shows the items of the part chosen, and once every part is up
one button starts them all. All planning is done by the pure `missions` package; the panel only
gathers the inputs and shows the result. The pilot can then edit the mission item by item (altitude
and speed in the list, delete, insert, drag a waypoint on the map or add one there); the edited items,
a custom mission, upload like a plan. Upload also sends an imported .plan's geofence and rally points,
after the mission, to the same vehicle (to each part's vehicle for a split plan), as QGroundControl's
Upload does, one progress bar filling over all of it; a .plan holding only a fence and rally points
uploads just those. The engine then reads the vehicle's fence back, it is drawn as the vehicle's own
and the dotted planned copy gives way. Transfers and mission commands go to the engine; their progress
and results come back on the engine thread and cross here through Qt signals.

Beside this module: the map layer (plan_layer), the drawing tools (plan_drawing), the item list
(plan_item_list) and its edits (plan_edits), the parts of a split plan (plan_parts) and the transfer
records and mission start (plan_transfers).
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from drivers.mavlink.plan_items import fence_items, rally_items
from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.core.geofence import Fence
from groundstation.ui import pending
from groundstation.ui.fence_layer import FenceLayer
from groundstation.ui.plan_drawing import MapDrawing
from groundstation.ui.plan_edits import (
    typed_number,
    waypoint_after,
    with_altitude,
    with_speed,
    without,
)
from groundstation.ui.plan_item_list import ALTITUDE_COLUMN, PlanItemList
from groundstation.ui.plan_layer import (
    PartOnMap,
    PlanLayer,
    part_colour,
    swath_area_m2,
    swaths,
)
from groundstation.ui.plan_parts import (
    PartsStart,
    PartsUpload,
    VehiclePicks,
    parts_table,
)
from groundstation.ui.plan_transfers import (
    FenceAndRallyUpload,
    TransferOutcome,
    UploadBar,
    chain,
    failure,
    start_request,
)
from groundstation.ui.themes import show_status
from groundstation.ui.vehicle_text import fill
from missions.area import Route, SearchArea
from missions.camera import PRESETS, preset
from missions.coverage import coverage
from missions.errors import MissionError
from missions.files import FORMATS, export_plan, load_shapes
from missions.geodesy import LatLon, path_length
from missions.items import MissionItem, plan_to_items
from missions.patterns import (
    creeping_line,
    expanding_square,
    parallel_track,
    sector_search,
    size_for_camera,
    track_line,
)
from missions.plan import FlightLimits, SearchPlan
from missions.qgc_plan import read_plan
from missions.split import DroneSearch, split_area

DATUM_PATTERNS = ("expanding-square", "sector")
AREA_PATTERNS = ("parallel", "creeping-line")
ROUTE_PATTERNS = ("track-line",)
SPLIT_PATTERN = "parallel"  # the pattern missions.split shares among drones
DEFAULT_CAMERA = "flir-boson-640-14mm"

Confirm = Callable[[str, str], bool]


class PlanPanel(QWidget):
    transferProgress = Signal(int, int)  # items done, items in all; emitted from the engine thread
    transferFinished = Signal(object)  # TransferOutcome, emitted from the engine thread

    def __init__(self, engine: Engine, selected: Callable[[], int | None], confirm: Confirm,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.selected = selected  # the window's selected vehicle
        self.confirm = confirm
        self.layer = PlanLayer(lambda lat, lon: self.drawing.map_clicked(lat, lon), self._waypoint_moved)
        self.drawing = MapDrawing(self.layer, lambda text, ok: self._say(text, ok), lambda: self.on_change(), self)
        self.plan: SearchPlan | None = None
        self.split: list[DroneSearch] = []  # the parts when the plan is shared among drones (then no plan)
        self.area: SearchArea | None = None
        self.datum: LatLon | None = None
        self.route: Route | None = None
        self.parts_upload: PartsUpload | None = None  # a split plan on its way up
        self.parts_on_vehicles: list[tuple[int, int]] = []  # (part, vehicle) once every part went up
        self.parts_start: PartsStart | None = None  # every part's vehicle told to fly it, answers awaited
        self.parts_started: set[int] = set()  # parts whose vehicle took them: a second Start leaves them alone
        self.items_vehicle: int | None = None  # the vehicle holding the listed items (uploaded or downloaded)
        self.edited = False  # the listed items are the pilot's edits, not yet uploaded
        self.outcomes: list[TransferOutcome] = []
        self.fence_items: list[MissionItem] = []  # the imported .plan's geofence, as the vehicle takes it
        self.rally_items: list[MissionItem] = []  # and its rally points
        self.fence_upload: FenceAndRallyUpload | None = None  # those on their way up
        self.upload_bar = UploadBar(0)  # the last Upload's progress, over all its transfers
        self._snapshot: FleetSnapshot | None = None
        self.on_change: Callable[[], None] = lambda: None  # the window repaints the map

        self.pattern = QComboBox()
        self.datum_button = self.drawing.datum_button
        self.area_button = self.drawing.area_button
        self.route_button = self.drawing.route_button
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
        self.vehicle_picks = VehiclePicks()  # the vehicles online, picked to take the parts
        self.figures = QLabel("")
        self.figures.setWordWrap(True)
        self.part_figures = QLabel("")  # a table of the parts of a split plan, one row in its colour each
        self.part_figures.setTextFormat(Qt.TextFormat.RichText)
        self.part_figures.setWordWrap(True)
        self.warnings = QLabel("")
        self.warnings.setWordWrap(True)
        show_status(self.warnings, "warn")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.list = PlanItemList()
        self.delete_item = QPushButton()
        self.insert_waypoint = QPushButton()
        self.part_label = QLabel()
        self.part = QComboBox()  # with a split plan: the part whose items the list shows
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.upload = QPushButton()
        self.download = QPushButton()
        self.start = QPushButton()
        self.pause = QPushButton()
        self.resume = QPushButton()
        self.start_parts = QPushButton()
        self.export = QPushButton()
        self.labels = {name: QLabel() for name in ("pattern", "camera", "size", "side", "front", "legs", "radius",
                                                   "heading", "speed", "endurance", "drones")}
        self._build_layout()
        self.retranslate()

        self.pattern.currentIndexChanged.connect(self._pattern_changed)
        self.drawing.datumClicked.connect(self.set_datum)
        self.drawing.drawn.connect(self._drawn)
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
        self.start_parts.clicked.connect(self.start_all_parts)
        self.part.currentIndexChanged.connect(self._part_chosen)
        self.vehicle_picks.changed.connect(self._show_figures)
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
        share.addWidget(self.vehicle_picks)
        share.addStretch(1)
        form.addRow(self.labels["drones"], share)
        buttons = QGridLayout()
        for i, button in enumerate((self.upload, self.download, self.export, self.start, self.pause, self.resume)):
            buttons.addWidget(button, i // 3, i % 3)
        buttons.addWidget(self.start_parts, 2, 0, 1, 3)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.figures)
        column.addWidget(self.part_figures)
        column.addWidget(self.warnings)
        column.addWidget(self.list, 1)
        editing = QHBoxLayout()  # a plan's items are edited; a part's are shown (editing would undo the split)
        editing.addWidget(self.insert_waypoint)
        editing.addWidget(self.delete_item)
        editing.addWidget(self.part_label)
        editing.addWidget(self.part, 1)
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
        self.drawing.retranslate()
        self.import_button.setText(self.tr("Import…"))
        self.returning.setText(self.tr("Back along the other side of the route"))
        self.drones.setToolTip(self.tr("Share the area among this many drones, each flying its own part"))
        self.insert_waypoint.setText(self.tr("Insert waypoint after"))
        self.delete_item.setText(self.tr("Delete item"))
        self.upload.setText(self.tr("Upload"))
        self.upload.setToolTip(self.tr("Send the plan to the selected vehicle (a split plan's parts to the vehicles "
                                       "picked), then the geofence and rally points of an imported .plan"))
        self.download.setText(self.tr("Download"))
        self.export.setText(self.tr("Export…"))
        self.start.setText(self.tr("Start"))
        self.pause.setText(self.tr("Pause"))
        self.resume.setText(self.tr("Resume"))
        self.start_parts.setText(self.tr("Start all parts"))
        self.start_parts.setToolTip(self.tr("Each vehicle that holds a part takes off and flies it"))
        self.part_label.setText(self.tr("Items of"))
        for i in range(self.part.count()):
            self.part.setItemText(i, fill(self.tr("part %1"), i + 1))
        self._show_where()
        self._show_figures()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def mode(self) -> str:
        """The drawing tool on: "datum", "area" or "route" while the pilot clicks on the map, else ""."""
        return self.drawing.mode

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
            self.drawing.set_mode("")
        self.retranslate()
        self.replan()

    def _size_by_changed(self) -> None:
        self.altitude.setVisible(self.size_by.currentIndex() == 0)
        self.gsd.setVisible(self.size_by.currentIndex() == 1)
        self.replan()

    def _drawn(self, kind: str, points: list[LatLon]) -> None:
        """An area or route the pilot drew on the map becomes the one searched, or is refused saying why."""
        try:
            if kind == "area":
                self.set_area(SearchArea(points, name=self.tr("drawn area")))
            else:
                self.set_route(Route(points, name=self.tr("drawn route")))
        except MissionError as e:
            self._say(fill(self.tr("Area not used: %1") if kind == "area" else self.tr("Route not used: %1"), e),
                      ok=False)
        self.on_change()

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
        route, or named point, in that order). A .plan's geofence and rally points are drawn too, as planned
        (until the next .plan replaces them). A bad file changes nothing and says why."""
        try:
            shapes = load_shapes(path)
            plan_file = read_plan(path) if Path(path).suffix.lower() == ".plan" else None
            fence_and_rally = (fence_items(plan_file), rally_items(plan_file)) if plan_file is not None else None
        except (MissionError, OSError) as e:
            self._say(fill(self.tr("Cannot import %1: %2"), Path(path).name, e), ok=False)
            return False
        name = Path(path).name
        fence, rally = Fence(), []
        if plan_file is not None:
            fence = Fence(tuple(plan_file.fence_polygons), tuple(plan_file.fence_circles))
            rally = [point for point, _alt in plan_file.rally_points]
        if shapes.routes and (self.pattern_key in ROUTE_PATTERNS or not shapes.areas):
            route = shapes.routes[0]
            self.set_route(route if route.name else replace(route, name=name))
        elif shapes.areas:
            area = shapes.areas[0]
            self.set_area(area if area.name else replace(area, name=name))
        elif shapes.points:
            self.set_datum(shapes.points[0][1])
        elif fence == Fence() and not rally:
            self._say(fill(self.tr("Cannot import %1: it holds no area, route or point"), name), ok=False)
            return False
        if fence_and_rally is not None:
            self.layer.planned_fence, self.layer.rally_points = fence, rally
            self.fence_items, self.rally_items = fence_and_rally
            if fence != Fence() or rally:
                self._say(fill(self.tr("%1: its geofence (%2 shapes) and %3 rally points are drawn dotted: "
                                       "not on any vehicle yet; Upload sends them"), name,
                               len(fence.polygons) + len(fence.circles), len(rally)), ok=True)
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
            self.layer.swaths = swaths(self.plan)
            self._warn("\n".join(self.plan.warnings))
        elif self.split:
            # The parts are on the map in their colours; the list shows the items of the part chosen.
            self.layer.items, self.layer.current, self.items_vehicle = [], -1, None
            self.edited = False
            self.layer.swaths = [ring for part in self.split for ring in swaths(part.plan)]
            self.layer.parts = [PartOnMap(d.drone, part_colour(d.drone), [w.position for w in d.plan.waypoints],
                                          [a.boundary for a in d.parts]) for d in self.split]
            self._warn("\n".join(fill(self.tr("Part %1: %2"), d.drone, w)
                                   for d in self.split for w in d.plan.warnings))
        elif error:
            self._warn(fill(self.tr("No plan: %1"), error))
        self._fill_list()
        self._show_where()
        self._show_figures()
        self.on_change()

    def _forget_plan(self) -> None:
        """No plan on screen (a split one included) until one is made or a mission is listed."""
        self.plan, self.split, self.parts_on_vehicles, self.parts_started = None, [], [], set()
        self.layer.swaths, self.layer.parts = [], []
        self._warn("")
        self.part_figures.setText("")

    def _warn(self, text: str) -> None:
        """The warnings to read before flying, in orange; no line at all when there are none (room is short)."""
        self.warnings.setText(text)
        self.warnings.setVisible(bool(text))

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
            seen = swath_area_m2(plan)
            text += "\n" + fill(self.tr("Ground seen %1 ha"), f"{seen / 10_000:.1f}")
        self.figures.setText(text)

    def _show_split_figures(self) -> None:
        first = self.split[0].plan
        self.figures.setText(fill(self.tr("%1 m up, tracks %2 m apart, area shared among %3 drones"),
                                  f"{first.altitude_m:.0f}", f"{first.spacing_m:.0f}", len(self.split)))
        heads = [self.tr("Part"), self.tr("Track"), self.tr("Flight"), self.tr("Battery"), self.tr("Vehicle")]
        self.part_figures.setText(parts_table(self.split, self.picked_vehicles(), heads, self.tr("none picked")))

    # -- sharing among drones: the vehicles online, picked to take the parts ----------------------------
    @property
    def picks(self) -> dict[int, QCheckBox]:
        """One check box per vehicle online, by system id."""
        return self.vehicle_picks.boxes

    def picked_vehicles(self) -> list[int]:
        """The vehicles the parts go to, in order: part 1 to the first."""
        return self.vehicle_picks.picked()

    def pick_vehicles(self, system_ids: list[int]) -> None:
        """Pick exactly these vehicles (those online) to take the parts."""
        self.vehicle_picks.pick(system_ids)

    def _show_online(self, snapshot: FleetSnapshot) -> None:
        """One check box per vehicle online; the drones count goes up to their number."""
        online = sorted(sid for sid, view in snapshot.vehicles.items() if view.state.link_ok)
        if self.vehicle_picks.show_online(online):
            self.drones.setMaximum(max(1, len(online)))  # a smaller count plans afresh
            self._show_figures()

    # -- the item list: the mission's items, or with a split plan those of the part chosen -------------
    def _fill_list(self) -> None:
        self._show_split_controls()
        part = self._part_shown()
        items = _items_of(part.plan) if part is not None else self.layer.items
        self.list.show_items(items, self.layer.current, editable=part is None)

    def _part_shown(self) -> DroneSearch | None:
        index = self.part.currentIndex()
        return self.split[index] if self.split and 0 <= index < len(self.split) else None

    def _show_split_controls(self) -> None:
        """With a split plan: the part chooser instead of the editing buttons, and Start all parts."""
        split = bool(self.split)
        if self.part.count() != len(self.split):
            self.part.blockSignals(True)  # refilling is not choosing
            self.part.clear()
            self.part.addItems([fill(self.tr("part %1"), d.drone) for d in self.split])
            self.part.blockSignals(False)
        for widget in (self.part_label, self.part, self.start_parts):
            widget.setVisible(split)
        for widget in (self.insert_waypoint, self.delete_item):
            widget.setVisible(not split)
        self.start_parts.setEnabled(bool(self.parts_on_vehicles))

    def _part_chosen(self) -> None:
        """The list shows the part chosen; once the parts are up, its vehicle says which item it flies."""
        part = self._part_shown()
        self.items_vehicle = dict(self.parts_on_vehicles).get(part.drone) if part is not None else None
        self.layer.current = -1
        self._fill_list()
        if self._snapshot is not None:
            self.show_snapshot(self._snapshot)

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
            value = typed_number(cell.text())
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
        """The row of the mission's item selected; none while the list shows a part of a split plan."""
        return None if self.split else self.list.selected_row()

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

    def show_snapshot(self, snapshot: FleetSnapshot) -> None:
        """Follow the flight: the vehicle holding the listed mission says which item it flies."""
        self._snapshot = snapshot
        self._show_online(snapshot)
        view = snapshot.vehicles.get(self.items_vehicle) if self.items_vehicle is not None else None
        current = view.state.mission_current if view is not None else -1
        if current != self.layer.current:
            self.layer.current = current
            self.list.show_current(current)
            self.on_change()

    @property
    def current_row(self) -> int | None:
        """The list row of the item being flown, None when none is."""
        for row, item in enumerate(self.list.items):
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
        if self.fence_upload is not None:
            self._say(self.tr("Wait: the geofence and rally points are still going up"), ok=False)
            return False
        if self.split:
            return self._upload_parts()
        sid = self._vehicle()
        if sid is None:
            return False
        if self.plan is None and not (self.edited and self.layer.items):
            if self.fence_items or self.rally_items:  # a .plan holding only a fence and rally points
                self._start_bar(0, vehicles=1)
                return self._upload_fence_and_rally([sid], with_mission=False)
            self._say(self.tr("Upload: no plan yet: set a datum or an area first"), ok=False)
            return False
        try:
            items = plan_to_items(self.plan) if self.plan is not None else list(self.layer.items)
        except MissionError as e:
            self._say(fill(self.tr("Upload refused: %1"), e), ok=False)
            return False
        self._start_bar(len(items), vehicles=1)
        progress = self.upload_bar.next_transfer(len(items), self._progress)
        # The outcome carries the items sent, so the list shows them even if the plan changes meanwhile.
        def send() -> concurrent.futures.Future:
            sent = self.engine.upload_mission(sid, items, progress=progress)
            return chain(sent, concurrent.futures.Future(), lambda _none: items)

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
        self.parts_upload = PartsUpload(self.split, waiting)
        self._start_bar(sum(len(items) for _, _, items in waiting), vehicles=len(waiting))
        return self._upload_next_part()

    def _start_bar(self, mission_items: int, vehicles: int) -> None:
        """The progress bar, empty, over the whole Upload: the mission items, then the imported geofence and
        rally points to each vehicle."""
        fence_and_rally = len(self.fence_items) + len(self.rally_items)
        self.upload_bar = UploadBar(mission_items + vehicles * fence_and_rally)
        self.progress.setRange(0, max(self.upload_bar.total, 1))
        self.progress.setValue(0)

    def _upload_next_part(self) -> bool:
        run = self.parts_upload
        if not run.waiting:
            self.parts_upload = None
            self._say(run.report(), ok=not run.failed)
            if not run.failed and run.split is self.split:  # the parts on screen are those now on the vehicles
                self.parts_on_vehicles = run.delivered
                self._part_chosen()
                if self.fence_items or self.rally_items:
                    return self._upload_fence_and_rally([sid for _, sid in run.delivered], with_mission=True)
            return not run.failed
        part, sid, items = run.waiting.pop(0)
        progress = self.upload_bar.next_transfer(len(items), self._progress)
        if not self._submit("upload part", sid, lambda: self.engine.upload_mission(sid, items, progress=progress),
                            part):
            self.parts_upload = None  # the engine is not running: the rest would be refused the same
            return False
        return True

    def _part_uploaded(self, outcome: TransferOutcome) -> None:
        if self.parts_upload is not None:
            self.parts_upload.answered(outcome)
            self._upload_next_part()

    def _upload_fence_and_rally(self, vehicles: list[int], with_mission: bool) -> bool:
        """The imported geofence, then rally points, to each vehicle in turn; stops at the first refusal."""
        waiting = [(sid, kind, items) for sid in vehicles
                   for kind, items in (("fence", self.fence_items), ("rally", self.rally_items)) if items]
        self.fence_upload = FenceAndRallyUpload(waiting, with_mission)
        return self._upload_next_fence()

    def _upload_next_fence(self) -> bool:
        run = self.fence_upload
        if not run.waiting:
            self.fence_upload = None
            names = {"mission": self.tr("mission"), "fence": self.tr("geofence"), "rally": self.tr("rally points")}
            self._say(fill(self.tr("Uploaded to vehicle %1: %2"), ", ".join(str(sid) for sid in run.vehicles()),
                           ", ".join(names[kind] for kind in run.kinds())), ok=True)
            return True
        sid, kind, items = run.waiting[0]
        progress = self.upload_bar.next_transfer(len(items), self._progress)
        if not self._submit(f"upload {kind}", sid,
                            lambda: self.engine.upload_mission(sid, items, kind, progress=progress)):
            self.fence_upload = None  # the engine is not running: the rest would be refused the same
            return False
        return True

    def _fence_uploaded(self, outcome: TransferOutcome) -> None:
        run = self.fence_upload
        sid, kind, _items = run.waiting.pop(0)
        if outcome.error:
            self.fence_upload = None
            self._say(fill(self.tr("vehicle %1: %2 (the vehicle keeps what it held before)"), sid, outcome.error),
                      ok=False)
            return
        run.sent.append((sid, kind))
        self._upload_next_fence()

    def follow_fences(self, fences: FenceLayer) -> None:
        """The fences and rally points the window's fence layer draws, from the snapshot it shows (the engine
        reads them back after every upload): a planned fence a vehicle holds is drawn as that vehicle's."""
        self.layer.vehicle_fences = lambda: list(fences.fences.values())
        self.layer.vehicle_rally = lambda: list(fences.rally.values())

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
        return self._submit("start", sid, self._start_request(sid))

    def start_all_parts(self) -> bool:
        """Every vehicle holding a part of the split plan arms and flies it, once the pilot confirms; the
        answers are reported per vehicle when all are in. Pressed again (after a vehicle refused), only the
        parts not started yet are started: a drone already flying its part is not sent back to its start."""
        if self.parts_start is not None:
            self._say(self.tr("Wait: the parts' vehicles have not all answered yet"), ok=False)
            return False
        if not self.parts_on_vehicles:
            self._say(self.tr("Start all parts: upload every part first"), ok=False)
            return False
        parts = [(part, sid) for part, sid in self.parts_on_vehicles if part not in self.parts_started]
        if not parts:
            self._say(self.tr("Every part is started already"), ok=False)
            return False
        vehicles = ", ".join(str(sid) for _, sid in parts)
        if not self.confirm(self.tr("Start all parts"),
                            fill(self.tr("Arm the vehicles holding a part (%1) and fly each its part? They take off at once."),
                                 vehicles)):
            return False
        self.parts_start = PartsStart({part for part, _ in parts})
        for part, sid in parts:
            if not self._submit("start part", sid, self._start_request(sid), part):
                self.parts_start = None  # the engine is not running: the rest would be refused the same
                return False
        return True

    def _part_started(self, outcome: TransferOutcome) -> None:
        run = self.parts_start
        if run is None or not run.answered(outcome):
            return
        self.parts_start = None
        self.parts_started |= run.started
        self._say(run.report(), ok=not run.failed)

    def _start_request(self, sid: int) -> Callable[[], concurrent.futures.Future]:
        view = self._snapshot.vehicles.get(sid) if self._snapshot is not None else None
        return start_request(self.engine, sid, armed=view is not None and view.state.armed)

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

    def _submit(self, action: str, sid: int, send: Callable[[], concurrent.futures.Future], part: int = 0) -> bool:
        name = self._action_name(action, part)
        # A part's line names the part already: its failure names only the mission transfer or start.
        failed = self._action_name({"upload part": "upload", "start part": "start"}.get(action, action))
        return pending.send(self, "transferFinished", send,
                            lambda result, error: TransferOutcome(action, sid, result, error, part),
                            refused=lambda why: self._say(fill(self.tr("vehicle %1: %2 not sent: %3"), sid, name, why),
                                                          ok=False),
                            under_way=lambda: self._say(fill(self.tr("vehicle %1: %2…"), sid, name), ok=True),
                            why=failure(failed, self.tr("%1 FAILED: %2")))

    def _transfer_finished(self, outcome: TransferOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.action == "upload part":
            self._part_uploaded(outcome)
            return
        if outcome.action == "start part":
            self._part_started(outcome)
            return
        if outcome.action in ("upload fence", "upload rally"):
            self._fence_uploaded(outcome)
            return
        if outcome.error:
            self._say(fill(self.tr("vehicle %1: %2"), outcome.system_id, outcome.error), ok=False)
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
        self._say(fill(self.tr("vehicle %1: %2 done"), outcome.system_id, self._action_name(outcome.action)), ok=True)
        if outcome.action == "upload" and self.fence_upload is None and (self.fence_items or self.rally_items):
            self._upload_fence_and_rally([outcome.system_id], with_mission=True)

    def _action_name(self, action: str, part: int = 0) -> str:
        if action == "upload part":
            return fill(self.tr("upload of part %1"), part)
        if action == "start part":
            return fill(self.tr("start of part %1"), part)
        return {"upload": self.tr("mission upload"), "download": self.tr("mission download"),
                "start": self.tr("mission start"), "pause": self.tr("mission pause"),
                "resume": self.tr("mission resume"), "upload fence": self.tr("geofence upload"),
                "upload rally": self.tr("rally points upload")}[action]

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        show_status(self.status, "ok" if ok else "fail")


def _items_of(plan: SearchPlan) -> list[MissionItem]:
    """The plan's mission items; a plan too big for the autopilot lists none (its warning says why)."""
    try:
        return plan_to_items(plan)
    except MissionError:
        return []


def _spin(low: float, high: float, value: float, suffix: str, decimals: int) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(decimals)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


def _route_length_m(route: Route) -> float:
    return path_length(route.points)


def _same_items(a: list[MissionItem], b: list[MissionItem]) -> bool:
    return len(a) == len(b) and all(x.same_as(y) for x, y in zip(a, b))
