"""Findings from the drones' cameras: frames in, findings on the map and to the partners out.

Frames arrive over the radiometric side channel (one receiver per vehicle). ONE worker thread
runs the finding pipeline (detect, track, georeference, de-duplicate; vision/pipeline.py) on
each, with the vehicle's position and heading from its telemetry interpolated at the frame's
capture time and the camera's pointing from the frame itself. The candidates go to the engine
loop, the store's one writer, which records new findings (with a JPEG snapshot) or moves the
finding a sighting updated, so partners get them through the outbox.

One registry of findings is shared by every vehicle's pipeline: the same person seen again, by
the same or another drone, updates one finding. It starts from the store's persons and hotspots,
so a restarted station updates what it found before instead of adding it again.

Front ends show each vehicle's newest frame, decoded to deg C by the worker, with the boxes the
detectors drew in it (`latest_frame`): the window never decodes video itself.

A vehicle's plain video (colour, or 8-bit thermal) gets its findings through the same service: the
stream's worker (core/stream_detection.py) asks for the vehicle's pose (`pose_at`), its gimbal's
pointing (`gimbal_at`, from GIMBAL_DEVICE_ATTITUDE_STATUS) and the stream's field of view
(`field_of_view`) at the frame's capture time, runs a pipeline over the same registry
(`new_pipeline`) and hands the candidates over (`hand_over`), to be stored as these are.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

import cv2
import numpy as np
from pymavlink.dialects.v20 import common as mavlink
from pymavlink.quaternion import Quaternion

from drivers.mavlink.session import VehicleSession
from drivers.mavlink.state import Camera
from drivers.video.radiometric_link import RadiometricFrame, RadiometricReceiver
from groundstation.core.findings import FindingError, FindingKind, FindingStore
from vision.findings import Finding as Sighting
from vision.findings import FindingRegistry, distance_m
from vision.georeference import Attitude, CameraModel, GroundFix, PoseErrors, PoseHistory, PoseSample
from vision.hotspot import RadiometricHotspotDetector
from vision.pipeline import DetectorStage, FindingCandidate, FindingPipeline, PipelineConfig, thermal_stages
from vision.records import Detection, FrameInfo
from vision.thermal_person import ThermalPersonDetector


log = logging.getLogger(__name__)

# The pipeline's radius holds 95 % of fixes; the store keeps a 1-sigma radius. For a circular
# 2-D Gaussian P(r < k sigma) = 1 - exp(-k^2 / 2), so the 95 % radius is 2.448 sigma.
SIGMA_PER_R95 = 1.0 / math.sqrt(-2.0 * math.log(0.05))
POSE_WAIT_S = 0.3  # wait this long for telemetry newer than a frame, so it is interpolated, not held
POSE_KEEP_S = 5.0  # telemetry kept per vehicle: frames older than this are long replaced by newer ones
MOVE_MIN_M = 0.5  # a sighting that moves a finding less than this (and hardly changes its radius)
RADIUS_MIN_CHANGE = 0.2  # ... adds no revision: partners are not sent a message per frame
LATENCY_SAMPLES = 2000
ERRORS_KEPT = 50
DETECTED_KINDS = (FindingKind.PERSON, FindingKind.HOTSPOT)
GIMBAL_MAX_GAP_S = 1.0  # a gimbal attitude older (or newer) than this says nothing about a frame
# GIMBAL_DEVICE_ATTITUDE_STATUS: yaw from north with this flag, or (older gimbals) with YAW_LOCK and
# neither frame flag; otherwise from the vehicle's nose. Roll and pitch are always from the horizon.
YAW_FROM_NORTH, YAW_FROM_NOSE = mavlink.GIMBAL_DEVICE_FLAGS_YAW_IN_EARTH_FRAME, \
    mavlink.GIMBAL_DEVICE_FLAGS_YAW_IN_VEHICLE_FRAME
Tally = Callable[[str, str, float], None]  # ("new" or "updates", store id, capture-to-stored seconds)


@dataclass(frozen=True)
class DetectionStats:
    frames: int  # complete frames received
    processed: int
    dropped: int  # received while the worker was busy with an earlier one, replaced by a newer one
    without_pose: int  # no telemetry of that vehicle around the capture time
    new_findings: int
    updates: int  # sightings that updated a finding (a revision only when it moved)
    latency_p50_ms: float  # frame capture to finding stored, over the recent sightings
    latency_p95_ms: float
    errors: tuple[str, ...]  # the most recent problems, oldest first


@dataclass(frozen=True)
class LatestFrame:
    """A vehicle's newest radiometric frame and what the detectors found in it, for the video panel."""

    vehicle_id: int
    seq: int
    celsius: np.ndarray  # float32 deg C, read-only (shared between threads)
    detections: tuple[Detection, ...]  # each with its hottest deg C; none when the frame was skipped


