"""PX4's geofence from the vehicle's side: the uploaded fence items, GF_MAX_HOR_DIST/GF_MAX_VER_DIST,
and the check navigator runs on the current position (Geofence::isInsidePolygonOrCircle)."""
from __future__ import annotations

import math
from dataclasses import dataclass

from pymavlink.dialects.v20 import common as mavlink

from missions.items import MissionItem

Point = tuple[float, float]          # local east, north in metres


@dataclass(frozen=True)
class FenceArea:
    inclusion: bool
    polygon: tuple[Point, ...] = ()
    center: Point | None = None
    radius: float = 0.0

    def contains(self, p: Point) -> bool:
        if self.center is not None:
            return math.hypot(p[0] - self.center[0], p[1] - self.center[1]) <= self.radius
        inside = False
        poly = self.polygon
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
            if (y1 > p[1]) != (y2 > p[1]) and p[0] < (x2 - x1) * (p[1] - y1) / (y2 - y1) + x1:
                inside = not inside
        return inside


def fence_areas(items: list[MissionItem], to_local) -> list[FenceArea]:
    """Group the uploaded fence items into areas: polygons are runs of `param1` vertices."""
    areas: list[FenceArea] = []
    i = 0
    while i < len(items):
        item = items[i]
        cmd = item.command
        if cmd in (mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_EXCLUSION):
            areas.append(FenceArea(cmd == mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION,
                                   center=to_local(item.x / 1e7, item.y / 1e7), radius=item.param1))
            i += 1
        elif cmd in (mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION, mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION):
            count = max(3, int(item.param1))
            run = items[i:i + count]
            areas.append(FenceArea(cmd == mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION,
                                   polygon=tuple(to_local(v.x / 1e7, v.y / 1e7) for v in run)))
            i += count
        else:
            i += 1                   # return point and anything else: not an area
    return areas


def inside_fence(areas: list[FenceArea], p: Point) -> bool:
    """Outside every exclusion area and, if there are inclusion areas, inside at least one."""
    included = None
    for area in areas:
        if area.inclusion:
            included = included or area.contains(p)
        elif area.contains(p):
            return False
    return included is not False
