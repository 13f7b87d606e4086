"""Where on the ground a pixel is: camera model, gimbal and vehicle attitude, vehicle position
interpolated at the frame time, ray to flat ground at the terrain height.

Frames: vehicle attitude is NED from body FRD (ZYX Euler: yaw, pitch, roll). The gimbal
angles are relative to the body (pitch -90 deg looks straight down). With all angles zero the
camera looks along the body's forward axis, image right = body right, image down = body down.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np
import pymap3d


@dataclass(frozen=True)
class CameraModel:
    width_px: int
    height_px: int
    hfov_deg: float

    @property
    def focal_px(self) -> float:
        return (self.width_px / 2.0) / math.tan(math.radians(self.hfov_deg) / 2.0)

    def ray(self, u: float, v: float) -> np.ndarray:
        """Direction in the camera frame (x right, y down, z along the optical axis)."""
        f = self.focal_px
        return np.array([(u - self.width_px / 2.0) / f, (v - self.height_px / 2.0) / f, 1.0])


@dataclass(frozen=True)
class Attitude:
    roll_deg: float
    pitch_deg: float
    yaw_deg: float


@dataclass(frozen=True)
class PoseSample:
    time_s: float
    lat_deg: float
    lon_deg: float
    alt_m: float  # same datum as the terrain height (AMSL)
    attitude: Attitude


@dataclass(frozen=True)
class PoseErrors:
    """One-sigma errors, the defaults of a consumer GNSS + AHRS drone."""

    attitude_deg: float = 1.0  # roll/pitch, gimbal included
    yaw_deg: float = 2.0
    horizontal_m: float = 1.5
    vertical_m: float = 2.0  # altitude and terrain height together


@dataclass(frozen=True)
class GroundFix:
    lat_deg: float
    lon_deg: float
    alt_m: float
    radius_m: float  # 95 % of the propagated errors fall within this
    range_m: float  # slant range from the camera


def rotation(att: Attitude) -> np.ndarray:
    """Matrix taking body (or gimbal) vectors into the parent frame, ZYX order."""
    r, p, y = (math.radians(a) for a in (att.roll_deg, att.pitch_deg, att.yaw_deg))
    rx = np.array([[1, 0, 0], [0, math.cos(r), -math.sin(r)], [0, math.sin(r), math.cos(r)]])
    ry = np.array([[math.cos(p), 0, math.sin(p)], [0, 1, 0], [-math.sin(p), 0, math.cos(p)]])
    rz = np.array([[math.cos(y), -math.sin(y), 0], [math.sin(y), math.cos(y), 0], [0, 0, 1]])
    return rz @ ry @ rx


CAMERA_TO_GIMBAL = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])  # z->fwd, x->right, y->down


def ray_ned(camera: CameraModel, u: float, v: float, vehicle: Attitude, gimbal: Attitude) -> np.ndarray:
    d = rotation(vehicle) @ rotation(gimbal) @ CAMERA_TO_GIMBAL @ camera.ray(u, v)
    return d / np.linalg.norm(d)


def ground_offset(ray: np.ndarray, height_above_ground_m: float) -> np.ndarray:
    """North/east offset (m) where a NED ray from that height meets flat ground."""
    if height_above_ground_m <= 0:
        raise ValueError(f"camera is not above the ground (height {height_above_ground_m:.1f} m)")
    if ray[2] <= 1e-6:
        raise ValueError("the ray does not reach the ground (it points at or above the horizon)")
    return ray[:2] * (height_above_ground_m / ray[2])


class PoseHistory:
    """Vehicle poses by time; interpolates to a frame's capture time."""

    def __init__(self, max_gap_s: float = 1.0) -> None:
        self.samples: list[PoseSample] = []
        self.max_gap_s = max_gap_s

    def add(self, sample: PoseSample) -> None:
        times = [s.time_s for s in self.samples]
        self.samples.insert(bisect.bisect_right(times, sample.time_s), sample)

    def at(self, time_s: float) -> PoseSample:
        if not self.samples:
            raise LookupError("no vehicle pose known yet")
        times = [s.time_s for s in self.samples]
        i = bisect.bisect_left(times, time_s)
        if i < len(times) and times[i] == time_s:
            return self.samples[i]
        if i == 0 or i == len(times):
            nearest = self.samples[0] if i == 0 else self.samples[-1]
            if abs(nearest.time_s - time_s) > self.max_gap_s:
                raise LookupError(f"no vehicle pose within {self.max_gap_s} s of t={time_s:.3f}")
            return nearest
        a, b = self.samples[i - 1], self.samples[i]
        if b.time_s - a.time_s > 2 * self.max_gap_s:
            raise LookupError(f"pose gap of {b.time_s - a.time_s:.1f} s around t={time_s:.3f}")
        w = (time_s - a.time_s) / (b.time_s - a.time_s)
        dyaw = (b.attitude.yaw_deg - a.attitude.yaw_deg + 180.0) % 360.0 - 180.0  # shortest way round
        return PoseSample(
            time_s, a.lat_deg + w * (b.lat_deg - a.lat_deg), a.lon_deg + w * (b.lon_deg - a.lon_deg),
            a.alt_m + w * (b.alt_m - a.alt_m),
            Attitude(a.attitude.roll_deg + w * (b.attitude.roll_deg - a.attitude.roll_deg),
                     a.attitude.pitch_deg + w * (b.attitude.pitch_deg - a.attitude.pitch_deg),
                     a.attitude.yaw_deg + w * dyaw))


