"""Parallel-track planning over a 5 km^2 concave area with two no-fly holes at 40 m spacing.

Prints our planner's time as a ratio against a plain bounding-box lawnmower over the same area
(run here, same process, same conversion to lat/lon and plan measurement), and the coverage each
achieves at 20% side overlap (footprint = spacing / 0.8). Goal: under 100 ms, coverage >= 99%.

    .venv/bin/python bench/patterns.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from missions.area import SearchArea
from missions.coverage import coverage
from missions.geodesy import LatLon, LocalFrame
from missions.patterns import parallel_track
from missions.plan import FlightLimits, build_plan

SPACING = 40.0
OVERLAP = 0.2
ORIGIN = LatLon(49.47, 6.37)
OUTER = [(0, 0), (3000, 0), (3000, 1000), (1800, 1000), (1800, 1900), (3000, 2000), (2600, 2400), (0, 2200),
         (300, 1200)]
HOLES = [[(500, 400), (900, 400), (900, 700), (500, 700)], [(2200, 300), (2500, 500), (2300, 700)]]


def make_area() -> SearchArea:
    frame = LocalFrame(ORIGIN)

    def ring(pts):
        lat, lon = frame.to_latlon([p[0] for p in pts], [p[1] for p in pts])
        return [LatLon(float(a), float(b)) for a, b in zip(lat, lon)]

    return SearchArea(ring(OUTER), [ring(h) for h in HOLES], name="bench comb")


def bounding_box_lawnmower(area: SearchArea, spacing: float):
    """The baseline: east-west rows over the area's bounding box, ignoring shape and holes."""
    frame = area.frame()
    region = area.to_local(frame)
    minx, miny, maxx, maxy = region.bounds
    ys = np.arange(miny + spacing / 2, maxy, spacing)
    xs = np.where(np.arange(len(ys)) % 2 == 0, minx, maxx)
    xe = np.where(np.arange(len(ys)) % 2 == 0, maxx, minx)
    e = np.stack([xs, xe], 1).ravel()
    n = np.repeat(ys, 2)
    lat, lon = frame.to_latlon(e, n)
    points = [LatLon(float(a), float(b)) for a, b in zip(lat, lon)]
    searching = [i % 2 == 0 for i in range(len(points) - 1)]
    return build_plan("bbox-lawnmower", points, searching, 60, spacing, FlightLimits(max_mission_items=100000))


def timed(fn, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    area = make_area()
    footprint = SPACING / (1 - OVERLAP)
    limits = FlightLimits(max_mission_items=100000)
    timed(lambda: parallel_track(area, SPACING, 60, limits=limits), 2)  # warm up imports and caches
    t_base, base = timed(lambda: bounding_box_lawnmower(area, SPACING), 15)
    t_ours, ours = timed(lambda: parallel_track(area, SPACING, 60, limits=limits), 15)
    print(f"area {area.area_m2() / 1e6:.2f} km^2, concave, 2 no-fly holes, spacing {SPACING:g} m, "
          f"side overlap {OVERLAP:.0%} (footprint {footprint:g} m)")
    print(f"bbox lawnmower (baseline): {t_base * 1000:7.1f} ms  {len(base.waypoints):4d} waypoints  "
          f"track {base.track_length_m / 1000:6.1f} km  coverage {coverage(base, area, footprint):.2%} "
          f"(flies over the holes)")
    print(f"parallel track (ours):     {t_ours * 1000:7.1f} ms  {len(ours.waypoints):4d} waypoints  "
          f"track {ours.track_length_m / 1000:6.1f} km  coverage {coverage(ours, area, footprint):.2%}")
    print(f"time ratio ours/baseline: {t_ours / t_base:.1f}x   goal: < 100 ms -> "
          f"{'met' if t_ours < 0.1 else 'NOT met'}; coverage >= 99% -> "
          f"{'met' if coverage(ours, area, footprint) >= 0.99 else 'NOT met'}")


if __name__ == "__main__":
    main()
