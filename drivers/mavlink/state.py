"""The state of one vehicle as the station knows it, and how each telemetry message updates it."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pymavlink.dialects.v20 import ardupilotmega as mavlink


def enum_name(enum: str, value: int, prefix: str) -> str:
    entry = mavlink.enums.get(enum, {}).get(value)
    if entry is None:
        return f"{value}"
    return entry.name.removeprefix(prefix)


@dataclass
class Position:
    lat: float
    lon: float
    alt_amsl: float


@dataclass
class LinkQuality:
    """Share of frames received, from gaps in the vehicle's sequence numbers (per component)."""

    received: int = 0
    lost: int = 0
    _last_seq: dict[int, int] = field(default_factory=dict)

    def update(self, component_id: int, seq: int) -> None:
        last = self._last_seq.get(component_id)
        self._last_seq[component_id] = seq
        self.received += 1
        if last is not None:
            gap = (seq - last - 1) % 256
            # A large gap is more likely a reboot or a second link than 200 lost frames.
            if gap < 128:
                self.lost += gap
        # Forget slowly so the figure follows the link as it is now.
        if self.received + self.lost > 2000:
            self.received //= 2
            self.lost //= 2

    @property
    def ratio(self) -> float:
        total = self.received + self.lost
        return self.received / total if total else 0.0


@dataclass
class VehicleState:
    system_id: int
    component_id: int = 1
    autopilot: str = "unknown"
    autopilot_id: int = mavlink.MAV_AUTOPILOT_GENERIC
    vehicle_type: str = "unknown"
    link: str = ""
    mode: str = "Unknown"
    custom_mode: int = 0
    base_mode: int = 0
    armed: bool = False
    system_status: str = "UNINIT"
    landed_state: str = "UNDEFINED"
    lat: float = math.nan
    lon: float = math.nan
    alt_amsl: float = math.nan
    alt_rel: float = math.nan
    roll_deg: float = math.nan
    pitch_deg: float = math.nan
    heading_deg: float = math.nan
    ground_speed: float = math.nan
    climb_rate: float = math.nan
    battery_voltage: float = math.nan
    battery_current: float = math.nan
    battery_remaining: int = -1  # percent, -1 when the vehicle does not say
    gps_fix: str = "NO_GPS"
    satellites: int = 0
    hdop: float = math.nan
    home: Position | None = None
    unhealthy_sensors: tuple[str, ...] = ()
    last_status_text: str = ""
    mission_current: int = -1   # the mission item being flown, -1 before the vehicle says
    mission_count: int = 0
    link_ok: bool = True
    link_quality: float = 0.0
    messages_received: int = 0
    last_heartbeat: float = 0.0  # monotonic seconds

    @property
    def has_position(self) -> bool:
        return not math.isnan(self.lat)
