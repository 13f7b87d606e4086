"""The tile cache on disk: <data>/tiles/<source id>/<z>/<x>/<y>, one file per tile.

Plain files so that the window, the commander's web server and a prefetch can all read and write
at once without a shared connection; every write goes to a temporary file that is renamed into
place, so a crash never leaves half a tile. Only images are stored (an HTML error page served with
status 200 never becomes a tile). The file's modification time is when the tile was fetched.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from groundstation.core.tiles_grid import TileError, TileId

IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


def image_format(data: bytes) -> str | None:
    """'png', 'jpg' or 'webp' from the first bytes; None when it is not a raster tile image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


@dataclass(frozen=True)
class CacheStats:
    tiles: int
    bytes: int

    @property
    def mean_tile_bytes(self) -> int | None:
        return self.bytes // self.tiles if self.tiles else None


class TileCache:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def path(self, source_id: str, tile: TileId) -> Path:
        return self.root / source_id / str(tile.z) / str(tile.x) / str(tile.y)

    def get(self, source_id: str, tile: TileId) -> bytes | None:
        try:
            return self.path(source_id, tile).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, source_id: str, tile: TileId) -> bool:
        return self.path(source_id, tile).is_file()

    def age_s(self, source_id: str, tile: TileId) -> float | None:
        """Seconds since the tile was fetched; None when it is not cached."""
        try:
            return time.time() - self.path(source_id, tile).stat().st_mtime
        except FileNotFoundError:
            return None

    def put(self, source_id: str, tile: TileId, data: bytes) -> None:
        if image_format(data) is None:
            raise TileError(f"tile {tile} of {source_id}: the data is not a PNG, JPEG or WebP image")
        path = self.path(source_id, tile)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    def touch(self, source_id: str, tile: TileId) -> None:
        """Mark a cached tile as fresh again (the server said it has not changed)."""
        os.utime(self.path(source_id, tile))

    def tiles(self, source_id: str, zooms: range | None = None) -> Iterator[TileId]:
        """Every cached tile of a source (in no particular order), optionally only some zooms."""
        base = self.root / source_id
        if not base.is_dir():
            return
        for zdir in base.iterdir():
            if not zdir.name.isdigit() or (zooms is not None and int(zdir.name) not in zooms):
                continue
            for xdir in zdir.iterdir():
                if not xdir.name.isdigit():
                    continue
                for f in xdir.iterdir():
                    if f.name.isdigit():
                        yield TileId(int(zdir.name), int(xdir.name), int(f.name))

    def stats(self, source_id: str, limit: int | None = None) -> CacheStats:
        """Tile count and bytes of a source; with `limit`, of a sample of that many tiles (fast)."""
        count = size = 0
        for tile in self.tiles(source_id):
            if limit is not None and count >= limit:
                break
            count += 1
            size += self.path(source_id, tile).stat().st_size
        return CacheStats(count, size)
