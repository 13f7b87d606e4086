"""Telemetry logs in the standard .tlog format: each frame preceded by its time as a big-endian
64-bit count of microseconds since the Unix epoch, as QGroundControl and MAVProxy write them and as
pymavlink's mavlogdump.py reads them."""

from __future__ import annotations

import struct
import time
from pathlib import Path
from typing import BinaryIO

_STAMP = struct.Struct(">Q")


class TlogWriter:
    """The file appears with the first frame written: a station that never got going leaves no empty log."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: BinaryIO | None = None
        self.frames = 0

    def write(self, frame: bytes, timestamp: float | None = None) -> None:
        if self._file is None:
            self._file = open(self.path, "ab", buffering=64 * 1024)
        stamp = int((time.time() if timestamp is None else timestamp) * 1e6)
        self._file.write(_STAMP.pack(stamp))
        self._file.write(frame)
        self.frames += 1

    def record(self, frame: bytes, sent: bool) -> None:
        """A frame the station heard or sent (a hub's tap). The log begins with the first frame heard:
        our own heartbeats into a silent link are no session worth a file."""
        if sent and not self.frames:
            return
        self.write(frame)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
