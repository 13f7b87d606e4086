"""A live synthetic camera on vehicles of a running SimulatedFleet.

Its own thread renders, a few times per simulated second, what each chosen vehicle's thermal camera
sees of a scenario from the vehicle's true position, heading and gimbal, and sends every frame to
the station over the radiometric side channel (drivers/video/radiometric_link.py). The scenario is
the ground truth a run is scored against (`score`).

With `video` (a started RtspServer) the same thread also serves each chosen vehicle's colour camera
(and its thermal camera as 8-bit white-hot) as H.264, or H.265 (`video_codec`), over RTSP, as a real
drone camera does, and the vehicle's camera component advertises those rtsp:// addresses with their
codec, so the station finds them by itself.
Radiometric frames come first: video frames are rendered only when none is due, and skipped (counted
in `video_skipped`) when the thread falls behind.

The simulated gimbal is stabilised: it reports its pitch from the horizon, so the body's roll and
pitch never reach the picture and the frames say roll = pitch = 0 for the body.
"""
from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.video.thermal import gray8
from sitl.camera.render import THERMAL_640, CameraPose, Intrinsics, SceneRenderer
from sitl.camera.rtsp import RtspServer, RtspStream
from sitl.camera.scenario import Scenario
from sitl.camera.stream import RadiometricSender, encoder_for
from sitl.vehicle import SimulatedFleet, SimulatedVehicle, VehicleTruth
from sitl.vehicle.camera import VideoStream
from vision.findings import distance_m

MIN_HEIGHT_M = 1.0  # a camera closer to the ground than this sees grass, not a scene
# The colour video: the advertised 82 deg lens at a quarter of 720p, 4 pictures a second. Rendering
# and encoding one takes ~25 ms, so two vehicles' video costs a fifth of a core (720p: ~160 ms each).
COLOUR_640x360 = Intrinsics(640, 360, 82.0)
VIDEO_FPS = 4.0
WHITE_HOT = gray8(-10.0, 50.0)  # the station's search span: ground grey, people near white, fires white


@dataclass
class VehicleVideo:
    """One vehicle's RTSP streams, and what its camera advertised before they were served."""

    vehicle: SimulatedVehicle
    colour: RtspStream
    thermal: RtspStream | None
    advertised_before: tuple[VideoStream, ...]
    thermal_waiting: tuple[np.ndarray, float] | None = None  # the newest radiometric frame not yet in the video


