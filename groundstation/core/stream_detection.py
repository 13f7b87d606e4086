"""Detection on a video stream the pilot typed in (udp://, rtp://, rtsp://, a file): a drone whose
video reaches the station as plain H.264 from an RGB camera or an 8-bit white-hot thermal core.

The engine owns one `StreamDetection`: the stream's `VideoFeed` (its own reader thread) and ONE
worker thread that takes the feed's newest frame, runs the chosen detector on it and keeps the
newest frame with what was found in it. Frames decoded while the detector is busy are replaced in
the feed, never queued: a slow detector shows fewer frames, never older ones. A detector that fails
on a frame is reported (`status().last_error`) and the worker goes on with the next frame.

Front ends read `view()` (the frame and the newest detections, taken together) and `status()`;
the window never decodes or detects.

A stream opened for a vehicle (the vehicle's own camera, or a typed-in stream the pilot binds to
it) also gives findings: what the detector found in each frame goes through the finding pipeline
(track, georeference, de-duplicate against every finding of the station) with the vehicle's pose
and gimbal attitude at the frame's capture time and the stream's field of view, and each confirmed
track becomes a finding in the store, as on the radiometric side channel (core/detection.py).
A frame that cannot be placed (no pose, gimbal attitude or field of view) still shows its boxes,
and the reason is counted in `status().unplaced`.

Camera pointing: GIMBAL_DEVICE_ATTITUDE_STATUS gives the gimbal's roll and pitch from the horizon
(a stabilised gimbal, as the simulator's: ROLL_LOCK | PITCH_LOCK, yaw from the vehicle's nose), so
the camera looks along the vehicle's heading plus the gimbal's yaw, and the body's own roll and
pitch are not in the picture. A camera fixed to the airframe reports no gimbal attitude and gives
no findings.
"""

from __future__ import annotations

import dataclasses
import logging
import statistics
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from drivers.video.feed import BGR8, VideoFeed, VideoFrame
from drivers.video.sources import VideoOpenError, VideoSource
from groundstation.core.detection import DetectionService
from vision.georeference import CameraModel
from vision.hotspot import ContrastHotspotDetector
from vision.pipeline import DetectorStage, FindingPipeline
from vision.records import Detection, FrameInfo
from vision.rgb_person import RgbPersonDetector
from vision.thermal_person import ThermalPersonDetector

log = logging.getLogger(__name__)

# What the pilot can choose for a typed-in stream, in the order offered.
NO_DETECTION = "none"
THERMAL_PERSON = "thermal-person"  # persons in white-hot 8-bit thermal
RGB_PERSON = "rgb-person"  # persons in colour (FastestDet, not shipped)
THERMAL_HOTSPOT = "thermal-hotspot"  # hotspots in 8-bit thermal
DETECTORS = (NO_DETECTION, THERMAL_PERSON, RGB_PERSON, THERMAL_HOTSPOT)

RGB_MODEL_FILE = "fastestdet-coco-352x352.onnx"  # looked for in the data directory's models/
RGB_MODEL_SETTING = "rgb_person_model"  # or a path named under this key in settings.json
TIMES_KEPT = 30  # detector times the ms/frame figure is the median of
ERRORS_KEPT = 20
WAIT_S = 0.2  # how long the worker waits for a frame before looking at its stop flag again
LATENCIES_KEPT = 200  # capture-to-stored times the latency figure is the median of

# Why a frame of a vehicle's stream gave no finding (the keys of `StreamStatus.unplaced`).
NO_POSE = "no vehicle position at the frame's time"
NO_GIMBAL = "no gimbal attitude at the frame's time"
NO_FOV = "no field of view for the stream"
NOT_PLACED = "could not be georeferenced"


class Detector(Protocol):
    def detect(self, frame: np.ndarray) -> list[Detection]: ...


class StreamDetectionError(ValueError):
    """A stream or detector the station cannot use, with the reason in the pilot's words."""


@dataclass(frozen=True)
class DetectorChoice:
    key: str  # one of DETECTORS
    problem: str  # why it cannot be used here; "" when it can


@dataclass(frozen=True)
class StreamResult:
    """What the detector found in one frame of the stream."""

    seq: int  # the feed's frame number
    detector: str
    detections: tuple[Detection, ...]
    ms: float  # the detector's time on this frame


@dataclass(frozen=True)
class StreamView:
    """What to show, read at one instant: the worker's frame and the newest detections."""

    frame: VideoFrame | None  # the newest frame the worker took: being, or last, detected on
    previous_seq: int  # the frame it took before that one (-1 before the second)
    result: StreamResult | None  # the current detector's newest; None before its first

    def boxes_fit(self) -> bool:
        """The detections belong on the frame: found in it, or in the frame the worker took just before."""
        return self.frame is not None and self.result is not None and \
            self.result.seq in (self.frame.seq, self.previous_seq)


