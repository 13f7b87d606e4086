"""Splitting a search area among several drones, balanced by track length.

The area is cut across the tracks, between two tracks, so every drone flies whole tracks of one
common grid: nothing is searched twice and no strip falls between two drones.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely import box

from missions.area import SearchArea
from missions.errors import MissionError
from missions.patterns import Sizing, _holes, _sweep_plan
from missions.plan import FlightLimits, SearchPlan, check_spacing
from missions.sweep import long_axis_azimuth, rotate_from_tracks, rotate_to_tracks, track_lengths, track_positions


@dataclass(frozen=True)
class DroneSearch:
    """One drone's share: its part of the area (one or more polygons) and its own plan."""

    drone: int  # 1-based
    parts: list[SearchArea]
    plan: SearchPlan


def split_area(area: SearchArea, drones: int, spacing_m: float, altitude_m: float, *,
               track_azimuth_deg: float | None = None, turn_margin_m: float | None = None,
               limits: FlightLimits = FlightLimits(), sizing: Sizing | None = None) -> list[DroneSearch]:
    """Parallel-track plans for `drones` drones over `area`, each inside its own part."""
    if isinstance(drones, bool) or not isinstance(drones, int) or drones < 1:
        raise MissionError(f"number of drones {drones!r} must be a whole number of at least 1")
    check_spacing(spacing_m)
    frame = area.frame()
    region = area.to_local(frame)
    azimuth = track_azimuth_deg if track_azimuth_deg is not None else long_axis_azimuth(region)
    rot = rotate_to_tracks(region, azimuth)
    minx, miny, maxx, maxy = rot.bounds
    ys = track_positions(miny, maxy, spacing_m)
    if len(ys) < drones:
        raise MissionError(f"the area holds only {len(ys)} tracks at {spacing_m:g} m spacing: "
                           f"too few to share among {drones} drones")
    # Each track costs its length plus the turn to the next one.
    cost = np.cumsum(track_lengths(rot, ys, spacing_m) + spacing_m)
    cuts = [miny]
    last = -1  # index of the last line given to the previous drone
    for k in range(1, drones):
        # Cut after the line whose running cost is nearest k/N of the total, one line per drone at least.
        lo, hi = last + 1, len(ys) - 1 - (drones - k)
        i = lo + int(np.argmin(np.abs(cost[lo:hi + 1] - cost[-1] * k / drones)))
        cuts.append(float(ys[i]) + spacing_m / 2)
        last = i
    cuts.append(maxy)
    no_fly = _holes(region)
    result = []
    for d in range(drones):
        part_rot = shapely.intersection(rot, box(minx - 1, cuts[d], maxx + 1, cuts[d + 1]))
        part = rotate_from_tracks(part_rot, azimuth)
        polys = [p for p in shapely.get_parts(part) if p.geom_type == "Polygon" and p.area > 1.0]
        if not polys:
            raise MissionError(f"drone {d + 1} got an empty part: use fewer drones or a smaller spacing")
        pieces = [SearchArea.from_local(frame, p, name=f"{area.name or 'area'} part {d + 1}") for p in polys]
        plan = _sweep_plan("parallel", frame, shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0], no_fly,
                           spacing_m, altitude_m, azimuth, turn_margin_m, None, limits, sizing, area=pieces[0])
        result.append(DroneSearch(d + 1, pieces, plan))
    return result
