"""A 2-axis gimbal behind PX4's gimbal manager: pitch/yaw setpoints or a region of interest,
followed at the slew rates PX4's MNT_RATE_PITCH / MNT_RATE_YAW allow (no I/O here)."""
from __future__ import annotations

import math
from dataclasses import dataclass

PITCH_MIN, PITCH_MAX = -90.0, 30.0       # deg; what GIMBAL_MANAGER_INFORMATION advertises
YAW_MIN, YAW_MAX = -180.0, 180.0


def _wrap180(angle: float) -> float:
    return (angle + 180.0) % 360.0 - 180.0


@dataclass
class Gimbal:
    """Attitude relative to the horizon (pitch, negative looks down) and to the vehicle's nose (yaw)."""

    pitch: float = 0.0
    yaw: float = 0.0
    target_pitch: float = 0.0
    target_yaw: float = 0.0
    yaw_earth: bool = False              # GIMBAL_MANAGER_FLAGS_YAW_LOCK: yaw holds a compass heading
    roi: tuple[float, float, float] | None = None   # lat, lon, alt AMSL
    pitch_rate: float = 0.0              # deg/s, reported in GIMBAL_DEVICE_ATTITUDE_STATUS
    yaw_rate: float = 0.0

    def set_angles(self, pitch: float, yaw: float, yaw_earth: bool) -> None:
        """MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW: NaN keeps that axis where it is aimed now."""
        self.roi = None
        if math.isfinite(pitch):
            self.target_pitch = min(PITCH_MAX, max(PITCH_MIN, pitch))
        if math.isfinite(yaw):
            self.target_yaw = _wrap180(yaw)
            self.yaw_earth = yaw_earth

    def step(self, dt: float, vehicle_yaw_deg: float, rate_pitch: float, rate_yaw: float) -> None:
        target_yaw = self.target_yaw
        if self.yaw_earth:
            target_yaw = _wrap180(self.target_yaw - vehicle_yaw_deg)
        target_yaw = min(YAW_MAX, max(YAW_MIN, target_yaw))
        dp = max(-rate_pitch * dt, min(rate_pitch * dt, self.target_pitch - self.pitch))
        dy = max(-rate_yaw * dt, min(rate_yaw * dt, _wrap180(target_yaw - self.yaw)))
        self.pitch += dp
        self.yaw = _wrap180(self.yaw + dy)
        self.pitch_rate, self.yaw_rate = dp / dt, dy / dt

    def quaternion(self, vehicle_yaw_deg: float = 0.0) -> list[float]:
        """w, x, y, z of roll 0, this pitch and yaw (plus the vehicle's heading for earth frame)."""
        p = math.radians(self.pitch) / 2
        y = math.radians(self.yaw + vehicle_yaw_deg) / 2
        return [math.cos(p) * math.cos(y), -math.sin(p) * math.sin(y), math.sin(p) * math.cos(y),
                math.cos(p) * math.sin(y)]
