"""A link that replays a .tlog into the station at a chosen speed, with pause and seek.

The log is read once with pymavlink's own .tlog reader (frames and their timestamps); the link
then hands the frames to the hub as if a radio had just received them, spaced as they were
recorded, divided by the speed. What the station sends to a replay goes nowhere. URL form:
`tlog:/path/to/file.tlog` or `tlog:/path/to/file.tlog:4` for four times real time.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
from pathlib import Path

from pymavlink import mavutil

from drivers.mavlink.links import Address, Link, LinkError, LinkSpec, ReceiveCallback

BATCH_S = 0.02  # frames due within this much log time go out together


def parse_replay_url(url: str) -> tuple[Path, float]:
    """`tlog:PATH[:SPEED]` -> (path, speed)."""
    kind, sep, rest = url.partition(":")
    if kind.strip().lower() != "tlog" or not sep or not rest:
        raise LinkError(f"link {url!r}: expected tlog:PATH[:SPEED]")
    path, speed = rest, 1.0
    head, _, tail = rest.rpartition(":")
    if head:
        try:
            path, speed = head, float(tail)
        except ValueError:
            pass  # a colon inside the path, not a speed
    if not speed > 0:
        raise LinkError(f"link {url!r}: replay speed must be positive")
    return Path(path), speed


def read_tlog(path: Path) -> tuple[list[float], list[bytes]]:
    """Timestamps (Unix seconds) and raw frames of every frame pymavlink can read in a .tlog."""
    if not path.is_file():
        raise LinkError(f"tlog replay: no such file {path}")
    try:
        log = mavutil.mavlink_connection(str(path), robust_parsing=True)
    except Exception as e:  # pymavlink raises plain exceptions for unreadable files
        raise LinkError(f"tlog replay: cannot read {path}: {e}") from None
    times, frames = [], []
    try:
        while (msg := log.recv_msg()) is not None:
            if msg.get_type() == "BAD_DATA":
                continue
            times.append(msg._timestamp)
            frames.append(bytes(msg.get_msgbuf()))
    finally:
        log.close()
    if not frames:
        raise LinkError(f"tlog replay: {path} holds no MAVLink frames")
    return times, frames


class TlogReplay(Link):
    def __init__(self, path: Path, speed: float, on_receive: ReceiveCallback) -> None:
        super().__init__(LinkSpec("tlog", device=str(path)), on_receive)
        self.name = f"tlog:{path}"
        self.path = Path(path)
        self.speed = speed
        self._times: list[float] = []
        self._frames: list[bytes] = []
        self._next = 0
        self._task: asyncio.Task | None = None
        self._wake = asyncio.Event()
        self._paused = False

    # -- where the replay is --------------------------------------------------------------------
    @property
    def duration_s(self) -> float:
        return self._times[-1] - self._times[0] if self._times else 0.0

    @property
    def position_s(self) -> float:
        if not self._times:
            return 0.0
        return self._times[min(self._next, len(self._times) - 1)] - self._times[0]

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def finished(self) -> bool:
        return bool(self._frames) and self._next >= len(self._frames)

    @property
    def frames_sent(self) -> int:
        return self._next

    # -- control --------------------------------------------------------------------------------
    def seek(self, position_s: float) -> None:
        """Go on from this many seconds after the log's start (clamped to the log)."""
        self._next = bisect.bisect_left(self._times, self._times[0] + max(0.0, position_s))
        self._wake.set()

    def set_speed(self, speed: float) -> None:
        if not speed > 0:
            raise LinkError("replay speed must be positive")
        self.speed = speed
        self._wake.set()

    def pause(self) -> None:
        self._paused = True
        self._wake.set()

    def resume(self) -> None:
        self._paused = False
        self._wake.set()

    # -- Link -----------------------------------------------------------------------------------
    async def open(self) -> None:
        self._times, self._frames = await asyncio.get_running_loop().run_in_executor(None, read_tlog, self.path)
        self.stats.connected = True
        self._task = asyncio.create_task(self._run(), name=f"replay {self.path.name}")

    def send(self, data: bytes, peer: Address | None = None) -> None:
        pass  # a recording cannot hear us

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.stats.connected = False

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._wake.clear()
            if self._paused or self.finished:
                await self._wake.wait()
                continue
            # a clock that starts anew after every seek, speed change or pause
            start_index, start_wall, speed = self._next, loop.time(), self.speed
            origin = self._times[start_index]
            while not self._wake.is_set() and not self.finished:
                due = origin + (loop.time() - start_wall) * speed + BATCH_S * speed
                end = bisect.bisect_right(self._times, due, lo=self._next)
                for i in range(self._next, end):
                    self._received(self._frames[i], self.name)
                self._next = end
                if self.finished:
                    break
                wait = (self._times[self._next] - origin) / speed - (loop.time() - start_wall)
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(max(wait, 0.0)):
                        await self._wake.wait()
