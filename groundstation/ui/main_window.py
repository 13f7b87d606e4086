"""The main window: vehicle list, map, telemetry, commands and event log over one engine.

The window owns no fleet state. A timer renders the engine's latest snapshot and drains its event
queue at a fixed rate, so a busy link never floods the UI. Commands go to the engine after the
pilot confirms the dangerous ones; their results come back on the engine thread and cross to the
GUI thread through a Qt signal, so the UI thread never waits on a command.
"""

from __future__ import annotations

import concurrent.futures
import queue
from dataclasses import dataclass
from typing import Callable

from pyproj import Geod
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDockWidget, QFrame, QGroupBox, QLabel, QMainWindow, QMessageBox, QScrollArea,
                               QTabWidget, QToolButton, QVBoxLayout, QWidget)

from drivers.mavlink.commands import CommandError, CommandResult
from drivers.mavlink.state import VehicleState
from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.ui import pending
from groundstation.ui.command_panel import CommandPanel
from groundstation.ui.event_log import EventLog
from groundstation.ui.event_text import Level, LogLine
from groundstation.ui.failure_text import command_text
from groundstation.ui.field_options import FieldOptions
from groundstation.ui.map_view import MapView
from groundstation.ui.telemetry_panel import TelemetryPanel
from groundstation.ui.vehicle_list import VehicleList
from groundstation.ui.vehicle_text import fill
from groundstation.core.robots import RobotManager
from groundstation.ui.findings_panel import FindingsLayer, FindingsPanel
from groundstation.ui.robot_panel import RobotPanel, RobotsLayer
from groundstation.ui.replay_bar import ReplayBar
from groundstation.ui.video_panel import VideoPanel
from groundstation.ui.plan_panel import PlanPanel
from groundstation.ui.params_panel import ParamsPanel
from groundstation.ui.fence_layer import FenceLayer
from groundstation.ui.themes import show_status

REFRESH_HZ = 5.0
MAX_EVENTS_PER_TICK = 500  # a burst is shown over a few ticks rather than freezing one
LEFT_COLUMN_PX = 490  # the flight column's width at first; a panel opened over it widens it if it needs more
EVENT_LOG_MIN_PX = 80  # with the tabs over the column, the window still fits 700 px of height
_GEOD = Geod(ellps="WGS84")

Confirm = Callable[[str, str], bool]
"""Asks the pilot (title, question) and says whether to go ahead; tests put their own in."""


@dataclass(frozen=True)
class CommandOutcome:
    system_id: int
    label: str
    result: CommandResult | None
    error: str  # the engine's pilot-readable reason; empty when the vehicle accepted


