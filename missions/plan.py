"""A planned search: waypoints, legs, track length, flight time and the warnings a pilot must see."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from missions.area import Route, SearchArea
from missions.errors import MissionError
from missions.geodesy import WGS84, LatLon

# takeoff, speed change and return to launch around the waypoints, plus camera trigger on and
# off when a camera sized the plan (see items.py)
ITEMS_AROUND_PATTERN = 3
ITEMS_FOR_CAMERA = 2


@dataclass(frozen=True)
class Waypoint:
    lat: float
    lon: float
    alt: float  # metres above home (MAVLink GLOBAL_RELATIVE_ALT)

    @property
    def position(self) -> LatLon:
        return LatLon(self.lat, self.lon)


@dataclass(frozen=True)
class Leg:
    start: Waypoint
    end: Waypoint
    length_m: float
    azimuth_deg: float  # departure azimuth, degrees clockwise from true north
    searching: bool  # False for turns and transits, where the camera's view is not counted


@dataclass(frozen=True)
class FlightLimits:
    """What the aircraft can do; defaults suit a mid-size quadcopter and are meant to be set."""

    cruise_speed_mps: float = 10.0
    endurance_s: float = 25 * 60.0
    battery_reserve: float = 0.25  # fraction kept for the way home and surprises
    turn_radius_m: float = 0.0  # 0 for a multicopter that stops and turns
    max_mission_items: int = 500  # conservative; set from the autopilot's own limit

    def __post_init__(self) -> None:
        if not self.cruise_speed_mps > 0:
            raise MissionError(f"cruise speed {self.cruise_speed_mps} m/s must be positive")
        if not self.endurance_s > 0:
            raise MissionError(f"endurance {self.endurance_s} s must be positive")
        if not 0 <= self.battery_reserve < 1:
            raise MissionError(f"battery reserve {self.battery_reserve} must be a fraction below 1")
        if self.turn_radius_m < 0:
            raise MissionError(f"turn radius {self.turn_radius_m} m cannot be negative")
        if self.max_mission_items < ITEMS_AROUND_PATTERN + ITEMS_FOR_CAMERA + 1:
            raise MissionError(f"mission item limit {self.max_mission_items} is too small for any search")


@dataclass(frozen=True)
class SearchPlan:
    pattern: str
    waypoints: list[Waypoint]
    legs: list[Leg]
    altitude_m: float
    spacing_m: float
    track_length_m: float
    search_length_m: float  # the part of the track on search legs
    flight_time_s: float
    battery_fraction: float  # of the full battery, reserve not included
    mission_item_count: int
    limits: FlightLimits
    trigger_distance_m: float | None = None
    footprint_width_m: float | None = None  # across track, when a camera sized the plan
    warnings: list[str] = field(default_factory=list)
    area: SearchArea | None = None
    route: Route | None = None
    datum: LatLon | None = None


def check_spacing(spacing_m: float) -> None:
    if isinstance(spacing_m, bool) or not isinstance(spacing_m, (int, float)) or not math.isfinite(spacing_m) or spacing_m <= 0:
        raise MissionError(f"track spacing {spacing_m} m must be a positive number")


def check_altitude(altitude_m: float) -> None:
    if isinstance(altitude_m, bool) or not isinstance(altitude_m, (int, float)) or not math.isfinite(altitude_m) or altitude_m <= 0:
        raise MissionError(f"altitude {altitude_m} m above home must be a positive number")


def build_plan(pattern: str, points: list[LatLon], searching: list[bool], altitude_m: float, spacing_m: float,
               limits: FlightLimits, *, trigger_distance_m: float | None = None,
               footprint_width_m: float | None = None, area: SearchArea | None = None,
               route: Route | None = None, datum: LatLon | None = None) -> SearchPlan:
    """Measure the legs between `points` on the ellipsoid and attach the warnings."""
    if len(searching) != len(points) - 1:
        raise ValueError("one searching flag per leg")
    wps = [Waypoint(p.lat, p.lon, float(altitude_m)) for p in points]
    lons = [p.lon for p in points]
    lats = [p.lat for p in points]
    az, _, dist = WGS84.inv(lons[:-1], lats[:-1], lons[1:], lats[1:])
    legs = [Leg(wps[i], wps[i + 1], float(dist[i]), float(az[i]) % 360.0, searching[i]) for i in range(len(wps) - 1)]
    track = float(sum(leg.length_m for leg in legs))
    search = float(sum(leg.length_m for leg in legs if leg.searching))
    flight_time = track / limits.cruise_speed_mps
    battery = flight_time / limits.endurance_s
    items = len(wps) + ITEMS_AROUND_PATTERN + (ITEMS_FOR_CAMERA if trigger_distance_m else 0)
    warnings = []
    usable = limits.endurance_s * (1 - limits.battery_reserve)
    if flight_time > usable:
        warnings.append(
            f"needs {flight_time / 60:.1f} min of flight but the battery gives {usable / 60:.1f} min "
            f"keeping a {limits.battery_reserve:.0%} reserve: split the area among drones or shrink it")
    if limits.turn_radius_m > 0:
        short = [i + 1 for i, leg in enumerate(legs) if 0 < leg.length_m < limits.turn_radius_m]
        if short:
            warnings.append(f"{len(short)} legs are shorter than the {limits.turn_radius_m:g} m turn radius "
                            f"(first: leg {short[0]}): the aircraft cannot fly them as drawn")
    if items > limits.max_mission_items:
        warnings.append(f"{items} mission items exceed the autopilot limit of {limits.max_mission_items}: "
                        f"split the area or widen the spacing")
    return SearchPlan(pattern, wps, legs, float(altitude_m), float(spacing_m), track, search, flight_time, battery,
                      items, limits, trigger_distance_m, footprint_width_m, warnings, area, route, datum)
