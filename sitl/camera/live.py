"""A live synthetic thermal camera on vehicles of a running SimulatedFleet.

Its own thread renders, a few times per simulated second, what each chosen vehicle's camera sees
of a scenario from the vehicle's true position, heading and gimbal, and sends every frame to the
station over the radiometric side channel (drivers/video/radiometric_link.py). The scenario is the
ground truth a run is scored against (`score`).

The simulated gimbal is stabilised: it reports its pitch from the horizon, so the body's roll and
pitch never reach the picture and the frames say roll = pitch = 0 for the body.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sitl.camera.render import THERMAL_640, CameraPose, Intrinsics, SceneRenderer
from sitl.camera.scenario import Scenario
from sitl.camera.stream import RadiometricSender
from sitl.vehicle import SimulatedFleet, SimulatedVehicle
from vision.findings import distance_m

MIN_HEIGHT_M = 1.0  # a camera closer to the ground than this sees grass, not a scene


class LiveCamera:
    """Renders and sends frames for `targets` ({system id: the station's side-channel address}).

    `fps` counts frames per simulated second; at a high speedup keep fps * speedup within what
    the host renders and the station processes per wall second. When the thread falls behind
    it skips frames (counted in `skipped`) instead of sending stale ones.
    """

    def __init__(self, fleet: SimulatedFleet, scenario: Scenario, targets: Mapping[int, tuple[str, int]],
                 fps: float = 2.0, camera: Intrinsics = THERMAL_640,
                 clock: Callable[[], float] = time.time) -> None:
        if not fps > 0:
            raise ValueError(f"camera frame rate must be positive, got {fps}")
        by_id = {v.system_id: v for v in fleet.vehicles}
        unknown = sorted(set(targets) - set(by_id))
        if unknown:
            raise ValueError(f"no vehicle with system id {unknown} in the fleet (it has {sorted(by_id)})")
        self.fleet, self.scenario, self.fps, self.camera, self.clock = fleet, scenario, fps, camera, clock
        self.renderer = SceneRenderer(scenario)
        self._senders: list[tuple[SimulatedVehicle, RadiometricSender]] = [
            (by_id[sid], RadiometricSender(address, sid)) for sid, address in targets.items()]
        self.sent = 0
        self.skipped = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "LiveCamera":
        if self._thread is not None:
            raise RuntimeError("camera already started")
        self._thread = threading.Thread(target=self._run, name="sitl-live-camera", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        for _, sender in self._senders:
            sender.close()

    def __enter__(self) -> "LiveCamera":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self) -> None:
        interval = 1.0 / self.fps
        due = self.fleet.sim_time
        while not self._stop.is_set():
            now = self.fleet.sim_time
            if now < due:
                self._stop.wait(min((due - now) / self.fleet.speedup, 0.05))
                continue
            if now - due >= interval:  # behind: drop what is already late, keep the cadence
                missed = int((now - due) / interval)
                self.skipped += missed * len(self._senders)
                due += missed * interval
            due += interval
            for vehicle, sender in self._senders:
                self._shoot(vehicle, sender)

    def _shoot(self, vehicle: SimulatedVehicle, sender: RadiometricSender) -> None:
        truth = vehicle.truth()
        captured = self.clock()
        if truth.alt_amsl - self.scenario.ground_alt_m < MIN_HEIGHT_M:
            return
        pose = CameraPose(truth.sim_time, truth.lat, truth.lon, truth.alt_amsl, 0.0, 0.0, truth.heading_deg,
                          0.0, truth.gimbal_pitch_deg, truth.gimbal_yaw_deg)
        sender.send(self.renderer.render_thermal(pose, self.camera), captured, pose, self.camera)
        self.sent += 1


@dataclass(frozen=True)
class Score:
    """Findings against the scenario's ground truth."""

    persons_found: int
    persons_total: int
    fires_found: int
    fires_total: int
    duplicates: int  # findings beyond the first for the same person or fire
    false_findings: int  # farther than the match distance from anything real of their kind
    errors_m: tuple[float, ...]  # of the best finding of each object found

    @property
    def median_error_m(self) -> float:
        return float(np.median(self.errors_m)) if self.errors_m else math.nan

    @property
    def max_error_m(self) -> float:
        return max(self.errors_m) if self.errors_m else math.nan


def score(scenario: Scenario, findings: Sequence[tuple[str, float, float]], match_m: float = 10.0) -> Score:
    """Match (kind, lat, lon) findings ("person" or "hotspot") to the nearest real object of their kind."""
    truth = [("person", p.id, p.lat, p.lon) for p in scenario.persons] + \
            [("hotspot", f.id, f.lat, f.lon) for f in scenario.fires]
    best: dict[str, float] = {}
    duplicates = false_findings = 0
    for kind, lat, lon in findings:
        near = [(distance_m(t_lat, t_lon, lat, lon), oid) for k, oid, t_lat, t_lon in truth if k == kind]
        if not near or min(near)[0] > match_m:
            false_findings += 1
            continue
        error, oid = min(near)
        if oid in best:
            duplicates += 1
        best[oid] = min(error, best.get(oid, math.inf))
    persons = {p.id for p in scenario.persons}
    return Score(len(persons & best.keys()), len(persons), len(best.keys() - persons), len(scenario.fires),
                 duplicates, false_findings, tuple(best.values()))