class _Recording:
    """A detector that keeps what it found in the last image it was given (the worker runs one at a time)."""

    def __init__(self, detector: object) -> None:
        self.detector = detector
        self.name = getattr(detector, "name", type(detector).__name__)
        self.found: list[Detection] = []

    def detect(self, image: np.ndarray) -> list[Detection]:
        self.found = list(self.detector.detect(image))
        return self.found


@dataclass(frozen=True)
class GimbalSample:
    """The gimbal's attitude as its device reported it: roll and pitch from the horizon."""

    time_s: float
    attitude: Attitude
    yaw_from_north: bool  # else from the vehicle's nose


class _Telemetry:
    """One vehicle's positions, headings and gimbal attitudes by station time, written on the engine loop."""

    def __init__(self) -> None:
        self.history = PoseHistory(max_gap_s=1.0)
        self.ground_alt_m = math.nan  # home height: the flat ground georeferencing intersects
        self.gimbal: deque[GimbalSample] = deque()
        self.changed = threading.Condition()

    def add(self, sample: PoseSample, ground_alt_m: float) -> None:
        with self.changed:
            self.history.add(sample)
            self.ground_alt_m = ground_alt_m
            samples = self.history.samples
            while samples[0].time_s < sample.time_s - POSE_KEEP_S:
                del samples[0]
            self.changed.notify_all()

    def at(self, time_s: float) -> tuple[PoseSample, float]:
        """Pose at `time_s` (waiting briefly for a later sample to interpolate against); LookupError if unknown."""
        with self.changed:
            self.changed.wait_for(lambda: self.history.samples and self.history.samples[-1].time_s >= time_s,
                                  POSE_WAIT_S)
            return self.history.at(time_s), self.ground_alt_m

    def add_gimbal(self, sample: GimbalSample) -> None:
        with self.changed:
            self.gimbal.append(sample)
            while self.gimbal[0].time_s < sample.time_s - POSE_KEEP_S:
                self.gimbal.popleft()

    def gimbal_at(self, time_s: float, heading_deg: float) -> Attitude:
        """The gimbal's attitude from the vehicle's nose at `time_s` (the vehicle's heading then is
        `heading_deg`), interpolated between reports; LookupError if none is near enough."""
        with self.changed:
            samples = list(self.gimbal)
        if not samples:
            raise LookupError("no gimbal attitude from that vehicle")
        i = bisect.bisect_left([s.time_s for s in samples], time_s)
        near = [s for s in samples[max(0, i - 1):i + 1] if abs(s.time_s - time_s) <= GIMBAL_MAX_GAP_S]
        if not near:
            raise LookupError(f"no gimbal attitude within {GIMBAL_MAX_GAP_S:g} s of the frame")
        rel = [Attitude(s.attitude.roll_deg, s.attitude.pitch_deg,
                        s.attitude.yaw_deg - heading_deg if s.yaw_from_north else s.attitude.yaw_deg) for s in near]
        if len(rel) == 1:
            return rel[0]
        (a, b), w = rel, (time_s - near[0].time_s) / (near[1].time_s - near[0].time_s)
        dyaw = (b.yaw_deg - a.yaw_deg + 180.0) % 360.0 - 180.0  # shortest way round
        return Attitude(a.roll_deg + w * (b.roll_deg - a.roll_deg), a.pitch_deg + w * (b.pitch_deg - a.pitch_deg),
                        a.yaw_deg + w * dyaw)


