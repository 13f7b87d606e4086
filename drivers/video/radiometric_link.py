"""Radiometric side channel: 16-bit temperature frames over UDP with their capture time and pose.

H.264 throws temperatures away, so a radiometric camera (here the synthetic one) sends each
thermal frame a second time, losslessly, beside the video. Wire format (little-endian), one
frame split over datagrams of at most `MAX_PAYLOAD` bytes of pixels, each datagram:

    offset size  field
    0      4     magic b"GSRT"
    4      1     version (1)
    5      1     pixel format (1 = uint16 counts, row-major)
    6      2     vehicle id
    8      4     frame sequence number (wraps at 2**32)
    12     2     part index      14  2  part count
    16     2     width           18  2  height
    20     4     float32 kelvin per count      24  4  float32 Kelvin offset
    28     8     float64 capture time, UNIX seconds on the sender's clock
    36     8     float64 latitude deg          44  8  float64 longitude deg
    52     4     float32 altitude m AMSL
    56     12    float32 vehicle roll, pitch, yaw deg (NED from body, ZYX)
    68     12    float32 gimbal roll, pitch, yaw deg (relative to the body; pitch -90 = nadir)
    80     4     float32 camera horizontal field of view deg
    84     4     CRC-32 of this datagram's pixel bytes
    88     ...   pixel bytes of this part

A frame whose parts do not all arrive intact is dropped with a message saying why; the next
complete frame goes through (the receiver never waits for a lost one).
"""
from __future__ import annotations

import math
import socket
import struct
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from drivers.video.thermal import ThermalEncoding

MAGIC = b"GSRT"
VERSION = 1
PIXEL_UINT16 = 1
HEADER = struct.Struct("<4sBBHIHHHHffdddf3f3ffI")
MAX_PAYLOAD = 60000  # pixel bytes per datagram, under the 65507-byte UDP limit
KEEP_PARTIAL = 2  # frames being assembled at once (loopback and LANs rarely reorder further)


@dataclass(frozen=True)
class FramePose:
    """Where the camera was when it took the frame."""

    lat_deg: float
    lon_deg: float
    alt_m: float
    roll_deg: float
    pitch_deg: float
    yaw_deg: float
    gimbal_roll_deg: float
    gimbal_pitch_deg: float
    gimbal_yaw_deg: float
    hfov_deg: float


@dataclass(frozen=True)
class RadiometricFrame:
    counts: np.ndarray  # uint16, height x width
    encoding: ThermalEncoding
    seq: int
    vehicle_id: int
    capture_time_s: float
    received_time_s: float
    pose: FramePose

    def celsius(self) -> np.ndarray:
        return self.encoding.to_celsius(self.counts)


class ChannelError(ValueError):
    """One datagram or frame could not be used; the message says which and why."""


def pack_frame(counts: np.ndarray, encoding: ThermalEncoding, seq: int, capture_time_s: float,
               pose: FramePose, vehicle_id: int = 1) -> list[bytes]:
    """Datagrams carrying one frame of 16-bit counts."""
    if counts.dtype != np.uint16 or counts.ndim != 2:
        raise ValueError(f"side channel carries 2-D uint16 counts, got {counts.dtype} {counts.shape}")
    if encoding.kind != "raw16":
        raise ValueError("side channel counts must use a raw16 encoding")
    data = np.ascontiguousarray(counts, dtype="<u2").tobytes()
    parts = [data[i:i + MAX_PAYLOAD] for i in range(0, len(data), MAX_PAYLOAD)]
    h, w = counts.shape
    out = []
    for index, part in enumerate(parts):
        header = HEADER.pack(MAGIC, VERSION, PIXEL_UINT16, vehicle_id, seq % 2**32, index, len(parts), w, h,
                             encoding.kelvin_per_count, encoding.offset_k, capture_time_s,
                             pose.lat_deg, pose.lon_deg, pose.alt_m,
                             pose.roll_deg, pose.pitch_deg, pose.yaw_deg,
                             pose.gimbal_roll_deg, pose.gimbal_pitch_deg, pose.gimbal_yaw_deg,
                             pose.hfov_deg, zlib.crc32(part))
        out.append(header + part)
    return out


@dataclass
class _Partial:
    header: tuple
    parts: dict[int, bytes]


