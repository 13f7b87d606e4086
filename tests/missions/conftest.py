"""Shared builders for the search-planning tests: areas drawn in metres around a datum."""

from __future__ import annotations

import math

import pytest

from missions.area import SearchArea
from missions.geodesy import LatLon, LocalFrame

DATUM = LatLon(49.47, 6.37)  # near Schengen, where FR, LU and DE meet


def area_from_metres(outer, holes=(), origin: LatLon = DATUM, name: str = "") -> SearchArea:
    frame = LocalFrame(origin)

    def ring(pts):
        lat, lon = frame.to_latlon([p[0] for p in pts], [p[1] for p in pts])
        return [LatLon(float(a), float(b)) for a, b in zip(lat, lon)]

    return SearchArea(ring(outer), [ring(h) for h in holes], name=name)


def star(radii, origin: LatLon = DATUM, hole: float | None = None) -> SearchArea:
    """A star-shaped (often concave) polygon with the given corner distances, optional square hole."""
    n = len(radii)
    outer = [(r * math.sin(2 * math.pi * i / n), r * math.cos(2 * math.pi * i / n)) for i, r in enumerate(radii)]
    holes = [[(-hole, -hole), (hole, -hole), (hole, hole), (-hole, hole)]] if hole else []
    return area_from_metres(outer, holes, origin)


# A concave "comb" with two no-fly holes, about 5.2 km^2 (the benchmark's shape, smaller spacing tests use it too).
COMB_OUTER = [(0, 0), (3000, 0), (3000, 1000), (1800, 1000), (1800, 1900), (3000, 2000), (2600, 2400),
              (0, 2200), (300, 1200)]
COMB_HOLES = [[(500, 400), (900, 400), (900, 700), (500, 700)], [(2200, 300), (2500, 500), (2300, 700)]]


@pytest.fixture
def comb_area() -> SearchArea:
    return area_from_metres(COMB_OUTER, COMB_HOLES, name="comb")
