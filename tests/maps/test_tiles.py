"""Offline maps against a real tile server on loopback: cache, offline mode, prefetch, retry."""

from __future__ import annotations

import asyncio

import pytest

from groundstation.core.datadir import DataDir
from groundstation.core.tiles import MAX_PREFETCH_TILES, TileError, TileId, TileService, TileSource
from groundstation.core.tiles_grid import TileArea, tile_at, tile_bounds

from .conftest import SCHENGEN, local_source, tile_png


async def fetch_all(service: TileService, source_id: str, tiles) -> dict[TileId, bytes | None]:
    return {t: await service.tile(source_id, t) for t in tiles}


async def test_cached_area_still_shows_after_the_server_is_gone(service, tile_server):
    service.sources.add(local_source(tile_server.url))
    tiles = list(SCHENGEN.tiles(13))
    first = await fetch_all(service, "local", tiles)
    assert all(first[t] == tile_png(t.z, t.x, t.y) for t in tiles)  # each tile is the one asked for
    assert "groundstation/" in next(iter(tile_server.user_agents))  # identifies itself (OSM tile policy)
    tile_server.stop()

    again = await fetch_all(service, "local", tiles)  # still online, but the server is gone
    assert again == first
    outside = tile_at(48.0, 2.0, 13)
    assert await service.tile("local", outside) is None  # never seen, no server: nothing, no crash
    await service.aclose()


async def test_offline_mode_makes_no_request_at_all(service, tile_server, listener):
    service.sources.add(local_source(tile_server.url))
    cached = list(SCHENGEN.tiles(12))
    await fetch_all(service, "local", cached)
    # The same source now points at a port where a listener counts every connection attempt.
    service.sources.add(local_source(f"http://127.0.0.1:{listener.port}/{{z}}/{{x}}/{{y}}.png"), replace=True)
    await service.set_offline(True)

    shown = await fetch_all(service, "local", cached)
    assert all(shown[t] == tile_png(t.z, t.x, t.y) for t in cached)
    assert await service.tile("local", tile_at(48.0, 2.0, 12)) is None
    with pytest.raises(TileError, match="offline"):
        await service.prefetch("local", SCHENGEN, range(12, 14)).run()
    await asyncio.sleep(0.1)
    assert listener.accepted() == 0

    await service.set_offline(False)  # the listener is real: online, a request does reach it
    task = asyncio.create_task(service.tile("local", tile_at(48.0, 2.0, 12)))
    for _ in range(100):
        await asyncio.sleep(0.02)
        if listener.accepted():
            break
    else:
        pytest.fail("online mode never connected: the offline assertion above proves nothing")
    task.cancel()
    await service.aclose()


async def test_prefetch_reports_progress_and_fills_the_cache(service, tile_server):
    service.sources.add(local_source(tile_server.url, max_connections=3))
    estimate = service.estimate("local", SCHENGEN, range(10, 15))
    assert estimate.tiles == sum(SCHENGEN.count(z) for z in range(10, 15)) and estimate.cached == 0
    assert estimate.download_bytes == estimate.tiles * 25_000  # no tiles cached yet: the source's typical size

    seen = []
    job = service.prefetch("local", SCHENGEN, range(10, 15), on_progress=seen.append)
    result = await job.run()
    assert (result.state, result.done, result.downloaded, result.failed) == ("finished", estimate.tiles, estimate.tiles, 0)
    done = [p.done for p in seen]
    assert done == sorted(done) and done[-1] == estimate.tiles and seen[-1].fraction == 1.0
    assert tile_server.tile_requests() == estimate.tiles  # each tile asked once
    assert all(service.cache.get("local", t) == tile_png(t.z, t.x, t.y) for z in range(10, 15) for t in SCHENGEN.tiles(z))

    again = service.estimate("local", SCHENGEN, range(10, 15))
    assert again.cached == again.tiles and again.download_bytes == 0
    rerun = await service.prefetch("local", SCHENGEN, range(10, 15)).run()
    assert rerun.already_cached == estimate.tiles and tile_server.tile_requests() == estimate.tiles
    await service.aclose()


