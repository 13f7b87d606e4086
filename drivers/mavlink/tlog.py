"""Telemetry logs in the standard .tlog format: each frame preceded by its time as a big-endian
64-bit count of microseconds since the Unix epoch, as QGroundControl and MAVProxy write them and as
pymavlink's mavlogdump.py reads them."""

from __future__ import annotations

import struct
import time
from pathlib import Path

_STAMP = struct.Struct(">Q")


class TlogWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = open(path, "ab", buffering=64 * 1024)
        self.frames = 0

    def write(self, frame: bytes, timestamp: float | None = None) -> None:
        stamp = int((time.time() if timestamp is None else timestamp) * 1e6)
        self._file.write(_STAMP.pack(stamp))
        self._file.write(frame)
        self.frames += 1

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()
