"""The vehicle's camera as a MAVLink camera component (MAV_COMP_ID_CAMERA, 100): camera protocol v2.

Two video streams (RGB and thermal) are advertised: by default at UDP RTP addresses, or at the
rtsp:// addresses where sitl/camera/live.py serves the rendered video (then as RTSP, with their
codec); photos and recordings are counted and reported (the pictures themselves are rendered
elsewhere). Answers what QGroundControl and MAVSDK ask a camera.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pymavlink.dialects.v20 import common as mavlink

COMPONENT_ID = mavlink.MAV_COMP_ID_CAMERA
GIMBAL_DEVICE_ID = 1               # the gimbal is not a MAVLink device: ids 1..6 (gimbal protocol v2)
CAMERA_COMMANDS = {
    mavlink.MAV_CMD_REQUEST_MESSAGE, mavlink.MAV_CMD_REQUEST_CAMERA_INFORMATION,
    mavlink.MAV_CMD_REQUEST_CAMERA_SETTINGS, mavlink.MAV_CMD_REQUEST_CAMERA_CAPTURE_STATUS,
    mavlink.MAV_CMD_REQUEST_VIDEO_STREAM_INFORMATION, mavlink.MAV_CMD_REQUEST_VIDEO_STREAM_STATUS,
    mavlink.MAV_CMD_IMAGE_START_CAPTURE, mavlink.MAV_CMD_IMAGE_STOP_CAPTURE,
    mavlink.MAV_CMD_VIDEO_START_CAPTURE, mavlink.MAV_CMD_VIDEO_STOP_CAPTURE, mavlink.MAV_CMD_SET_CAMERA_MODE,
}

STREAM_TYPES = {"udp": mavlink.VIDEO_STREAM_TYPE_RTPUDP, "rtsp": mavlink.VIDEO_STREAM_TYPE_RTSP}
ENCODINGS = {"h264": mavlink.VIDEO_STREAM_ENCODING_H264, "h265": mavlink.VIDEO_STREAM_ENCODING_H265}


@dataclass(frozen=True)
class VideoStream:
    stream_id: int
    name: str
    uri: str
    thermal: bool
    width: int
    height: int
    hfov_deg: int
    codec: str = "h264"
    fps: float = 30.0

    def __post_init__(self) -> None:
        if self.codec not in ENCODINGS:
            raise ValueError(f"video stream {self.name!r}: codec must be h264 or h265, got {self.codec!r}")
        if urlsplit(self.uri).scheme not in STREAM_TYPES:
            raise ValueError(f"video stream {self.name!r}: URI must be rtsp:// or udp://, got {self.uri!r}")

    @property
    def stream_type(self) -> int:
        return STREAM_TYPES[urlsplit(self.uri).scheme]


@dataclass
class CameraState:
    """What the camera has done: photos (with where they were taken), recording, mode."""

    streams: tuple[VideoStream, ...]
    mode: int = mavlink.CAMERA_MODE_IMAGE
    image_count: int = 0
    interval: float = 0.0           # s between photos of a running capture; 0 = none
    remaining: int = 0              # photos left in a running capture (0 with an interval: until stopped)
    next_photo: float = math.inf
    recording_since: float | None = None
    captured: list[tuple[float, float, float]] = field(default_factory=list)   # lat, lon, alt of each photo


def default_streams(host: str, rgb_port: int) -> tuple[VideoStream, ...]:
    return (VideoStream(1, "RGB", f"udp://{host}:{rgb_port}", False, 1280, 720, 82),
            VideoStream(2, "Thermal", f"udp://{host}:{rgb_port + 1}", True, 640, 512, 50))


def heartbeat() -> mavlink.MAVLink_message:
    return mavlink.MAVLink_heartbeat_message(mavlink.MAV_TYPE_CAMERA, mavlink.MAV_AUTOPILOT_INVALID, 0, 0,
                                             mavlink.MAV_STATE_ACTIVE, 3)


def _text(value: str, size: int) -> list[int]:
    raw = value.encode()[:size]
    return list(raw) + [0] * (size - len(raw))


def information(time_ms: int) -> mavlink.MAVLink_message:
    flags = (mavlink.CAMERA_CAP_FLAGS_CAPTURE_VIDEO | mavlink.CAMERA_CAP_FLAGS_CAPTURE_IMAGE
             | mavlink.CAMERA_CAP_FLAGS_HAS_MODES | mavlink.CAMERA_CAP_FLAGS_CAN_CAPTURE_IMAGE_IN_VIDEO_MODE
             | mavlink.CAMERA_CAP_FLAGS_HAS_VIDEO_STREAM)
    return mavlink.MAVLink_camera_information_message(
        time_ms, _text("groundstation", 32), _text("SIM RGB+IR", 32), 1, 4.5, 6.17, 4.55, 1280, 720, 0, flags, 0, b"",
        GIMBAL_DEVICE_ID)


def stream_information(stream: VideoStream, count: int) -> mavlink.MAVLink_message:
    flags = mavlink.VIDEO_STREAM_STATUS_FLAGS_RUNNING | (mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL if stream.thermal else 0)
    return mavlink.MAVLink_video_stream_information_message(
        stream.stream_id, count, stream.stream_type, flags, stream.fps, stream.width, stream.height,
        4_000_000 if not stream.thermal else 1_000_000, 0, stream.hfov_deg, stream.name.encode(), stream.uri.encode(),
        ENCODINGS[stream.codec])


def stream_status(stream: VideoStream) -> mavlink.MAVLink_message:
    flags = mavlink.VIDEO_STREAM_STATUS_FLAGS_RUNNING | (mavlink.VIDEO_STREAM_STATUS_FLAGS_THERMAL if stream.thermal else 0)
    return mavlink.MAVLink_video_stream_status_message(stream.stream_id, flags, stream.fps, stream.width, stream.height,
                                                        4_000_000, 0, stream.hfov_deg)


def settings(state: CameraState, time_ms: int) -> mavlink.MAVLink_message:
    return mavlink.MAVLink_camera_settings_message(time_ms, state.mode, 1.0, math.nan)


def capture_status(state: CameraState, now: float) -> mavlink.MAVLink_message:
    image_status = 0 if state.next_photo == math.inf else (3 if state.interval > 0 else 1)
    video_status = 0 if state.recording_since is None else 1
    recording_ms = 0 if state.recording_since is None else int((now - state.recording_since) * 1000)
    return mavlink.MAVLink_camera_capture_status_message(int(now * 1000), image_status, video_status, state.interval,
                                                          recording_ms, 64000.0, state.image_count)
