"""The engine keeps each vehicle's geofence and rally points, read from the built-in simulator over real UDP:
read when the vehicle appears, read back after every fence or rally upload, download or clear, and kept
(with the reason) when a reading fails or the vehicle holds something that is not a fence."""

from __future__ import annotations


import pytest
from waiting import wait_snapshot
from fence_items import fence_item, rally_item
from pymavlink.dialects.v20 import common as mavlink

from drivers.mavlink import mission as mission_protocol
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine, MissionTransferError
from groundstation.core.geofence import Fence, same_fence
from missions.geodesy import LatLon
from missions.items import MissionItem
from missions.qgc_plan import FenceCircle, FencePolygon

sim = pytest.importorskip("sitl.vehicle")
from sitl.vehicle.link import MissionFault  # noqa: E402

HOME = (49.47, 6.37, 200.0)
SQUARE = [(49.4710, 6.3690), (49.4710, 6.3710), (49.4690, 6.3710), (49.4690, 6.3690)]
RALLY = [(49.4705, 6.3695), (49.4695, 6.3705)]


def sector_fence() -> list[MissionItem]:
    """Fly inside the square, never within 50 m of the house at its middle."""
    inclusion = mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION
    items = [fence_item(i, inclusion, len(SQUARE), lat, lon) for i, (lat, lon) in enumerate(SQUARE)]
    items.append(fence_item(len(items), mavlink.MAV_CMD_NAV_FENCE_CIRCLE_EXCLUSION, 50.0, 49.47, 6.37))
    return items


SECTOR = Fence((FencePolygon([LatLon(*p) for p in SQUARE], True),), (FenceCircle(LatLon(49.47, 6.37), 50.0, False),))


@pytest.fixture
def quick_give_up(monkeypatch):
    """A vehicle that does not answer is given up on in about 2 s instead of 9: the same retries, sooner."""
    monkeypatch.setattr(mission_protocol, "ITEM_TIMEOUT_S", 0.3)


@pytest.fixture
def station(tmp_path):
    """An engine and one simulated drone that already holds the sector's fence and one rally point, and does
    not answer when asked for its rally points (until a test lifts the fault)."""
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        fleet = sim.SimulatedFleet(count=1, home=HOME, gcs=("127.0.0.1", port), speedup=10.0, seed=3, base_port=0)
        vehicle = fleet.vehicles[0]
        vehicle.autopilot.store.fence = sector_fence()
        vehicle.autopilot.store.rally = [rally_item(0, *RALLY[0])]
        vehicle.faults.mission = MissionFault("download_count", "no_response",
                                              mission_type=mavlink.MAV_MISSION_TYPE_RALLY)
        with fleet:
            yield engine, vehicle


def test_the_fence_is_read_when_the_vehicle_appears_and_what_is_not_read_is_unknown(station, quick_give_up):
    engine, vehicle = station
    snap = wait_snapshot(engine, lambda s: 1 in s.vehicles and s.vehicles[1].geofence.rally_error, 15,
                    "the fence read and the rally points given up on")
    known = snap.vehicles[1].geofence
    assert same_fence(known.fence, SECTOR)
    assert known.fence_error is None and known.rally is None  # never read: unknown, not "none"
    assert isinstance(known.rally_error, MissionTransferError) and "no answer from the vehicle" in str(known.rally_error)

    vehicle.faults.mission = None
    known = engine.refresh_geofence(1).result(timeout=10)
    assert known.rally == (LatLon(*RALLY[0]),) and known.rally_error is None
    assert engine.snapshot().vehicles[1].geofence == known  # published as soon as it is read


def test_uploads_and_clears_are_read_back_and_a_refusal_keeps_what_the_vehicle_holds(station, quick_give_up):
    engine, vehicle = station
    wait_snapshot(engine, lambda s: 1 in s.vehicles and s.vehicles[1].geofence.rally_error, 15, "the first reading")
    vehicle.faults.mission = None

    circle = [fence_item(0, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, 400.0, 49.47, 6.37)]
    engine.upload_mission(1, circle, "fence").result(timeout=10)
    held = engine.snapshot().vehicles[1].geofence.fence
    assert held.polygons == () and [(c.inclusion, c.radius_m) for c in held.circles] == [(True, 400.0)]
    engine.upload_mission(1, [rally_item(i, *p) for i, p in enumerate(RALLY)], "rally").result(timeout=10)
    assert engine.snapshot().vehicles[1].geofence.rally == tuple(LatLon(*p) for p in RALLY)

    # Refused (no room for five items): the vehicle keeps the circle, and so does the snapshot.
    vehicle.missions.limits = sim.MissionLimits(fence=4)
    with pytest.raises(MissionTransferError, match="no space"):
        engine.upload_mission(1, sector_fence(), "fence").result(timeout=10)
    assert engine.snapshot().vehicles[1].geofence.fence == held

    # A fence another tool left on the vehicle that makes no sense (a polygon short of a vertex): the old
    # one stays, and the snapshot says why.
    vehicle.autopilot.store.fence = sector_fence()[1:]
    assert len(engine.download_mission(1, "fence").result(timeout=10)) == 4
    known = engine.snapshot().vehicles[1].geofence
    assert known.fence == held and str(known.fence_error).startswith("geofence from the vehicle: ")

    # Cleared: both are gone, and the snapshot says the vehicle holds none (not that they are unknown).
    known = engine.clear_geofence(1).result(timeout=10)
    assert (known.fence, known.rally, known.fence_error, known.rally_error) == (Fence(), (), None, None)
    assert vehicle.autopilot.store.fence == [] and vehicle.autopilot.store.rally == []
    assert engine.snapshot().vehicles[1].geofence == known


def test_a_mission_transfer_leaves_the_fence_alone(station, quick_give_up):
    engine, vehicle = station
    wait_snapshot(engine, lambda s: 1 in s.vehicles and s.vehicles[1].geofence.rally_error, 15, "the first reading")
    before = engine.snapshot().vehicles[1].geofence
    vehicle.faults.mission = None
    engine.clear_mission(1).result(timeout=10)
    assert engine.download_mission(1).result(timeout=10) == []
    assert engine.snapshot().vehicles[1].geofence == before
    with pytest.raises(ValueError, match="mission type 'fences'"):
        engine.clear_mission(1, "fences")
