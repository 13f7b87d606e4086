"""A live video feed: one reader thread per source that keeps only the newest frame.

The reader decodes continuously (so FFmpeg never buffers old frames), stamps each frame with its
capture time on the station clock, checks its pixel format, and reconnects with backoff when the
source fails. Problems become `FeedEvent`s with a clear message; the feed carries on.

Capture time: a live stream's presentation time (PTS) runs on the sender's clock. The station
keeps the smallest `arrival - PTS` seen since (re)connecting; `PTS + that offset` is then the
capture time as late as the fastest frame's transport allows, free of decoder jitter, once the
frames FFmpeg holds back (`VideoSource.held_frames`, one or two frame intervals) are taken off.
"""
from __future__ import annotations

import math
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from drivers.video.sources import VideoOpenError, VideoSource, open_capture

PTS_JUMP_S = 10.0
REPEATING = ("wrong-format", "missing-frames")
REPEAT_QUIET_S = 2.0  # a larger jump (or a step back) means the sender restarted its clock


@dataclass(frozen=True)
class VideoFrame:
    image: np.ndarray
    capture_time_s: float  # station clock
    received_time_s: float  # station clock, when decoding finished
    seq: int  # counts frames delivered by this feed
    stream_time_s: float | None  # the stream's own PTS, where it has one


@dataclass(frozen=True)
class FrameFormat:
    """What a consumer needs: 1 or 3 channels, a dtype and optionally a size."""

    channels: int
    dtype: str  # "uint8" or "uint16"
    width: int | None = None
    height: int | None = None

    def problem(self, image: np.ndarray) -> str | None:
        channels = 1 if image.ndim == 2 else image.shape[2]
        got = f"{image.dtype} with {channels} channel(s), {image.shape[1]}x{image.shape[0]}"
        want = f"{self.dtype} with {self.channels} channel(s)"
        if self.width is not None:
            want += f", {self.width}x{self.height}"
        if channels != self.channels or image.dtype != np.dtype(self.dtype) or \
                (self.width is not None and (image.shape[1], image.shape[0]) != (self.width, self.height)):
            return f"wrong pixel format: expected {want}, got {got}"
        return None


BGR8 = FrameFormat(3, "uint8")
Y16 = FrameFormat(1, "uint16")


@dataclass(frozen=True)
class FeedEvent:
    time_s: float
    kind: str  # connected, open-failed, stalled, ended, truncated, missing-frames, wrong-format
    message: str


@dataclass(frozen=True)
class FeedStatus:
    state: str  # connecting, live, reconnecting, ended, stopped
    frames: int
    unread_dropped: int  # frames replaced by a newer one before anyone took them
    reconnects: int
    last_error: str | None


