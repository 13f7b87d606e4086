"""The demo: three simulated PX4 quadcopters near Schengen, the FR/DE/LU tripoint.

With a window the pilot flies them. Headless, a short scripted sortie runs instead, with live
progress and a summary at the end: the first drone searches the Schengen scenario (six missing
walkers, three spot fires) on an expanding square at 60 m with its thermal camera looking down,
and the station turns what the camera sees into findings; the others fly out and come back.
The report scores the findings against the scenario's ground truth.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO

from pyproj import Geod

from groundstation.core.datadir import DataDir
from groundstation.core.detection import DetectionService
from groundstation.core.engine import CommandError, Engine, FleetSnapshot, MissionTransferError
from groundstation.core.monitor import Monitor
from missions.geodesy import LatLon
from missions.items import MissionItem, plan_to_items
from missions.patterns import expanding_square
from sitl.camera.scenario import SCENARIOS, Scenario, load_scenario

SCHENGEN = (49.47, 6.37, 160.0)  # lat, lon, ground altitude AMSL: the scenario's meadow by the Moselle
SCENARIO_FILE = SCENARIOS / "schengen.json"
FLEET_SIZE = 3
TAKEOFF_ALT_M = (25.0, 30.0, 35.0)
FLY_OUT_M = 250.0
SEARCH_ALT_M = 60.0
SEARCH_SPACING_M = 30.0  # inside the thermal camera's 34 m wide footprint at 60 m
SEARCH_LEGS = 9  # 30 m to 150 m legs: every walker and fire of the scenario passes under the camera
SEARCH_SPEED_MPS = 8.0  # 3.4 s under the camera: frames enough to confirm a track on a busy host
CAMERA_FRAMES_PER_WALL_S = 10.0  # what one core renders and detects; faster sims get fewer frames per sim second
CAMERA_MAX_FPS = 3.0
_GEOD = Geod(ellps="WGS84")

if TYPE_CHECKING:
    from sitl.camera.live import LiveCamera


@dataclass
class VehicleSummary:
    system_id: int
    max_alt_rel_m: float = 0.0
    distance_m: float = 0.0
    battery_start_pct: int = -1
    battery_end_pct: int = -1
    final_mode: str = ""
    armed: bool = False
    landed: bool = False
    _last: tuple[float, float] | None = field(default=None, repr=False)

    def update(self, snapshot: FleetSnapshot) -> None:
        view = snapshot.vehicles.get(self.system_id)
        if view is None or not view.state.has_position:
            return
        st = view.state
        self.max_alt_rel_m = max(self.max_alt_rel_m, st.alt_rel)
        if self._last is not None:
            self.distance_m += _GEOD.inv(self._last[1], self._last[0], st.lon, st.lat)[2]
        self._last = (st.lat, st.lon)
        if self.battery_start_pct < 0:
            self.battery_start_pct = st.battery_remaining
        self.battery_end_pct = st.battery_remaining
        self.final_mode, self.armed = st.mode, st.armed
        self.landed = st.landed_state == "ON_GROUND"


@dataclass
class DetectionReport:
    """What the search drone's camera found, against the scenario's ground truth."""

    vehicle: int
    camera_fps: float  # frames per simulated second
    frames_sent: int
    frames_skipped: int  # the camera fell behind the simulation
    frames_processed: int
    frames_dropped: int  # the station was busy with an earlier frame
    persons_found: int
    persons_total: int
    fires_found: int
    fires_total: int
    duplicates: int
    false_findings: int
    median_error_m: float | None
    max_error_m: float | None
    latency_p50_ms: float | None  # frame capture to finding stored
    latency_p95_ms: float | None


@dataclass
class SortieReport:
    completed: bool
    phase: str
    elapsed_s: float
    speedup: float
    problems: list[str]
    vehicles: list[VehicleSummary]
    detection: DetectionReport | None = None

    def to_json(self) -> str:
        data = asdict(self)
        for v in data["vehicles"]:
            v.pop("_last", None)
        return json.dumps(data, indent=2)


class SortieFailed(Exception):
    pass


class Sortie:
    def __init__(self, engine: Engine, monitor: Monitor, deadline: float, speedup: float) -> None:
        self.engine, self.monitor, self.deadline, self.speedup = engine, monitor, deadline, speedup
        self.phase = "starting"
        self.problems: list[str] = []
        self.summaries: dict[int, VehicleSummary] = {}
        self._announced = {f.id for f in engine.sharing.store.all()}  # findings of earlier runs stay quiet

    def wait(self, what: str, predicate: Callable[[FleetSnapshot], bool], sim_timeout_s: float) -> None:
        end = min(self.deadline, time.monotonic() + sim_timeout_s / self.speedup)
        while True:
            snapshot = self.engine.snapshot()
            for summary in self.summaries.values():
                summary.update(snapshot)
            self.announce_findings(snapshot)
            if predicate(snapshot):
                return
            if time.monotonic() >= end:
                raise TimeoutError(what)
            self.monitor.pump(0.2)

    def command(self, label: str, futures: dict[int, object]) -> None:
        for sid, future in futures.items():
            try:
                result = future.result(timeout=30)
                self.monitor.say(f"vehicle {sid}: {label} accepted ({result.attempts} tries)")
            except CommandError as e:
                self.problems.append(f"vehicle {sid}: {e}")
                self.monitor.say(f"vehicle {sid}: {label} FAILED: {e}")
                raise SortieFailed(str(e)) from None

    def announce_findings(self, snapshot: FleetSnapshot) -> None:
        for f in reversed(snapshot.findings):  # oldest first
            if f.id not in self._announced:
                self._announced.add(f.id)
                temp = f" {f.temp_c:.0f} °C" if f.temp_c is not None else ""
                self.monitor.say(f"finding: {f.kind} at {f.lat:.6f}, {f.lon:.6f} ±{f.h_acc_m:.1f} m{temp}, "
                                 f"seen by {f.source}")

    def ready(self) -> list[int]:
        """Wait for the fleet; returns its system ids, the search drone first."""
        self.phase = "waiting for the fleet"
        self.wait("3 vehicles with GPS fix and home", lambda s: len(s.vehicles) >= FLEET_SIZE and all(
            v.state.home is not None and v.state.gps_fix.startswith(("3D", "DGPS", "RTK"))
            for v in s.vehicles.values()), 60)
        ids = sorted(self.engine.snapshot().vehicles)[:FLEET_SIZE]
        self.summaries = {sid: VehicleSummary(sid) for sid in ids}
        return ids

    def run(self, ids: list[int], search: list[MissionItem]) -> None:
        """The first drone flies the search mission (it returns by itself); the others fly out and back."""
        e = self.engine
        searcher, others = ids[0], ids[1:]
        self.phase = "uploading the search"
        try:
            e.upload_mission(searcher, search).result(timeout=30)
        except MissionTransferError as exc:
            self.problems.append(f"vehicle {searcher}: {exc}")
            self.monitor.say(f"vehicle {searcher}: search upload FAILED: {exc}")
            raise SortieFailed(str(exc)) from None
        self.monitor.say(f"vehicle {searcher}: search uploaded ({len(search)} mission items)")
        self.command("camera straight down", {searcher: e.point_gimbal(searcher, -90.0, 0.0)})

        self.phase = "arming"
        self.command("arm", {sid: e.arm(sid) for sid in ids})
        self.phase = "taking off"
        self.command("search", {searcher: e.start_mission(searcher)})
        alts = {sid: TAKEOFF_ALT_M[i] for i, sid in enumerate(ids)}
        self.command("takeoff", {sid: e.takeoff(sid, alts[sid]) for sid in others})
        self.wait("take-off altitudes", lambda s: all(
            s.vehicles[sid].state.alt_rel >= alts[sid] - 1.0 for sid in others), 60)

        self.phase = "searching and flying out"
        targets = {}
        for i, sid in enumerate(others, start=1):
            home = e.snapshot().vehicles[sid].state.home
            lon, lat, _ = _GEOD.fwd(home.lon, home.lat, 120.0 * i, FLY_OUT_M)
            targets[sid] = (lat, lon)
        self.command("go to", {sid: e.goto(sid, lat, lon, alts[sid]) for sid, (lat, lon) in targets.items()})
        self.wait("the fly-out points", lambda s: all(
            _GEOD.inv(s.vehicles[sid].state.lon, s.vehicles[sid].state.lat, lon, lat)[2] < 5.0
            for sid, (lat, lon) in targets.items()), 180)

        self.phase = "returning"
        self.command("return", {sid: e.return_to_launch(sid) for sid in others})
        self.wait("landed and disarmed at home", lambda s: all(
            not s.vehicles[sid].state.armed and s.vehicles[sid].state.landed_state == "ON_GROUND"
            for sid in ids), 300)
        self.phase = "done"


def run_headless(data_dir: DataDir, duration_s: float, speedup: float, out: TextIO,
                 report_path: Path | None = None) -> int:
    from sitl.camera.live import LiveCamera  # the built-in simulator and camera; only the demo needs them
    from sitl.vehicle import SimulatedFleet

    if report_path is not None and not (report_path.parent.is_dir() and os.access(report_path.parent, os.W_OK)):
        print(f"groundstation demo: cannot write the report to {report_path}: "
              f"{report_path.parent} is not a folder this user can write to", file=sys.stderr)
        return 2  # before the flight, so no sortie is flown for a report that cannot be kept
    start = time.monotonic()
    deadline = start + duration_s
    scenario = load_scenario(SCENARIO_FILE)
    search = search_mission(scenario)
    camera_fps = min(CAMERA_MAX_FPS, CAMERA_FRAMES_PER_WALL_S / speedup)
    detection: DetectionReport | None = None
    with Engine(data_dir, links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        monitor = Monitor(engine, out)
        monitor.say(f"demo: {FLEET_SIZE} simulated PX4 quadcopters near Schengen "
                    f"({scenario.lat} N {scenario.lon} E), simulation {speedup:g}x real time, "
                    f"up to {duration_s:g} s; telemetry log {engine.tlog.path}")
        with SimulatedFleet(count=FLEET_SIZE, home=(scenario.lat, scenario.lon, scenario.ground_alt_m),
                            gcs=("127.0.0.1", port), speedup=speedup, seed=1, base_port=0) as fleet, \
                contextlib.ExitStack() as running:
            sortie = Sortie(engine, monitor, deadline, speedup)
            completed = False
            camera: LiveCamera | None = None
            try:
                ids = sortie.ready()
                service = engine.detection
                running.callback(service.stop)  # after the camera: then the figures below are final
                camera = running.enter_context(
                    LiveCamera(fleet, scenario, {ids[0]: service.listen()}, fps=camera_fps))
                monitor.say(f"vehicle {ids[0]}: thermal camera on, {camera_fps:g} frames per simulated second; "
                            f"searching {len(scenario.persons)} walkers and {len(scenario.fires)} fires "
                            f"on an expanding square at {SEARCH_ALT_M:g} m")
                sortie.run(ids, search)
                completed = True
            except TimeoutError as e:
                if time.monotonic() >= deadline:
                    monitor.say(f"demo: duration of {duration_s:g} s reached while {sortie.phase}")
                else:
                    sortie.problems.append(f"timed out waiting for {e}")
            except SortieFailed:
                pass
            if camera is not None:
                running.close()  # camera first, then detection: the figures below are final
                detection = detection_report(ids[0], camera, service, scenario, engine)
            monitor.close()
        report = SortieReport(completed, sortie.phase, time.monotonic() - start, speedup,
                              sortie.problems, list(sortie.summaries.values()), detection)
    print_summary(report, out)
    if report_path is not None:
        report_path.write_text(report.to_json())
    return 1 if report.problems else 0


def search_mission(scenario: Scenario) -> list[MissionItem]:
    plan = expanding_square(LatLon(scenario.lat, scenario.lon), SEARCH_SPACING_M, SEARCH_LEGS, SEARCH_ALT_M)
    return plan_to_items(plan, speed_mps=SEARCH_SPEED_MPS)


def detection_report(vehicle: int, camera: "LiveCamera", service: DetectionService, scenario: Scenario,
                     engine: Engine) -> DetectionReport:
    from sitl.camera.live import score

    stats = service.stats()
    store = engine.sharing.store
    found = score(scenario, [(str(f.kind), f.lat, f.lon) for f in map(store.get, service.findings_touched())])
    return DetectionReport(vehicle, round(camera.fps, 3), camera.sent, camera.skipped, stats.processed, stats.dropped,
                           found.persons_found, found.persons_total, found.fires_found, found.fires_total,
                           found.duplicates, found.false_findings, _number(found.median_error_m),
                           _number(found.max_error_m), _number(stats.latency_p50_ms), _number(stats.latency_p95_ms))


def _number(value: float) -> float | None:
    """JSON has no NaN: nothing measured is null."""
    return None if math.isnan(value) else round(value, 2)


def print_summary(report: SortieReport, out: TextIO) -> None:
    status = "completed" if report.completed else f"stopped while {report.phase}"
    print(f"\nSortie {status} in {report.elapsed_s:.0f} s "
          f"({report.elapsed_s * report.speedup:.0f} s simulated)", file=out)
    print(f"{'vehicle':>7} {'max alt':>8} {'flown':>8} {'battery':>11} {'mode':>10} {'state':>9}", file=out)
    for v in report.vehicles:
        battery = f"{v.battery_start_pct}->{v.battery_end_pct}%"
        state = "landed" if v.landed and not v.armed else ("armed" if v.armed else "disarmed")
        print(f"{v.system_id:>7} {v.max_alt_rel_m:>6.1f} m {v.distance_m:>6.0f} m {battery:>11} "
              f"{v.final_mode:>10} {state:>9}", file=out)
    d = report.detection
    if d is not None:
        print(f"\nSearch by vehicle {d.vehicle}: {d.persons_found}/{d.persons_total} persons and "
              f"{d.fires_found}/{d.fires_total} fires found, {d.duplicates} duplicates, "
              f"{d.false_findings} false findings", file=out)
        if d.median_error_m is not None:
            print(f"position error median {d.median_error_m:.1f} m, max {d.max_error_m:.1f} m; "
                  f"frame to finding p50 {d.latency_p50_ms:.0f} ms, p95 {d.latency_p95_ms:.0f} ms", file=out)
        print(f"camera: {d.frames_sent} frames sent ({d.frames_skipped} skipped), {d.frames_processed} processed, "
              f"{d.frames_dropped} dropped by a busy station", file=out)
    for problem in report.problems:
        print(f"problem: {problem}", file=out)