class LiveCamera:
    """Renders and sends frames for `targets` ({system id: the station's side-channel address, or None
    where the thermal camera is rendered for its video only}).

    `fps` counts frames per simulated second; at a high speedup keep fps * speedup within what
    the host renders and the station processes per wall second. When the thread falls behind
    it skips frames (counted in `skipped`) instead of sending stale ones.

    `video`: a started RtspServer on which each target's colour camera (`colour`, `video_fps`
    pictures per wall second) and, with `thermal_video`, its radiometric frames in white-hot are
    served at /vehicle<id>/colour and /vehicle<id>/thermal, stamped with their capture time, encoded
    `video_codec` ("h264" or "h265"; refused here, naming the encoder, when PyAV lacks it).
    """

    def __init__(self, fleet: SimulatedFleet, scenario: Scenario, targets: Mapping[int, tuple[str, int] | None],
                 fps: float = 2.0, camera: Intrinsics = THERMAL_640,
                 clock: Callable[[], float] = time.time, *, video: RtspServer | None = None,
                 video_fps: float = VIDEO_FPS, colour: Intrinsics = COLOUR_640x360, thermal_video: bool = True,
                 video_codec: str = "h264") -> None:
        if not fps > 0:
            raise ValueError(f"camera frame rate must be positive, got {fps}")
        if not video_fps > 0:
            raise ValueError(f"video frame rate must be positive, got {video_fps}")
        if video is not None:
            encoder_for(video_codec)
        elif None in targets.values():
            raise ValueError("a vehicle with no side-channel address is filmed for its video only: give `video`")
        by_id = {v.system_id: v for v in fleet.vehicles}
        unknown = sorted(set(targets) - set(by_id))
        if unknown:
            raise ValueError(f"no vehicle with system id {unknown} in the fleet (it has {sorted(by_id)})")
        self.fleet, self.scenario, self.fps, self.camera, self.clock = fleet, scenario, fps, camera, clock
        self.video, self.video_fps, self.colour, self.thermal_video = video, video_fps, colour, thermal_video
        self.video_codec = video_codec
        self.renderer = SceneRenderer(scenario)
        self._senders: list[tuple[SimulatedVehicle, RadiometricSender | None]] = [
            (by_id[sid], RadiometricSender(address, sid) if address is not None else None)
            for sid, address in targets.items()]
        self._videos: dict[int, VehicleVideo] = {}
        self.sent = 0  # radiometric frames
        self.skipped = 0
        self.video_sent = 0  # pictures into the videos, colour and thermal
        self.video_skipped = 0  # colour pictures not rendered because the thread was behind
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "LiveCamera":
        if self._thread is not None:
            raise RuntimeError("camera already started")
        if self.video is not None:
            try:
                for vehicle, _ in self._senders:
                    self._serve_video(vehicle, self.video)
            except BaseException:
                self._close_video()
                raise
        self._thread = threading.Thread(target=self._run, name="sitl-live-camera", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        for _, sender in self._senders:
            if sender is not None:
                sender.close()
        self._close_video()

    def __enter__(self) -> "LiveCamera":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- video over RTSP -----------------------------------------------------------------------

    def _serve_video(self, vehicle: SimulatedVehicle, server: RtspServer) -> None:
        sid = vehicle.system_id
        colour = server.add_stream(f"vehicle{sid}/colour", self.colour.width_px, self.colour.height_px, self.video_fps,
                                   self.video_codec)
        thermal = None
        thermal_fps = min(self.video_fps, self.fps * self.fleet.speedup)  # a picture per radiometric frame at most
        if self.thermal_video:
            thermal = server.add_stream(f"vehicle{sid}/thermal", self.camera.width_px, self.camera.height_px,
                                        thermal_fps, self.video_codec)
        before = vehicle.camera.streams
        self._videos[sid] = VehicleVideo(vehicle, colour, thermal, before)
        served = []
        for stream in before:
            source, lens = (thermal, self.camera) if stream.thermal else (colour, self.colour)
            if source is None:
                served.append(stream)
                continue
            served.append(dataclasses.replace(
                stream, uri=source.url, width=lens.width_px, height=lens.height_px, hfov_deg=round(lens.hfov_deg),
                codec=source.encoder.codec, fps=self.video_fps if source is colour else thermal_fps))
        self.fleet.advertise_video(sid, tuple(served))

    def _close_video(self) -> None:
        for sid, video in self._videos.items():
            for stream in (video.colour, video.thermal):
                if stream is not None:
                    stream.close()
            self.fleet.advertise_video(sid, video.advertised_before)  # nothing is served there any more
        self._videos.clear()

    # ---- the thread ----------------------------------------------------------------------------

    def _run(self) -> None:
        interval = 1.0 / self.fps
        due = self.fleet.sim_time
        video_interval = 1.0 / self.video_fps
        video_due = time.monotonic()
        while not self._stop.is_set():
            now = self.fleet.sim_time
            if now >= due:  # radiometric frames first: the findings depend on them
                if now - due >= interval:  # behind: drop what is already late, keep the cadence
                    missed = int((now - due) / interval)
                    self.skipped += missed * len(self._senders)
                    due += missed * interval
                due += interval
                for vehicle, sender in self._senders:
                    self._shoot(vehicle, sender)
                continue
            wall = time.monotonic()
            if self._videos and wall >= video_due:
                if wall - video_due >= video_interval:  # behind: video gives way
                    missed = int((wall - video_due) / video_interval)
                    self.video_skipped += missed * len(self._videos)
                    video_due += missed * video_interval
                video_due += video_interval
                for video in self._videos.values():
                    self._film(video)
                continue
            wait = (due - now) / self.fleet.speedup
            if self._videos:
                wait = min(wait, video_due - wall)
            self._stop.wait(min(wait, 0.05))

    @staticmethod
    def _pose(truth: VehicleTruth, alt_amsl: float) -> CameraPose:
        return CameraPose(truth.sim_time, truth.lat, truth.lon, alt_amsl, 0.0, 0.0, truth.heading_deg,
                          0.0, truth.gimbal_pitch_deg, truth.gimbal_yaw_deg)

    def _shoot(self, vehicle: SimulatedVehicle, sender: RadiometricSender | None) -> None:
        truth = vehicle.truth()
        captured = self.clock()
        if truth.alt_amsl - self.scenario.ground_alt_m < MIN_HEIGHT_M:
            return
        pose = self._pose(truth, truth.alt_amsl)
        celsius = self.renderer.render_thermal(pose, self.camera)
        if sender is not None:
            sender.send(celsius, captured, pose, self.camera)
            self.sent += 1
        video = self._videos.get(vehicle.system_id)
        if video is not None and video.thermal is not None:
            video.thermal_waiting = (celsius, captured)

    def _film(self, video: VehicleVideo) -> None:
        """One colour picture (and the newest radiometric frame in white-hot) into the vehicle's video."""
        truth = video.vehicle.truth()
        captured = self.clock()
        # a landed drone's colour camera still shows the meadow around it, seen from the lowest useful height
        pose = self._pose(truth, max(truth.alt_amsl, self.scenario.ground_alt_m + MIN_HEIGHT_M))
        video.colour.send(self.renderer.render_rgb(pose, self.colour), captured)
        self.video_sent += 1
        if video.thermal_waiting is not None:
            celsius, captured = video.thermal_waiting
            video.thermal_waiting = None
            video.thermal.send(cv2.cvtColor(WHITE_HOT.from_celsius(celsius), cv2.COLOR_GRAY2BGR), captured)
            self.video_sent += 1


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
