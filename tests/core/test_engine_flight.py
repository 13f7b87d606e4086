"""Engine + built-in simulator, end to end over real UDP: what a pilot does in a sortie."""

from __future__ import annotations


import pytest
from waiting import wait_snapshot
from pyproj import Geod

from groundstation.core.datadir import DataDir
from groundstation.core.engine import CommandError, Engine

sim = pytest.importorskip("sitl.vehicle")

HOME = (49.47, 6.37, 200.0)
SPEEDUP = 10.0
GEOD = Geod(ellps="WGS84")


def wait_for(engine: Engine, predicate, sim_seconds: float, what: str):
    return wait_snapshot(engine, predicate, sim_seconds / SPEEDUP + 5.0, what)

def distance_m(a_lat, a_lon, b_lat, b_lon) -> float:
    return GEOD.inv(a_lon, a_lat, b_lon, b_lat)[2]


@pytest.fixture
def flight(tmp_path, request):
    count = getattr(request, "param", 1)
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        with sim.SimulatedFleet(count=count, home=HOME, gcs=("127.0.0.1", port), speedup=SPEEDUP,
                                seed=3, base_port=0) as fleet:
            wait_for(engine, lambda s: len(s.vehicles) == count and all(
                v.state.home is not None and v.state.gps_fix.startswith("3D") for v in s.vehicles.values()),
                60, f"{count} vehicles ready")
            yield engine, fleet


def test_a_whole_sortie_arm_takeoff_goto_return_land(flight):
    engine, fleet = flight
    st = engine.snapshot().vehicles[1].state
    assert (st.autopilot, st.vehicle_type, st.armed) == ("PX4", "QUADROTOR", False)
    assert st.landed_state == "ON_GROUND"

    assert engine.arm(1).result(timeout=10).result == "ACCEPTED"
    wait_for(engine, lambda s: s.vehicles[1].state.armed, 5, "armed")

    engine.takeoff(1, 20.0).result(timeout=10)
    # PX4 reports TAKEOFF while it climbs and IN_AIR once the takeoff is done: a snapshot at 19 m may
    # still be climbing, so wait for both rather than read the state of the first one above 19 m
    s = wait_for(engine, lambda s: s.vehicles[1].state.alt_rel > 19.0 and s.vehicles[1].state.landed_state == "IN_AIR",
                 60, "20 m, in the air")
    assert s.vehicles[1].state.landed_state == "IN_AIR"
    truth = fleet.vehicles[0].truth()
    assert truth.alt_rel == pytest.approx(s.vehicles[1].state.alt_rel, abs=2.0)

    home = s.vehicles[1].state.home
    lon, lat, _ = GEOD.fwd(home.lon, home.lat, 45.0, 150.0)
    engine.goto(1, lat, lon, 20.0).result(timeout=10)
    s = wait_for(engine, lambda s: distance_m(s.vehicles[1].state.lat, s.vehicles[1].state.lon, lat, lon) < 3.0,
                 120, "the go-to point")
    assert s.vehicles[1].state.mode == "Hold"  # PX4 holds at a reposition target
    assert abs(s.vehicles[1].state.alt_rel - 20.0) < 2.0

    engine.return_to_launch(1).result(timeout=10)
    wait_for(engine, lambda s: s.vehicles[1].state.mode == "Return", 5, "Return mode")
    s = wait_for(engine, lambda s: not s.vehicles[1].state.armed, 300, "landed and disarmed")
    st = s.vehicles[1].state
    assert st.landed_state == "ON_GROUND"
    assert distance_m(st.lat, st.lon, home.lat, home.lon) < 3.0
    assert len(s.vehicles[1].trail) > 5


def test_land_where_it_is(flight):
    engine, _fleet = flight
    engine.arm(1).result(timeout=10)
    engine.takeoff(1, 10.0).result(timeout=10)
    wait_for(engine, lambda s: s.vehicles[1].state.alt_rel > 8.5, 40, "10 m")
    engine.hold(1).result(timeout=10)
    engine.land(1).result(timeout=10)
    wait_for(engine, lambda s: s.vehicles[1].state.mode == "Land", 5, "Land mode")
    wait_for(engine, lambda s: not s.vehicles[1].state.armed, 120, "disarmed after landing")


@pytest.mark.parametrize("flight", [5], indirect=True)
def test_five_vehicles_at_once(flight):
    engine, fleet = flight
    ids = sorted(engine.snapshot().vehicles)
    assert ids == [1, 2, 3, 4, 5]
    for future in [engine.arm(i) for i in ids]:
        assert future.result(timeout=10).result == "ACCEPTED"
    for future in [engine.takeoff(i, 10.0 + i) for i in ids]:
        future.result(timeout=10)
    s = wait_for(engine, lambda s: all(s.vehicles[i].state.alt_rel > 8.5 + i for i in ids), 60, "5 climbs")
    for i in ids:
        truth = fleet.vehicles[i - 1].truth()
        st = s.vehicles[i].state
        assert distance_m(st.lat, st.lon, truth.lat, truth.lon) < 5.0


def test_link_loss_is_detected_and_recovered(flight):
    engine, fleet = flight
    events = engine.subscribe()
    fleet.vehicles[0].faults.link_cut = True
    wait_for(engine, lambda s: not s.vehicles[1].state.link_ok, 60, "link lost")
    fleet.vehicles[0].faults.link_cut = False
    wait_for(engine, lambda s: s.vehicles[1].state.link_ok, 30, "link recovered")
    names = []
    while not events.empty():
        names.append(type(events.get()).__name__)
    assert names.index("LinkLost") < names.index("LinkRecovered")


def test_a_denied_command_gives_its_reason(flight):
    engine, fleet = flight
    fleet.vehicles[0].faults.deny_arming = "geofence breached"
    with pytest.raises(CommandError) as refused:
        engine.arm(1).result(timeout=10)
    assert refused.value.result == "TEMPORARILY_REJECTED"  # what PX4's commander answers
    assert "geofence breached" in str(refused.value)
    # A disarm in flight is refused by PX4 too; the error says so.
    fleet.vehicles[0].faults.deny_arming = None
    engine.arm(1).result(timeout=10)
    engine.takeoff(1, 10.0).result(timeout=10)
    wait_for(engine, lambda s: s.vehicles[1].state.alt_rel > 5.0, 30, "airborne")
    with pytest.raises(CommandError, match="COMPONENT_ARM_DISARM"):
        engine.disarm(1).result(timeout=10)


def test_lost_acks_make_a_clear_timeout(flight):
    engine, fleet = flight
    fleet.vehicles[0].faults.drop_command_acks = True
    with pytest.raises(CommandError, match="no answer after 4 tries"):
        engine.hold(1).result(timeout=30)