async def test_prefetch_pauses_and_resumes(service, tile_server):
    service.sources.add(local_source(tile_server.url, max_connections=2))
    total = sum(SCHENGEN.count(z) for z in range(11, 15))
    job = None

    def pause_early(p):
        if p.state == "running" and p.done == 5:
            job.pause()

    job = service.prefetch("local", SCHENGEN, range(11, 15), on_progress=pause_early)
    task = asyncio.create_task(job.run())
    for _ in range(200):
        await asyncio.sleep(0.01)
        if job.progress.state == "paused":
            break
    await asyncio.sleep(0.2)  # in-flight requests finish; no new one may start
    asked = tile_server.tile_requests()
    await asyncio.sleep(0.3)
    assert job.progress.state == "paused" and tile_server.tile_requests() == asked < total
    assert not task.done()

    job.resume()
    result = await asyncio.wait_for(task, 10)
    assert result.state == "finished" and result.downloaded == total and tile_server.tile_requests() == total
    await service.aclose()


async def test_failed_tile_is_retried(service, tile_server):
    service.sources.add(local_source(tile_server.url))
    tiles = list(SCHENGEN.tiles(13))
    flaky, broken = tiles[0], tiles[1]
    tile_server.failures[f"/{flaky}.png"] = 1          # one 503, then fine: retried on its own
    tile_server.failures[f"/{broken}.png"] = 10         # keeps failing beyond the automatic attempts
    job = service.prefetch("local", SCHENGEN, range(13, 14))
    result = await job.run()
    assert tile_server.requests[f"/{flaky}.png"] == 2 and service.cache.has("local", flaky)
    assert result.failed == 1 and list(job.failed) == [broken] and "503" in job.failed[broken]
    assert not service.cache.has("local", broken)
    assert result.downloaded == len(tiles) - 1

    tile_server.failures[f"/{broken}.png"] = 0          # the server recovers; the operator presses retry
    before = tile_server.tile_requests()
    retried = await job.retry_failed()
    assert tile_server.tile_requests() == before + 1    # only the failed tile is asked again
    assert retried.failed == 0 and retried.done == len(tiles) and service.cache.get("local", broken) == tile_png(
        broken.z, broken.x, broken.y)
    await service.aclose()


async def test_missing_tile_and_non_image_answers_are_not_cached(service, tile_server):
    service.sources.add(local_source(f"http://127.0.0.1:{tile_server.port}/{{z}}/{{x}}/{{y}}.jpg", source_id="wrong"))
    job = service.prefetch("wrong", SCHENGEN, range(12, 13))
    result = await job.run()
    assert result.failed == result.total and all("HTTP 404" in why for why in job.failed.values())
    assert tile_server.tile_requests() == result.total  # each asked once: a 404 is not worth retrying
    assert list(service.cache.tiles("wrong")) == []
    with pytest.raises(TileError, match="not a PNG"):
        service.cache.put("wrong", TileId(1, 0, 0), b"<html>maintenance</html>")
    await service.aclose()


def test_prefetch_limits_protect_the_tile_servers(service):
    with pytest.raises(TileError, match="zoom 16 only"):
        service.prefetch("osm", SCHENGEN, range(10, 18))  # OSM policy: no bulk download at 17+
    service.sources.add(local_source("http://127.0.0.1:9/{z}/{x}/{y}.png"))
    with pytest.raises(TileError, match=f"more than the {MAX_PREFETCH_TILES}"):
        service.prefetch("local", TileArea.bbox(45, 0, 52, 10), range(10, 15))
    with pytest.raises(TileError, match="zoom levels 0..19"):
        service.prefetch("local", SCHENGEN, range(15, 21))


def test_tile_counts_match_a_brute_force_count():
    from shapely.geometry import Polygon, box

    # A concave area (an L), counted at several zooms against tile-by-tile intersection tests.
    ell = TileArea.polygon([(49.40, 6.30), (49.40, 6.50), (49.44, 6.50), (49.44, 6.36), (49.52, 6.36), (49.52, 6.30)])
    shape = Polygon([(lon, lat) for lat, lon in ell.ring])
    for z in (9, 12, 14):
        corners = [tile_at(lat, lon, z) for lat, lon in ell.ring]
        brute = set()
        for x in range(min(c.x for c in corners), max(c.x for c in corners) + 1):
            for y in range(min(c.y for c in corners), max(c.y for c in corners) + 1):
                w, s, e, n = tile_bounds(TileId(z, x, y))
                if shape.intersection(box(w, s, e, n)).area > 0:
                    brute.add(TileId(z, x, y))
        assert set(ell.tiles(z)) == brute and ell.count(z) == len(brute)


