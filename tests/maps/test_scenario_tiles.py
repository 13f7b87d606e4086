"""The demo scenario's ground as a cache-only tile source: the map shows what the synthetic camera sees."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from groundstation.core.tiles import TileError, TileId, TileService
from groundstation.core.tiles_grid import tile_at, world_xy
from groundstation.core.tiles_scenario import SCENARIO_SOURCE_ID, install_scenario_tiles
from groundstation.demo import SCENARIO_FILE
from sitl.camera.render import THERMAL_640, CameraPose, SceneRenderer
from sitl.camera.scenario import load_scenario

ZOOMS = range(16, 20)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    service = TileService(tmp_path_factory.mktemp("tiles"), offline=True)
    scenario = load_scenario(SCENARIO_FILE)
    written = install_scenario_tiles(service, scenario, ZOOMS)
    return service, scenario, written


def pixel(service: TileService, lat: float, lon: float, z: int) -> np.ndarray:
    """The BGRA tile pixel at a position, read back from the cache as a map view would."""
    tile = tile_at(lat, lon, z)
    data = service.cache.get(SCENARIO_SOURCE_ID, tile)
    assert data is not None, f"no tile {tile} cached"
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    x, y = world_xy(lat, lon)
    side = 1 << z
    return image[int((y * side - tile.y) * 256), int((x * side - tile.x) * 256)]


def test_tiles_cover_the_scenario_area_as_an_offline_source(installed):
    service, scenario, written = installed
    source = service.sources.get(SCENARIO_SOURCE_ID)
    assert source.offline_only and source.name == "Demo scenario"
    assert (source.min_zoom, source.max_zoom) == (16, 19)
    half_deg_lat = scenario.extent_m / 2 / 111_200
    half_deg_lon = half_deg_lat / math.cos(math.radians(scenario.lat))
    for z in ZOOMS:
        for dlat in (-0.9, 0, 0.9):
            for dlon in (-0.9, 0, 0.9):
                tile = tile_at(scenario.lat + dlat * half_deg_lat, scenario.lon + dlon * half_deg_lon, z)
                assert service.cache.has(SCENARIO_SOURCE_ID, tile), tile
    assert written == len(list(service.cache.tiles(SCENARIO_SOURCE_ID)))
    # Far outside the scene there is no tile; inside, the ground is opaque; at the scene's edge, transparent beyond.
    assert not service.cache.has(SCENARIO_SOURCE_ID, tile_at(scenario.lat + 0.01, scenario.lon, 19))
    assert pixel(service, scenario.lat, scenario.lon, 19)[3] == 255
    assert pixel(service, scenario.lat + 1.2 * half_deg_lat, scenario.lon, 16)[3] == 0


def test_a_fire_on_the_map_has_the_colour_the_camera_sees_there(installed):
    service, scenario, _ = installed
    renderer = SceneRenderer(scenario)
    for fire in scenario.fires:
        pose = CameraPose(0.0, fire.lat, fire.lon, scenario.ground_alt_m + 40.0)  # looking straight down
        frame = renderer.render_rgb(pose, THERMAL_640)
        seen = frame[THERMAL_640.height_px // 2 - 1:THERMAL_640.height_px // 2 + 1,
                     THERMAL_640.width_px // 2 - 1:THERMAL_640.width_px // 2 + 1].reshape(-1, 3).mean(axis=0)
        on_map = pixel(service, fire.lat, fire.lon, 19)
        assert on_map[3] == 255
        assert np.abs(on_map[:3].astype(float) - seen).max() < 25, (fire.id, on_map, seen)
        grass = pixel(service, fire.lat, fire.lon + 8 * fire.radius_m / 72_000, 19)
        assert np.abs(on_map[:3].astype(float) - grass[:3]).max() > 60  # the fire stands out from the meadow


def test_installing_again_keeps_the_tiles_and_writes_none(installed):
    service, scenario, written = installed
    assert written > 0
    assert install_scenario_tiles(service, scenario, ZOOMS) == 0


def test_a_source_id_taken_by_a_builtin_map_is_refused_and_the_cache_is_untouched(tmp_path):
    service = TileService(tmp_path, offline=True)
    with pytest.raises(TileError, match="already exists"):
        install_scenario_tiles(service, load_scenario(SCENARIO_FILE), range(19, 20), source_id="osm")
    assert service.sources.get("osm").url.startswith("https://")
    assert not service.cache.has("osm", TileId(19, 0, 0))


def test_the_demo_window_opens_on_the_scenario_map(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    from groundstation.core.datadir import DataDir
    from groundstation.core.settings import Settings
    from groundstation.ui.app import run_demo_window

    data = DataDir.open(tmp_path / "data")
    assert run_demo_window(data, speedup=10.0, duration=1.0) == 0
    assert Settings.load(data.settings_file).map_source == SCENARIO_SOURCE_ID
    service = TileService.in_data_dir(data, offline=True)  # as the web view and the next start see it
    scenario = load_scenario(SCENARIO_FILE)
    assert service.sources.get(SCENARIO_SOURCE_ID).offline_only
    assert service.cache.has(SCENARIO_SOURCE_ID, tile_at(scenario.lat, scenario.lon, 19))