class VideoFeed:
    def __init__(self, source: VideoSource, expect: FrameFormat | None = None, *,
                 clock: Callable[[], float] = time.time, backoff_s: tuple[float, float] = (0.5, 8.0),
                 loop_file: bool = False, pace_file: bool = True,
                 on_event: Callable[[FeedEvent], None] | None = None) -> None:
        self.source, self.expect, self.clock = source, expect, clock
        self.backoff_min_s, self.backoff_max_s = backoff_s
        self.loop_file, self.pace_file, self.on_event = loop_file, pace_file, on_event
        self._cond = threading.Condition()
        self._latest: VideoFrame | None = None
        self._taken_seq = -1
        self._events: deque[FeedEvent] = deque(maxlen=200)
        self._state, self._frames, self._dropped, self._reconnects = "connecting", 0, 0, 0
        self._last_error: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"video {source.uri}", daemon=True)

    # ---- consumer side -------------------------------------------------------------------------

    def start(self) -> "VideoFeed":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout=self.source.open_timeout_s + self.source.read_timeout_s + 2.0)

    def __enter__(self) -> "VideoFeed":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def latest(self) -> VideoFrame | None:
        """The newest frame (it may have been returned before)."""
        with self._cond:
            if self._latest is not None:
                self._taken_seq = self._latest.seq
            return self._latest

    def next_frame(self, timeout_s: float) -> VideoFrame | None:
        """The newest frame not yet taken, waiting up to `timeout_s`; None if none came."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._latest is None or self._latest.seq <= self._taken_seq:
                left = deadline - time.monotonic()
                if left <= 0 or self._stop.is_set():
                    return None
                self._cond.wait(left)
            self._taken_seq = self._latest.seq
            return self._latest

    def status(self) -> FeedStatus:
        with self._cond:
            return FeedStatus(self._state, self._frames, self._dropped, self._reconnects, self._last_error)

    def events(self) -> list[FeedEvent]:
        with self._cond:
            return list(self._events)

    # ---- reader thread -------------------------------------------------------------------------

    def _run(self) -> None:
        backoff = self.backoff_min_s
        while not self._stop.is_set():
            try:
                cap = open_capture(self.source)
            except VideoOpenError as exc:
                self._event("open-failed", f"{exc}; retrying in {backoff:.1f} s", error=True)
            else:
                self._event("connected", f"opened {self.source.uri}")
                self._set_state("live")
                try:
                    delivered, outcome = self._read(cap)
                finally:
                    cap.release()
                if delivered:
                    backoff = self.backoff_min_s
                if outcome == "ended" and not self.loop_file:
                    self._set_state("ended")
                    return
            if self._stop.wait(backoff):
                break
            backoff = min(backoff * 2.0, self.backoff_max_s)
            with self._cond:
                self._reconnects += 1
                self._state = "reconnecting"
        self._set_state("stopped")

    def _read(self, cap: cv2.VideoCapture) -> tuple[int, str]:
        """Read until the source fails or ends; returns (frames delivered, "ended"/"failed"/"stopped")."""
        is_file = not self.source.live
        expected_total = int(cap.get(cv2.CAP_PROP_FRAME_COUNT)) if is_file else 0
        offset: float | None = None
        last_pts: float | None = None
        last_capture = -math.inf
        deltas: deque[float] = deque(maxlen=15)
        started, first_pts = time.monotonic(), None
        decoded = delivered = 0
        wrong_since: float | None = None
        while not self._stop.is_set():
            ok, image = cap.read()
            arrival = self.clock()
            if not ok or image is None:
                if is_file:
                    return delivered, self._file_ended(decoded, expected_total)
                self._event("stalled", f"no decodable frame from {self.source.uri} for "
                            f"{self.source.read_timeout_s:.1f} s (stream stopped, corrupt or truncated); "
                            "reconnecting", error=True)
                return delivered, "failed"
            decoded += 1
            pts = _stream_time(cap)
            if is_file and self.pace_file and pts is not None:
                first_pts = pts if first_pts is None else first_pts
                self._stop.wait(max(0.0, (pts - first_pts) - (time.monotonic() - started)))
            if pts is not None and last_pts is not None:
                step = pts - last_pts
                if step <= 0 or step > PTS_JUMP_S:
                    offset, deltas, last_capture = None, deque(maxlen=15), -math.inf  # sender restarted: re-anchor
                else:
                    self._check_gap(step, deltas, pts)
                    deltas.append(step)
            last_pts = pts
            if pts is None or is_file:
                capture = arrival
            else:
                offset = arrival - pts if offset is None else min(offset, arrival - pts)
                held_s = self.source.held_frames * statistics.median(deltas) if deltas else 0.0
                # the first frame comes before any interval is known: later ones never go back before it
                capture = max(pts + offset - held_s, last_capture)
                last_capture = capture
            problem = self.expect.problem(image) if self.expect else None
            if problem:
                self._event("wrong-format", f"{self.source.uri}: {problem}; frame dropped", error=True)
                wrong_since = arrival if wrong_since is None else wrong_since
                if arrival - wrong_since > self.source.read_timeout_s:
                    return delivered, "failed"  # reopen: FFmpeg keeps the size it opened with
                continue
            wrong_since = None
            self._deliver(image, capture, arrival, pts)
            delivered += 1
        return delivered, "stopped"

    def _check_gap(self, step: float, deltas: deque[float], pts: float) -> None:
        if len(deltas) < 5:
            return
        interval = statistics.median(deltas)
        missing = round(step / interval) - 1 if interval > 0 else 0
        if missing >= 1 and step > 1.5 * interval:
            self._event("missing-frames", f"{self.source.uri}: {missing} frame(s) missing before "
                        f"stream time {pts:.3f} s", error=True)

    def _file_ended(self, decoded: int, expected_total: int) -> str:
        if expected_total > 0 and decoded < 0.95 * expected_total:
            self._event("truncated", f"{self.source.uri} ended after {decoded} of {expected_total} frames "
                        "(file truncated or corrupt)", error=True)
        else:
            self._event("ended", f"{self.source.uri} ended after {decoded} frames")
        return "ended"

    def _deliver(self, image: np.ndarray, capture: float, arrival: float, pts: float | None) -> None:
        with self._cond:
            if self._latest is not None and self._latest.seq > self._taken_seq:
                self._dropped += 1
            self._latest = VideoFrame(image, capture, arrival, self._frames, pts)
            self._frames += 1
            self._last_error = None
            self._cond.notify_all()

    def _event(self, kind: str, message: str, error: bool = False) -> None:
        event = FeedEvent(self.clock(), kind, message)
        with self._cond:
            last = self._events[-1] if self._events else None
            if last is not None and last.kind == kind and kind in REPEATING and \
                    event.time_s - last.time_s < REPEAT_QUIET_S:
                return  # a bad stream repeats the same complaint every frame: say it once a while
            self._events.append(event)
            if error:
                self._last_error = message
        if self.on_event is not None:
            self.on_event(event)

    def _set_state(self, state: str) -> None:
        with self._cond:
            self._state = state


def _stream_time(cap: cv2.VideoCapture) -> float | None:
    ms = cap.get(cv2.CAP_PROP_POS_MSEC)
    return ms / 1000.0 if math.isfinite(ms) and ms > 0 else None