@dataclass(frozen=True)
class StreamStatus:
    uri: str
    state: str  # the feed's: connecting, live, reconnecting, ended, stopped
    detector: str
    frames: int  # decoded by the feed
    processed: int  # frames the detector went through
    dropped: int  # decoded frames the worker never took: it was busy with an earlier one
    failed: int  # frames the detector raised on
    ms_per_frame: float  # median over the recent frames; nan before the first
    feed_error: str | None  # the feed's last problem, None once frames flow again
    last_error: str | None  # the detector's last failure, None after a frame goes through
    vehicle_id: int | None = None  # whose camera it is: its tracks become findings; None: boxes only
    new_findings: int = 0  # findings this stream opened in the store
    updates: int = 0  # its sightings of findings already there (from it, another camera or drone)
    unplaced: dict[str, int] = field(default_factory=dict)  # frames that gave no finding, by reason
    last_unplaced: str | None = None  # the newest such reason in full
    latency_ms: float = float("nan")  # frame capture to finding stored, median of the recent ones


class StreamFindings:
    """Turns what a detector found in a vehicle's stream into findings, on the stream's worker thread."""

    def __init__(self, service: DetectionService, vehicle_id: int, uri: str) -> None:
        self.service, self.vehicle_id, self.uri = service, vehicle_id, uri
        self._pipeline: tuple[tuple, FindingPipeline, _Found] | None = None
        self._lock = threading.Lock()
        self._counts = {"new": 0, "updates": 0}
        self._unplaced: dict[str, int] = {}
        self._last_unplaced: str | None = None
        self._latency: deque[float] = deque(maxlen=LATENCIES_KEPT)

    def place(self, frame: VideoFrame, detector: str, found: tuple[Detection, ...]) -> None:
        """Track and georeference the frame's detections; the confirmed tracks go to the store."""
        vid, t = self.vehicle_id, frame.capture_time_s
        try:
            pose, ground_alt_m = self.service.pose_at(vid, t)
        except LookupError as exc:
            return self._count(NO_POSE, str(exc))
        try:
            gimbal = self.service.gimbal_at(vid, t, pose.attitude.yaw_deg)
        except LookupError as exc:
            return self._count(NO_GIMBAL, str(exc))
        hfov = self.service.field_of_view(vid, self.uri)
        if hfov is None:
            return self._count(NO_FOV, f"vehicle {vid} advertises no field of view for {self.uri}")
        pipeline, given = self._pipeline_for(frame.image, hfov, ground_alt_m, detector)
        given.found = list(found)
        modality = "rgb" if detector == RGB_PERSON else "thermal"
        try:
            candidates = pipeline.process(frame.image, FrameInfo(t, vid, modality, False), pose, gimbal,
                                          view=frame.image)
        except ValueError as exc:
            return self._count(NOT_PLACED, str(exc))
        if candidates:
            self.service.hand_over(candidates, self._stored)

    def _pipeline_for(self, image: np.ndarray, hfov_deg: float, ground_alt_m: float,
                      detector: str) -> tuple[FindingPipeline, "_Found"]:
        """The stream's pipeline, new (tracks forgotten) when the detector, picture size, lens or ground changes."""
        h, w = image.shape[:2]
        key = (detector, w, h, round(hfov_deg, 3), round(ground_alt_m, 1))
        if self._pipeline is None or self._pipeline[0] != key:
            given = _Found(detector)
            stage = DetectorStage(given, "bgr" if detector == RGB_PERSON else "gray8")
            self._pipeline = (key, self.service.new_pipeline(CameraModel(w, h, hfov_deg), ground_alt_m, [stage]),
                              given)
        return self._pipeline[1], self._pipeline[2]

    def _count(self, reason: str, detail: str) -> None:
        with self._lock:
            self._unplaced[reason] = self._unplaced.get(reason, 0) + 1
            self._last_unplaced = detail

    def _stored(self, counter: str, _store_id: str, latency_s: float) -> None:
        """On the engine loop: a candidate of this stream is in the store."""
        with self._lock:
            self._counts[counter] += 1
            self._latency.append(latency_s)

    def tally(self) -> tuple[int, int, dict[str, int], str | None, float]:
        with self._lock:
            latency = statistics.median(self._latency) * 1000.0 if self._latency else float("nan")
            return (self._counts["new"], self._counts["updates"], dict(self._unplaced), self._last_unplaced,
                    latency)


