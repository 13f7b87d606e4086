"""The demo: three simulated PX4 quadcopters and a simulated ground robot near Schengen, the
FR/DE/LU tripoint.

With a window the pilot flies them and drives the robot, and drone 1's camera serves its colour
video over RTSP as a real drone's does (`window_camera`). Headless, a short scripted sortie runs
instead, with live progress and a summary at the end: the first drone searches the Schengen
scenario (six missing walkers, three spot fires) on an expanding square at 60 m with its thermal
camera looking down, and the station turns what the camera sees into findings; the others fly out
and come back; meanwhile the robot drives a few metres and is stopped with its e-stop.
The report scores the findings against the scenario's ground truth.

The robot runs in this process on its own thread and loop, as it would on its own computer, and is
reached over ZeroMQ on loopback with CURVE keys made on first use in the data directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import queue
import shutil
import socket
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, TextIO

import zmq
from pyproj import Geod

from drivers.robot.keys import CurveServerKeys, generate_keypair, server_keys
from drivers.robot.link import ZmqAddress
from drivers.robot.session import SpeedLimits
from groundstation.core.datadir import DataDir
from groundstation.core.detection import DetectionService
from groundstation.core.engine import CommandError, Engine, FleetSnapshot, MissionTransferError
from groundstation.core.monitor import Monitor
from groundstation.core.robots import RobotManager, RobotView
from groundstation.core.tiles import TileService
from groundstation.core.tiles_scenario import SCENARIO_SOURCE_ID, install_scenario_tiles
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
ROBOT_NAME = "sim-robot"
ROBOT_FROM_HOME = (200.0, 40.0)  # bearing (degrees) and distance (m) from the fleet's home
ROBOT_LIMITS = SpeedLimits(linear=1.0, angular=1.0)
ROBOT_ERRAND_M = 5.0  # how far the headless sortie drives the robot before its e-stop
ROBOT_INPUT_HZ = 20.0  # what a held stick sends; the session stops the robot after 0.3 s without input
ROBOT_STEP_S = 20.0  # the longest any one step of the robot's errand may take (wall clock)
DETECTION_DRAIN_S = 10.0  # the longest the summary waits for a busy station to finish the frames it got
ROBOT_MARGIN_S = 5.0  # the errand ends its drive this long before the demo's duration, to stop in time
_GEOD = Geod(ellps="WGS84")

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sitl.camera.live import LiveCamera
    from sitl.vehicle import SimulatedFleet


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
class RobotReport:
    """How far the robot went and whether its e-stop stopped it, as its own telemetry says."""

    name: str
    driven_m: float  # straight-line distance from where it started
    top_speed_mps: float
    estop_latched: bool  # this station holds the e-stop
    estop_confirmed: bool  # the robot reports its e-stop engaged
    stopped: bool  # standing still under the e-stop at the end


@dataclass
class SortieReport:
    completed: bool
    phase: str
    elapsed_s: float
    speedup: float
    problems: list[str]
    vehicles: list[VehicleSummary]
    detection: DetectionReport | None = None
    robot: RobotReport | None = None

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
        self.news: queue.SimpleQueue[str] = queue.SimpleQueue()  # from the robot's errand, printed in order
        self.phase = "starting"
        self.problems: list[str] = []
        self.summaries: dict[int, VehicleSummary] = {}
        self._announced = {f.id for f in engine.sharing.store.all()}  # findings of earlier runs stay quiet

    def tell_news(self) -> None:
        while not self.news.empty():
            self.monitor.say(self.news.get())

    def wait(self, what: str, predicate: Callable[[FleetSnapshot], bool], sim_timeout_s: float) -> None:
        end = min(self.deadline, time.monotonic() + sim_timeout_s / self.speedup)
        while True:
            snapshot = self.engine.snapshot()
            for summary in self.summaries.values():
                summary.update(snapshot)
            self.announce_findings(snapshot)
            self.tell_news()
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


def install_demo_tiles(data_dir: DataDir, scenario: Scenario) -> str:
    """The scenario's ground as the map source "Demo scenario" (rendered on the first run); its id."""
    install_scenario_tiles(TileService.in_data_dir(data_dir), scenario)
    return SCENARIO_SOURCE_ID


