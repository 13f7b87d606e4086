"""The scenario's ground as Web Mercator (XYZ) map tiles, so a map shows what the synthetic camera sees.

Each tile pixel is located in degrees, then in the renderer's metric ground raster (the same colour
raster, with its fires and persons painted in, that every camera frame is sampled from), so a spot
on the map and the same spot in a frame have the same colour. Pixels outside the scene are left
transparent. At coarse zooms the raster is first shrunk by area averaging, so a tile is not a
sparse sample of a fine raster.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import cv2
import numpy as np
import pymap3d

from sitl.camera.render import SceneRenderer

TILE_PX = 256
EARTH_CIRCUMFERENCE_M = 2 * math.pi * 6378137.0  # the Web Mercator sphere


@dataclass(frozen=True)
class GroundTile:
    z: int
    x: int
    y: int
    png: bytes  # RGBA; transparent outside the scene


def _lon(x: np.ndarray | float, z: int) -> np.ndarray | float:
    return np.asarray(x) / (1 << z) * 360.0 - 180.0


def _lat(y: np.ndarray | float, z: int) -> np.ndarray | float:
    return np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * np.asarray(y) / (1 << z)))))


def _tile_xy(lat: float, lon: float, z: int) -> tuple[int, int]:
    side = 1 << z
    s = math.sin(math.radians(lat))
    y = 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
    return int((lon + 180.0) / 360.0 * side), int(y * side)


def scene_tiles(renderer: SceneRenderer, z: int) -> list[tuple[int, int]]:
    """(x, y) of every tile at zoom z that shows part of the scene."""
    s = renderer.scenario
    half = s.extent_m / 2.0
    corners = [pymap3d.enu2geodetic(e, n, 0.0, s.lat, s.lon, s.ground_alt_m) for e in (-half, half) for n in (-half, half)]
    lats, lons = [c[0] for c in corners], [c[1] for c in corners]
    x0, y0 = _tile_xy(max(lats), min(lons), z)
    x1, y1 = _tile_xy(min(lats), max(lons), z)
    return [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def render_tile(renderer: SceneRenderer, z: int, x: int, y: int) -> np.ndarray:
    """The tile as a 256x256 BGRA image of the scene's ground."""
    s = renderer.scenario
    centres = np.arange(TILE_PX) + 0.5
    lon = _lon(x + centres / TILE_PX, z)
    lat = _lat(y + centres / TILE_PX, z)
    lat_grid, lon_grid = np.meshgrid(lat, lon, indexing="ij")
    east, north, _ = pymap3d.geodetic2enu(lat_grid, lon_grid, s.ground_alt_m, s.lat, s.lon, s.ground_alt_m)
    col, row = renderer._raster_px(east, north)
    # Shrink the raster first where one tile pixel covers many raster pixels.
    tile_res_m = EARTH_CIRCUMFERENCE_M * math.cos(math.radians(s.lat)) / (1 << z) / TILE_PX
    shrink = max(1, int(tile_res_m / renderer.res))
    colour = renderer.colour
    if shrink > 1:
        side = max(1, renderer.size // shrink)
        colour = cv2.resize(colour, (side, side), interpolation=cv2.INTER_AREA)
        scale = side / renderer.size
        col, row = (col + 0.5) * scale - 0.5, (row + 0.5) * scale - 0.5
    bgra = cv2.cvtColor(colour, cv2.COLOR_BGR2BGRA)
    return cv2.remap(bgra, col.astype(np.float32), row.astype(np.float32), cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0, 0))


def ground_tiles(renderer: SceneRenderer, zooms: range) -> Iterator[GroundTile]:
    """Every tile of the scene over the zoom range, as PNG."""
    for z in zooms:
        for x, y in scene_tiles(renderer, z):
            ok, png = cv2.imencode(".png", render_tile(renderer, z, x, y))
            if not ok:
                raise ValueError(f"cannot encode ground tile {z}/{x}/{y}")
            yield GroundTile(z, x, y, png.tobytes())
