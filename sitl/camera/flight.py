"""Scripted camera flights over a scenario (the camera's own test pilot, no autopilot needed)."""
from __future__ import annotations

import math

import pymap3d

from sitl.camera.render import CameraPose

HEADINGS = (0.0, 90.0, 180.0, 270.0)  # north, east, south, west


def expanding_square(lat: float, lon: float, alt_m: float, spacing_m: float, legs: int,
                     speed_mps: float = 8.0, fps: float = 4.0, start_s: float = 0.0,
                     gimbal_pitch_deg: float = -90.0) -> list[CameraPose]:
    """Poses along an IAMSAR expanding square (legs s, s, 2s, 2s, 3s, ...), facing the way it flies."""
    if spacing_m <= 0 or legs < 1 or speed_mps <= 0 or fps <= 0:
        raise ValueError("expanding square needs positive spacing, speed and rate, and at least one leg")
    corners = [(0.0, 0.0)]
    for i in range(legs):
        length = spacing_m * (i // 2 + 1)
        h = math.radians(HEADINGS[i % 4])
        e, n = corners[-1]
        corners.append((e + length * math.sin(h), n + length * math.cos(h)))
    step = speed_mps / fps
    poses, t, carry = [], start_s, 0.0
    for i in range(legs):
        (e0, n0), (e1, n1) = corners[i], corners[i + 1]
        length = math.hypot(e1 - e0, n1 - n0)
        d = carry
        while d < length:
            f = d / length
            la, lo, _ = pymap3d.enu2geodetic(e0 + f * (e1 - e0), n0 + f * (n1 - n0), 0.0, lat, lon, alt_m)
            poses.append(CameraPose(t, float(la), float(lo), alt_m, yaw_deg=HEADINGS[i % 4],
                                    gimbal_pitch_deg=gimbal_pitch_deg))
            t += 1.0 / fps
            d += step
        carry = d - length
    return poses
