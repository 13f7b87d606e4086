"""The live page's data: the whole picture once, then only changes; tiles; the reader's language."""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Iterator

import httpx
import pytest
from web_station import HOME, STATION

from drivers.mavlink.mission import Failure, MissionTransferError
from groundstation.core.tiles_grid import tile_at
from groundstation.web.live import LiveFollower, LivePicture
from groundstation.web.texts import negotiate

sim = pytest.importorskip("sitl.vehicle")


def sse_events(stream: httpx.Response) -> Iterator[tuple[str, dict]]:
    kind, data = "message", []
    for line in stream.iter_lines():
        if line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif line == "" and data:
            yield kind, json.loads("\n".join(data))
            kind, data = "message", []


@pytest.fixture
def fleet(station):
    port = int(station.engine.links[0].rsplit(":", 1)[1])
    with sim.SimulatedFleet(count=1, home=HOME, gcs=("127.0.0.1", port), speedup=10.0, seed=3, base_port=0) as fleet:
        station.wait(lambda s: 1 in s.vehicles and s.vehicles[1].state.has_position, 20, "vehicle 1 with a position")
        yield fleet


def test_the_stream_sends_the_picture_then_only_what_changed(station, fleet):
    old = station.engine.mark_here(49.4716, 6.3693, kind="person").result(timeout=5)
    station.wait(lambda s: len(s.findings) == 1, what="the first finding")
    with httpx.Client(timeout=10) as http, http.stream(
            "GET", station.view.url + "live", headers={"Authorization": f"Bearer {station.view.token}"}) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        events = sse_events(stream)
        kind, first = next(events)
        assert kind == "snapshot"
        vehicle = first["vehicles"]["1"]
        assert vehicle["lat"] == pytest.approx(HOME[0], abs=1e-3) and vehicle["lon"] == pytest.approx(HOME[1], abs=1e-3)
        assert vehicle["type"] == "QUADROTOR" and vehicle["link_ok"] and vehicle["mode"]
        assert list(first["findings"]) == [old.id]

        new = station.engine.mark_here(49.4720, 6.3700, kind="hotspot", note="smoke").result(timeout=5)
        deadline = time.monotonic() + 5
        for kind, delta in events:
            assert kind == "delta" and time.monotonic() < deadline
            assert old.id not in delta["findings"]  # unchanged findings are not sent again
            if new.id in delta["findings"]:
                break
        got = delta["findings"][new.id]
        assert (got["kind"], got["status"], got["annotations"][0]["text"]) == ("hotspot", "confirmed", "smoke")
        assert got["snapshot"] is None


def test_vehicles_collection_shows_the_simulated_drone(station, fleet):
    with station.client() as http:
        doc = http.get("/ogc/collections/vehicles/items").json()
    assert doc["numberMatched"] == 1
    feature = doc["features"][0]
    assert feature["id"] == f"{STATION}-vehicle-1"
    lon, lat = feature["geometry"]["coordinates"][:2]
    assert (lat, lon) == (pytest.approx(HOME[0], abs=1e-3), pytest.approx(HOME[1], abs=1e-3))
    assert feature["properties"]["autopilot"] == "PX4" and feature["properties"]["armed"] is False


def test_deltas_name_moved_added_and_gone_things_only():
    from groundstation.core.engine import FleetSnapshot, VehicleView
    from drivers.mavlink.state import VehicleState

    def snap(lat: float, with_second: bool) -> FleetSnapshot:
        vehicles = {1: VehicleView(VehicleState(1, lat=lat, lon=6.0, heading_deg=math.nan), ())}
        if with_second:
            vehicles[2] = VehicleView(VehicleState(2, lat=49.0, lon=6.1), ())
        return FleetSnapshot(time=1.0, vehicles=vehicles)

    follower = LiveFollower()
    kind, full = follower.next_message(LivePicture.of(snap(49.0, True)))
    assert kind == "snapshot" and set(full["vehicles"]) == {"1", "2"}
    assert full["vehicles"]["1"]["heading"] is None  # NaN is not JSON: unknown values are null
    json.dumps(full, allow_nan=False)
    assert follower.next_message(LivePicture.of(snap(49.0, True))) is None
    kind, delta = follower.next_message(LivePicture.of(snap(49.001, False)))
    assert kind == "delta" and list(delta["vehicles"]) == ["1"] and delta["gone_vehicles"] == ["2"]


def test_tiles_come_from_the_station_cache(station):
    cached = tile_at(HOME[0], HOME[1], 15)
    with station.client() as http:
        tile = http.get(f"/tiles/osm/{cached}")
        absent = http.get(f"/tiles/osm/15/{cached.x + 5}/{cached.y}")
        impossible = http.get("/tiles/osm/3/9/1")
        unknown = http.get(f"/tiles/no-such-map/{cached}")
        sources = http.get("/tiles/sources").json()["sources"]
    assert tile.status_code == 200 and tile.headers["Content-Type"] == "image/png"
    assert tile.content.startswith(b"\x89PNG")
    assert absent.status_code == 404 and "no osm tile" in absent.text and "map cache" in absent.text
    assert impossible.status_code == 400 and "does not exist" in impossible.text
    assert unknown.status_code == 404 and "no tile source" in unknown.text
    osm = next(s for s in sources if s["id"] == "osm")
    assert "OpenStreetMap" in osm["attribution"]  # the page must show it


