"""MBTiles 1.3 import and export (one SQLite file of raster tiles, https://github.com/mapbox/mbtiles-spec).

MBTiles counts tile rows from the south (TMS), the cache from the north (XYZ): every row is
flipped on the way in and out. Export writes a temporary file renamed into place when complete;
import checks the file before writing anything, skips (and counts) tiles that are not images, and
never touches tiles of other sources.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from groundstation.core.tiles_cache import TileCache, image_format
from groundstation.core.tiles_grid import TileArea, TileError, TileId, tile_bounds
from groundstation.core.tiles_sources import TileSource, TileSources

SOURCE_KEY = "groundstation_source"  # extra metadata row: the source id the tiles were exported from
_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp"}


@dataclass(frozen=True)
class MbtilesImport:
    source_id: str
    imported: int
    skipped: int
    first_problem: str = ""  # what was wrong with the first skipped tile


def export_mbtiles(cache: TileCache, source: TileSource, path: Path, zooms: range | None = None,
                   area: TileArea | None = None) -> int:
    """Write the cached tiles of a source (optionally only an area / zoom range) to an MBTiles file."""
    path = Path(path)
    if area is not None and zooms is None:
        raise TileError("exporting an area needs a zoom range too")
    if area is not None:
        tiles = [t for z in zooms for t in area.tiles(z) if cache.has(source.id, t)]
    else:
        tiles = sorted(cache.tiles(source.id, zooms))
    if not tiles:
        raise TileError(f"nothing to export: no cached tiles of {source.name} there")
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    formats: Counter[str] = Counter()
    west = south = 180.0
    east = north = -180.0
    db = sqlite3.connect(tmp)
    try:
        db.executescript(
            "CREATE TABLE metadata (name TEXT, value TEXT);"
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
            "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);")
        for tile in tiles:
            data = cache.get(source.id, tile)
            if data is None:
                continue  # evicted meanwhile
            formats[image_format(data) or "png"] += 1
            db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                       (tile.z, tile.x, (1 << tile.z) - 1 - tile.y, sqlite3.Binary(data)))
            w, s, e, n = tile_bounds(tile)
            west, south, east, north = min(west, w), min(south, s), max(east, e), max(north, n)
        minzoom, maxzoom = min(t.z for t in tiles), max(t.z for t in tiles)
        metadata = {
            "name": source.name, "format": formats.most_common(1)[0][0],
            "bounds": f"{west:.6f},{south:.6f},{east:.6f},{north:.6f}",
            "center": f"{(west + east) / 2:.6f},{(south + north) / 2:.6f},{minzoom}",
            "minzoom": str(minzoom), "maxzoom": str(maxzoom), "type": "baselayer", "version": "1",
            "attribution": source.attribution, "description": source.licence, SOURCE_KEY: source.id,
        }
        db.executemany("INSERT INTO metadata VALUES (?, ?)", metadata.items())
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    return sum(formats.values())


def _open_checked(path: Path) -> tuple[sqlite3.Connection, dict[str, str]]:
    if not path.is_file():
        raise TileError(f"{path}: no such file")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    except sqlite3.DatabaseError as exc:
        raise TileError(f"{path.name} is not an MBTiles file: it is not an SQLite database ({exc})") from None
    try:
        missing = {"metadata", "tiles"} - names
        if missing:
            raise TileError(f"{path.name} is not an MBTiles file: it has no {' and no '.join(sorted(missing))} table")
        try:
            metadata = {str(k): str(v) for k, v in db.execute("SELECT name, value FROM metadata")}
            db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise TileError(f"{path.name} is not a readable MBTiles file ({exc})") from None
        fmt = metadata.get("format", "").lower()
        if fmt in ("pbf", "mvt"):
            raise TileError(f"{path.name} holds vector tiles ({fmt}); the station shows raster tiles (png, jpg, webp)")
        if fmt and fmt not in _FORMATS:
            raise TileError(f"{path.name}: tile format {fmt!r} is not supported (png, jpg, webp)")
    except Exception:
        db.close()
        raise
    return db, metadata


def import_mbtiles(cache: TileCache, sources: TileSources, path: Path, source_id: str | None = None) -> MbtilesImport:
    """Copy the tiles of an MBTiles file into the cache and return where they went.

    They go to `source_id` when given, else to the source the file was exported from (when this
    station knows it), else to a new cache-only source named after the file's metadata.
    """
    path = Path(path)
    db, metadata = _open_checked(path)
    try:
        target = _target_source(sources, path, metadata, source_id)
        imported = skipped = 0
        problem = ""
        for z, x, row, data in db.execute("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles"):
            try:
                if not all(isinstance(v, int) for v in (z, x, row)):
                    raise TileError(f"tile {z}/{x}/{row} has a position that is not whole numbers")
                tile = TileId(z, x, (1 << z) - 1 - row) if 0 <= z <= 24 else TileId(z, x, row)
                if not isinstance(data, bytes):
                    raise TileError(f"tile {tile} has no image data")
                cache.put(target.id, tile, data)
                imported += 1
            except TileError as exc:
                skipped += 1
                problem = problem or str(exc)
    except sqlite3.DatabaseError as exc:
        raise TileError(f"{path.name} is damaged: reading its tiles failed ({exc}); "
                        f"{imported} tiles were imported before that") from None
    finally:
        db.close()
    return MbtilesImport(target.id, imported, skipped, problem)


def _target_source(sources: TileSources, path: Path, metadata: dict[str, str], source_id: str | None) -> TileSource:
    if source_id is not None:
        return sources.get(source_id)
    exported_from = metadata.get(SOURCE_KEY, "")
    if exported_from in sources:
        return sources.get(exported_from)
    name = metadata.get("name", "").strip() or path.stem
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:50] or "tiles"
    new_id = f"mbtiles-{slug}"
    if new_id in sources:
        return sources.get(new_id)  # the same file imported again: add to it
    minzoom, maxzoom = _int(metadata.get("minzoom"), 0), _int(metadata.get("maxzoom"), 24)
    return sources.add(TileSource(
        id=new_id, name=name, url="", attribution=metadata.get("attribution", "").strip() or f"from {path.name}",
        licence=metadata.get("description", ""), min_zoom=max(0, min(minzoom, 24)),
        max_zoom=max(min(maxzoom, 24), max(0, min(minzoom, 24)))))


def _int(text: str | None, default: int) -> int:
    try:
        return int(float(text)) if text is not None else default
    except ValueError:
        return default
