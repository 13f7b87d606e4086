"""MBTiles 1.3 export and import: round trip, TMS row flip, and files that are not MBTiles."""

from __future__ import annotations

import sqlite3

import pytest

from groundstation.core.tiles import TileError, TileId, TileService
from groundstation.core.tiles_mbtiles import export_mbtiles, import_mbtiles

from .conftest import SCHENGEN, tile_png


def fill(service: TileService, source_id: str, zooms: range) -> list[TileId]:
    tiles = [t for z in zooms for t in SCHENGEN.tiles(z)]
    for t in tiles:
        service.cache.put(source_id, t, tile_png(t.z, t.x, t.y))
    return tiles


def test_round_trip_to_another_station(tmp_path):
    here = TileService(tmp_path / "here")
    tiles = fill(here, "bkg-topplus", range(10, 14))
    path = tmp_path / "schengen.mbtiles"
    assert export_mbtiles(here.cache, here.sources.get("bkg-topplus"), path) == len(tiles)

    db = sqlite3.connect(path)
    meta = dict(db.execute("SELECT name, value FROM metadata"))
    assert meta["format"] == "png" and meta["minzoom"] == "10" and meta["maxzoom"] == "13"
    assert meta["name"] == "TopPlusOpen (Germany, BKG)" and "Bundesamt" in meta["attribution"]
    west, south, east, north = map(float, meta["bounds"].split(","))
    assert west < 6.345 < 6.395 < east and south < 49.455 < 49.485 < north
    t = tiles[0]
    rows = db.execute("SELECT tile_row, tile_data FROM tiles WHERE zoom_level=? AND tile_column=?", (t.z, t.x)).fetchall()
    assert ((1 << t.z) - 1 - t.y, tile_png(t.z, t.x, t.y)) in rows  # TMS: rows counted from the south
    db.close()

    there = TileService(tmp_path / "there")
    result = import_mbtiles(there.cache, there.sources, path)
    assert (result.source_id, result.imported, result.skipped) == ("bkg-topplus", len(tiles), 0)
    assert all(there.cache.get("bkg-topplus", t) == tile_png(t.z, t.x, t.y) for t in tiles)


def test_export_of_an_area_only(tmp_path):
    service = TileService(tmp_path / "tiles")
    fill(service, "osm", range(12, 15))
    service.cache.put("osm", TileId(5, 16, 11), tile_png(5, 16, 11))  # far away, not in the area
    path = tmp_path / "area.mbtiles"
    count = export_mbtiles(service.cache, service.sources.get("osm"), path, zooms=range(13, 15), area=SCHENGEN)
    assert count == SCHENGEN.count(13) + SCHENGEN.count(14)
    with pytest.raises(TileError, match="nothing to export"):
        export_mbtiles(service.cache, service.sources.get("ign-plan"), tmp_path / "none.mbtiles")
    assert not (tmp_path / "none.mbtiles").exists()


def test_foreign_file_becomes_a_cache_only_source(tmp_path):
    path = tmp_path / "foreign.mbtiles"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE metadata (name TEXT, value TEXT);"
                     "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);")
    db.executemany("INSERT INTO metadata VALUES (?, ?)",
                   [("name", "Exercise Area Perl"), ("format", "png"), ("attribution", "© Kreis Merzig-Wadern"),
                    ("minzoom", "14"), ("maxzoom", "15")])
    db.execute("INSERT INTO tiles VALUES (14, 8482, ?, ?)", ((1 << 14) - 1 - 5613, tile_png(14, 8482, 5613)))
    db.execute("INSERT INTO tiles VALUES (14, 8483, 0, ?)", (b"GIF89a not a tile",))
    db.execute("INSERT INTO tiles VALUES (31, 0, 0, ?)", (tile_png(0, 0, 0),))
    db.commit()
    db.close()

    service = TileService(tmp_path / "tiles")
    result = import_mbtiles(service.cache, service.sources, path)
    assert (result.source_id, result.imported, result.skipped) == ("mbtiles-exercise-area-perl", 1, 2)
    assert "not a PNG" in result.first_problem
    source = service.sources.get(result.source_id)
    assert source.offline_only and source.attribution == "© Kreis Merzig-Wadern"
    assert (source.min_zoom, source.max_zoom) == (14, 15)
    assert TileService(tmp_path / "tiles").sources.get(result.source_id) == source  # remembered
    # served like any other source (and never from the network: it has none)
    assert service.cache.get(result.source_id, TileId(14, 8482, 5613)) == tile_png(14, 8482, 5613)


def _sqlite(path, script):
    db = sqlite3.connect(path)
    db.executescript(script)
    db.close()
    return path


@pytest.mark.parametrize("make, says", [
    (lambda p: (p.write_bytes(b"<html>this was a download error page</html>"), p)[1], "not an SQLite database"),
    (lambda p: _sqlite(p, "CREATE TABLE other (a);"), "no metadata and no tiles table"),
    (lambda p: _sqlite(p, "CREATE TABLE metadata (name, value); CREATE TABLE tiles (zoom_level, tile_column, "
                          "tile_row, tile_data); INSERT INTO metadata VALUES ('format', 'pbf');"), "vector tiles"),
    (lambda p: _sqlite(p, "CREATE TABLE metadata (name, value); CREATE TABLE tiles (a, b);"), "not a readable MBTiles"),
    (lambda p: p, "no such file"),
])
async def test_bad_file_gives_a_clear_error_and_loses_nothing(tmp_path, make, says):
    service = TileService(tmp_path / "tiles")
    service.cache.put("osm", TileId(1, 1, 1), tile_png(1, 1, 1))
    sources_before = [s.id for s in service.sources]
    path = make(tmp_path / "bad.mbtiles")
    with pytest.raises(TileError, match=says):
        import_mbtiles(service.cache, service.sources, path)
    assert [s.id for s in service.sources] == sources_before
    assert list(service.cache.tiles("osm")) == [TileId(1, 1, 1)]
    assert service.cache.get("osm", TileId(1, 1, 1)) == tile_png(1, 1, 1)