@contextlib.contextmanager
def window_camera(fleet: "SimulatedFleet", engine: Engine, speedup: float) -> Iterator["LiveCamera"]:
    """Drone 1's camera in the demo window: its thermal frames go to the station's detection, and its
    colour and white-hot video are served over RTSP on loopback, where its camera says they are."""
    from sitl.camera.live import LiveCamera
    from sitl.camera.rtsp import RtspServer

    stop = threading.Event()
    down = threading.Thread(target=_camera_down, args=(engine, 1, stop), name="demo camera down", daemon=True)
    with RtspServer("127.0.0.1", 0) as video, \
            LiveCamera(fleet, load_scenario(SCENARIO_FILE), {1: engine.detection.listen()},
                       fps=min(CAMERA_MAX_FPS, CAMERA_FRAMES_PER_WALL_S / speedup), video=video) as camera:
        down.start()
        try:
            yield camera
        finally:
            stop.set()
            down.join(timeout=5)


def _camera_down(engine: Engine, sid: int, stop: threading.Event) -> None:
    """Point the searcher's camera straight down once it is ready, as a crew does before a search (and the
    headless sortie does): looking level, half the thermal picture is sky and what it finds is placed
    tens of metres out. A command like any other: the pilot can point it elsewhere."""
    while not stop.wait(0.2):
        vehicle = engine.snapshot().vehicles.get(sid)
        if vehicle is not None and vehicle.state.home is not None:
            break
    else:
        return
    try:
        engine.point_gimbal(sid, -90.0, 0.0).result(timeout=10)
    except Exception as exc:  # noqa: BLE001 - a refusal or no answer: the demo goes on, the pilot can point it
        log.warning("demo: vehicle %d: camera not pointed down: %s", sid, exc)


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
    install_demo_tiles(data_dir, scenario)  # the web view can show the ground the camera sees
    search = search_mission(scenario)
    camera_fps = min(CAMERA_MAX_FPS, CAMERA_FRAMES_PER_WALL_S / speedup)
    detection: DetectionReport | None = None
    robot: RobotReport | None = None
    with Engine(data_dir, links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        monitor = Monitor(engine, out)
        monitor.say(f"demo: {FLEET_SIZE} simulated PX4 quadcopters near Schengen "
                    f"({scenario.lat} N {scenario.lon} E), simulation {speedup:g}x real time, "
                    f"up to {duration_s:g} s; telemetry log {engine.tlog.path}")
        with SimulatedFleet(count=FLEET_SIZE, home=(scenario.lat, scenario.lon, scenario.ground_alt_m),
                            gcs=("127.0.0.1", port), speedup=speedup, seed=1, base_port=0) as fleet, \
                contextlib.ExitStack() as with_robot, contextlib.ExitStack() as running:
            sortie = Sortie(engine, monitor, deadline, speedup)
            robot_id = with_robot.enter_context(demo_robot(data_dir, engine, scenario.lat, scenario.lon,
                                                           sortie.problems.append))
            errand: RobotErrand | None = None
            if robot_id is not None:
                errand = RobotErrand(engine.robots, robot_id, deadline - ROBOT_MARGIN_S, sortie.news)
                errand.start()
            completed = False
            camera: LiveCamera | None = None
            try:
                ids = sortie.ready()
                service = engine.detection
                running.callback(service.stop)  # after the camera: then the figures below are final
                running.callback(service.drain, DETECTION_DRAIN_S)  # a busy station finishes its last frames first
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
            if errand is not None:
                errand.join()  # it keeps to the deadline, with ROBOT_MARGIN_S to stop
                sortie.tell_news()
                robot = errand.report
                if errand.problem:
                    sortie.problems.append(errand.problem)
            monitor.close()
        report = SortieReport(completed, sortie.phase, time.monotonic() - start, speedup,
                              sortie.problems, list(sortie.summaries.values()), detection, robot)
    print_summary(report, out)
    if report_path is not None:
        report_path.write_text(report.to_json())
    return 1 if report.problems else 0


@dataclass(frozen=True)
class RobotKeys:
    """The CURVE files of the demo's robot link: each end's pair, and whom the robot lets in."""

    robot_public: Path
    robot_secret: Path
    station_secret: Path
    authorized: Path  # the folder of station public keys the robot accepts


def demo_robot_keys(data_dir: DataDir) -> RobotKeys:
    """Made on first use under the data directory and kept, like a real robot's paired keys."""
    folder = data_dir.root / "demo-robot-keys"
    robot, station, authorized = folder / "robot", folder / "station", folder / "authorized"
    if not (robot / f"{ROBOT_NAME}.key_secret").exists():
        generate_keypair(robot, ROBOT_NAME)
    if not (station / "station.key_secret").exists():
        generate_keypair(station, "station")
    if not (authorized / "station.key").exists():
        authorized.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(station / "station.key", authorized / "station.key")  # the public half only
    return RobotKeys(robot / f"{ROBOT_NAME}.key", robot / f"{ROBOT_NAME}.key_secret",
                     station / "station.key_secret", authorized)


class DemoRobot:
    """The simulated robot on its own thread and loop, serving ZeroMQ with CURVE on loopback; with
    `camera`, it streams what it sees of the Schengen scenario to a loopback UDP port it announces."""

    def __init__(self, keys: RobotKeys, lat: float, lon: float, camera: bool = False) -> None:
        from sitl.robot.model import Home, RobotModel, RobotParams  # only the demo needs the simulator
        from sitl.robot.simulator import RobotSimulator, free_port_pair

        self.keys = keys
        self.address = ZmqAddress("127.0.0.1", free_port_pair())
        video_url = f"udp://127.0.0.1:{_free_udp_port()}" if camera else ""
        self.simulator = RobotSimulator(RobotModel(RobotParams(name=ROBOT_NAME), Home(lat, lon)), video_url=video_url,
                                        scenario=load_scenario(SCENARIO_FILE) if camera else None)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._running: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"zmq:{self.address.command_endpoint}"

    def __enter__(self) -> "DemoRobot":
        curve = server_keys(self.keys.robot_secret, self.keys.authorized)  # a bad key file fails here, first
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="demo robot", daemon=True)
        self._thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self._serve(curve), self._loop).result(10)
        except BaseException:
            self._shut()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._shut()

    async def _serve(self, curve: CurveServerKeys) -> None:
        from sitl.robot.simulator import ZmqEndpoint

        ZmqEndpoint(self.simulator, self.address, curve)
        self._running = asyncio.create_task(self.simulator.run())

    async def _stop(self) -> None:
        if self._running is not None:
            self._running.cancel()
            await asyncio.gather(self._running, return_exceptions=True)
        await self.simulator.close()

    def _shut(self) -> None:
        assert self._loop is not None and self._thread is not None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@contextlib.contextmanager