class _SharedRegistry(FindingRegistry):
    """The registry of every pipeline, radiometric and video: their workers report from their own threads."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()

    def report(self, label: str, fix: GroundFix, time_s: float, vehicle_id: int, confidence: float,
               max_temp_c: float | None = None) -> tuple[Sighting, bool]:
        with self._lock:
            return super().report(label, fix, time_s, vehicle_id, confidence, max_temp_c)


class DetectionService:
    """Owned by the engine: `watch` each vehicle's session (on the engine loop), `listen` for each
    vehicle's frames, `start`, and `stop` before the store closes."""

    def __init__(self, loop: asyncio.AbstractEventLoop, store: FindingStore, operator: Callable[[], str],
                 station_id: str, *, errors: PoseErrors = PoseErrors(), opencv_threads: int = 1) -> None:
        self.loop, self.store, self.operator, self.station_id = loop, store, operator, station_id
        self.errors = errors
        self.opencv_threads = opencv_threads  # the worker is one thread; OpenCV's own pool would fight the sim
        self.person_detector = _Recording(ThermalPersonDetector())
        self.hotspot_detector = _Recording(RadiometricHotspotDetector())
        self.registry = _SharedRegistry()
        self._pipelines: dict[int, tuple[tuple[int, int, float, float], FindingPipeline]] = {}
        self._telemetry: dict[int, _Telemetry] = {}
        self._sessions: dict[int, VehicleSession] = {}  # their cameras say the video's field of view
        self._receivers: list[RadiometricReceiver] = []
        self._clock_offset: dict[int, float] = {}  # vehicle -> station minus sender clock (fastest frame)
        self._ids: dict[int, str] = {}  # registry finding -> store finding (engine loop)
        self._written: dict[int, tuple[float, float, float]] = {}  # lat, lon, h_acc last stored (engine loop)
        self._touched: set[str] = set()
        self._lock = threading.Lock()
        self._latency: deque[float] = deque(maxlen=LATENCY_SAMPLES)
        self._errors: deque[str] = deque(maxlen=ERRORS_KEPT)
        self._counts = {"processed": 0, "without_pose": 0, "failed": 0, "new": 0, "updates": 0}
        self._latest: dict[int, LatestFrame] = {}
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- set-up ---------------------------------------------------------------------------------
    def watch(self, session: VehicleSession) -> None:
        """Keep this vehicle's telemetry for georeferencing; call on the engine loop."""
        if session.state.system_id in self._telemetry:
            return
        telemetry = self._telemetry[session.state.system_id] = _Telemetry()
        self._sessions[session.state.system_id] = session

        def on_position(_msg: object) -> None:
            st = session.state  # already updated from this message
            if math.isnan(st.heading_deg):
                return
            telemetry.add(PoseSample(time.time(), st.lat, st.lon, st.alt_amsl, Attitude(0.0, 0.0, st.heading_deg)),
                          st.alt_amsl - st.alt_rel)

        def on_gimbal(msg) -> None:
            if not all(map(math.isfinite, msg.q)) or not any(msg.q):
                return  # the device does not know its attitude (NaN, as MAVLink allows)
            roll, pitch, yaw = (math.degrees(a) for a in Quaternion(msg.q).euler)
            from_north = bool(msg.flags & YAW_FROM_NORTH or
                              (msg.flags & mavlink.GIMBAL_DEVICE_FLAGS_YAW_LOCK and not msg.flags & YAW_FROM_NOSE))
            telemetry.add_gimbal(GimbalSample(time.time(), Attitude(roll, pitch, yaw), from_north))

        session.listen(mavlink.MAVLINK_MSG_ID_GLOBAL_POSITION_INT, on_position)
        session.listen(mavlink.MAVLINK_MSG_ID_GIMBAL_DEVICE_ATTITUDE_STATUS, on_gimbal)

    def listen(self, bind: tuple[str, int] = ("127.0.0.1", 0)) -> tuple[str, int]:
        """Receive a camera's radiometric side channel on `bind`; returns the address bound.
        One per camera: the channel's frame numbers are per sender."""
        receiver = RadiometricReceiver(bind)
        with self._lock:
            self._receivers = [*self._receivers, receiver]
        return receiver.address

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("detection already started")
        self._seed_registry()
        cv2.setNumThreads(self.opencv_threads)
        self._thread = threading.Thread(target=self._run, name="detection", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the worker and close every channel; safe to call again."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
        with self._lock:
            receivers, self._receivers = self._receivers, []
        for receiver in receivers:
            receiver.close()

    def _seed_registry(self) -> None:
        """The store's persons and hotspots, under negative ids that new sightings never take."""
        for n, f in enumerate(f for f in self.store.all() if f.kind in DETECTED_KINDS):
            seen = f.observed_at.timestamp()
            sighting_id = -1 - n
            self.registry.findings.append(Sighting(sighting_id, str(f.kind), f.lat, f.lon, f.h_acc_m / SIGMA_PER_R95,
                                                   seen, seen, set(), 1, f.confidence, f.temp_c))
            self._ids[sighting_id] = f.id
            self._written[sighting_id] = (f.lat, f.lon, f.h_acc_m)

    # -- what the engine and front ends read ---------------------------------------------------
    def stats(self) -> DetectionStats:
        with self._lock:
            latency = sorted(self._latency)
            counts = dict(self._counts)
            errors = list(self._errors)
        frames = sum(r.frames for r in self._receivers)
        for receiver in self._receivers:
            errors += receiver.errors()[-ERRORS_KEPT:]
        p50, p95 = (np.percentile(latency, [50, 95]) * 1000.0) if latency else (math.nan, math.nan)
        dropped = sum(r.dropped for r in self._receivers)
        return DetectionStats(frames, counts["processed"], dropped, counts["without_pose"], counts["new"],
                              counts["updates"], float(p50), float(p95), tuple(errors[-ERRORS_KEPT:]))

    def drain(self, timeout_s: float) -> bool:
        """Wait until every frame received so far has been worked through (or replaced by a newer one)
        and its findings stored: at the end of a sortie a busy station may still be on the last frames
        and the loop may not have stored their findings yet. False on timeout."""
        deadline = time.monotonic() + timeout_s
        while True:
            with self._lock:
                done = self._counts["processed"] + self._counts["without_pose"] + self._counts["failed"]
            if done + sum(r.dropped for r in self._receivers) >= sum(r.frames for r in self._receivers):
                break
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        stored = threading.Event()  # the loop stores what was handed over in order: this comes after it
        self.loop.call_soon_threadsafe(stored.set)
        return stored.wait(max(0.0, deadline - time.monotonic()))

    def latest_frame(self, vehicle_id: int) -> LatestFrame | None:
        """The vehicle's newest frame that went through the worker; None before its first."""
        with self._lock:
            return self._latest.get(vehicle_id)

    def findings_touched(self) -> set[str]:
        """Store ids of the findings this service recorded or updated since it started."""
        with self._lock:
            return set(self._touched)

    # -- for a vehicle's plain video (core/stream_detection.py), from its worker thread ------------
    def pose_at(self, vehicle_id: int, time_s: float) -> tuple[PoseSample, float]:
        """The vehicle's position and heading at `time_s` (body level) and its ground height; LookupError."""
        telemetry = self._telemetry.get(vehicle_id)
        if telemetry is None:
            raise LookupError(f"no telemetry from vehicle {vehicle_id}")
        return telemetry.at(time_s)

    def gimbal_at(self, vehicle_id: int, time_s: float, heading_deg: float) -> Attitude:
        """Where the vehicle's gimbal pointed at `time_s`, from its nose; LookupError when it has not said."""
        telemetry = self._telemetry.get(vehicle_id)
        if telemetry is None:
            raise LookupError(f"no telemetry from vehicle {vehicle_id}")
        return telemetry.gimbal_at(time_s, heading_deg)

    def field_of_view(self, vehicle_id: int, uri: str) -> float | None:
        """Horizontal field of view (deg) of the vehicle's stream at `uri`, as its camera advertised it, or
        from the camera's lens and sensor; for an address it never advertised, of its only camera."""
        session = self._sessions.get(vehicle_id)
        cameras = list(session.state.cameras.values()) if session is not None else []
        for camera in cameras:
            for stream in camera.streams:
                if stream.uri == uri:
                    return stream.hfov_deg if 0 < stream.hfov_deg < 180 else _lens_fov(camera)
        if len(cameras) == 1:
            streams = [s for s in cameras[0].streams if 0 < s.hfov_deg < 180]
            return streams[0].hfov_deg if len(streams) == 1 else _lens_fov(cameras[0])
        return None

    def new_pipeline(self, camera: CameraModel, ground_alt_m: float, stages: list[DetectorStage]) -> FindingPipeline:
        """A pipeline whose findings join those of every other camera of the station."""
        return FindingPipeline(camera, ground_alt_m, stages, self.errors, registry=self.registry)

    def hand_over(self, candidates: list[FindingCandidate], tally: Tally) -> None:
        """Store the candidates on the engine loop (never waited for); `tally` hears of each stored.
        The new ones' snapshots are encoded here, on the worker, not on the loop."""
        jpegs = [_jpeg(c.snapshot) if c.is_new else None for c in candidates]
        self.loop.call_soon_threadsafe(self._store_candidates, candidates, jpegs, tally)

    # -- the worker ------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            got = False
            for receiver in self._receivers:
                frame = receiver.next_frame(0.0)
                if frame is None:
                    continue
                got = True
                try:
                    self._process(frame)
                except Exception as exc:  # one bad frame must not end detection for the sortie
                    log.exception("detection: frame %d of vehicle %d", frame.seq, frame.vehicle_id)
                    self._error(f"frame {frame.seq} of vehicle {frame.vehicle_id} failed: {exc!r}")
                    with self._lock:
                        self._counts["failed"] += 1
            if not got:
                self._stop.wait(0.005)

    def _error(self, message: str) -> None:
        log.info("detection: %s", message)
        with self._lock:
            self._errors.append(message)

    def _process(self, frame: RadiometricFrame) -> None:
        celsius = frame.celsius()
        celsius.flags.writeable = False  # front ends read it from other threads
        self.person_detector.found, self.hotspot_detector.found = [], []
        try:
            self._find(frame, celsius)
        finally:
            seen = tuple(_hottest_inside(d, celsius) for d in self.hotspot_detector.found + self.person_detector.found)
            shown = tuple(d for d in seen if not (d.label == "person" and d.max_temp_c is not None
                                                  and d.max_temp_c > PipelineConfig().max_body_c))  # as the pipeline
            latest = LatestFrame(frame.vehicle_id, frame.seq, celsius, shown)
            with self._lock:
                self._latest[frame.vehicle_id] = latest

    def _find(self, frame: RadiometricFrame, celsius: np.ndarray) -> None:
        vid = frame.vehicle_id
        # The sender's clock need not be ours: shift it by the smallest transit seen, as VideoFeed does.
        offset = min(self._clock_offset.get(vid, math.inf), frame.received_time_s - frame.capture_time_s)
        self._clock_offset[vid] = offset
        captured = frame.capture_time_s + offset
        telemetry = self._telemetry.get(vid)
        try:
            if telemetry is None:
                raise LookupError("no telemetry from that vehicle")
            pose, ground_alt_m = telemetry.at(captured)
        except LookupError as exc:
            self._error(f"frame {frame.seq} of vehicle {vid} skipped: {exc}")
            with self._lock:
                self._counts["without_pose"] += 1
            return
        # Where the vehicle was and its heading come from its telemetry; how the camera hung from the
        # frame itself (a stabilised gimbal gives its angles from the horizon and the body as level).
        p = frame.pose
        pose = PoseSample(pose.time_s, pose.lat_deg, pose.lon_deg, pose.alt_m,
                          Attitude(p.roll_deg, p.pitch_deg, pose.attitude.yaw_deg))
        try:
            if not all(map(math.isfinite, (p.roll_deg, p.pitch_deg, p.gimbal_roll_deg, p.gimbal_pitch_deg,
                                           p.gimbal_yaw_deg))):
                raise ValueError("it does not say where the camera pointed")
            pipeline = self._pipeline(vid, frame, ground_alt_m)
            candidates = pipeline.process(celsius, FrameInfo(captured, vid, "thermal", True), pose,
                                          Attitude(p.gimbal_roll_deg, p.gimbal_pitch_deg, p.gimbal_yaw_deg))
        except ValueError as exc:
            self._error(f"frame {frame.seq} of vehicle {vid} refused: {exc}")
            candidates = []
        if candidates:
            self.hand_over(candidates, self._tally)
        with self._lock:  # after the hand-over: drain() then knows the findings are on their way
            self._counts["processed"] += 1

    def _pipeline(self, vid: int, frame: RadiometricFrame, ground_alt_m: float) -> FindingPipeline:
        """The vehicle's pipeline, new when its camera (size, field of view) or ground height changes."""
        h, w = frame.counts.shape
        key = (w, h, round(frame.pose.hfov_deg, 3), round(ground_alt_m, 1))
        known = self._pipelines.get(vid)
        if known is not None and known[0] == key:
            return known[1]
        if not 0.0 < frame.pose.hfov_deg < 180.0 or not math.isfinite(ground_alt_m):
            raise ValueError(f"unusable camera field of view {frame.pose.hfov_deg} deg or ground height")
        pipeline = FindingPipeline(CameraModel(w, h, frame.pose.hfov_deg), ground_alt_m,
                                   thermal_stages(self.person_detector, self.hotspot_detector, radiometric=True),
                                   self.errors, registry=self.registry)
        self._pipelines[vid] = (key, pipeline)
        return pipeline

    # -- on the engine loop ----------------------------------------------------------------------
    def _store_candidates(self, candidates: list[FindingCandidate], jpegs: list[bytes | None], tally: Tally) -> None:
        for c, jpeg in zip(candidates, jpegs):
            h_acc = c.radius_m * SIGMA_PER_R95
            try:
                store_id = self._ids.get(c.finding_id)
                if store_id is None:
                    f = self.store.record(
                        kind=c.label, lat=c.lat_deg, lon=c.lon_deg, h_acc_m=h_acc,
                        source=f"{self.station_id}-{c.vehicle_id}", who=self.operator(),
                        observed_at=datetime.fromtimestamp(c.time_s, timezone.utc), confidence=c.confidence,
                        temp_c=c.temperature_c, snapshot_jpeg=jpeg or _jpeg(c.snapshot))
                    self._ids[c.finding_id], store_id = f.id, f.id
                    self._written[c.finding_id] = (c.lat_deg, c.lon_deg, h_acc)
                    counter = "new"
                else:
                    lat, lon, acc = self._written[c.finding_id]
                    moved = distance_m(lat, lon, c.lat_deg, c.lon_deg)
                    if moved >= MOVE_MIN_M or abs(h_acc - acc) > RADIUS_MIN_CHANGE * acc:
                        self.store.move(store_id, self.operator(), c.lat_deg, c.lon_deg, h_acc)
                        self._written[c.finding_id] = (c.lat_deg, c.lon_deg, h_acc)
                    counter = "updates"
            except FindingError as exc:
                self._error(f"{c.label} from vehicle {c.vehicle_id} not stored: {exc}")
                continue
            tally(counter, store_id, time.time() - c.time_s)

    def _tally(self, counter: str, store_id: str, latency_s: float) -> None:
        with self._lock:
            self._counts[counter] += 1
            self._touched.add(store_id)
            self._latency.append(latency_s)


def _hottest_inside(det: Detection, celsius: np.ndarray) -> Detection:
    """The detection with the hottest deg C inside its box (the hotspot detector already says it)."""
    if det.max_temp_c is not None:
        return det
    box = det.box
    x0, y0 = max(0, int(box.x)), max(0, int(box.y))
    patch = celsius[y0:math.ceil(box.y + box.h), x0:math.ceil(box.x + box.w)]
    if patch.size == 0 or np.isnan(patch).all():
        return det
    return Detection(box, det.label, det.confidence, float(np.nanmax(patch)), float(np.nanmean(patch)))


def _lens_fov(camera: Camera) -> float | None:
    """Horizontal field of view from CAMERA_INFORMATION's focal length and sensor width; None if unsaid."""
    focal, width = camera.focal_length_mm, camera.sensor_size_mm[0]
    if not (focal > 0 and width > 0 and math.isfinite(focal) and math.isfinite(width)):
        return None
    return math.degrees(2.0 * math.atan(width / (2.0 * focal)))


def _jpeg(image: np.ndarray) -> bytes | None:
    """The snapshot as JPEG; None for a crop with nothing in it (a finding at the frame's very edge)."""
    if image.size == 0:
        return None
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return data.tobytes() if ok else None
