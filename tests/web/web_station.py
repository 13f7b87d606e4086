"""What the web tests share: a station record, test images, an offline map cache."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import httpx
import numpy as np

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.core.findings import Finding
from groundstation.core.tiles import TileService
from groundstation.core.tiles_grid import TileId, tile_at, tile_bounds
from groundstation.web.server import WebView

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SCHEMAS = SHARED / "schemas"
STATION = "LU-GS1"
HOME = (49.4712, 6.3688, 200.0)  # near Schengen, where FR, LU and DE meet


@dataclass
class Station:
    engine: Engine
    view: WebView
    data: DataDir

    def client(self, token: bool = True, **kw) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.view.token}"} if token else {}
        return httpx.Client(base_url=self.view.url.rstrip("/"), headers=headers | kw.pop("headers", {}),
                            timeout=10.0, **kw)

    def on_loop(self, fn, *args, **kwargs):
        """Run fn on the engine thread (the one writer of the findings store)."""
        async def run():
            return fn(*args, **kwargs)
        return asyncio.run_coroutine_threadsafe(run(), self.engine._loop).result(timeout=10)

    def record_detection(self, **kw) -> Finding:
        """A finding as the detector records it: from a vehicle, with its snapshot image."""
        args = dict(kind="hotspot", lat=HOME[0] - 0.0004, lon=HOME[1] + 0.0006, h_acc_m=8.0, source="UAV-1",
                    who="detector", confidence=0.82, temp_c=212.5, snapshot_jpeg=thermal_jpeg())
        return self.on_loop(self.engine.sharing.store.record, **(args | kw))

    def wait(self, predicate, timeout: float = 10.0, what: str = "the change"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            snap = self.engine.snapshot()
            try:
                if predicate(snap):
                    return snap
            except KeyError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")


def thermal_jpeg(width: int = 320, height: int = 240) -> bytes:
    """A thermal-looking frame: a warm blob on a cool background, false-coloured."""
    yy, xx = np.mgrid[0:height, 0:width]
    heat = 40 + 200 * np.exp(-(((xx - width * 0.6) / 30.0) ** 2 + ((yy - height * 0.45) / 22.0) ** 2))
    frame = cv2.applyColorMap(heat.astype(np.uint8), cv2.COLORMAP_INFERNO)
    ok, buf = cv2.imencode(".jpg", frame)
    assert ok
    return buf.tobytes()


def map_tile(tile: TileId) -> bytes:
    """A plain map tile: pale ground and a 100 m grid continuous across tiles, so a screenshot reads."""
    img = np.full((256, 256, 3), (228, 236, 238), np.uint8)
    west, south, east, north = tile_bounds(tile)
    lat = HOME[0]  # one grid for every tile, so lines meet across tile edges
    step_lon = 100.0 / (111_320.0 * math.cos(math.radians(lat)))
    step_lat = 100.0 / 110_574.0
    for i in range(math.floor(west / step_lon), math.ceil(east / step_lon) + 1):
        x = round((i * step_lon - west) / (east - west) * 256)
        cv2.line(img, (x, 0), (x, 255), (205, 214, 214), 1)
    for j in range(math.floor(south / step_lat), math.ceil(north / step_lat) + 1):
        y = round((north - j * step_lat) / (north - south) * 256)
        cv2.line(img, (0, y), (255, y), (205, 214, 214), 1)
    ok, buf = cv2.imencode(".png", img)
    assert ok
    return buf.tobytes()


def offline_tiles(root: Path, zooms=range(14, 19), around: int = 3) -> TileService:
    """An offline tile service whose cache holds the map around HOME (no request leaves the machine)."""
    tiles = TileService(root, offline=True)
    for z in zooms:
        centre = tile_at(HOME[0], HOME[1], z)
        for x in range(centre.x - around, centre.x + around + 1):
            for y in range(centre.y - around, centre.y + around + 1):
                tile = TileId(z, x, y)
                tiles.cache.put("osm", tile, map_tile(tile))
    return tiles

