"""The MGRS / UTMREF grid over the map: lines of equal easting and northing in the view's UTM zone (no Qt).

Fire services read grid references off paper maps with 1 km squares; the map draws the same
lines, labelled with the digits a pilot reads out, at a spacing that suits the zoom.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pyproj import Transformer

from missions.coordinates import CoordinateError, utm_zone

STEPS_M = (100.0, 1_000.0, 10_000.0, 100_000.0)
SAMPLES = 24  # points along each line: UTM lines are slightly curved in the map's projection


@dataclass(frozen=True)
class GridLine:
    points: tuple[tuple[float, float], ...]  # (lat, lon) along the line
    label: str                               # the reference digits of this line
    easting: bool                            # True: a line of constant easting (runs north-south)


def grid_step(metres_across: float, lines_wanted: float = 8.0) -> float:
    """The grid spacing giving about lines_wanted lines across the view."""
    for step in STEPS_M:
        if metres_across / step <= lines_wanted * 1.5:
            return step
    return STEPS_M[-1]


@lru_cache(maxsize=None)
def _to_utm(zone: int, south: bool) -> Transformer:
    return Transformer.from_crs("EPSG:4326", f"EPSG:{(32700 if south else 32600) + zone}", always_xy=True)


def _label(value: float, step: float) -> str:
    """The digits an operator reads for this line: 2 for 1 km, 3 for 100 m, 1 for 10 km."""
    within = int(round(value)) % 100_000
    digits = {100.0: 3, 1_000.0: 2, 10_000.0: 1}.get(step)
    return "" if digits is None else f"{within // int(step):0{digits}d}"


def grid_lines(south: float, west: float, north: float, east: float, step: float) -> list[GridLine]:
    """The grid lines crossing a lat/lon box, in the UTM zone of its centre."""
    lat_c, lon_c = (south + north) / 2, (west + east) / 2
    try:
        zone = utm_zone(lat_c, lon_c)
    except CoordinateError:
        return []
    if not -80.0 <= lat_c <= 84.0:
        return []
    forward = _to_utm(zone, lat_c < 0)
    xs, ys = forward.transform([west, east, west, east], [south, south, north, north])
    e0, e1, n0, n1 = min(xs), max(xs), min(ys), max(ys)
    if (e1 - e0) / step > 200 or (n1 - n0) / step > 200:
        return []  # far too many lines to read: the caller picked a finer step than the view allows
    back = _to_utm(zone, lat_c < 0)
    lines: list[GridLine] = []
    along_n = np.linspace(n0, n1, SAMPLES)
    for e in np.arange(np.ceil(e0 / step) * step, e1 + 1e-6, step):
        lons, lats = back.transform(np.full(SAMPLES, e), along_n, direction="INVERSE")
        lines.append(GridLine(tuple(zip(map(float, lats), map(float, lons))), _label(e, step), True))
    along_e = np.linspace(e0, e1, SAMPLES)
    for n in np.arange(np.ceil(n0 / step) * step, n1 + 1e-6, step):
        lons, lats = back.transform(along_e, np.full(SAMPLES, n), direction="INVERSE")
        lines.append(GridLine(tuple(zip(map(float, lats), map(float, lons))), _label(n, step), False))
    return lines
