"""QGroundControl .plan files to the three mission types and back.

Mission items come from `PlanFile.mission_items()` (simple items and the transects of survey and
corridor items). Geofence polygons become MAV_CMD_NAV_FENCE_POLYGON_VERTEX_* items (param1 = the
polygon's vertex count, param2 = its inclusion group), circles MAV_CMD_NAV_FENCE_CIRCLE_* (param1
= radius), rally points MAV_CMD_NAV_RALLY_POINT, all as QGroundControl sends them. What comes
back from a vehicle is written as a .plan QGroundControl opens.
"""

from __future__ import annotations

import json

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.mission import FENCE, RALLY
from missions.geodesy import LatLon
from missions.items import MissionItem, to_e7
from missions.qgc_plan import PlanFile, PlanFileError, read_plan_text, simple_item

_POLYGON = {True: mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION,
            False: mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION}
_CIRCLE = {True: mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, False: mavlink.MAV_CMD_NAV_FENCE_CIRCLE_EXCLUSION}
DEFAULT_CRUISE_MPS, DEFAULT_HOVER_MPS = 15.0, 5.0  # QGroundControl's defaults


def _item(seq: int, frame: int, command: int, p1: float, p2: float, point: LatLon, z: float,
          mission_type: int) -> MissionItem:
    return MissionItem(seq, frame, command, 0, 1, p1, p2, 0.0, 0.0, to_e7(point.lat), to_e7(point.lon),
                       z, mission_type)


def fence_items(plan: PlanFile) -> list[MissionItem]:
    items: list[MissionItem] = []
    for group, polygon in enumerate(plan.fence_polygons, start=1):
        if len(polygon.points) < 3:
            raise PlanFileError(f"geofence polygon {group} has {len(polygon.points)} vertices; it needs 3 or more")
        for point in polygon.points:
            items.append(_item(len(items), mavlink.MAV_FRAME_GLOBAL, _POLYGON[polygon.inclusion],
                               float(len(polygon.points)), float(group) if polygon.inclusion else 0.0,
                               point, 0.0, FENCE))
    for circle in plan.fence_circles:
        items.append(_item(len(items), mavlink.MAV_FRAME_GLOBAL, _CIRCLE[circle.inclusion], circle.radius_m,
                           0.0, circle.center, 0.0, FENCE))
    return items


def rally_items(plan: PlanFile) -> list[MissionItem]:
    return [_item(i, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_CMD_NAV_RALLY_POINT, 0.0, 0.0,
                  point, alt, RALLY) for i, (point, alt) in enumerate(plan.rally_points)]


def items_for(plan: PlanFile, mission_type: int) -> list[MissionItem]:
    if mission_type == FENCE:
        return fence_items(plan)
    if mission_type == RALLY:
        return rally_items(plan)
    return plan.mission_items()


def _geofence(items: list[MissionItem]) -> dict:
    polygons, circles, i = [], [], 0
    while i < len(items):
        it = items[i]
        point = [it.x / 1e7, it.y / 1e7]
        if it.command in _CIRCLE.values():
            circles.append({"circle": {"center": point, "radius": it.param1},
                            "inclusion": it.command == _CIRCLE[True], "version": 1})
            i += 1
        elif it.command in _POLYGON.values():
            count = int(it.param1)
            vertices = items[i:i + count]
            if count < 3 or len(vertices) < count or any(v.command != it.command for v in vertices):
                raise PlanFileError(f"geofence from the vehicle: polygon at item {i} says {count} vertices "
                                    f"but they do not follow")
            polygons.append({"inclusion": it.command == _POLYGON[True],
                             "polygon": [[v.x / 1e7, v.y / 1e7] for v in vertices], "version": 1})
            i += count
        else:
            raise PlanFileError(f"geofence from the vehicle: item {i} has command {it.command}, not a fence item")
    return {"circles": circles, "polygons": polygons, "version": 2}


def plan_from_items(mission: list[MissionItem], fence: list[MissionItem], rally: list[MissionItem], *,
                    home: tuple[float, float, float] | None, firmware_type: int, vehicle_type: int) -> PlanFile:
    """A QGroundControl plan holding what a vehicle gave back."""
    if home is None:
        first = next((it.position for it in mission + rally + fence if it.position is not None), None)
        home = (first.lat, first.lon, 0.0) if first else (0.0, 0.0, 0.0)
    doc = {
        "fileType": "Plan",
        "geoFence": _geofence(fence),
        "groundStation": "groundstation",
        "mission": {
            "cruiseSpeed": DEFAULT_CRUISE_MPS,
            "firmwareType": firmware_type,
            "globalPlanAltitudeMode": 1,
            "hoverSpeed": DEFAULT_HOVER_MPS,
            "items": [simple_item(it, i + 1) for i, it in enumerate(mission)],
            "plannedHomePosition": list(home),
            "vehicleType": vehicle_type,
            "version": 2,
        },
        "rallyPoints": {"points": [[it.x / 1e7, it.y / 1e7, it.z] for it in rally], "version": 2},
        "version": 1,
    }
    # through the reader, so the result is what we (and QGroundControl) read back; NaN params
    # become null when the plan is written
    return read_plan_text(json.dumps(doc))