class Reassembler:
    """Turns datagrams into frames; problems go to `on_error` and never stop later frames."""

    def __init__(self, on_error: Callable[[str], None], clock: Callable[[], float] = time.time) -> None:
        self.on_error, self.clock = on_error, clock
        self._partial: dict[int, _Partial] = {}
        self._newest_seq: int | None = None

    def push(self, datagram: bytes) -> RadiometricFrame | None:
        try:
            return self._push(datagram)
        except ChannelError as exc:
            self.on_error(str(exc))
            return None

    def _push(self, datagram: bytes) -> RadiometricFrame | None:
        if len(datagram) < HEADER.size:
            raise ChannelError(f"truncated datagram: {len(datagram)} bytes, shorter than the "
                               f"{HEADER.size}-byte header")
        header = HEADER.unpack_from(datagram)
        magic, version, fmt, vehicle, seq, index, count, w, h = header[:9]
        if magic != MAGIC or version != VERSION:
            raise ChannelError(f"not a radiometric frame datagram (magic {magic!r}, version {version})")
        if fmt != PIXEL_UINT16:
            raise ChannelError(f"wrong pixel format code {fmt} in frame {seq} (only 1 = uint16 is defined)")
        payload = datagram[HEADER.size:]
        if zlib.crc32(payload) != header[-1]:
            raise ChannelError(f"corrupt or truncated part {index + 1}/{count} of frame {seq} "
                               f"(CRC mismatch, {len(payload)} bytes): frame dropped")
        expected = 2 * w * h
        if w == 0 or h == 0 or count != max(1, math.ceil(expected / MAX_PAYLOAD)) or index >= count:
            raise ChannelError(f"frame {seq}: header does not add up ({w}x{h} in {count} parts, part {index})")
        self._note_gap(seq)
        partial = self._partial.setdefault(seq, _Partial(header, {}))
        if partial.header[6:9] != header[6:9]:
            raise ChannelError(f"frame {seq}: parts disagree on the frame size")
        partial.parts[index] = payload
        if len(partial.parts) < count:
            return None
        del self._partial[seq]
        data = b"".join(partial.parts[i] for i in range(count))
        if len(data) != expected:
            raise ChannelError(f"frame {seq} is {len(data)} bytes, {w}x{h} uint16 needs {expected}: dropped")
        counts = np.frombuffer(data, dtype="<u2").reshape(h, w).astype(np.uint16)
        k_per_count, offset_k, capture = header[9], header[10], header[11]
        pose = FramePose(*header[12:15], *header[15:21], header[21])
        return RadiometricFrame(counts, ThermalEncoding("raw16", float(k_per_count), float(offset_k)), seq,
                                vehicle, capture, self.clock(), pose)

    def _note_gap(self, seq: int) -> None:
        """Report frames that never showed up and frames left incomplete by a newer one."""
        if self._newest_seq is not None and _after(seq, self._newest_seq):
            gap = (seq - self._newest_seq - 1) % 2**32
            if gap:
                first = (self._newest_seq + 1) % 2**32
                self.on_error(f"{gap} frame(s) missing ({first}..{(seq - 1) % 2**32}): nothing received")
        if self._newest_seq is None or _after(seq, self._newest_seq):
            self._newest_seq = seq
        for old in [s for s in self._partial if _after(seq, s) and (seq - s) % 2**32 >= KEEP_PARTIAL]:
            p = self._partial.pop(old)
            self.on_error(f"frame {old} incomplete ({len(p.parts)} of {p.header[6]} parts): dropped")


def _after(a: int, b: int) -> bool:
    """Sequence a is newer than b, modulo 2**32."""
    return 0 < (a - b) % 2**32 < 2**31


class RadiometricReceiver:
    """Listens on a UDP port in its own thread; keeps only the newest complete frame not yet taken
    (a live picture: a busy station skips to the newest rather than fall behind), counting the ones
    it let go in `dropped`."""

    def __init__(self, bind: tuple[str, int] = ("127.0.0.1", 0), clock: Callable[[], float] = time.time) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
        self.sock.bind(bind)
        self.sock.settimeout(0.2)
        self.address = self.sock.getsockname()
        self._cond = threading.Condition()
        self._latest: RadiometricFrame | None = None  # not yet taken
        self._errors: deque[str] = deque(maxlen=200)
        self.frames = 0
        self.dropped = 0  # complete frames replaced by a newer one before they were taken
        self._reassembler = Reassembler(self._error, clock)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="radiometric receiver", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                datagram = self.sock.recv(65535)
            except socket.timeout:
                continue
            except OSError:
                break
            frame = self._reassembler.push(datagram)
            if frame is not None:
                with self._cond:
                    if self._latest is not None:
                        self.dropped += 1
                    self._latest = frame
                    self.frames += 1
                    self._cond.notify_all()

    def _error(self, message: str) -> None:
        with self._cond:
            self._errors.append(message)

    def errors(self) -> list[str]:
        with self._cond:
            return list(self._errors)

    def next_frame(self, timeout_s: float) -> RadiometricFrame | None:
        """The newest complete frame not yet taken, waiting up to `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._latest is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)
            frame, self._latest = self._latest, None
            return frame

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()

    def __enter__(self) -> "RadiometricReceiver":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
