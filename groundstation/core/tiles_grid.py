"""The Web Mercator tile grid (XYZ / "GoogleMapsCompatible"): which tiles cover an area.

Tile x grows east and y grows south from the top-left corner, 2**z tiles a side at zoom z. Areas
are drawn in degrees; they are projected into the grid once, where tile edges are straight lines,
so a tile is counted exactly when the drawn area overlaps it. Areas that cross the antimeridian are
not supported (none of our operation areas does).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from shapely.geometry import Polygon, box
from shapely.geometry.base import BaseGeometry

MAX_LAT = 85.0511287798066  # where the square Web Mercator world ends
MAX_ZOOM = 24


class TileError(ValueError):
    """A tile request, area, source or file that cannot be used; the message is for the operator."""


@dataclass(frozen=True, order=True)
class TileId:
    z: int
    x: int
    y: int

    def __post_init__(self) -> None:
        if not 0 <= self.z <= MAX_ZOOM:
            raise TileError(f"zoom {self.z} is outside 0..{MAX_ZOOM}")
        side = 1 << self.z
        if not (0 <= self.x < side and 0 <= self.y < side):
            raise TileError(f"tile {self.z}/{self.x}/{self.y} does not exist: x and y are 0..{side - 1} at zoom {self.z}")

    def __str__(self) -> str:
        return f"{self.z}/{self.x}/{self.y}"


def world_xy(lat: float, lon: float) -> tuple[float, float]:
    """Position in the unit Web Mercator square (0..1 east, 0..1 south)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    s = math.sin(math.radians(lat))
    return (lon + 180.0) / 360.0, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def tile_at(lat: float, lon: float, z: int) -> TileId:
    x, y = world_xy(lat, lon)
    side = 1 << z
    return TileId(z, min(int(x * side), side - 1), min(int(y * side), side - 1))


def tile_bounds(tile: TileId) -> tuple[float, float, float, float]:
    """(west, south, east, north) in degrees."""
    side = 1 << tile.z

    def lat(y: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / side))))

    return tile.x / side * 360 - 180, lat(tile.y + 1), (tile.x + 1) / side * 360 - 180, lat(tile.y)


def tile_bbox_3857(tile: TileId) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) in EPSG:3857 metres, for WMS-like `{bbox-epsg-3857}` templates."""
    half = 20037508.342789244
    size = 2 * half / (1 << tile.z)
    return (-half + tile.x * size, half - (tile.y + 1) * size, -half + (tile.x + 1) * size, half - tile.y * size)


@dataclass(frozen=True)
class TileArea:
    """An operation area in degrees: a polygon ring of (lat, lon) points, or a bounding box."""

    ring: tuple[tuple[float, float], ...]

    @classmethod
    def polygon(cls, points: Sequence[tuple[float, float]]) -> "TileArea":
        ring = tuple((float(lat), float(lon)) for lat, lon in points)
        if len(ring) < 3:
            raise TileError("an area needs at least 3 corners")
        for lat, lon in ring:
            if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
                raise TileError(f"corner {lat},{lon} is not a latitude,longitude pair")
        area = cls(ring)
        if area._world().area <= 0:
            raise TileError("the area has no surface (its corners are in a line)")
        return area

    @classmethod
    def bbox(cls, south: float, west: float, north: float, east: float) -> "TileArea":
        if not (south < north and west < east):
            raise TileError(f"box {south},{west},{north},{east}: south must be below north and west left of east")
        return cls.polygon([(south, west), (south, east), (north, east), (north, west)])

    def _world(self) -> BaseGeometry:
        shape = Polygon([world_xy(lat, lon) for lat, lon in self.ring])
        return shape if shape.is_valid else shape.buffer(0)  # a self-crossing drawing: keep what it encloses

    def rows(self, z: int) -> Iterator[tuple[int, list[tuple[int, int]]]]:
        """For each tile row touched at zoom z: (y, [(first x, last x + 1), ...])."""
        side = 1 << z
        shape = self._world()
        minx, miny, maxx, maxy = shape.bounds
        for y in range(int(miny * side), min(math.ceil(maxy * side), side)):
            strip = shape.intersection(box(minx - 1, y / side, maxx + 1, (y + 1) / side))
            spans: list[tuple[int, int]] = []
            for part in getattr(strip, "geoms", [strip]):
                if part.is_empty or part.area <= 0:
                    continue  # touching the row along an edge does not put any of it in the row
                # A connected piece inside one row covers every column between its ends.
                x0, _, x1, _ = part.bounds
                spans.append((int(x0 * side), min(math.ceil(x1 * side), side)))
            if spans:
                yield y, _merge(spans)

    def tiles(self, z: int) -> Iterator[TileId]:
        for y, spans in self.rows(z):
            for first, end in spans:
                for x in range(first, end):
                    yield TileId(z, x, y)

    def count(self, z: int) -> int:
        return sum(end - first for _, spans in self.rows(z) for first, end in spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged = [spans[0]]
    for first, end in spans[1:]:
        if first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((first, end))
    return merged


def check_zooms(zooms: range) -> range:
    if not zooms or zooms.step != 1 or zooms.start < 0 or zooms.stop - 1 > MAX_ZOOM:
        raise TileError(f"zoom range {zooms.start}..{zooms.stop - 1}: give lowest <= highest within 0..{MAX_ZOOM}")
    return zooms