def test_sources_have_attribution_and_operator_sources_persist(tmp_path):
    service = TileService(tmp_path / "tiles")
    builtin = {s.id: s for s in service.sources}
    assert {"osm", "ign-plan", "geoportail-lu", "wallonie-ortho", "bkg-topplus"} <= set(builtin)
    assert all(s.attribution and s.licence for s in builtin.values())
    tile = TileId(14, 8482, 5613)
    assert builtin["osm"].tile_url(tile) == "https://tile.openstreetmap.org/14/8482/5613.png"
    assert "TILEMATRIX=14&TILEROW=5613&TILECOL=8482" in builtin["ign-plan"].tile_url(tile)
    assert builtin["bkg-topplus"].tile_url(tile).endswith("/WEBMERCATOR/14/5613/8482.png")
    assert builtin["geoportail-lu"].tile_url(tile).startswith("https://wmts")
    w, s, e, n = tile_bounds(tile)
    bbox = builtin["wallonie-ortho"].tile_url(tile).split("bbox=")[1].split("&")[0].split(",")
    assert float(bbox[0]) == pytest.approx(w * 20037508.342789244 / 180, abs=0.01)

    mine = TileSource(id="sdis57-ortho", name="SDIS 57 ortho", url="https://maps.example.org/tms/{z}/{x}/{-y}.jpg",
                      attribution="© SDIS 57")
    service.sources.add(mine)
    reloaded = TileService(tmp_path / "tiles").sources.get("sdis57-ortho")
    assert reloaded == mine and reloaded.tile_url(TileId(2, 1, 0)) == "https://maps.example.org/tms/2/1/3.jpg"
    with pytest.raises(TileError, match="already exists"):
        service.sources.add(TileSource(id="osm", name="x", url="https://a/{z}/{x}/{y}", attribution=""))
    with pytest.raises(TileError, match="built-in"):
        service.sources.remove("osm")


@pytest.mark.parametrize("url, says", [
    ("ftp://example.org/{z}/{x}/{y}.png", "http"),
    ("https://example.org/tiles.png", "must name the tile"),
    ("https://example.org/{zoom}/{x}/{y}.png", "unknown placeholder"),
    ("https://{s}.example.org/{z}/{x}/{y}.png", "subdomains"),
])
def test_bad_source_url_is_refused_clearly(tmp_path, url, says):
    with pytest.raises(TileError, match=says):
        TileSource(id="bad", name="bad", url=url, attribution="")


def test_broken_sources_file_gives_a_clear_error(tmp_path):
    (tmp_path / "tiles").mkdir()
    (tmp_path / "tiles" / "sources.json").write_text("[{\"id\": \"x\"")
    with pytest.raises(TileError, match="sources.json: cannot read"):
        TileService(tmp_path / "tiles")


def test_service_lives_in_the_data_directory(tmp_path):
    service = TileService.in_data_dir(DataDir.open(tmp_path / "data"))
    service.cache.put("osm", TileId(0, 0, 0), tile_png(0, 0, 0))
    assert (tmp_path / "data" / "tiles" / "cache" / "osm" / "0" / "0" / "0").is_file()


async def test_prefetch_pauses_itself_when_the_station_goes_offline(service, tile_server):
    service.sources.add(local_source(tile_server.url, max_connections=2))
    total = SCHENGEN.count(13) + SCHENGEN.count(14)
    job = None

    def go_offline_early(p):
        if p.state == "running" and p.done == 4 and not service.offline:
            asyncio.get_running_loop().create_task(service.set_offline(True))

    job = service.prefetch("local", SCHENGEN, range(13, 15), on_progress=go_offline_early)
    task = asyncio.create_task(job.run())
    for _ in range(200):
        await asyncio.sleep(0.01)
        if job.progress.state == "paused":
            break
    asked = tile_server.tile_requests()
    await asyncio.sleep(0.3)
    assert job.progress.state == "paused" and "offline" in job.progress.note
    assert tile_server.tile_requests() == asked < total
    with pytest.raises(TileError, match="offline"):
        job.resume()

    await service.set_offline(False)
    job.resume()
    await asyncio.wait_for(task, 10)
    if job.failed:  # a request cut by the switch is listed, and fetched by a retry
        await job.retry_failed()
    assert job.progress.failed == 0
    assert all(service.cache.has("local", t) for z in (13, 14) for t in SCHENGEN.tiles(z))
    await service.aclose()
