"""The commander's page in a real browser (headless Chromium): vehicle, findings, live moves, popup."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from pyproj import Geod
from web_station import HOME, STATION, Station, offline_tiles

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.web.server import WebView

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


def test_the_commander_sees_the_drone_move_and_opens_a_finding(busy_station, tmp_path):
    station, _fleet, marked, detected = busy_station
    engine = station.engine
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="en-GB")
            problems: list[str] = []
            page.on("pageerror", lambda exc: problems.append(str(exc)))
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
        finally:
            browser.close()
    assert (tmp_path / "web-view.png").stat().st_size > 10_000