def demo_robot(data_dir: DataDir, engine: Engine, lat: float, lon: float,
               tell: Callable[[str], None] | None = None, camera: bool = False) -> Iterator[str | None]:
    """The demo's robot, started beside the fleet's home at (lat, lon) and connected through the
    engine's robot manager (with `camera`, streaming its video); yields its robot id. One that
    cannot start (a bad key file in the data directory, no free port) is told with the reason and
    yields None: the fleet flies without it."""
    lon, lat, _ = _GEOD.fwd(lon, lat, *ROBOT_FROM_HOME)
    with contextlib.ExitStack() as stack:
        robot_id: str | None = None
        try:
            keys = demo_robot_keys(data_dir)
            robot = stack.enter_context(DemoRobot(keys, lat, lon, camera))
            robot_id = engine.robots.connect(robot.url, ROBOT_LIMITS, keys.robot_public, keys.station_secret).result(10)
            stack.callback(_disconnect, engine.robots, robot_id)
        except (OSError, ValueError, RuntimeError, TimeoutError, zmq.ZMQError) as e:
            problem = f"the demo robot did not start: {e}"
            if tell is None:
                print(f"groundstation demo: {problem}; the fleet flies without it", file=sys.stderr)
            else:
                tell(problem)
        yield robot_id


def _disconnect(robots: RobotManager, robot_id: str) -> None:
    with contextlib.suppress(RuntimeError, ValueError, TimeoutError):  # gone with the engine already
        robots.disconnect(robot_id).result(5)


