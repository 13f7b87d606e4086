"""H.264 / H.265 access units from PyAV, and their RTP packets as a drone camera's RTSP server sends them.

- `AccessUnitEncoder` encodes BGR frames with libx264 / libx265 (the options of stream.py) and
  splits each encoded picture (Annex B byte stream) into its NAL units.
- `RtpPacketiser` turns an access unit into RTP packets: RFC 6184 (H.264, packetization-mode 1:
  single NAL unit or FU-A) and RFC 7798 (H.265: single NAL unit or FU), marker bit on the last
  packet of a picture, 90 kHz timestamps taken from the capture time, and RTCP sender reports
  (RFC 3550) that tie those timestamps to wall-clock time.
- `ParameterSets` remembers the latest SPS/PPS (and VPS) for the SDP's fmtp line.
"""
from __future__ import annotations

import base64
import secrets
import struct
from dataclasses import dataclass, field
from fractions import Fraction

import av
import numpy as np

from sitl.camera.stream import PTS_HZ, encoder_for, encoder_options

PAYLOAD_TYPE = 96  # the first dynamic RTP payload type, as every camera uses
MAX_PAYLOAD = 1400  # RTP payload bytes: a packet fits a 1500-byte Ethernet MTU with IP/UDP/RTP headers
NTP_UNIX_OFFSET_S = 2_208_988_800  # seconds from 1900 (NTP epoch) to 1970
H264_FU_A, H265_FU = 28, 49
H264_PARAMETER_SETS = {7: "sps", 8: "pps"}
H265_PARAMETER_SETS = {32: "vps", 33: "sps", 34: "pps"}


@dataclass(frozen=True)
class AccessUnit:
    """One coded picture: its NAL units (no start codes), capture time and whether it is a key frame."""

    nal_units: tuple[bytes, ...]
    capture_time_s: float
    key: bool


def split_annex_b(data: bytes) -> list[bytes]:
    """NAL units of an Annex B byte stream (start codes 00 00 01 or 00 00 00 01)."""
    units: list[bytes] = []
    start = data.find(b"\x00\x00\x01")
    while start >= 0:
        begin = start + 3
        end = data.find(b"\x00\x00\x01", begin)
        # zero bytes before a start code belong to it (a 4-byte start code, trailing_zero_8bits)
        unit = (data[begin:] if end < 0 else data[begin:end]).rstrip(b"\x00")
        if unit:
            units.append(unit)
        start = end
    return units


def nal_type(codec: str, unit: bytes) -> int:
    return unit[0] & 0x1F if codec == "h264" else (unit[0] >> 1) & 0x3F


class AccessUnitEncoder:
    """libx264 / libx265 at zero latency; PTS on the 90 kHz clock from the capture time."""

    def __init__(self, codec: str, width: int, height: int, fps: float = 10.0, gop: int = 10) -> None:
        encoder = encoder_for(codec)
        self.codec, self.width, self.height = codec, width, height
        self._ctx = av.CodecContext.create(encoder, "w")
        self._ctx.width, self._ctx.height, self._ctx.pix_fmt = width, height, "yuv420p"
        self._ctx.time_base = Fraction(1, PTS_HZ)
        self._ctx.framerate = Fraction(fps).limit_denominator(1000)
        self._ctx.options = encoder_options(codec, gop)
        self._last_pts = -1

    def encode(self, image_bgr: np.ndarray, capture_time_s: float) -> list[AccessUnit]:
        if image_bgr.dtype != np.uint8 or image_bgr.shape != (self.height, self.width, 3):
            raise ValueError(f"video frames must be 8-bit BGR {self.width}x{self.height}, "
                             f"got {image_bgr.dtype} {image_bgr.shape}")
        # the encoder refuses a PTS that does not increase: two frames stamped alike stay one tick apart
        pts = max(round(capture_time_s * PTS_HZ), self._last_pts + 1)
        self._last_pts = pts
        frame = av.VideoFrame.from_ndarray(image_bgr, format="bgr24")
        frame.pts, frame.time_base = pts, self._ctx.time_base
        return self._units(self._ctx.encode(frame))

    def flush(self) -> list[AccessUnit]:
        return self._units(self._ctx.encode(None))

    @staticmethod
    def _units(packets: list[av.Packet]) -> list[AccessUnit]:
        return [AccessUnit(tuple(split_annex_b(bytes(p))), p.pts / PTS_HZ, p.is_keyframe) for p in packets]