class _Found:
    """The pipeline's detector stage for a stream: what the stream's detector already found in the frame
    (the worker ran it once, for the boxes and for the findings)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[Detection] = []

    def detect(self, _image: np.ndarray) -> list[Detection]:
        return self.found


class StreamWorker:
    """Runs a detector on the newest frame of one feed, in its own thread; swap the detector any time."""

    def __init__(self, feed: VideoFeed, detector: Detector | None = None, name: str = NO_DETECTION,
                 findings: StreamFindings | None = None) -> None:
        self.feed, self.findings = feed, findings
        self._lock = threading.Lock()
        self._detector, self._name, self._generation = detector, name, 0
        self._frame: VideoFrame | None = None
        self._result: StreamResult | None = None
        self._previous_seq = -1
        self._processed = self._dropped = self._failed = 0
        self._times: deque[float] = deque(maxlen=TIMES_KEPT)
        self._errors: deque[str] = deque(maxlen=ERRORS_KEPT)
        self._last_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"stream detection {feed.source.uri}", daemon=True)

    def start(self) -> "StreamWorker":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=WAIT_S + 10.0)  # at most one detector call after the flag

    def set_detector(self, detector: Detector | None, name: str) -> None:
        """Use `detector` from the next frame on; what the previous one found is forgotten."""
        with self._lock:
            self._detector, self._name = detector, name
            self._generation += 1
            self._result, self._last_error = None, None
            self._times.clear()

    # -- what front ends read --------------------------------------------------------------------
    def view(self) -> StreamView:
        with self._lock:
            return StreamView(self._frame, self._previous_seq, self._result)

    def errors(self) -> list[str]:
        with self._lock:
            return list(self._errors)

    def status(self) -> StreamStatus:
        feed = self.feed.status()
        with self._lock:
            ms = statistics.median(self._times) if self._times else float("nan")
            status = StreamStatus(self.feed.source.uri, feed.state, self._name, feed.frames, self._processed,
                                  self._dropped, self._failed, ms, feed.last_error, self._last_error)
        if self.findings is None:
            return status
        new, updates, unplaced, last_unplaced, latency_ms = self.findings.tally()
        return dataclasses.replace(status, vehicle_id=self.findings.vehicle_id, new_findings=new, updates=updates,
                                   unplaced=unplaced, last_unplaced=last_unplaced, latency_ms=latency_ms)

    # -- the worker ------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop.is_set():
            frame = self.feed.next_frame(WAIT_S)
            if frame is None:
                continue
            with self._lock:
                last_seq = self._frame.seq if self._frame is not None else -1
                self._dropped += max(0, frame.seq - last_seq - 1)
                self._previous_seq, self._frame = last_seq, frame
                detector, name, generation = self._detector, self._name, self._generation
            if detector is not None:
                self._detect(detector, name, generation, frame)

    def _detect(self, detector: Detector, name: str, generation: int, frame: VideoFrame) -> None:
        started = time.perf_counter()
        try:
            found = tuple(detector.detect(frame.image))
        except Exception as exc:  # noqa: BLE001 - one bad frame must not end detection on the stream
            message = f"{name} failed on frame {frame.seq}: {str(exc) or type(exc).__name__}"
            log.info("stream detection: %s", message)
            with self._lock:
                self._failed += 1
                self._errors.append(message)
                if generation == self._generation:
                    self._last_error = message
            return
        ms = (time.perf_counter() - started) * 1000.0
        with self._lock:
            self._processed += 1
            current = generation == self._generation  # not a result of a detector the pilot has since changed
            if current:
                self._result = StreamResult(frame.seq, name, found, ms)
                self._times.append(ms)
                self._last_error = None
        if current and self.findings is not None:
            try:
                self.findings.place(frame, name, found)
            except Exception as exc:  # noqa: BLE001 - the boxes go on showing whatever placing does
                log.exception("stream detection: placing frame %d", frame.seq)
                with self._lock:
                    self._errors.append(f"findings from frame {frame.seq} failed: {exc!r}")


class StreamDetection:
    """The typed-in stream of the station and its detector. `model_dir` is where the RGB person model
    is looked for (the data directory's models/) unless `rgb_model` names it."""

    def __init__(self, model_dir: Path, rgb_model: object = None) -> None:
        self.model_dir = model_dir
        self.rgb_model = rgb_model  # as settings.json has it: a path, or anything else to say is wrong
        self._lock = threading.Lock()
        self._worker: StreamWorker | None = None
        self._service: DetectionService | None = None  # where a vehicle's stream puts its findings
        self._stopping: list[threading.Thread] = []  # streams closed without waiting, still finishing

    @property
    def rgb_model_path(self) -> Path:
        if isinstance(self.rgb_model, (str, Path)) and str(self.rgb_model):
            return Path(self.rgb_model).expanduser()
        return self.model_dir / RGB_MODEL_FILE

    def choices(self) -> list[DetectorChoice]:
        """Every detector, each with the reason it cannot be used here ("" when it can)."""
        return [DetectorChoice(key, self.problem(key)) for key in DETECTORS]

    def problem(self, key: str) -> str:
        """Why the detector `key` cannot be used here; "" when it can."""
        if key != RGB_PERSON:
            return ""
        if self.rgb_model is not None and not isinstance(self.rgb_model, (str, Path)):
            return (f"{RGB_MODEL_SETTING!r} in settings.json must be the path of the FastestDet model, "
                    f"got {self.rgb_model!r}")
        if not self.rgb_model_path.is_file():
            where = (f"{RGB_MODEL_SETTING!r} in settings.json names {self.rgb_model_path}, which is not a file"
                     if self.rgb_model else
                     f"copy {RGB_MODEL_FILE} to {self.model_dir} or name its path as {RGB_MODEL_SETTING!r} "
                     "in settings.json")
            return f"the FastestDet model is not installed: {where}"
        return ""

    def _detector(self, key: str) -> Detector | None:
        if key not in DETECTORS:
            raise StreamDetectionError(f"unknown detector {key!r}: use one of {', '.join(DETECTORS)}")
        problem = self.problem(key)
        if problem:
            raise StreamDetectionError(problem)
        if key == NO_DETECTION:
            return None
        # A new one each time: a stream being closed may still be running the previous one.
        try:
            return {THERMAL_PERSON: ThermalPersonDetector, RGB_PERSON: lambda: RgbPersonDetector(self.rgb_model_path),
                    THERMAL_HOTSPOT: ContrastHotspotDetector}[key]()
        except Exception as exc:  # a damaged model file: cv2 says why
            raise StreamDetectionError(f"cannot load the {key} detector: {exc}") from exc

    def place_findings_with(self, service: DetectionService) -> None:
        """The engine's detection service: streams opened for a vehicle from now on give findings."""
        self._service = service

    # -- what front ends do ------------------------------------------------------------------------
    def open(self, uri: str, detector: str = NO_DETECTION, *, vehicle_id: int | None = None) -> None:
        """Show `uri` with `detector`; the stream open before is closed. Nothing changes on a refusal.
        With `vehicle_id` it is that vehicle's camera: what the detector finds becomes findings."""
        uri = uri.strip()
        if not uri:
            raise StreamDetectionError("no stream address given")
        if vehicle_id is not None and (isinstance(vehicle_id, bool) or not isinstance(vehicle_id, int)
                                       or not 1 <= vehicle_id <= 255):
            raise StreamDetectionError(f"a vehicle is a MAVLink system id 1..255, got {vehicle_id!r}")
        if vehicle_id is not None and self._service is None:
            raise StreamDetectionError("findings from a vehicle's stream need the running station")
        source = VideoSource(uri)
        try:
            _ = source.kind  # what FFmpeg never opens is refused here, clearly
        except VideoOpenError as exc:
            raise StreamDetectionError(str(exc)) from None
        chosen = self._detector(detector)
        findings = StreamFindings(self._service, vehicle_id, uri) if vehicle_id is not None else None
        worker = StreamWorker(VideoFeed(source, expect=BGR8), chosen, detector, findings)
        with self._lock:
            old, self._worker = self._worker, worker
        worker.feed.start()
        worker.start()
        if old is not None:
            self._stop_in_background(old)

    def set_detector(self, detector: str) -> None:
        """Change the open stream's detector; refused (StreamDetectionError) when it cannot be used."""
        chosen = self._detector(detector)
        with self._lock:
            worker = self._worker
        if worker is not None:
            worker.set_detector(chosen, detector)

    def close(self, wait: bool = True) -> None:
        """Stop the stream; without `wait` its threads finish in the background (a read may take seconds),
        with it they and those of every stream closed before are finished on return."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None and not wait:
            self._stop_in_background(worker)
            return
        if worker is not None:
            _stop(worker)
        with self._lock:
            stopping, self._stopping = self._stopping, []
        for thread in stopping:
            thread.join()

    def _stop_in_background(self, worker: StreamWorker) -> None:
        thread = threading.Thread(target=_stop, args=(worker,), name="stream detection stop", daemon=True)
        thread.start()
        with self._lock:
            self._stopping = [t for t in self._stopping if t.is_alive()] + [thread]

    @property
    def is_open(self) -> bool:
        return self._worker is not None

    def view(self) -> StreamView | None:
        """None while no stream is open."""
        worker = self._worker
        return worker.view() if worker is not None else None

    def status(self) -> StreamStatus | None:
        """None while no stream is open."""
        worker = self._worker
        return worker.status() if worker is not None else None


def _stop(worker: StreamWorker) -> None:
    worker.stop()
    worker.feed.stop()

