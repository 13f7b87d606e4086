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


@dataclass(frozen=True)
class VideoStream:
    """One stream of a camera as VIDEO_STREAM_INFORMATION describes it."""

    stream_id: int
    name: str
    uri: str
    type: str            # RTSP, RTPUDP, TCP_MPEG, MPEG_TS_H264
    thermal: bool
    resolution: tuple[int, int]
    framerate: float
    hfov_deg: int


@dataclass(frozen=True)
class Camera:
    """A camera component of the vehicle (MAVLink camera protocol v2) and its streams."""

    component_id: int
    vendor: str = ""
    model: str = ""
    resolution: tuple[int, int] = (0, 0)
    focal_length_mm: float = 0.0
    sensor_size_mm: tuple[float, float] = (0.0, 0.0)
    can_capture_video: bool = False
    can_capture_image: bool = False
    streams: tuple[VideoStream, ...] = ()
    recording: bool = False
    photos_taken: int = 0
    last_photo_url: str = ""


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
    cameras: dict[int, Camera] = field(default_factory=dict)   # by component id
    gimbal_pitch_deg: float = math.nan  # the gimbal device's attitude, as it reports it
    gimbal_yaw_deg: float = math.nan    # relative to the vehicle's heading
    signing: str = "off"                # off | signing | required
    refused_frames: int = 0             # unsigned or wrongly signed frames refused from this vehicle

    @property
    def has_position(self) -> bool:
        return not math.isnan(self.lat)