@dataclass
class ParameterSets:
    """The latest parameter sets seen in band, for DESCRIBE's SDP."""

    codec: str
    units: dict[str, bytes] = field(default_factory=dict)

    def update(self, au: AccessUnit) -> None:
        names = H264_PARAMETER_SETS if self.codec == "h264" else H265_PARAMETER_SETS
        for unit in au.nal_units:
            name = names.get(nal_type(self.codec, unit))
            if name is not None:
                self.units[name] = unit

    @property
    def complete(self) -> bool:
        return set(self.units) == set((H264_PARAMETER_SETS if self.codec == "h264" else H265_PARAMETER_SETS).values())

    def sdp_media(self, control: str) -> str:
        """The m= section (RFC 6184 section 8.2.1 / RFC 7798 section 7.2)."""
        b64 = {name: base64.b64encode(unit).decode() for name, unit in self.units.items()}
        if self.codec == "h264":
            fmtp = "packetization-mode=1"
            if "sps" in self.units:
                fmtp += f";profile-level-id={self.units['sps'][1:4].hex()}"
            if self.complete:
                fmtp += f";sprop-parameter-sets={b64['sps']},{b64['pps']}"
            encoding = "H264"
        else:
            fmtp = ";".join(f"sprop-{name}={b64[name]}" for name in ("vps", "sps", "pps") if name in b64)
            encoding = "H265"
        lines = [f"m=video 0 RTP/AVP {PAYLOAD_TYPE}", f"a=rtpmap:{PAYLOAD_TYPE} {encoding}/{PTS_HZ}"]
        if fmtp:
            lines.append(f"a=fmtp:{PAYLOAD_TYPE} {fmtp}")
        lines.append(f"a=control:{control}")
        return "\r\n".join(lines) + "\r\n"


def fragments(codec: str, unit: bytes, max_payload: int = MAX_PAYLOAD) -> list[bytes]:
    """RTP payloads of one NAL unit: the unit itself when it fits, else fragmentation units."""
    if len(unit) <= max_payload:
        return [unit]
    if codec == "h264":  # FU indicator (F, NRI of the unit, type 28), FU header (S, E, type)
        header, body, kind = bytes([(unit[0] & 0xE0) | H264_FU_A]), unit[1:], unit[0] & 0x1F
    else:  # payload header: the unit's F, LayerId and TID with type 49; FU header (S, E, type)
        header, body, kind = bytes([(unit[0] & 0x81) | (H265_FU << 1), unit[1]]), unit[2:], (unit[0] >> 1) & 0x3F
    step = max_payload - len(header) - 1
    chunks = [body[i:i + step] for i in range(0, len(body), step)]
    return [header + bytes([(0x80 if i == 0 else 0) | (0x40 if i == len(chunks) - 1 else 0) | kind]) + chunk
            for i, chunk in enumerate(chunks)]


class RtpPacketiser:
    """One RTP stream (one SSRC, one sequence): every receiver of a path gets the same packets.

    Timestamps are `capture time x 90 kHz + a random offset` (RFC 3550 wants a random start), so the
    sender reports' NTP/RTP pairs turn any packet's timestamp back into its capture time.
    """

    def __init__(self, codec: str, max_payload: int = MAX_PAYLOAD) -> None:
        self.codec, self.max_payload = codec, max_payload
        self.ssrc = secrets.randbits(32)
        self.seq = secrets.randbits(16)
        self._offset = secrets.randbits(32)
        self.packets_sent = self.octets_sent = 0

    def timestamp(self, time_s: float) -> int:
        return (round(time_s * PTS_HZ) + self._offset) & 0xFFFFFFFF

    def packets(self, au: AccessUnit) -> list[bytes]:
        ts = self.timestamp(au.capture_time_s)
        payloads = [p for unit in au.nal_units for p in fragments(self.codec, unit, self.max_payload)]
        out = []
        for i, payload in enumerate(payloads):
            marker = 0x80 if i == len(payloads) - 1 else 0
            out.append(struct.pack("!BBHII", 0x80, marker | PAYLOAD_TYPE, self.seq, ts, self.ssrc) + payload)
            self.seq = (self.seq + 1) & 0xFFFF
            self.packets_sent += 1
            self.octets_sent += len(payload)
        return out

    def sender_report(self, now_s: float, cname: str) -> bytes:
        """RTCP compound packet: SR (RFC 3550 6.4.1) + SDES with the CNAME (6.5.1)."""
        ntp = now_s + NTP_UNIX_OFFSET_S
        seconds = int(ntp)
        fraction = int((ntp - seconds) * 2 ** 32) & 0xFFFFFFFF
        sr = struct.pack("!BBHIIIIII", 0x80, 200, 6, self.ssrc, seconds & 0xFFFFFFFF, fraction,
                         self.timestamp(now_s), self.packets_sent & 0xFFFFFFFF, self.octets_sent & 0xFFFFFFFF)
        name = cname.encode()[:255]
        chunk = struct.pack("!IBB", self.ssrc, 1, len(name)) + name + b"\x00"
        chunk += b"\x00" * (-len(chunk) % 4)  # a chunk ends with a null item, padded to 32 bits
        sdes = struct.pack("!BBH", 0x81, 202, len(chunk) // 4) + chunk
        return sr + sdes
