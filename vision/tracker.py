"""Multi-frame tracker: keeps an identity for each object across frames and confirms it
once it was seen in `confirm_hits` of the last `window` frames (one-frame flickers never
become findings)."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from vision.records import Detection


@dataclass
class Track:
    track_id: int
    label: str
    last: Detection
    last_time_s: float
    history: deque = field(default_factory=deque)  # True/False per frame: seen or not
    confirmed: bool = False
    best: Detection | None = None  # surest detection, for the snapshot
    misses: int = 0  # frames in a row without it (can exceed the window)


class Tracker:
    def __init__(self, confirm_hits: int = 3, window: int = 5, max_misses: int = 5,
                 gate_px: float = 40.0) -> None:
        if not 1 <= confirm_hits <= window:
            raise ValueError("need 1 <= confirm_hits <= window")
        self.confirm_hits, self.window, self.max_misses, self.gate_px = confirm_hits, window, max_misses, gate_px
        self.tracks: list[Track] = []
        self._next_id = 1

    def update(self, detections: list[Detection], time_s: float) -> list[Track]:
        """Feed one frame's detections; returns the tracks confirmed in this very frame."""
        pairs = []
        for ti, track in enumerate(self.tracks):
            tx, ty = track.last.box.centre
            for di, det in enumerate(detections):
                if det.label != track.label:
                    continue
                dx, dy = det.box.centre
                dist = ((dx - tx) ** 2 + (dy - ty) ** 2) ** 0.5
                # a gate that grows with the box, so large hotspots still associate
                gate = max(self.gate_px, 0.5 * max(det.box.w, det.box.h, track.last.box.w, track.last.box.h))
                if dist <= gate:
                    pairs.append((dist, ti, di))
        used_t, used_d = set(), set()
        for _, ti, di in sorted(pairs):  # greedy nearest first
            if ti in used_t or di in used_d:
                continue
            used_t.add(ti)
            used_d.add(di)
            self._record(self.tracks[ti], detections[di], time_s)
        for ti, track in enumerate(self.tracks):
            if ti not in used_t:
                self._push(track, False)
        for di, det in enumerate(detections):
            if di not in used_d:
                track = Track(self._next_id, det.label, det, time_s, best=det)
                self._next_id += 1
                self._push(track, True)
                self.tracks.append(track)
        newly = []
        for track in self.tracks:
            if not track.confirmed and sum(track.history) >= self.confirm_hits:
                track.confirmed = True
                newly.append(track)
        self.tracks = [t for t in self.tracks if t.misses <= self.max_misses]
        return newly

    def _record(self, track: Track, det: Detection, time_s: float) -> None:
        track.last, track.last_time_s = det, time_s
        if track.best is None or det.confidence > track.best.confidence:
            track.best = det
        self._push(track, True)

    def _push(self, track: Track, seen: bool) -> None:
        track.misses = 0 if seen else track.misses + 1
        track.history.append(seen)
        while len(track.history) > self.window:
            track.history.popleft()
