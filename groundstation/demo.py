"""The demo: three simulated PX4 quadcopters near Schengen, the FR/DE/LU tripoint.

With a window the pilot flies them. Headless, a short scripted sortie runs instead (arm, take off,
fly out in three directions, hold, return, land) with live progress and a summary at the end.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from pyproj import Geod

from groundstation.core.datadir import DataDir
from groundstation.core.engine import CommandError, Engine, FleetSnapshot
from groundstation.core.monitor import Monitor

SCHENGEN = (49.47, 6.37, 200.0)  # lat, lon, ground altitude AMSL (the Moselle valley)
FLEET_SIZE = 3
TAKEOFF_ALT_M = (25.0, 30.0, 35.0)
FLY_OUT_M = 250.0
_GEOD = Geod(ellps="WGS84")


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
class SortieReport:
    completed: bool
    phase: str
    elapsed_s: float
    speedup: float
    problems: list[str]
    vehicles: list[VehicleSummary]

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

    def wait(self, what: str, predicate: Callable[[FleetSnapshot], bool], sim_timeout_s: float) -> None:
        end = min(self.deadline, time.monotonic() + sim_timeout_s / self.speedup)
        while True:
            snapshot = self.engine.snapshot()
            for summary in self.summaries.values():
                summary.update(snapshot)
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

    def run(self) -> None:
        e = self.engine
        self.phase = "waiting for the fleet"
        self.wait("3 vehicles with GPS fix and home", lambda s: len(s.vehicles) >= FLEET_SIZE and all(
            v.state.home is not None and v.state.gps_fix.startswith(("3D", "DGPS", "RTK"))
            for v in s.vehicles.values()), 60)
        ids = sorted(e.snapshot().vehicles)[:FLEET_SIZE]
        self.summaries = {sid: VehicleSummary(sid) for sid in ids}

        self.phase = "arming"
        self.command("arm", {sid: e.arm(sid) for sid in ids})
        self.phase = "taking off"
        self.command("takeoff", {sid: e.takeoff(sid, TAKEOFF_ALT_M[i]) for i, sid in enumerate(ids)})
        self.wait("take-off altitudes", lambda s: all(
            s.vehicles[sid].state.alt_rel >= TAKEOFF_ALT_M[i] - 1.0 for i, sid in enumerate(ids)), 60)

        self.phase = "flying out"
        targets = {}
        for i, sid in enumerate(ids):
            home = e.snapshot().vehicles[sid].state.home
            lon, lat, _ = _GEOD.fwd(home.lon, home.lat, 120.0 * i, FLY_OUT_M)
            targets[sid] = (lat, lon)
        self.command("go to", {sid: e.goto(sid, lat, lon, TAKEOFF_ALT_M[i])
                               for i, (sid, (lat, lon)) in enumerate(targets.items())})
        self.wait("the fly-out points", lambda s: all(
            _GEOD.inv(s.vehicles[sid].state.lon, s.vehicles[sid].state.lat, lon, lat)[2] < 5.0
            for sid, (lat, lon) in targets.items()), 180)

        self.phase = "returning"
        self.command("return", {sid: e.return_to_launch(sid) for sid in ids})
        self.wait("landed and disarmed at home", lambda s: all(
            not s.vehicles[sid].state.armed and s.vehicles[sid].state.landed_state == "ON_GROUND"
            for sid in ids), 300)
        self.phase = "done"


def run_headless(data_dir: DataDir, duration_s: float, speedup: float, out: TextIO,
                 report_path: Path | None = None) -> int:
    from sitl.vehicle import SimulatedFleet  # the built-in simulator; only the demo needs it

    start = time.monotonic()
    deadline = start + duration_s
    with Engine(data_dir, links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        monitor = Monitor(engine, out)
        monitor.say(f"demo: {FLEET_SIZE} simulated PX4 quadcopters near Schengen "
                    f"({SCHENGEN[0]} N {SCHENGEN[1]} E), simulation {speedup:g}x real time, "
                    f"up to {duration_s:g} s; telemetry log {engine.tlog.path}")
        with SimulatedFleet(count=FLEET_SIZE, home=SCHENGEN, gcs=("127.0.0.1", port),
                            speedup=speedup, seed=1, base_port=0):
            sortie = Sortie(engine, monitor, deadline, speedup)
            completed = False
            try:
                sortie.run()
                completed = True
            except TimeoutError as e:
                if time.monotonic() >= deadline:
                    monitor.say(f"demo: duration of {duration_s:g} s reached while {sortie.phase}")
                else:
                    sortie.problems.append(f"timed out waiting for {e}")
            except SortieFailed:
                pass
            monitor.close()
        report = SortieReport(completed, sortie.phase, time.monotonic() - start, speedup,
                              sortie.problems, list(sortie.summaries.values()))
    print_summary(report, out)
    if report_path is not None:
        report_path.write_text(report.to_json())
    return 1 if report.problems else 0


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
    for problem in report.problems:
        print(f"problem: {problem}", file=out)
