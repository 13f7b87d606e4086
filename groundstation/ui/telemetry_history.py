"""Recent telemetry per vehicle for the plots: altitude, speed, battery and link quality (no Qt)."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

HISTORY_S = 600.0  # ten minutes: a sortie's climb, transit and search all fit on one plot

# (key, unit) of each plotted quantity, in the order the plots are drawn.
SERIES = (("altitude", "m"), ("speed", "m/s"), ("battery", "%"), ("link", "%"))


@dataclass(frozen=True)
class Sample:
    time: float
    altitude: float   # above home, m
    speed: float      # over ground, m/s
    battery: float    # remaining, %; nan when not reported
    link: float       # frames received, %; 0 while the link is lost


class TelemetryHistory:
    def __init__(self, span_s: float = HISTORY_S) -> None:
        self.span_s = span_s
        self._samples: dict[int, deque[Sample]] = {}

    def add_snapshot(self, snapshot) -> None:
        for sid, view in snapshot.vehicles.items():
            st = view.state
            samples = self._samples.setdefault(sid, deque())
            if samples and snapshot.time <= samples[-1].time:
                continue  # the same snapshot shown twice adds nothing
            samples.append(Sample(snapshot.time, st.alt_rel, st.ground_speed,
                                  float(st.battery_remaining) if st.battery_remaining >= 0 else math.nan,
                                  st.link_quality * 100.0 if st.link_ok else 0.0))
            while samples and samples[0].time < snapshot.time - self.span_s:
                samples.popleft()

    def samples(self, system_id: int) -> list[Sample]:
        return list(self._samples.get(system_id, ()))

    def series(self, system_id: int, key: str) -> tuple[list[float], list[float]]:
        """Times and values of one quantity, gaps (nan) left out."""
        times, values = [], []
        for s in self._samples.get(system_id, ()):
            v = getattr(s, key)
            if not math.isnan(v):
                times.append(s.time)
                values.append(v)
        return times, values
