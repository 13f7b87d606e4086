"""Mission items: what gets uploaded to the autopilot, one per MAVLink MISSION_ITEM_INT.

:class:`MissionItem` mirrors MISSION_ITEM_INT field for field, so the upload driver can pass
``dataclasses.asdict(item)`` minus nothing to ``mission_item_int_send`` (plus its target ids):

- ``x``/``y`` are integers, latitude/longitude in degrees * 1e7, exactly as MISSION_ITEM_INT
  carries them (no float rounding between plan and vehicle); 0 for items without a position.
- ``z`` is the altitude in metres (above home in ``MAV_FRAME_GLOBAL_RELATIVE_ALT``).
- ``frame`` is ``MAV_FRAME_GLOBAL_RELATIVE_ALT`` (3) for positions, as QGroundControl and PX4 use
  with MISSION_ITEM_INT (the *_INT frame numbers are deprecated), ``MAV_FRAME_MISSION`` (2) else.
- ``seq`` starts at 0 with the first real item (PX4 numbering). ArduPilot keeps home at seq 0:
  the upload driver prepends it there.
- NaN in param4 means "autopilot's choice" (yaw), as in the MAVLink spec.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pymavlink.dialects.v20 import common as mavlink

from missions.errors import MissionError
from missions.geodesy import LatLon
from missions.plan import SearchPlan

FRAME_RELATIVE = mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT
FRAME_MISSION = mavlink.MAV_FRAME_MISSION
# Frames whose x/y are latitude/longitude.
GLOBAL_FRAMES = {mavlink.MAV_FRAME_GLOBAL, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_FRAME_GLOBAL_INT,
                 mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, mavlink.MAV_FRAME_GLOBAL_TERRAIN_ALT,
                 mavlink.MAV_FRAME_GLOBAL_TERRAIN_ALT_INT}


@dataclass(frozen=True)
class MissionItem:
    seq: int
    frame: int
    command: int
    current: int
    autocontinue: int
    param1: float
    param2: float
    param3: float
    param4: float
    x: int
    y: int
    z: float
    mission_type: int = mavlink.MAV_MISSION_TYPE_MISSION

    @property
    def position(self) -> LatLon | None:
        if self.frame not in GLOBAL_FRAMES or (self.x == 0 and self.y == 0):
            return None
        return LatLon(self.x / 1e7, self.y / 1e7)

    def same_as(self, other: "MissionItem") -> bool:
        """Field-by-field equality where NaN equals NaN (params use NaN for 'unchanged')."""
        def eq(a, b):
            return (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)) or a == b
        return all(eq(getattr(self, f), getattr(other, f)) for f in self.__dataclass_fields__)


def to_e7(degrees: float) -> int:
    return int(round(degrees * 1e7))


def plan_to_items(plan: SearchPlan, *, home: LatLon | None = None, speed_mps: float | None = None) -> list[MissionItem]:
    """Takeoff, speed, the pattern's waypoints with the camera triggering by distance over the
    whole pattern (turns included), then return to launch. Refuses more items than the
    autopilot holds (`plan.limits.max_mission_items`)."""
    if not plan.waypoints:
        raise MissionError("the plan has no waypoints")
    speed = speed_mps if speed_mps is not None else plan.limits.cruise_speed_mps
    first = plan.waypoints[0]
    takeoff_at = home or first.position
    nan = float("nan")
    rows: list[tuple] = [
        (FRAME_RELATIVE, mavlink.MAV_CMD_NAV_TAKEOFF, 0.0, 0.0, 0.0, nan, takeoff_at.lat, takeoff_at.lon, first.alt),
        # speed type 1 = ground speed; -1 leaves the throttle alone
        (FRAME_MISSION, mavlink.MAV_CMD_DO_CHANGE_SPEED, 1.0, float(speed), -1.0, 0.0, None, None, 0.0),
    ]
    for i, wp in enumerate(plan.waypoints):
        rows.append((FRAME_RELATIVE, mavlink.MAV_CMD_NAV_WAYPOINT, 0.0, 0.0, 0.0, nan, wp.lat, wp.lon, wp.alt))
        if i == 0 and plan.trigger_distance_m:
            # param3 = 1: take the first photo at once, on the first waypoint
            rows.append((FRAME_MISSION, mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST, float(plan.trigger_distance_m),
                         0.0, 1.0, 0.0, None, None, 0.0))
    if plan.trigger_distance_m:
        rows.append((FRAME_MISSION, mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST, 0.0, 0.0, 0.0, 0.0, None, None, 0.0))
    rows.append((FRAME_MISSION, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH, 0.0, 0.0, 0.0, 0.0, None, None, 0.0))
    if len(rows) > plan.limits.max_mission_items:
        raise MissionError(f"{len(rows)} mission items exceed the autopilot limit of {plan.limits.max_mission_items}: "
                           f"split the area among drones or widen the spacing")
    return [MissionItem(seq, frame, cmd, 1 if seq == 0 else 0, 1, p1, p2, p3, p4,
                        to_e7(lat) if lat is not None else 0, to_e7(lon) if lon is not None else 0, float(z))
            for seq, (frame, cmd, p1, p2, p3, p4, lat, lon, z) in enumerate(rows)]
