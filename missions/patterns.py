"""IAMSAR search patterns (Vol. III): expanding square, sector, parallel track, creeping line and
track line. Each returns a :class:`SearchPlan`; heights are above home, spacings in metres.

Datum-based patterns (expanding square, sector) are built leg by leg on the ellipsoid, so leg
lengths and turn angles are exact. Area patterns are swept in a local tangent plane (see
sweep.py) and converted back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely import MultiPolygon, Polygon, unary_union

from missions.area import Route, SearchArea
from missions.camera import Camera
from missions.errors import MissionError
from missions.geodesy import LatLon, LocalFrame, destination
from missions.plan import FlightLimits, SearchPlan, build_plan, check_altitude, check_spacing
from missions.sweep import long_axis_azimuth, sweep

DEFAULT_TURN_MARGIN_M = 10.0  # QGroundControl's default turnaround distance for multicopters


@dataclass(frozen=True)
class Sizing:
    """Height and spacing derived from the detection camera."""

    camera: Camera
    altitude_m: float
    spacing_m: float
    trigger_distance_m: float
    footprint_width_m: float
    gsd_cm: float


def size_for_camera(camera: Camera, *, altitude_m: float | None = None, gsd_cm: float | None = None,
                    side_overlap: float = 0.2, front_overlap: float = 0.2) -> Sizing:
    """Track spacing and photo trigger distance for `camera` at a height, or at the height that
    gives the wanted ground resolution (exactly one of the two)."""
    if (altitude_m is None) == (gsd_cm is None):
        raise MissionError("give either the altitude or the wanted ground resolution, not both or neither")
    height = camera.height_for_gsd(gsd_cm) if gsd_cm is not None else altitude_m
    check_altitude(height)
    return Sizing(camera, height, camera.track_spacing(height, side_overlap),
                  camera.trigger_distance(height, front_overlap), camera.footprint(height)[0], camera.gsd_cm(height))


def _sizing_kwargs(sizing: Sizing | None) -> dict:
    if sizing is None:
        return {}
    return {"trigger_distance_m": sizing.trigger_distance_m, "footprint_width_m": sizing.footprint_width_m}


def expanding_square(datum: LatLon, spacing_m: float, legs: int, altitude_m: float, *,
                     first_heading_deg: float = 0.0, wind_from_deg: float | None = None, turn: str = "right",
                     limits: FlightLimits = FlightLimits(), sizing: Sizing | None = None) -> SearchPlan:
    """Expanding square from `datum`: legs 1S, 1S, 2S, 2S, 3S, ... with 90 degree turns.

    The first leg heads into the wind when `wind_from_deg` is given (the direction the wind
    blows from), else along `first_heading_deg`.
    """
    check_spacing(spacing_m)
    check_altitude(altitude_m)
    if isinstance(legs, bool) or not isinstance(legs, int) or legs < 1:
        raise MissionError(f"number of legs {legs!r} must be a whole number of at least 1")
    side = _turn_sign(turn)
    heading = (wind_from_deg if wind_from_deg is not None else first_heading_deg) % 360.0
    points = [datum]
    for k in range(legs):
        nxt, arrival = destination(points[-1], heading, (k // 2 + 1) * spacing_m)
        points.append(nxt)
        heading = (arrival + side * 90.0) % 360.0
    return build_plan("expanding-square", points, [True] * legs, altitude_m, spacing_m, limits,
                      datum=datum, **_sizing_kwargs(sizing))


def sector_search(datum: LatLon, radius_m: float, altitude_m: float, *, first_heading_deg: float = 0.0,
                  second_pass: bool = False, rotation_deg: float = 30.0, turn: str = "right",
                  limits: FlightLimits = FlightLimits(), sizing: Sizing | None = None) -> SearchPlan:
    """Sector search: three triangles around `datum`, legs of one radius, 120 degree turns at the
    outer corners, passing straight over the datum. A second pass repeats it rotated by
    `rotation_deg` (30 puts its legs halfway between the first ones)."""
    check_spacing(radius_m)
    check_altitude(altitude_m)
    side = _turn_sign(turn)
    points = [datum]
    passes = [first_heading_deg, first_heading_deg + rotation_deg] if second_pass else [first_heading_deg]
    for theta in passes:
        for spoke_a, spoke_b in ((0, 60), (240, 300), (120, 180)):
            for spoke in (spoke_a, spoke_b):
                points.append(destination(datum, (theta + side * spoke) % 360.0, radius_m)[0])
            points.append(datum)
    plan = build_plan("sector", points, [True] * (len(points) - 1), altitude_m, radius_m, limits,
                      datum=datum, **_sizing_kwargs(sizing))
    if sizing is not None and sizing.footprint_width_m < radius_m:
        plan.warnings.append(
            f"legs end {radius_m:g} m apart but the camera sees {sizing.footprint_width_m:.0f} m: coverage "
            f"is complete only within {sizing.footprint_width_m:.0f} m of the datum")
    return plan


def parallel_track(area: SearchArea, spacing_m: float, altitude_m: float, *, track_azimuth_deg: float | None = None,
                   turn_margin_m: float | None = None, start: LatLon | None = None,
                   limits: FlightLimits = FlightLimits(), sizing: Sizing | None = None) -> SearchPlan:
    """Parallel track over a polygon: tracks along its long axis (or `track_azimuth_deg`),
    `spacing_m` apart, the outer ones at most S/2 inside, turns outside the area, no-fly holes
    avoided. Starts at the end nearest `start` (e.g. the launch point) when given."""
    frame = area.frame()
    region = area.to_local(frame)
    return _sweep_plan("parallel", frame, region, _holes(region), spacing_m, altitude_m, track_azimuth_deg,
                       turn_margin_m, frame.point(start) if start else None, limits, sizing, area=area)


def creeping_line(area: SearchArea, advance_azimuth_deg: float, spacing_m: float, altitude_m: float, *,
                  turn_margin_m: float | None = None, limits: FlightLimits = FlightLimits(),
                  sizing: Sizing | None = None) -> SearchPlan:
    """Creeping line: legs across the area, advancing along `advance_azimuth_deg` (the missing
    party's likely track) from the end where they are most probably found."""
    frame = area.frame()
    region = area.to_local(frame)
    cx, cy = region.centroid.x, region.centroid.y
    reach = 10 * max(region.bounds[2] - region.bounds[0], region.bounds[3] - region.bounds[1])
    east, north = _unit(advance_azimuth_deg)
    upstream = (cx - east * reach, cy - north * reach)
    return _sweep_plan("creeping-line", frame, region, _holes(region), spacing_m, altitude_m,
                       (advance_azimuth_deg + 90.0) % 360.0, turn_margin_m, upstream, limits, sizing, area=area)


def creeping_line_box(start: LatLon, advance_azimuth_deg: float, length_m: float, width_m: float,
                      spacing_m: float, altitude_m: float, **kwargs) -> SearchPlan:
    """Creeping line over a rectangle: `start` is the middle of its first (most probable) edge,
    it extends `length_m` along the advance and `width_m` across."""
    check_spacing(length_m)
    check_spacing(width_m)
    left = destination(start, advance_azimuth_deg - 90.0, width_m / 2)[0]
    right = destination(start, advance_azimuth_deg + 90.0, width_m / 2)[0]
    corners = [left, right, destination(right, advance_azimuth_deg, length_m)[0],
               destination(left, advance_azimuth_deg, length_m)[0]]
    return creeping_line(SearchArea(corners, name="creeping line box"), advance_azimuth_deg, spacing_m, altitude_m,
                         **kwargs)


def track_line(route: Route, spacing_m: float, altitude_m: float, *, returning: bool = True,
               limits: FlightLimits = FlightLimits(), sizing: Sizing | None = None) -> SearchPlan:
    """Track line search along the missing craft's intended route. Returning (TSR): out S/2 to one
    side and back S/2 on the other; non-returning (TSN): along the route itself."""
    check_spacing(spacing_m)
    check_altitude(altitude_m)
    if not returning:
        return build_plan("track-line", list(route.points), [True] * (len(route.points) - 1), altitude_m,
                          spacing_m, limits, route=route, **_sizing_kwargs(sizing))
    frame = LocalFrame(route.points[0])
    line = route.to_local(frame)
    out = shapely.offset_curve(line, -spacing_m / 2, join_style="mitre", mitre_limit=4.0)
    back = shapely.offset_curve(line, spacing_m / 2, join_style="mitre", mitre_limit=4.0)
    out_xy = list(out.coords)
    back_xy = list(back.coords)[::-1]
    points = [frame.latlon(x, y) for x, y in out_xy + back_xy]
    searching = [True] * (len(out_xy) - 1) + [False] + [True] * (len(back_xy) - 1)
    return build_plan("track-line", points, searching, altitude_m, spacing_m, limits, route=route,
                      **_sizing_kwargs(sizing))


def _sweep_plan(pattern, frame: LocalFrame, region, no_fly, spacing_m, altitude_m, azimuth, turn_margin_m, start_xy,
                limits: FlightLimits, sizing: Sizing | None, area: SearchArea | None) -> SearchPlan:
    check_spacing(spacing_m)
    check_altitude(altitude_m)
    margin = turn_margin_m if turn_margin_m is not None else max(limits.turn_radius_m, DEFAULT_TURN_MARGIN_M)
    if margin < 0:
        raise MissionError(f"turn margin {margin} m cannot be negative")
    if azimuth is None:
        azimuth = long_axis_azimuth(region)
    xy, searching = sweep(region, no_fly, spacing_m, azimuth, margin, start=start_xy)
    lat, lon = frame.to_latlon([p[0] for p in xy], [p[1] for p in xy])
    points = [LatLon(float(a), float(b)) for a, b in zip(lat, lon)]
    return build_plan(pattern, points, searching, altitude_m, spacing_m, limits, area=area, **_sizing_kwargs(sizing))


def _holes(region: Polygon | MultiPolygon):
    holes = [Polygon(r) for p in shapely.get_parts(region) for r in p.interiors]
    return unary_union(holes) if holes else None


def _turn_sign(turn: str) -> int:
    if turn not in ("right", "left"):
        raise MissionError(f"turn direction {turn!r} must be 'right' or 'left'")
    return 1 if turn == "right" else -1


def _unit(azimuth_deg: float) -> tuple[float, float]:
    a = math.radians(azimuth_deg)
    return math.sin(a), math.cos(a)