@pytest.mark.parametrize("accept, override, lang, word", [
    ("fr-FR,fr;q=0.9,en;q=0.8", None, "fr", "Carte de situation"),
    ("de-DE", None, "de", "Lagekarte"),
    ("nl-BE,de;q=0.7,fr;q=0.8", None, "fr", "Carte de situation"),
    ("fr-FR", "de", "de", "Lagekarte"),
    ("da, en-GB;q=0.8", None, "en", "Situation map"),
])
def test_the_page_speaks_the_readers_language(station, accept, override, lang, word):
    with station.client(headers={"Accept-Language": accept}) as http:
        page = http.get("/", params={"lang": override} if override else {}).text
    assert f'<html lang="{lang}">' in page and word in page
    texts = json.loads(re.search(r'<script type="application/json" id="texts">(.*?)</script>', page, re.S).group(1))
    assert texts["person"] == {"en": "Person located", "fr": "Personne localisée", "de": "Person geortet"}[lang]


def test_malformed_language_preferences_fall_back_to_english():
    assert negotiate("fr;q=abc, de;q=0.5") == "de"
    assert negotiate(";;;,") == "en" and negotiate(None) == "en"
    assert negotiate("fr;q=0") == "en"


def test_a_vehicles_fence_is_sent_when_it_changes_not_when_the_vehicle_moves():
    from drivers.mavlink.state import VehicleState
    from groundstation.core.engine import FleetSnapshot, VehicleView
    from groundstation.core.geofence import Fence, FenceAndRally
    from missions.geodesy import LatLon
    from missions.qgc_plan import FenceCircle, FencePolygon

    square = FencePolygon([LatLon(49.0, 6.0), LatLon(49.0, 6.01), LatLon(48.99, 6.01)], True)
    fenced = FenceAndRally(Fence((square,), (FenceCircle(LatLon(48.995, 6.005), 50.0, False),)), (LatLon(49.0, 6.0),))

    def snap(lat: float, known: FenceAndRally) -> FleetSnapshot:
        return FleetSnapshot(time=1.0, vehicles={1: VehicleView(VehicleState(1, lat=lat, lon=6.0), (), known)})

    follower = LiveFollower()
    kind, full = follower.next_message(LivePicture.of(snap(49.0, FenceAndRally())))
    assert full["geofences"]["1"] == {"id": 1, "fence": None, "rally": None, "read_failure": None}  # not read yet
    kind, delta = follower.next_message(LivePicture.of(snap(49.0, fenced)))
    assert list(delta["geofences"]) == ["1"] and delta["vehicles"] == {}
    assert delta["geofences"]["1"]["fence"] == {
        "polygons": [{"inclusion": True, "points": [[49.0, 6.0], [49.0, 6.01], [48.99, 6.01]]}],
        "circles": [{"inclusion": False, "center": [48.995, 6.005], "radius_m": 50.0}]}
    assert delta["geofences"]["1"]["rally"] == [[49.0, 6.0]]
    kind, delta = follower.next_message(LivePicture.of(snap(49.001, fenced)))
    assert list(delta["vehicles"]) == ["1"] and delta["geofences"] == {}  # moved: its fence is not sent again

    # A reading that failed keeps the fence shown and says it may be out of date; a vehicle gone takes it along.
    kind, delta = follower.next_message(LivePicture.of(snap(49.001, fenced.failed("rally", TimeoutError("no answer")))))
    assert delta["geofences"]["1"]["read_failure"] == "failed" and delta["geofences"]["1"]["rally"] == [[49.0, 6.0]]
    # Why, in a word the page words in the commander's language.
    silent = MissionTransferError("fence", "download", Failure.NO_ANSWER, tries=6, waited_s=9.0)
    kind, delta = follower.next_message(LivePicture.of(snap(49.001, fenced.failed("fence", silent))))
    assert delta["geofences"]["1"]["read_failure"] == "no_answer"
    refused = MissionTransferError("rally", "download", Failure.REFUSED, result="MAV_MISSION_DENIED")
    kind, delta = follower.next_message(LivePicture.of(snap(49.001, fenced.failed("rally", refused))))
    assert delta["geofences"]["1"]["read_failure"] == "refused"
    kind, delta = follower.next_message(LivePicture.of(FleetSnapshot(time=2.0)))
    assert delta["gone_geofences"] == ["1"] and delta["gone_vehicles"] == ["1"]
