"""How much of an area the camera footprints of a plan's search legs cover."""

from __future__ import annotations

import numpy as np
import shapely

from missions.area import SearchArea
from missions.errors import MissionError
from missions.geodesy import LocalFrame
from missions.plan import SearchPlan


def footprint_swaths(plan: SearchPlan, frame: LocalFrame, footprint_width_m: float | None = None):
    """The ground seen along each search leg: a band one footprint wide, cut square at the
    leg ends (the along-track half footprint beyond each end is not counted)."""
    width = footprint_width_m if footprint_width_m is not None else plan.footprint_width_m
    if width is None or width <= 0:
        raise MissionError("coverage needs the camera footprint width: size the plan from a camera")
    legs = [leg for leg in plan.legs if leg.searching and leg.length_m > 0]
    if not legs:
        return shapely.GeometryCollection()
    lats = np.array([[leg.start.lat, leg.end.lat] for leg in legs])
    lons = np.array([[leg.start.lon, leg.end.lon] for leg in legs])
    e, n = frame.to_local(lats.ravel(), lons.ravel())
    lines = shapely.linestrings(np.stack([e, n], 1).reshape(-1, 2, 2))
    return shapely.union_all(shapely.buffer(lines, width / 2, cap_style="flat"))


def coverage(plan: SearchPlan, area: SearchArea, footprint_width_m: float | None = None) -> float:
    """Fraction (0..1) of the area inside at least one footprint swath."""
    frame = area.frame()
    region = area.to_local(frame)
    seen = footprint_swaths(plan, frame, footprint_width_m)
    return float(shapely.intersection(region, seen).area / region.area)
