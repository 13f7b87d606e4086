"""Each vehicle's geofence and rally points as the engine last read them from the vehicle.

The vehicle holds them (mission protocol, fence and rally types). The engine reads them when the vehicle
first appears and after every fence or rally upload, download or clear it carries, and publishes them in
the fleet snapshot, so the window and the commander's page draw what the vehicle will enforce. A reading
that fails keeps what was known before and says why; what was never read is None ("unknown").
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from pymavlink.dialects.v20 import common as mavlink

from drivers.mavlink.plan_items import plan_from_items
from missions.errors import MissionError
from missions.geodesy import LatLon
from missions.items import MissionItem
from missions.qgc_plan import FenceCircle, FencePolygon

KINDS = ("fence", "rally")  # read in this order: a vehicle answers one transfer at a time
# A fence read back from a vehicle differs from the one sent by its storage: degrees * 1e7 and float32 radii.
SAME_DEG = 2e-7
SAME_RADIUS = 1e-5  # relative


@dataclass(frozen=True)
class Fence:
    """Where a vehicle may fly: inside every inclusion shape, outside every exclusion shape."""

    polygons: tuple[FencePolygon, ...] = ()
    circles: tuple[FenceCircle, ...] = ()


@dataclass(frozen=True)
class FenceAndRally:
    """What the engine knows of one vehicle's fence and rally points."""

    fence: Fence | None = None  # None: never read from the vehicle
    rally: tuple[LatLon, ...] | None = None
    # Why the last reading failed (MissionTransferError: the link or the vehicle; MissionError: items that make
    # no fence): kept whole so each reader words it its own way; None when `fence` is what the vehicle holds.
    fence_error: Exception | None = None
    rally_error: Exception | None = None

    def read(self, kind: str, items: list[MissionItem]) -> "FenceAndRally":
        """With the items the vehicle sent for `kind`; items that make no fence (or rally points) keep the
        old ones and say why."""
        try:
            if kind == "fence":
                return replace(self, fence=fence_from_items(items), fence_error=None)
            return replace(self, rally=rally_from_items(items), rally_error=None)
        except MissionError as e:
            return self.failed(kind, e)

    def failed(self, kind: str, why: Exception) -> "FenceAndRally":
        return replace(self, **{f"{kind}_error": why})


def fence_from_items(items: list[MissionItem]) -> Fence:
    """The vehicle's fence items as shapes; MissionError (PlanFileError) when they do not make a fence."""
    plan = plan_from_items([], items, [], home=None, firmware_type=mavlink.MAV_AUTOPILOT_PX4,
                           vehicle_type=mavlink.MAV_TYPE_QUADROTOR)
    return Fence(tuple(plan.fence_polygons), tuple(plan.fence_circles))


def rally_from_items(items: list[MissionItem]) -> tuple[LatLon, ...]:
    """The vehicle's rally items as points; MissionError (PlanFileError) when they are not rally points."""
    plan = plan_from_items([], [], items, home=None, firmware_type=mavlink.MAV_AUTOPILOT_PX4,
                           vehicle_type=mavlink.MAV_TYPE_QUADROTOR)
    return tuple(point for point, _alt in plan.rally_points)


def _near(p: LatLon, q: LatLon) -> bool:
    return abs(p.lat - q.lat) <= SAME_DEG and abs(p.lon - q.lon) <= SAME_DEG


def same_rally(a: tuple[LatLon, ...], b: tuple[LatLon, ...]) -> bool:
    """The same rally points in the same order, as far as a vehicle's storage keeps them."""
    return len(a) == len(b) and all(map(_near, a, b))


def same_fence(a: Fence, b: Fence) -> bool:
    """The same shapes in the same order, as far as a vehicle's storage keeps them."""
    def same_polygon(p: FencePolygon, q: FencePolygon) -> bool:
        return (p.inclusion == q.inclusion and len(p.points) == len(q.points)
                and all(_near(x, y) for x, y in zip(p.points, q.points)))

    def same_circle(c: FenceCircle, d: FenceCircle) -> bool:
        return (c.inclusion == d.inclusion and _near(c.center, d.center)
                and math.isclose(c.radius_m, d.radius_m, rel_tol=SAME_RADIUS))

    return (len(a.polygons) == len(b.polygons) and len(a.circles) == len(b.circles)
            and all(map(same_polygon, a.polygons, b.polygons)) and all(map(same_circle, a.circles, b.circles)))
