"""The commander's page in a real browser (headless Chromium): vehicle, findings, live moves, popup, and the
drone's geofence and rally points."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from fence_items import fence_item, rally_item
from pymavlink.dialects.v20 import common as mavlink
from pyproj import Geod
from web_station import HOME, STATION, Station, offline_tiles

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.web.server import WebView
from sitl.vehicle.link import MissionFault

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
SPEEDUP = 10.0
GEOD = Geod(ellps="WGS84")

if not CHROMIUM.exists():
    pytest.skip("the browser test needs Chromium at /usr/bin/chromium (Debian package 'chromium')",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the browser test needs Playwright (PyPI 'playwright')")
sim = pytest.importorskip("sitl.vehicle")


@pytest.fixture
def busy_station(tmp_path: Path):
    """A station with the map around HOME cached, one simulated drone, and two findings."""
    data = DataDir.open(tmp_path / "station")
    data.settings_file.write_text(json.dumps({"station_id": STATION, "operator": "Lt. Weber"}))
    tiles = offline_tiles(tmp_path / "tiles", zooms=range(15, 19), around=3)
    with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        view = WebView(engine, tiles=tiles)
        asyncio.run_coroutine_threadsafe(view.start(), engine._loop).result(timeout=10)
        station = Station(engine, view, data)
        port = int(engine.links[0].rsplit(":", 1)[1])
        try:
            with sim.SimulatedFleet(count=1, home=HOME, gcs=("127.0.0.1", port), speedup=SPEEDUP, seed=3,
                                    base_port=0) as fleet:
                station.wait(lambda s: s.vehicles[1].state.home is not None
                             and s.vehicles[1].state.gps_fix.startswith("3D"), 20, "the drone ready")
                lon, lat, _ = GEOD.fwd(HOME[1], HOME[0], 30.0, 45.0)
                marked = engine.mark_here(lat, lon, kind="person", note="two persons waving from the roof",
                                          h_acc_m=6.0).result(timeout=5)
                detected = station.record_detection()
                station.wait(lambda s: len(s.findings) == 2, what="two findings")
                yield station, fleet, marked, detected
        finally:
            asyncio.run_coroutine_threadsafe(view.stop(), engine._loop).result(timeout=10)


@pytest.fixture
def chromium():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, locale: str = "en-GB"):
    """A 1280x800 page in `locale`, and the script errors it raises (a test ends asserting there were none)."""
    page = browser.new_page(viewport={"width": 1280, "height": 800}, locale=locale)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    return page, problems


def test_the_commander_sees_the_drone_move_and_opens_a_finding(busy_station, chromium, tmp_path):
    station, _fleet, marked, detected = busy_station
    engine = station.engine
    page, problems = open_page(chromium)
    page.goto(station.view.link)
    assert "token=" not in page.url  # the token went into a cookie, not the address bar

    drone = page.locator('.vehicle[data-vehicle="1"]')
    drone.wait_for(timeout=10_000)
    assert "#1" in drone.locator(".label").inner_text()
    page.locator(f'.finding[data-finding="{marked.id}"]').wait_for(timeout=5_000)
    page.locator(f'.finding[data-finding="{detected.id}"]').wait_for(timeout=5_000)
    assert page.locator("#conn").inner_text().startswith("Live")
    loaded_tiles = page.evaluate("[...document.querySelectorAll('#tiles img')].filter(i => i.naturalWidth).length")
    assert loaded_tiles > 0  # the map comes from the station's own tile cache

    # The drone takes off and flies 100 m east-south-east: the page follows without a reload.
    page.evaluate("window.__sameDocument = true")
    start = drone.bounding_box()
    engine.arm(1).result(timeout=10)
    engine.takeoff(1, 15.0).result(timeout=10)
    station.wait(lambda s: s.vehicles[1].state.alt_rel > 13.0, 10, "15 m")
    lon, lat, _ = GEOD.fwd(HOME[1], HOME[0], 120.0, 100.0)
    engine.goto(1, lat, lon, 15.0).result(timeout=10)
    page.wait_for_function(
        "([lon]) => Math.abs(+document.querySelector('.vehicle[data-vehicle=\"1\"]').dataset.lon - lon) < 0.0002",
        arg=[lon], timeout=20_000)
    moved = drone.bounding_box()
    assert moved["x"] - start["x"] > 20  # it moved east on the screen
    assert page.evaluate("window.__sameDocument") is True
    assert "15 m" in drone.locator(".label").inner_text() or "14 m" in drone.locator(".label").inner_text()

    # The detection's popup: snapshot image, time, vehicle, accuracy, status.
    page.locator(f'.finding[data-finding="{detected.id}"]').click()
    popup = page.locator("#popup")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    for expected in ("Thermal hotspot", "UNCONFIRMED", "UAV-1", "± 8 m", "82 %", "212.5 °C"):
        assert expected in text, expected
    page.wait_for_function("() => document.querySelector('#popup img')?.naturalWidth === 320")
    page.screenshot(path=str(tmp_path / "web-view.png"))

    # The finding marked by hand: no image, its note, and a confirmation it was made by hand.
    popup.get_by_role("button", name="Close").click()
    popup.wait_for(state="hidden")
    page.locator(f'.finding[data-finding="{marked.id}"]').click()
    page.wait_for_function("() => document.querySelector('#popup h3').textContent === 'Person located'")
    text = popup.inner_text()
    assert "marked by hand" in text and "two persons waving from the roof" in text and "no image" in text
    assert "Lt. Weber" in text

    # Opened from the list this time; a change at the station reaches the open popup live.
    page.locator("#finding-list li", has_text="Thermal hotspot").click()
    page.wait_for_function("() => document.querySelector('#popup .chip').textContent === 'UNCONFIRMED'")
    engine.confirm_finding(detected.id).result(timeout=5)
    page.wait_for_function("() => document.querySelector('#popup .chip').textContent === 'confirmed'")
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")
    assert problems == []
    assert (tmp_path / "web-view.png").stat().st_size > 10_000


def test_the_commander_sees_each_drones_geofence_and_rally_points_until_they_are_cleared(busy_station, chromium):
    station, _fleet, _marked, _detected = busy_station
    engine = station.engine
    home = engine.snapshot().vehicles[1].state.home
    at = lambda bearing, metres: GEOD.fwd(home.lon, home.lat, bearing, metres)[1::-1]  # noqa: E731 - (lat, lon)
    inclusion = mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION
    square = [at(bearing, 140.0) for bearing in (315, 45, 135, 225)]
    no_fly = at(90.0, 45.0)  # a 15 m no-fly circle east of the drone
    fence = [fence_item(i, inclusion, 4, *p) for i, p in enumerate(square)]
    fence.append(fence_item(4, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_EXCLUSION, 15.0, *no_fly))
    rally = [rally_item(i, *at(bearing, 60.0)) for i, bearing in enumerate((200, 250))]
    page, problems = open_page(chromium)
    page.goto(station.view.link)
    page.locator('.vehicle[data-vehicle="1"]').wait_for(timeout=10_000)
    # The simulator holds no fence: nothing drawn, no legend, and the drone's fence is known (none).
    page.wait_for_function("() => !document.querySelector('#vehicle-list .warn')", timeout=10_000)
    assert page.locator("#overlay .fence, .rally").count() == 0 and page.locator("#legend").is_hidden()
    centre = page.locator('.vehicle[data-vehicle="1"]').bounding_box()
    before = red_excess(page.screenshot(), centre, dx=45.0 / metres_per_px(page, home.lat))

    engine.upload_mission(1, fence, "fence").result(timeout=15)
    engine.upload_mission(1, rally, "rally").result(timeout=15)
    page.locator('.rally[data-vehicle="1"]').nth(1).wait_for(timeout=5_000)
    page.locator('#overlay .fence.exclusion[data-vehicle="1"]').wait_for(state="attached", timeout=5_000)
    area = page.locator('#overlay polygon.fence.inclusion[data-vehicle="1"]')
    assert area.count() == 1 and page.locator("#overlay circle.fence.exclusion").count() == 1
    vehicle_colour = page.evaluate(
        "() => getComputedStyle(document.querySelector('.vehicle[data-vehicle=\"1\"] path')).fill")
    assert area.evaluate("a => getComputedStyle(a).stroke") == vehicle_colour  # in the drone's colour
    assert page.locator('.rally[data-vehicle="1"]').first.inner_text() == "R"
    legend = page.locator("#legend")
    assert legend.is_visible()
    assert legend.inner_text().splitlines() == ["Flight area (geofence): the drone stays inside",
                                                "No-fly zone: the drone stays out",
                                                "Rally point: where the drone returns to"]
    shaded = red_excess(page.screenshot(), centre, dx=45.0 / metres_per_px(page, home.lat))
    assert shaded - before > 20, (before, shaded)  # the no-fly circle is hatched red on the map

    french, _ = open_page(chromium, "fr-FR")
    french.goto(station.view.link)
    french.locator('.rally[data-vehicle="1"]').nth(1).wait_for(timeout=10_000)
    assert "Zone interdite : le drone n'y entre pas" in french.locator("#legend").inner_text()
    assert french.locator('.rally[data-vehicle="1"]').first.get_attribute("title") == (
        "#1: Point de ralliement : où le drone revient")
    french.close()

    engine.clear_geofence(1).result(timeout=15)
    page.wait_for_function("() => !document.querySelector('#overlay .fence, .rally')", timeout=5_000)
    assert page.locator("#legend").is_hidden()

    # A reading the drone refuses: the commander is told the fence is not known, and why, in their language.
    _fleet.vehicles[0].faults.mission = MissionFault("download_count", "error_ack",
                                                     mission_type=mavlink.MAV_MISSION_TYPE_FENCE)
    assert engine.refresh_geofence(1).result(timeout=15).fence_error is not None
    warn = page.locator("#vehicle-list .warn")
    warn.filter(has_text="geofence not known").wait_for(timeout=5_000)
    assert warn.inner_text() == "geofence not known (the drone refused)"
    french, _ = open_page(chromium, "fr-FR")
    french.goto(station.view.link)
    french.locator("#vehicle-list .warn").filter(has_text="inconnue").wait_for(timeout=10_000)
    assert french.locator("#vehicle-list .warn").inner_text() == "géobarrière inconnue (le drone a refusé)"
    french.close()
    assert problems == []


def metres_per_px(page, lat: float) -> float:
    """The page's scale where the drone is, read from its scale bar (metres written under a bar so many px wide)."""
    text, width = page.evaluate("() => [document.querySelector('#scale').textContent, "
                                "document.querySelector('#scale').getBoundingClientRect().width]")
    value, unit = text.split()
    return float(value) * (1000 if unit == "km" else 1) / width


def red_excess(png: bytes, box: dict, dx: float, half_px: int = 5) -> float:
    """How much redder than green the page is, on average, in a small square `dx` px east of the box's centre."""
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR).astype(float)
    x, y = round(box["x"] + box["width"] / 2 + dx), round(box["y"] + box["height"] / 2)
    patch = image[y - half_px:y + half_px, x - half_px:x + half_px]
    return float((patch[..., 2] - patch[..., 1]).mean())
