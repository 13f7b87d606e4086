"""Where things go on the map: a local metric projection and the viewport over it (no Qt).

The map is drawn in east/north metres around a fixed origin near the fleet, which keeps distances
true at the scale of one incident. The viewport turns those metres into screen pixels; a later tile
layer only needs the same two conversions to draw tiles underneath.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pymap3d


@dataclass(frozen=True)
class LocalProjection:
    """East/north metres on the ground plane at the origin (ENU at height 0)."""

    lat0: float
    lon0: float

    def to_local(self, lat, lon):
        """Geodetic degrees to (east, north) metres; works on scalars and numpy arrays."""
        e, n, _ = pymap3d.geodetic2enu(lat, lon, 0.0, self.lat0, self.lon0, 0.0)
        return e, n

    def to_geodetic(self, east: float, north: float) -> tuple[float, float]:
        lat, lon, _ = pymap3d.enu2geodetic(east, north, 0.0, self.lat0, self.lon0, 0.0)
        return float(lat), float(lon)


@dataclass
class Viewport:
    """The part of the local plane shown in a widget: centre in metres, scale in metres per pixel."""

    width: int = 800
    height: int = 600
    center_e: float = 0.0
    center_n: float = 0.0
    m_per_px: float = 1.0

    MIN_M_PER_PX = 0.02   # about a drone's length across 25 px
    MAX_M_PER_PX = 500.0  # a whole border region in one window

    def to_screen(self, east, north):
        """Local metres to pixel coordinates (y down); scalars or numpy arrays."""
        x = self.width / 2 + (np.asarray(east) - self.center_e) / self.m_per_px
        y = self.height / 2 - (np.asarray(north) - self.center_n) / self.m_per_px
        return x, y

    def to_local(self, x: float, y: float) -> tuple[float, float]:
        east = self.center_e + (x - self.width / 2) * self.m_per_px
        north = self.center_n - (y - self.height / 2) * self.m_per_px
        return east, north

    def pan(self, dx_px: float, dy_px: float) -> None:
        """Move the content by a mouse drag of (dx, dy) pixels."""
        self.center_e -= dx_px * self.m_per_px
        self.center_n += dy_px * self.m_per_px

    def zoom_at(self, x: float, y: float, factor: float) -> None:
        """Zoom by factor (>1 zooms in) keeping the ground point under (x, y) where it is."""
        east, north = self.to_local(x, y)
        self.m_per_px = min(max(self.m_per_px / factor, self.MIN_M_PER_PX), self.MAX_M_PER_PX)
        self.center_e = east - (x - self.width / 2) * self.m_per_px
        self.center_n = north + (y - self.height / 2) * self.m_per_px

    def fit(self, points: list[tuple[float, float]], margin_px: int = 60, min_span_m: float = 200.0) -> None:
        """Show every (east, north) point with a margin; a lone point gets min_span_m around it."""
        if not points:
            return
        es = [p[0] for p in points]
        ns = [p[1] for p in points]
        span_e = max(max(es) - min(es), min_span_m)
        span_n = max(max(ns) - min(ns), min_span_m)
        usable_w = max(self.width - 2 * margin_px, 50)
        usable_h = max(self.height - 2 * margin_px, 50)
        self.center_e = (max(es) + min(es)) / 2
        self.center_n = (max(ns) + min(ns)) / 2
        self.m_per_px = min(max(span_e / usable_w, span_n / usable_h, self.MIN_M_PER_PX), self.MAX_M_PER_PX)


def nice_step(target_m: float) -> float:
    """The 1-2-5 series value nearest above target_m: grid spacings and scale bars a pilot can read."""
    if target_m <= 0 or not math.isfinite(target_m):
        raise ValueError(f"step must be a positive distance, got {target_m!r}")
    exponent = math.floor(math.log10(target_m))
    base = 10.0 ** exponent
    for multiple in (1.0, 2.0, 5.0, 10.0):
        if multiple * base >= target_m * (1 - 1e-9):
            return multiple * base
    return 10.0 * base


def format_distance(metres: float) -> str:
    if metres >= 1000:
        km = metres / 1000
        return f"{km:g} km"
    if metres >= 1:
        return f"{metres:g} m"
    return f"{metres * 100:g} cm"
