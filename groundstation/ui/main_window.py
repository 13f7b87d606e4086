"""The main window: vehicle list, map, telemetry, commands and event log over one engine.

The window owns no fleet state. A timer renders the engine's latest snapshot and drains its event
queue at a fixed rate, so a busy link never floods the UI. Commands go to the engine after the
pilot confirms the dangerous ones; their results come back on the engine thread and cross to the
GUI thread through a Qt signal, so the UI thread never waits on a command.
"""

from __future__ import annotations

import concurrent.futures
import queue
import weakref
from dataclasses import dataclass
from functools import partial
from typing import Callable

from pyproj import Geod
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QGroupBox, QLabel, QMainWindow, QMessageBox, QSplitter, QVBoxLayout,
                               QWidget)

from drivers.mavlink.commands import CommandError, CommandResult
from drivers.mavlink.state import VehicleState
from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.ui import event_text
from groundstation.ui.command_panel import CommandPanel
from groundstation.ui.event_log import EventLog
from groundstation.ui.event_text import Level, LogLine
from groundstation.ui.map_view import MapView
from groundstation.ui.telemetry_panel import TelemetryPanel
from groundstation.ui.vehicle_list import VehicleList

REFRESH_HZ = 5.0
MAX_EVENTS_PER_TICK = 500  # a burst is shown over a few ticks rather than freezing one
LEFT_COLUMN_PX = 490
_GEOD = Geod(ellps="WGS84")
_OK_STYLE = "color: #1b5e20;"
_FAIL_STYLE = "color: #b71c1c; font-weight: bold;"

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

    def __init__(self, engine: Engine, title: str = "groundstation") -> None:
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
        self._build_layout()

        self.command_status = QLabel("")
        self.link_status = QLabel("")
        self.statusBar().addWidget(self.command_status, 1)
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
        fleet_box = QGroupBox("Vehicles")
        fleet_layout = QVBoxLayout(fleet_box)
        fleet_layout.setContentsMargins(6, 4, 6, 6)
        fleet_layout.addWidget(self.vehicle_list)
        self.vehicle_list.setMinimumHeight(self.vehicle_list.verticalHeader().defaultSectionSize() * 4 + 30)
        self.event_log.setMinimumHeight(110)

        # Everything but the map in one column, so the map gets the full height of the screen.
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(fleet_box, 1)
        column.addWidget(self.telemetry)
        column.addWidget(self.commands)
        column.addWidget(self.event_log, 2)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.map)
        split.setCollapsible(0, False)
        split.setCollapsible(1, False)
        split.setStretchFactor(1, 1)
        split.setSizes([LEFT_COLUMN_PX, 1366 - LEFT_COLUMN_PX])
        self.setCentralWidget(split)

    # -- rendering ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """One render tick: drain events, then show the latest snapshot if it changed."""
        for _ in range(MAX_EVENTS_PER_TICK):
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                break
            self.event_log.add(event_text.describe(event))
        snapshot = self.engine.snapshot()
        if snapshot is self._snapshot:
            return
        self._snapshot = snapshot
        if self.selected_id not in snapshot.vehicles and snapshot.vehicles:
            self.selected_id = min(snapshot.vehicles)
        self.vehicle_list.update_fleet(snapshot)
        self.vehicle_list.select(self.selected_id)
        self.map.show_fleet(snapshot, self.selected_id)
        state = self.selected_state()
        self.telemetry.show_vehicle(state)
        self.commands.show_vehicle(state)
        links = ", ".join(f"{l.name}{'' if l.connected else ' (down)'}" for l in snapshot.links)
        self.link_status.setText(f"{links}   {snapshot.ingest.frames} frames, {snapshot.ingest.bad_frames} bad")

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
        return self._send("arm", "Arm vehicle {sid}? Its motors will start.", self.engine.arm)

    def disarm(self) -> bool:
        state = self.selected_state()
        if state is not None and state.landed_state == "IN_AIR":
            question = "Vehicle {sid} is IN THE AIR: disarming stops its motors. Disarm anyway?"
        else:
            question = "Disarm vehicle {sid}?"
        return self._send("disarm", question, self.engine.disarm)

    def takeoff(self) -> bool:
        altitude = self.commands.altitude.value()
        return self._send("take off", f"Take off vehicle {{sid}} and climb to {altitude:.0f} m above home?",
                          lambda sid: self.engine.takeoff(sid, altitude))

    def land(self) -> bool:
        return self._send("land", "Land vehicle {sid} where it is now?", self.engine.land)

    def return_to_launch(self) -> bool:
        return self._send("return", "Return vehicle {sid} to its launch point and land there?",
                          self.engine.return_to_launch)

    def hold(self) -> bool:
        # Holding in place is the safe reaction to anything unexpected: no question asked.
        return self._send("hold", "", self.engine.hold)

    def set_mode(self, mode: str) -> bool:
        state = self.selected_state()
        if state is not None and mode == state.mode:
            return False
        current = state.mode if state is not None else "?"
        sent = self._send(f"mode {mode}", f"Switch vehicle {{sid}} from {current} to {mode}?",
                          lambda sid: self.engine.set_mode(sid, mode))
        if not sent:
            self.commands.show_vehicle(state)  # put the combo back on the vehicle's real mode
        return sent

    def goto(self, lat: float, lon: float) -> bool:
        state = self.selected_state()
        altitude = None if self.commands.keep_altitude.isChecked() else self.commands.altitude.value()
        where = "at its current altitude" if altitude is None else f"at {altitude:.0f} m above home"
        distance = ""
        if state is not None and state.has_position:
            distance = f" ({_GEOD.inv(state.lon, state.lat, lon, lat)[2]:.0f} m away)"
        sid = self.selected_id
        sent = self._send("go to", f"Fly vehicle {{sid}} to {lat:.6f}, {lon:.6f}{distance} {where}?",
                          lambda s: self.engine.goto(s, lat, lon, altitude))
        if sent:
            self.map.set_target(sid, lat, lon)
        return sent

    def _send(self, label: str, question: str,
              submit: Callable[[int], "concurrent.futures.Future[CommandResult]"]) -> bool:
        sid = self.selected_id
        if sid is None:
            self._say(f"{label}: no vehicle selected", ok=False)
            return False
        confirm = self.confirm or self._ask_pilot
        if question and not confirm(f"{label.capitalize()}: vehicle {sid}", question.format(sid=sid)):
            self._say(f"vehicle {sid}: {label} cancelled", ok=True)
            return False
        if label != "go to":
            self.map.clear_target(sid)  # any other command replaces a go-to
        try:
            future = submit(sid)
        except RuntimeError as e:  # the engine is not running
            self._say(f"vehicle {sid}: {label} not sent: {e}", ok=False)
            return False
        self._say(f"vehicle {sid}: {label} sent…", ok=True)
        # A weak reference: a command in flight must not keep a closed window alive on the
        # engine thread, where Qt must never delete it.
        future.add_done_callback(partial(_hand_over, weakref.ref(self), sid, label))
        return True

    def _command_finished(self, outcome: CommandOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.error:
            if outcome.label == "go to":
                self.map.clear_target(outcome.system_id)
            self._say(f"vehicle {outcome.system_id}: {outcome.label} FAILED: {outcome.error}", ok=False)
        else:
            self._say(f"vehicle {outcome.system_id}: {outcome.label} accepted", ok=True)

    def _say(self, text: str, ok: bool) -> None:
        self.command_status.setText(text)
        self.command_status.setStyleSheet(_OK_STYLE if ok else _FAIL_STYLE)
        self.event_log.add(LogLine(text, Level.INFO if ok else Level.ALARM))

    def _goto_toggled(self, checked: bool) -> None:
        if checked and self.selected_id is None:
            self.commands.goto.setChecked(False)
            return
        self.map.set_picking(checked)
        if checked:
            self.command_status.setText(f"vehicle {self.selected_id}: click the go-to target on the map")
            self.command_status.setStyleSheet(_OK_STYLE)
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

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.map.set_picking(False)
        self.engine.unsubscribe(self._events)
        super().closeEvent(event)


def _hand_over(window_ref: "weakref.ref[MainWindow]", sid: int, label: str,
               future: concurrent.futures.Future) -> None:
    """Runs on the engine thread: turn the finished future into an outcome and signal the window."""
    try:
        outcome = CommandOutcome(sid, label, future.result(), "")
    except CommandError as e:
        outcome = CommandOutcome(sid, label, None, str(e))
    except Exception as e:  # cancelled at engine shutdown, or a driver fault: still tell the pilot
        outcome = CommandOutcome(sid, label, None, f"{type(e).__name__}: {e}".rstrip(": "))
    window = window_ref()
    if window is None:
        return
    try:
        window.commandFinished.emit(outcome)  # queued to the GUI thread: the window lives there
    except RuntimeError:
        pass  # the window was closed while the command was in flight