class MainWindow(QMainWindow):
    commandFinished = Signal(object)  # CommandOutcome, emitted from the engine thread

    def __init__(self, engine: Engine, title: str = "groundstation", robots: RobotManager | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.confirm: Confirm | None = None  # None: ask the pilot in a message box
        self.selected_id: int | None = None
        self.outcomes: list[CommandOutcome] = []  # this session's command results, newest last
        self._snapshot: FleetSnapshot | None = None
        self._events = engine.subscribe()
        self.setWindowTitle(title)

        self.vehicle_list = VehicleList()
        self.map = MapView()
        self.telemetry = TelemetryPanel()
        self.commands = CommandPanel()
        self.event_log = EventLog()
        self.field = FieldOptions(self)  # map tools, alerts, plots, menus, themes, language, layout
        self._build_layout()
        self.field.apply_look()
        self._add_findings_and_robots(robots)  # before the saved layout: it places these docks too
        self._add_video()
        self._add_plan()
        self._add_params()
        self.fence_layer = FenceLayer(engine, self.map, lambda: self.selected_id, self.statusBar().showMessage,
                                      lambda title, question: (self.confirm or self._ask_pilot)(title, question))
        self.plan.follow_fences(self.fence_layer)  # an uploaded fence is read back; planned copies give way
        self.field.restore_layout()

        self.command_status = QLabel("")
        self.link_status = QLabel("")
        self.replay = ReplayBar(engine)  # shown while a .tlog replay link is open
        self.statusBar().addWidget(self.command_status, 1)
        self.statusBar().addPermanentWidget(self.replay)
        self.statusBar().addPermanentWidget(self.link_status)

        self.vehicle_list.vehicleSelected.connect(self.select)
        self.map.vehicleClicked.connect(self.select)
        self.map.pointPicked.connect(self._goto_picked)
        self.map.pickingChanged.connect(self._picking_changed)
        self.commands.arm.clicked.connect(self.arm)
        self.commands.disarm.clicked.connect(self.disarm)
        self.commands.takeoff.clicked.connect(self.takeoff)
        self.commands.land.clicked.connect(self.land)
        self.commands.hold.clicked.connect(self.hold)
        self.commands.return_.clicked.connect(self.return_to_launch)
        self.commands.goto.toggled.connect(self._goto_toggled)
        self.commands.modeChosen.connect(self.set_mode)
        self.commandFinished.connect(self._command_finished)

        self.timer = QTimer(self)
        self.timer.setInterval(int(1000 / REFRESH_HZ))
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    def _build_layout(self) -> None:
        fleet_box = self.fleet_box = QGroupBox(self.tr("Vehicles"))
        fleet_layout = QVBoxLayout(fleet_box)
        fleet_layout.setContentsMargins(6, 4, 6, 6)
        fleet_layout.addWidget(self.vehicle_list)
        self.vehicle_list.setMinimumHeight(self.vehicle_list.verticalHeader().defaultSectionSize() * 4 + 30)
        self.event_log.setMinimumHeight(EVENT_LOG_MIN_PX)

        # Everything but the map in one column, so the map gets the full height of the screen. The other
        # panels (findings, robots, plan, video, parameters) open over this column as tabs: beside the map
        # a 1366 px screen has room for one of them at a time, never for two.
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(fleet_box, 1)
        column.addWidget(self.telemetry)
        column.addWidget(self.commands)
        column.addWidget(self.event_log, 2)
        self.flight_dock = QDockWidget(self.tr("Flight"), self)
        self.flight_dock.setObjectName("flight")
        # Never closed, moved or scrolled: the commands stay where the pilot knows them. No title bar: alone,
        # the column looks as it always did; with a panel open, its tab says "Flight".
        self.flight_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.flight_dock.setTitleBarWidget(QWidget())
        self.flight_dock.setWidget(left)
        self.side_docks: list[QDockWidget] = []  # the panels that open over the column
        self._column_px: int | None = None  # the column's width before a panel widened it
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.flight_dock)
        self.resizeDocks([self.flight_dock], [LEFT_COLUMN_PX], Qt.Orientation.Horizontal)
        self.setCentralWidget(self.field.pane)  # the map with its tools, alerts and coordinate row

    # -- rendering ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """One render tick: drain events, then show the latest snapshot if it changed."""
        for _ in range(MAX_EVENTS_PER_TICK):
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                break
            self.event_log.add_event(event)
            self.field.on_event(event)
        self._refresh_robots()  # robots publish apart from the fleet snapshot
        snapshot = self.engine.snapshot()
        if snapshot is self._snapshot:
            return
        self._snapshot = snapshot
        if self.selected_id not in snapshot.vehicles and snapshot.vehicles:
            self.selected_id = min(snapshot.vehicles)
        self.vehicle_list.update_fleet(snapshot)
        self.vehicle_list.select(self.selected_id)
        self.map.show_fleet(snapshot, self.selected_id)
        self.fence_layer.show_fleet(snapshot)  # each vehicle's fence and rally points as the engine last read them
        self._show_findings(snapshot)
        self.plan.show_snapshot(snapshot)
        self.video.show_snapshot(snapshot)
        self.replay.show_links(snapshot.links)
        state = self.selected_state()
        self.telemetry.show_vehicle(state)
        self.commands.show_vehicle(state)
        self.field.on_snapshot(snapshot)
        down = self.tr(" (down)")
        links = ", ".join(f"{l.name}{'' if l.connected else down}" for l in snapshot.links)
        self.link_status.setText(f"{links}   " + fill(self.tr("%1 frames, %2 bad"), snapshot.ingest.frames,
                                                      snapshot.ingest.bad_frames))

    @property
    def shown_snapshot(self) -> FleetSnapshot | None:
        """The snapshot on screen now (the engine may already have a newer one)."""
        return self._snapshot

    def selected_state(self) -> VehicleState | None:
        if self._snapshot is None or self.selected_id is None:
            return None
        view = self._snapshot.vehicles.get(self.selected_id)
        return view.state if view is not None else None

    def select(self, system_id: int) -> None:
        if system_id == self.selected_id:
            return
        self.selected_id = system_id
        self.vehicle_list.select(system_id)
        if self._snapshot is not None:
            self.map.show_fleet(self._snapshot, system_id)
            state = self.selected_state()
            self.telemetry.show_vehicle(state)
            self.commands.show_vehicle(state)

    # -- commands -----------------------------------------------------------------------------
    def arm(self) -> bool:
        return self._send("arm", self.tr("Arm vehicle %1? Its motors will start."), self.engine.arm)

    def disarm(self) -> bool:
        state = self.selected_state()
        if state is not None and state.landed_state == "IN_AIR":
            question = self.tr("Vehicle %1 is IN THE AIR: disarming stops its motors. Disarm anyway?")
        else:
            question = self.tr("Disarm vehicle %1?")
        return self._send("disarm", question, self.engine.disarm)

    def takeoff(self) -> bool:
        altitude = self.commands.altitude.value()
        question = fill(self.tr("Take off vehicle %1 and climb to %2 m above home?"), "%1", f"{altitude:.0f}")
        return self._send("take off", question, lambda sid: self.engine.takeoff(sid, altitude))

    def land(self) -> bool:
        return self._send("land", self.tr("Land vehicle %1 where it is now?"), self.engine.land)

    def return_to_launch(self) -> bool:
        return self._send("return", self.tr("Return vehicle %1 to its launch point and land there?"),
                          self.engine.return_to_launch)

    def hold(self) -> bool:
        # Holding in place is the safe reaction to anything unexpected: no question asked.
        return self._send("hold", "", self.engine.hold)

    def set_mode(self, mode: str) -> bool:
        state = self.selected_state()
        if state is not None and mode == state.mode:
            return False
        current = state.mode if state is not None else "?"
        sent = self._send(f"mode {mode}", fill(self.tr("Switch vehicle %1 from %2 to %3?"), "%1", current, mode),
                          lambda sid: self.engine.set_mode(sid, mode))
        if not sent:
            self.commands.show_vehicle(state)  # put the combo back on the vehicle's real mode
        return sent

    def goto(self, lat: float, lon: float) -> bool:
        state = self.selected_state()
        altitude = None if self.commands.keep_altitude.isChecked() else self.commands.altitude.value()
        where = (self.tr("at its current altitude") if altitude is None
                 else fill(self.tr("at %1 m above home"), f"{altitude:.0f}"))
        distance = ""
        if state is not None and state.has_position:
            distance = " " + fill(self.tr("(%1 m away)"), f"{_GEOD.inv(state.lon, state.lat, lon, lat)[2]:.0f}")
        sid = self.selected_id
        question = fill(self.tr("Fly vehicle %1 to %2%3 %4?"), "%1", self.field.pane.text(lat, lon), distance, where)
        sent = self._send("go to", question, lambda s: self.engine.goto(s, lat, lon, altitude))
        if sent:
            self.map.set_target(sid, lat, lon)
        return sent

    def _send(self, label: str, question: str,
              submit: Callable[[int], "concurrent.futures.Future[CommandResult]"]) -> bool:
        sid = self.selected_id
        shown = self.command_name(label)
        if sid is None:
            self._say(fill(self.tr("%1: no vehicle selected"), shown), ok=False)
            return False
        confirm = self.confirm or self._ask_pilot
        if question and not confirm(fill(self.tr("%1: vehicle %2"), shown[:1].upper() + shown[1:], sid),
                                    fill(question, sid)):
            self._say(fill(self.tr("vehicle %1: %2 cancelled"), sid, shown), ok=True)
            return False
        if label != "go to":
            self.map.clear_target(sid)  # any other command replaces a go-to
        return pending.send(self, "commandFinished", lambda: submit(sid),
                            lambda result, error: CommandOutcome(sid, label, result, error),
                            refused=lambda why: self._say(fill(self.tr("vehicle %1: %2 not sent: %3"), sid, shown, why),
                                                          ok=False),
                            under_way=lambda: self._say(fill(self.tr("vehicle %1: %2 sent…"), sid, shown), ok=True),
                            why=_command_failure)

    def _command_finished(self, outcome: CommandOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.error:
            if outcome.label == "go to":
                self.map.clear_target(outcome.system_id)
            self._say(fill(self.tr("vehicle %1: %2 FAILED: %3"), outcome.system_id, self.command_name(outcome.label),
                           outcome.error), ok=False)
        else:
            self._say(fill(self.tr("vehicle %1: %2 accepted"), outcome.system_id, self.command_name(outcome.label)),
                      ok=True)

    def command_name(self, label: str) -> str:
        """A command's name as the pilot reads it (labels stay English in outcomes and scripts)."""
        if label.startswith("mode "):
            return fill(self.tr("mode %1"), label[5:])
        names = {"arm": self.tr("arm"), "disarm": self.tr("disarm"), "take off": self.tr("take off"),
                 "land": self.tr("land"), "return": self.tr("return"), "hold": self.tr("hold"),
                 "go to": self.tr("go to")}
        return names.get(label, label)

    def _say(self, text: str, ok: bool) -> None:
        self.command_status.setText(text)
        show_status(self.command_status, "ok" if ok else "fail")
        self.event_log.add(LogLine(text, Level.INFO if ok else Level.ALARM))

    def _goto_toggled(self, checked: bool) -> None:
        if checked and self.selected_id is None:
            self.commands.goto.setChecked(False)
            return
        self.map.set_picking(checked)
        if checked:
            self.command_status.setText(fill(self.tr("vehicle %1: click the go-to target on the map"), self.selected_id))
            show_status(self.command_status, "ok")
            self.map.setFocus()

    def _picking_changed(self, picking: bool) -> None:
        if self.commands.goto.isChecked() != picking:
            self.commands.goto.setChecked(picking)

    def _goto_picked(self, lat: float, lon: float) -> None:
        self.goto(lat, lon)

    def _ask_pilot(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- findings and robots: docks beside the map, layers on it --------------------------------
    def _add_findings_and_robots(self, robots: RobotManager | None) -> None:
        self.findings = FindingsPanel(self.engine)
        self.findings_layer = FindingsLayer(self._finding_clicked)
        self.map.layers.append(self.findings_layer)
        self.findings.findingSelected.connect(lambda _fid: self._show_findings(self._snapshot))
        self.map.context_actions.append((lambda: self.tr("Mark here…"), self.findings.mark_here))
        self.findings_dock = self._side_dock(self.tr("Findings"), "findings", self.findings)
        self.robot_panel: RobotPanel | None = None
        self.robots_layer: RobotsLayer | None = None
        if robots is not None:  # the engine's RobotManager: teleop of ground robots and rovers
            self.robot_panel = RobotPanel(robots)
            self.robots_layer = RobotsLayer(self.robot_panel.select)
            self.map.layers.append(self.robots_layer)
            self.robots_dock = self._side_dock(self.tr("Robots"), "robots", self.robot_panel)
            self.robots_dock.visibilityChanged.connect(
                lambda in_sight: None if in_sight else self.robot_panel.out_of_sight())
        # A status-bar button opens each one.
        for dock in (self.findings_dock, self.robots_dock if robots is not None else None):
            if dock is not None:
                button = QToolButton()
                button.setDefaultAction(dock.toggleViewAction())
                self.statusBar().addPermanentWidget(button)

    def _add_plan(self) -> None:
        """The plan view: a dock like Findings, closed at first, with its layer on the map."""
        self.plan = PlanPanel(self.engine, lambda: self.selected_id,
                              lambda title, question: (self.confirm or self._ask_pilot)(title, question))
        self.plan.on_change = self.map.update
        self.map.layers.insert(0, self.plan.layer)  # under findings and robots; takes clicks first while planning
        self.map.context_actions.append((self.plan.add_waypoint_text, self.plan.add_waypoint_at))
        self.plan_dock = self._side_dock(self.tr("Plan"), "plan", self.plan)
        button = QToolButton()
        button.setDefaultAction(self.plan_dock.toggleViewAction())
        self.statusBar().addPermanentWidget(button)

    def _add_params(self) -> None:
        """The parameter editor: a dock like Findings, closed at first, opened from the View menu (no room
        in the status bar)."""
        self.params = ParamsPanel(self.engine, lambda: self.selected_id)
        self.params_dock = self._side_dock(self.tr("Parameters"), "parameters", self.params)

    def _add_video(self) -> None:
        """The selected vehicle's video: a dock like Findings, closed at first, opened from the View menu."""
        self.video = VideoPanel(self.engine, lambda: self.selected_id)
        self.video_dock = self._side_dock(self.tr("Video"), "video", self.video)
        self.map.context_actions.append((self.video.controls.look_at_text, self.video.controls.look_at))

    def _side_dock(self, title: str, name: str, panel: QWidget) -> QDockWidget:
        """A panel that opens over the flight column as a tab, closed at first so the map keeps its width."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(_scrolling(panel))
        self.tabifyDockWidget(self.flight_dock, dock)
        dock.hide()
        self.side_docks.append(dock)
        self.field.view_menu.addAction(dock.toggleViewAction())  # every panel in View, some in the status bar too
        dock.toggleViewAction().toggled.connect(lambda opened: self._side_dock_toggled(dock, opened))
        dock.visibilityChanged.connect(lambda in_sight: self._widen_for(dock) if in_sight else None)
        return dock

    def _side_dock_toggled(self, dock: QDockWidget, opened: bool) -> None:
        # Once the layout has taken the dock in or let it go: raised at once, it would stay behind the column.
        if opened:
            QTimer.singleShot(0, dock, lambda: self._bring_up(dock))
        else:
            QTimer.singleShot(0, self, self._narrow_back)

    def _bring_up(self, dock: QDockWidget) -> None:
        dock.raise_()
        self._widen_for(dock)

    def _narrow_back(self) -> None:
        """The last panel over the column closed: the column goes back to its width before, the map with it."""
        if self._column_px is not None and all(d.isHidden() or d.isFloating() for d in self.side_docks):
            self.resizeDocks([self.flight_dock], [self._column_px], Qt.Orientation.Horizontal)
            self._column_px = None

    def _widen_for(self, dock: QDockWidget) -> None:
        """The panel in sight: the column as wide as it needs, as far as the map leaves room (else it scrolls)."""
        if dock.isFloating() or dock.isHidden():
            return
        scroll = dock.widget()
        panel = scroll.widget()
        needed = max(panel.minimumSizeHint().width(), panel.minimumWidth()) + dock.width() - scroll.viewport().width()
        if dock.width() < needed:
            if self._column_px is None:
                self._column_px = dock.width()
            self.resizeDocks([dock], [needed], Qt.Orientation.Horizontal)

    def _show_findings(self, snapshot: FleetSnapshot | None) -> None:
        if snapshot is None:
            return
        self.findings.show_snapshot(snapshot)
        unconfirmed = sum(f.status == "unconfirmed" for f in snapshot.findings)
        self.findings_dock.setWindowTitle(self.tr("Findings: {0} ({1} unconfirmed)")
                                          .format(len(snapshot.findings), unconfirmed))
        self.findings_layer.show(snapshot.findings, self.findings.selected_id)
        if snapshot.findings:
            self.map.ensure_origin(snapshot.findings[-1].lat, snapshot.findings[-1].lon)
        self.map.update()

    def _finding_clicked(self, finding_id: str) -> None:
        self.findings_dock.show()
        self.findings_dock.raise_()
        self.findings.select(finding_id)

    def _refresh_robots(self) -> None:
        if self.robot_panel is None:
            return
        views = self.robot_panel.manager.views()
        self.robot_panel.show_robots(views)
        self.robots_layer.show(views, self.robot_panel.selected_id)
        if self.robots_layer.robots:
            self.map.ensure_origin(self.robots_layer.robots[0].lat, self.robots_layer.robots[0].lon)
        self.map.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.fleet_box.setTitle(self.tr("Vehicles"))
            self.flight_dock.setWindowTitle(self.tr("Flight"))
            if self.robot_panel is not None:
                self.robots_dock.setWindowTitle(self.tr("Robots"))
            self.video_dock.setWindowTitle(self.tr("Video"))
            self.plan_dock.setWindowTitle(self.tr("Plan"))
            self.params_dock.setWindowTitle(self.tr("Parameters"))
            if self._snapshot is not None:
                self._snapshot = None  # render the next tick in full, in the new language
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.field.close()
        self.video.close_stream()
        self.timer.stop()
        if self.robot_panel is not None:
            self.robot_panel.stop_all()  # no robot is left driving when the window goes
        self.map.set_picking(False)
        self.engine.unsubscribe(self._events)
        super().closeEvent(event)



def _scrolling(panel: QWidget) -> QScrollArea:
    """`panel` filling its dock, with scroll bars only where the screen is too small for it: a panel never
    pushes the window past the screen."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(panel)
    return scroll


def _command_failure(error: Exception) -> str:
    """The vehicle's refusal as the driver words it; anything else (engine shutdown, a driver fault) by its kind."""
    if isinstance(error, CommandError):
        return command_text(error)
    return f"{type(error).__name__}: {error}".rstrip(": ")