def locate(camera: CameraModel, u: float, v: float, pose: PoseSample, gimbal: Attitude,
           terrain_alt_m: float, errors: PoseErrors = PoseErrors(), samples: int = 400) -> GroundFix:
    """Ground position of pixel (u, v) with a 95 % radius from sampling the pose errors."""
    hag = pose.alt_m - terrain_alt_m
    ray = ray_ned(camera, u, v, pose.attitude, gimbal)
    north, east = ground_offset(ray, hag)
    lat, lon, _ = pymap3d.ned2geodetic(north, east, hag, pose.lat_deg, pose.lon_deg, pose.alt_m)
    rng = np.random.default_rng(0)  # fixed: the same inputs give the same radius
    # All draws at once: the per-draw loop cost tens of ms per finding, most of the frame-to-finding time.
    noise = rng.normal(0.0, 1.0, (samples, 6)) * np.array(
        [errors.attitude_deg, errors.attitude_deg, errors.yaw_deg, errors.vertical_m,
         errors.horizontal_m, errors.horizontal_m])
    a = pose.attitude
    rolls, pitches, yaws = (np.radians(base + noise[:, i]) for i, base in
                            enumerate((a.roll_deg, a.pitch_deg, a.yaw_deg)))
    in_body = rotation(gimbal) @ CAMERA_TO_GIMBAL @ camera.ray(u, v)
    d = _rotations(rolls, pitches, yaws) @ in_body  # NED directions (not unit: only ratios matter below)
    h = hag + noise[:, 3]
    hits = (d[:, 2] > 1e-6 * np.linalg.norm(d, axis=1)) & (h > 0)  # the other draws miss the ground
    ne = d[hits, :2] * (h[hits] / d[hits, 2])[:, None] + noise[hits, 4:6]
    spread = np.hypot(ne[:, 0] - north, ne[:, 1] - east)
    radius = float(np.percentile(spread, 95)) if spread.size else float("inf")
    return GroundFix(float(lat), float(lon), terrain_alt_m, radius, float(hag / ray[2]))


def _rotations(roll: np.ndarray, pitch: np.ndarray, yaw: np.ndarray) -> np.ndarray:
    """`rotation` for arrays of angles in radians: one 3x3 matrix per draw, shape (n, 3, 3)."""
    cr, sr, cp, sp, cy, sy = np.cos(roll), np.sin(roll), np.cos(pitch), np.sin(pitch), np.cos(yaw), np.sin(yaw)
    return np.stack([
        np.stack([cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr], axis=-1),
        np.stack([sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr], axis=-1),
        np.stack([-sp, cp * sr, cp * cr], axis=-1),
    ], axis=-2)
