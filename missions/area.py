"""Search areas (a boundary with optional no-fly holes) and routes, with validity checks."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from shapely import LineString, Polygon
from shapely.validation import explain_validity

from missions.errors import MissionError
from missions.geodesy import LatLon, LocalFrame, check_latlon


def _ring(points: list[LatLon], what: str) -> list[LatLon]:
    pts = list(points)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]  # KML, GeoJSON and QGC may or may not repeat the first vertex
    for p in pts:
        check_latlon(p.lat, p.lon, what)
    if len({(p.lat, p.lon) for p in pts}) < 3:
        raise MissionError(f"{what} needs at least 3 distinct corners, got {len(pts)}")
    return pts


@dataclass(frozen=True)
class SearchArea:
    """A polygon to search: `boundary` corners plus `holes` the drone must not fly over.

    Rings are stored open (first corner not repeated). Construction refuses self-intersecting
    boundaries, holes outside the boundary and zero-area shapes, naming the problem.
    """

    boundary: list[LatLon]
    holes: list[list[LatLon]] = field(default_factory=list)
    name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "boundary", _ring(self.boundary, "area boundary"))
        object.__setattr__(self, "holes", [_ring(h, f"no-fly hole {i + 1}") for i, h in enumerate(self.holes)])
        self.to_local(self.frame())  # validates the shape

    def frame(self) -> LocalFrame:
        lats = [p.lat for p in self.boundary]
        lons = [p.lon for p in self.boundary]
        return LocalFrame(LatLon((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2))

    def to_local(self, frame: LocalFrame) -> Polygon:
        """The area as a planar polygon in metres; raises MissionError when it is not a valid area."""
        shell = _local_ring(frame, self.boundary)
        outer = Polygon(shell)
        if not outer.is_valid:
            raise MissionError(f"area boundary is not a simple polygon ({_why(outer)}): edges cross or touch")
        if outer.area < 1.0:
            raise MissionError("area boundary encloses no area (corners in a line?)")
        holes = []
        for i, h in enumerate(self.holes):
            hole = Polygon(_local_ring(frame, h))
            if not hole.is_valid or hole.area < 1e-6:
                raise MissionError(f"no-fly hole {i + 1} is not a simple polygon ({_why(hole)})")
            if not outer.contains(hole):
                raise MissionError(f"no-fly hole {i + 1} is not inside the area boundary")
            holes.append(hole.exterior.coords)
        poly = Polygon(shell, holes)
        if not poly.is_valid:
            raise MissionError(f"no-fly holes overlap each other or the boundary ({_why(poly)})")
        if poly.area < 1.0:
            raise MissionError("no-fly holes cover the whole area: nothing left to search")
        return poly

    def area_m2(self) -> float:
        return float(self.to_local(self.frame()).area)

    @classmethod
    def from_local(cls, frame: LocalFrame, polygon: Polygon, name: str = "") -> "SearchArea":
        def ring(coords) -> list[LatLon]:
            xy = np.asarray(coords)[:-1]
            lat, lon = frame.to_latlon(xy[:, 0], xy[:, 1])
            return [LatLon(float(a), float(b)) for a, b in zip(lat, lon)]

        return cls(ring(polygon.exterior.coords), [ring(r.coords) for r in polygon.interiors], name)


@dataclass(frozen=True)
class Route:
    """An intended track (e.g. a missing walker's planned path) for a track-line search."""

    points: list[LatLon]
    name: str = ""

    def __post_init__(self) -> None:
        for p in self.points:
            check_latlon(p.lat, p.lon, "route point")
        if len(self.points) < 2:
            raise MissionError(f"a route needs at least 2 points, got {len(self.points)}")

    def to_local(self, frame: LocalFrame) -> LineString:
        line = LineString(_local_ring(frame, self.points))
        if line.length < 1.0:
            raise MissionError("route has no length (all points at the same place)")
        return line


@dataclass
class Shapes:
    """What an imported file holds that a search can use."""

    areas: list[SearchArea] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    points: list[tuple[str, LatLon]] = field(default_factory=list)  # named datums


def _local_ring(frame: LocalFrame, points: list[LatLon]) -> list[tuple[float, float]]:
    e, n = frame.to_local([p.lat for p in points], [p.lon for p in points])
    return list(zip(e.tolist(), n.tolist()))


def _why(geom) -> str:
    return explain_validity(geom).split("[")[0].strip()
