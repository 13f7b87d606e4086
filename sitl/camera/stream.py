"""Streaming the synthetic camera as a drone does: H.264 / H.265 video over UDP (MPEG-TS or RTP), encoded
with PyAV, plus the radiometric side channel of drivers/video/radiometric_link.py (RTSP: rtsp.py)."""
from __future__ import annotations

import socket
from collections.abc import Collection
from fractions import Fraction
from urllib.parse import urlsplit

import av
import numpy as np
from av.video.frame import PictureType

from drivers.video.radiometric_link import FramePose, pack_frame
from drivers.video.thermal import KELVIN_64
from sitl.camera.render import CameraPose, Intrinsics

PTS_HZ = 90000  # MPEG-TS and RTP video clock
ENCODERS = {"h264": "libx264", "h265": "libx265"}
CODEC_NAMES = {"h264": "H.264", "h265": "H.265"}


def encoder_for(codec: str, available: Collection[str] | None = None) -> str:
    """PyAV's encoder for `codec` ("h264" or "h265"); ValueError naming the encoder when this PyAV build
    (`av.codecs_available`, or `available`) lacks it, so a camera is refused before it serves anything."""
    if codec not in ENCODERS:
        raise ValueError(f"codec must be h264 or h265, got {codec!r}")
    encoder = ENCODERS[codec]
    if encoder not in (av.codecs_available if available is None else available):
        raise ValueError(f"{CODEC_NAMES[codec]} video needs PyAV's {encoder} encoder, which this PyAV build "
                         f"({av.__version__}) lacks: serve h264, or install a PyAV built with {encoder}")
    return encoder


def encoder_options(codec: str, gop: int) -> dict[str, str]:
    """Zero latency (no B-frames, no lookahead), a key frame every `gop` frames, parameter sets
    repeated before each key frame so that a receiver may join at any key frame."""
    options = {"preset": "ultrafast", "tune": "zerolatency", "g": str(gop), "bf": "0"}
    if codec == "h264":
        options["x264-params"] = "repeat-headers=1"
    else:
        options["x265-params"] = "repeat-headers=1:log-level=error"
    return options


class VideoStreamer:
    """Encodes BGR frames to H.264 or H.265 (libx264 / libx265, `encoder_options`) and sends them.

    `url`: ``udp://HOST:PORT`` (MPEG-TS) or ``rtp://HOST:PORT`` (RTP, payload type 96, H.264 or H.265).
    Frame timestamps are the capture times, so the receiver can recover them. With `key_frame_s`, a
    key frame also comes at least that often in capture time: a sender that skips frames when its
    machine is busy would otherwise space its key frames out, and a receiver joining waits for one.
    """

    def __init__(self, url: str, width: int, height: int, fps: float = 10.0, codec: str = "h264",
                 gop: int = 10, key_frame_s: float | None = None) -> None:
        scheme = urlsplit(url).scheme
        if scheme not in ("udp", "rtp"):
            raise ValueError(f"stream URL must be udp:// (MPEG-TS) or rtp://, got {url!r}")
        encoder = encoder_for(codec)
        target = f"{url}?pkt_size=1316" if scheme == "udp" and "?" not in url else url
        self._out = av.open(target, mode="w", format="mpegts" if scheme == "udp" else "rtp")
        self._stream = self._out.add_stream(encoder, rate=Fraction(fps).limit_denominator(1000),
                                            options=encoder_options(codec, gop))
        self._stream.width, self._stream.height, self._stream.pix_fmt = width, height, "yuv420p"
        # the encoder counts in the same clock: in 1/fps steps, two frames closer than one frame interval
        # (a late frame, then one on time) would share a timestamp and the muxer refuse the second
        self._stream.time_base = self._stream.codec_context.time_base = Fraction(1, PTS_HZ)
        self._t0: float | None = None
        self._last_pts = -1
        self._key_frame_s = key_frame_s
        self._last_key: float | None = None  # capture time of the last key frame forced or counted
        self.frames = 0

    def send(self, image_bgr: np.ndarray, capture_time_s: float) -> None:
        if image_bgr.dtype != np.uint8 or image_bgr.ndim != 3 or image_bgr.shape[2] != 3:
            raise ValueError(f"video frames must be 8-bit BGR, got {image_bgr.dtype} {image_bgr.shape}")
        if self._t0 is None:
            self._t0 = capture_time_s
        pts = max(int(round((capture_time_s - self._t0) * PTS_HZ)), self._last_pts + 1)
        self._last_pts = pts
        frame = av.VideoFrame.from_ndarray(image_bgr, format="bgr24")
        frame.pts, frame.time_base = pts, self._stream.time_base
        if self._key_frame_s is not None and (self._last_key is None
                                              or capture_time_s - self._last_key >= self._key_frame_s):
            frame.pict_type = PictureType.I
            self._last_key = capture_time_s
        for packet in self._stream.encode(frame):
            if packet.is_keyframe:
                self._last_key = capture_time_s
            self._out.mux(packet)
        self.frames += 1

    def close(self) -> None:
        for packet in self._stream.encode(None):
            self._out.mux(packet)
        self._out.close()


class RadiometricSender:
    """Sends deg C frames losslessly as 16-bit raw/64 = Kelvin counts with capture time and pose."""

    def __init__(self, address: tuple[str, int], vehicle_id: int = 1) -> None:
        self.address, self.vehicle_id = address, vehicle_id
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.seq = 0

    def send(self, celsius: np.ndarray, capture_time_s: float, pose: CameraPose, camera: Intrinsics) -> None:
        meta = FramePose(pose.lat_deg, pose.lon_deg, pose.alt_m, pose.roll_deg, pose.pitch_deg, pose.yaw_deg,
                         pose.gimbal_roll_deg, pose.gimbal_pitch_deg, pose.gimbal_yaw_deg, camera.hfov_deg)
        for datagram in pack_frame(KELVIN_64.from_celsius(celsius), KELVIN_64, self.seq, capture_time_s, meta,
                                   self.vehicle_id):
            self.sock.sendto(datagram, self.address)
        self.seq += 1

    def close(self) -> None:
        self.sock.close()