class RobotErrand(threading.Thread):
    """The headless sortie's robot: drives ROBOT_ERRAND_M straight ahead, then the e-stop stops it.

    Runs beside the flight, sending stick input at ROBOT_INPUT_HZ as a held gamepad would; what it
    sees goes to `news` for the sortie to print, and the outcome to `report` (or `problem`).
    """

    def __init__(self, robots: RobotManager, robot_id: str, deadline: float, news: "queue.SimpleQueue[str]") -> None:
        super().__init__(name="robot errand", daemon=True)
        self.robots, self.robot_id, self.deadline, self.news = robots, robot_id, deadline, news
        self.report: RobotReport | None = None
        self.problem: str | None = None

    def run(self) -> None:
        try:
            self.report = self._errand()
        except TimeoutError as e:
            self.problem = f"robot {self.robot_id}: timed out waiting for {e}"
        except Exception as e:  # the link, the manager: the sortie reports it, the flight goes on
            self.problem = f"robot {self.robot_id}: {e}"
        finally:
            with contextlib.suppress(RuntimeError):  # the manager has stopped: so has the robot
                self.robots.stop_driving(self.robot_id)

    def _errand(self) -> RobotReport:
        v = self._wait("its name and position", lambda v: v.alive and v.has_position and v.name != v.id)
        start = (v.lat, v.lon)
        self.news.put(f"robot {v.name}: connected over ZeroMQ with CURVE, at {v.lat:.6f}, {v.lon:.6f}, "
                      f"battery {v.battery_pct} %; driving {ROBOT_ERRAND_M:g} m ahead")
        top_speed, next_note = 0.0, 1.0
        end = min(self.deadline, time.monotonic() + ROBOT_STEP_S)
        while (driven := _distance(start, now := self._view())) < ROBOT_ERRAND_M:
            if time.monotonic() >= end:
                break  # out of time: stop here, the report says how far it got
            self.robots.drive(self.robot_id, 1.0, 0.0)
            top_speed = max(top_speed, now.speed)
            if driven >= next_note:
                self.news.put(f"robot {v.name}: {driven:.1f} m, {now.speed:.2f} m/s")
                next_note += 1.0
            time.sleep(1.0 / ROBOT_INPUT_HZ)
        self.robots.engage_estop(self.robot_id).result(5)
        v = self._wait("the e-stop to hold the robot still", lambda v: v.estop_confirmed and v.speed == 0.0)
        driven = _distance(start, v)
        self.news.put(f"robot {v.name}: e-stop latched and confirmed by the robot, stopped after {driven:.1f} m")
        return RobotReport(v.name, round(driven, 2), round(top_speed, 2), v.estop_latched, v.estop_confirmed,
                           v.speed == 0.0)

    def _view(self) -> RobotView:
        view = self.robots.view(self.robot_id)
        if view is None:
            raise RuntimeError("the robot is no longer connected")
        return view

    def _wait(self, what: str, predicate: Callable[[RobotView], bool]) -> RobotView:
        end = time.monotonic() + ROBOT_STEP_S
        while not predicate(view := self._view()):
            if time.monotonic() >= end:
                raise TimeoutError(what)
            time.sleep(0.05)
        return view


def _distance(start: tuple[float, float], view: RobotView) -> float:
    return _GEOD.inv(start[1], start[0], view.lon, view.lat)[2]


def _free_udp_port() -> int:
    """A loopback UDP port for the demo robot's camera stream."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    r = report.robot
    if r is not None:
        stop = ("stopped by its e-stop, the robot confirms" if r.stopped and r.estop_confirmed
                else "NOT confirmed stopped by its e-stop")
        print(f"\nRobot {r.name}: drove {r.driven_m:.1f} m (top speed {r.top_speed_mps:.2f} m/s), {stop}", file=out)
    for problem in report.problems:
        print(f"problem: {problem}", file=out)
