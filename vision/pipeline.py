"""From a frame to finding candidates: detect -> track -> georeference -> de-duplicate.

Pure (no threads or I/O): the engine calls `FindingPipeline.process` from a worker thread with
each frame, the vehicle pose interpolated at the frame's capture time and the gimbal attitude,
and hands the candidates to the findings store.

Tracking happens on the ground, not in the image: each detection is first projected to flat
ground (a cheap ray cast) and the tracker associates those positions, so a drone flying at
10 m/s, which moves a person 40+ px between frames, still keeps one identity per person. The
full georeference with its uncertainty radius runs only for tracks being reported.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pymap3d

from vision.findings import FindingRegistry
from vision.georeference import (Attitude, CameraModel, PoseErrors, PoseSample, ground_offset, locate,
                                 ray_ned)
from vision.records import Box, Detection, FrameInfo, as_gray8, check_frame
from vision.tracker import Tracker

INPUTS = ("celsius", "gray8", "bgr")


@dataclass(frozen=True)
class DetectorStage:
    """A detector and the image it reads: float deg C, white-hot 8-bit gray, or BGR colour."""

    detector: object  # anything with detect(image) -> list[Detection]
    input: str

    def __post_init__(self) -> None:
        if self.input not in INPUTS:
            raise ValueError(f"detector input must be one of {INPUTS}, got {self.input!r}")


@dataclass(frozen=True)
class PipelineConfig:
    white_hot_span_c: tuple[float, float] = (0.0, 45.0)  # deg C shown as 0..255 to 8-bit detectors
    max_body_c: float = 45.0  # a "person" hotter than this is a hot object (engine, fire edge)
    track_cell_m: float = 0.1  # ground tracking grid; the tracker's 40-cell gate is then 4 m
    report_interval_s: float = 1.0  # how often a confirmed track updates its finding
    snapshot_px: int = 96  # smallest side of the snapshot crop


@dataclass(frozen=True)
class FindingCandidate:
    finding_id: int
    is_new: bool  # False: an update of a finding reported before
    track_id: int
    label: str  # "person" or "hotspot"
    lat_deg: float
    lon_deg: float
    alt_m: float
    radius_m: float  # 95 %, of the finding after merging this sighting
    confidence: float
    temperature_c: float | None  # hottest pixel of the object, radiometric frames only
    time_s: float
    vehicle_id: int
    sightings: int
    snapshot: np.ndarray = field(repr=False)


def thermal_stages(person_detector: object, hotspot_detector: object, radiometric: bool) -> list[DetectorStage]:
    """The usual thermal set: hotspots on deg C (or local contrast on 8-bit), persons on white-hot."""
    return [DetectorStage(hotspot_detector, "celsius" if radiometric else "gray8"),
            DetectorStage(person_detector, "gray8")]


class FindingPipeline:
    def __init__(self, camera: CameraModel, terrain_alt_m: float, stages: Sequence[DetectorStage],
                 errors: PoseErrors = PoseErrors(), config: PipelineConfig = PipelineConfig(),
                 tracker: Tracker | None = None, registry: FindingRegistry | None = None) -> None:
        if not stages:
            raise ValueError("the pipeline needs at least one detector")
        self.camera, self.terrain_alt_m, self.stages = camera, terrain_alt_m, list(stages)
        self.errors, self.config = errors, config
        self.tracker = tracker or Tracker()
        self.registry = registry or FindingRegistry()
        self._origin: tuple[float, float] | None = None  # tracking plane origin (first pose)
        self._reported: dict[int, float] = {}  # track id -> time of its last report

    def process(self, frame: np.ndarray, info: FrameInfo, pose: PoseSample, gimbal: Attitude,
                view: np.ndarray | None = None) -> list[FindingCandidate]:
        """One frame: returns the findings it opened or updated. Bad frames raise ValueError."""
        check_frame(frame)
        if (frame.shape[1], frame.shape[0]) != (self.camera.width_px, self.camera.height_px):
            raise ValueError(f"frame is {frame.shape[1]}x{frame.shape[0]}, the camera model "
                             f"{self.camera.width_px}x{self.camera.height_px}")
        celsius, gray, bgr = self._inputs(frame, info)
        detections: list[Detection] = []
        for stage in self.stages:
            image = {"celsius": celsius, "gray8": gray, "bgr": bgr}[stage.input]
            if image is None:
                raise ValueError(f"{getattr(stage.detector, 'name', 'detector')} needs a {stage.input} "
                                 f"image, which a {info.modality} frame of dtype {frame.dtype} does not give")
            detections += stage.detector.detect(image)
        if celsius is not None:
            detections = [d for d in (_with_temperature(d, celsius) for d in detections)
                          if not (d.label == "person" and d.max_temp_c is not None
                                  and d.max_temp_c > self.config.max_body_c)]
        on_ground = self._to_ground(detections, pose, gimbal)
        newly = {t.track_id for t in self.tracker.update(list(on_ground), info.capture_time_s)}
        out = []
        for track in self.tracker.tracks:
            if not track.confirmed or track.last_time_s != info.capture_time_s:
                continue  # not seen in this frame
            last = self._reported.get(track.track_id)
            if track.track_id not in newly and last is not None and \
                    info.capture_time_s - last < self.config.report_interval_s:
                continue
            det = on_ground[track.last]
            out.append(self._report(track.track_id, det, info, pose, gimbal, view if view is not None else
                                    (bgr if bgr is not None else gray)))
            self._reported[track.track_id] = info.capture_time_s
        live = {t.track_id for t in self.tracker.tracks}
        self._reported = {k: v for k, v in self._reported.items() if k in live}
        return out

    def _inputs(self, frame: np.ndarray, info: FrameInfo) -> tuple[np.ndarray | None, np.ndarray | None,
                                                                   np.ndarray | None]:
        if np.issubdtype(frame.dtype, np.floating):
            if frame.ndim != 2:
                raise ValueError(f"a radiometric frame is one deg C value per pixel, got shape {frame.shape}")
            low, high = self.config.white_hot_span_c
            gray = np.clip((np.nan_to_num(frame, nan=low) - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)
            return frame, gray, None
        if info.modality == "rgb":
            if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype != np.uint8:
                raise ValueError(f"an RGB frame is 8-bit BGR, got {frame.dtype} {frame.shape}")
            return None, None, frame
        return None, as_gray8(frame), None

    def _to_ground(self, detections: list[Detection], pose: PoseSample,
                   gimbal: Attitude) -> dict[Detection, Detection]:
        """Ground-plane stand-ins for the detections (tracking grid cells), mapped to the originals."""
        if self._origin is None:
            self._origin = (pose.lat_deg, pose.lon_deg)
        n0, e0, _ = pymap3d.geodetic2ned(pose.lat_deg, pose.lon_deg, 0.0, *self._origin, 0.0)
        hag = pose.alt_m - self.terrain_alt_m
        cell = self.config.track_cell_m
        out: dict[Detection, Detection] = {}
        for det in detections:
            u, v = det.box.centre
            ray = ray_ned(self.camera, u, v, pose.attitude, gimbal)
            try:
                north, east = ground_offset(ray, hag)
            except ValueError:
                continue  # sky or camera below the terrain: nowhere on the ground to put it
            gsd = hag / ray[2] / self.camera.focal_px  # metres per pixel at that range
            w, h = det.box.w * gsd / cell, det.box.h * gsd / cell
            x, y = (e0 + east) / cell, -(n0 + north) / cell
            out[Detection(Box(x - w / 2, y - h / 2, w, h), det.label, det.confidence, det.max_temp_c,
                          det.mean_temp_c)] = det
        return out

    def _report(self, track_id: int, det: Detection, info: FrameInfo, pose: PoseSample, gimbal: Attitude,
                image: np.ndarray) -> FindingCandidate:
        u, v = det.box.centre
        fix = locate(self.camera, u, v, pose, gimbal, self.terrain_alt_m, self.errors)
        finding, new = self.registry.report(det.label, fix, info.capture_time_s, info.vehicle_id,
                                            det.confidence, det.max_temp_c)
        return FindingCandidate(finding.finding_id, new, track_id, det.label, finding.lat_deg, finding.lon_deg,
                                fix.alt_m, finding.radius_m, det.confidence, det.max_temp_c,
                                info.capture_time_s, info.vehicle_id, finding.sightings,
                                _crop(image, det.box, self.config.snapshot_px))


def _with_temperature(det: Detection, celsius: np.ndarray) -> Detection:
    if det.max_temp_c is not None:
        return det
    x0, y0 = max(0, int(det.box.x)), max(0, int(det.box.y))
    x1, y1 = int(math.ceil(det.box.x + det.box.w)), int(math.ceil(det.box.y + det.box.h))
    patch = celsius[y0:y1, x0:x1]
    if patch.size == 0 or np.isnan(patch).all():
        return det
    return Detection(det.box, det.label, det.confidence, float(np.nanmax(patch)), float(np.nanmean(patch)))


def _crop(image: np.ndarray, box: Box, side_px: int) -> np.ndarray:
    """A copy of the region around the box, at least side_px square where the frame allows."""
    h, w = image.shape[:2]
    half = max(side_px, 2 * max(box.w, box.h)) / 2.0
    cx, cy = box.centre
    x0, y0 = max(0, int(cx - half)), max(0, int(cy - half))
    x1, y1 = min(w, int(cx + half)), min(h, int(cy + half))
    return image[y0:y1, x0:x1].copy()
