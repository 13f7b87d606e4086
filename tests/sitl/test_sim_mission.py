"""Mission, geofence and rally transfer with the simulated PX4, driven by a bare pymavlink client."""
from __future__ import annotations

import math

import pymap3d
import pytest
from pymavlink.dialects.v20 import common as mavlink

from missions.items import MissionItem
from sitl.vehicle import MissionFault, MissionLimits, SimulatedFleet

HOME = (49.47, 6.37, 200.0)
ACCEPTED = mavlink.MAV_MISSION_ACCEPTED
REL, REL_INT, MIS = (mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT,
                     mavlink.MAV_FRAME_MISSION)
FENCE, RALLY = mavlink.MAV_MISSION_TYPE_FENCE, mavlink.MAV_MISSION_TYPE_RALLY


def at(east: float, north: float) -> tuple[int, int]:
    lat, lon, _ = pymap3d.enu2geodetic(east, north, 0, *HOME)
    return round(lat * 1e7), round(lon * 1e7)


def waypoints(n: int, alt: float = 20.0) -> list[MissionItem]:
    items = []
    for i in range(n):
        x, y = at(10.0 * (i % 10), 10.0 * (i // 10))
        items.append(MissionItem(i, REL, mavlink.MAV_CMD_NAV_WAYPOINT, int(i == 0), 1, 0.0, 0.0, 0.0,
                                 math.nan, x, y, alt + i % 7))
    return items


def fence_polygon(n: int) -> list[MissionItem]:
    return [MissionItem(i, REL, mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION, 0, 1, float(n), 0, 0, 0,
                        *at(100 * math.sin(2 * math.pi * i / n), 100 * math.cos(2 * math.pi * i / n)), 0.0, FENCE)
            for i in range(n)]


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=1, home=HOME, gcs=gcs.address, base_port=0, speedup=10, seed=7, gps_fix_delay=0.5,
                        mission_limits=MissionLimits(fence=700, rally=700)) as running:
        yield running


def test_mission_round_trip_comes_back_as_px4_stores_it(fleet, gcs):
    v = fleet.vehicles[0]
    items = waypoints(100) + [MissionItem(100, MIS, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH, 0, 1, 0, 0, 0, 0, 0, 0, 0.0)]
    items[3] = MissionItem(3, REL, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1, 5.0, 3.0, 7.0, -90.0, items[3].x, items[3].y, 30.0)
    assert gcs.upload(v.port, items) == ACCEPTED
    back = gcs.download(v.port)
    assert len(back) == 101
    assert [(m.seq, m.command, m.x, m.y) for m in back] == [(i.seq, i.command, i.x, i.y) for i in items]
    assert all(m.frame == REL_INT for m in back[:100]) and back[100].frame == MIS   # PX4 answers with *_INT frames
    assert back[0].current == 1 and all(m.current == 0 for m in back[1:])
    # PX4 keeps hold time and acceptance radius, drops a waypoint's param3 and wraps the yaw to 0..360
    assert (back[3].param1, back[3].param2, back[3].param3, back[3].param4) == (5.0, 3.0, 0.0, 270.0)
    assert back[3].z == 30.0 and math.isnan(back[0].param4)


@pytest.mark.parametrize("count, loss", [(1, 0.05), (60, 0.05), (700, 0.0)])
def test_fence_and_rally_round_trips(fleet, gcs, count, loss):
    v = fleet.vehicles[0]
    v.faults.packet_loss = loss
    fence = fence_polygon(max(count, 3))[:count] if count >= 3 else [
        MissionItem(0, REL, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, 0, 1, 150.0, 0, 0, 0, *at(0, 0), 0.0, FENCE)]
    rally = [MissionItem(i, REL, mavlink.MAV_CMD_NAV_RALLY_POINT, 0, 1, 0, 0, 0, 0, *at(i, 2 * i), 15.0, RALLY)
             for i in range(count)]
    assert gcs.upload(v.port, fence, FENCE, retry=0.1) == ACCEPTED
    assert gcs.upload(v.port, rally, RALLY, retry=0.1) == ACCEPTED
    got_fence = gcs.download(v.port, FENCE, retry=0.1)
    got_rally = gcs.download(v.port, RALLY, retry=0.1)
    assert [(m.command, m.param1, m.x, m.y) for m in got_fence] == [(i.command, i.param1, i.x, i.y) for i in fence]
    assert [(m.x, m.y, m.z, m.mission_type) for m in got_rally] == [(i.x, i.y, i.z, RALLY) for i in rally]
    if loss and count > 1:
        assert v.links[0].counters.dropped_in > 0 and v.links[0].counters.dropped_out > 0


def test_legacy_mission_item_and_mission_request_are_served(fleet, gcs):
    v = fleet.vehicles[0]
    items = waypoints(3)
    mark = gcs.mark()
    assert gcs.upload(v.port, items, legacy=True) == ACCEPTED
    # PX4 asks with MISSION_REQUEST until the GCS shows it speaks MISSION_ITEM_INT
    assert gcs.messages("MISSION_REQUEST", since=mark) and not gcs.messages("MISSION_REQUEST_INT", since=mark)
    back = gcs.download(v.port, legacy=True)
    assert [m.get_type() for m in back] == ["MISSION_ITEM"] * 3
    assert [m.frame for m in back] == [REL] * 3
    # degrees as float32: ~4e-6 deg (40 in 1e-7 units) is all a legacy item can carry at 49 N
    assert all(abs(round(m.x * 1e7) - i.x) <= 40 and abs(round(m.y * 1e7) - i.y) <= 40 for m, i in zip(back, items))


def test_refusals_leave_the_stored_mission_unchanged(fleet, gcs):
    v = fleet.vehicles[0]
    original = waypoints(5)
    assert gcs.upload(v.port, original) == ACCEPTED
    # too many fence points for PX4's storage: NO_SPACE, before any item moves
    assert gcs.upload(v.port, fence_polygon(701), FENCE) == mavlink.MAV_MISSION_NO_SPACE
    # a local-frame item half way: UNSUPPORTED_FRAME, and PX4 names the refusal
    bad = waypoints(6)
    bad[3] = MissionItem(3, mavlink.MAV_FRAME_LOCAL_NED, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1, 0, 0, 0, 0, 1, 1, 5.0)
    mark = gcs.mark()
    assert gcs.upload(v.port, bad) == mavlink.MAV_MISSION_UNSUPPORTED_FRAME
    gcs.wait_text("IGN MISSION_ITEM: Invalid item", since=mark)
    # a fence item inside a mission: PX4's hardening check refuses it
    wrong = waypoints(2) + [fence_polygon(3)[0]]
    wrong[2] = MissionItem(2, REL, mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION, 0, 1, 3, 0, 0, 0, 1, 1, 0.0)
    assert gcs.upload(v.port, wrong) == mavlink.MAV_MISSION_ERROR
    # an unknown command
    odd = [MissionItem(0, MIS, 31337, 0, 1, 0, 0, 0, 0, 0, 0, 0.0)]
    assert gcs.upload(v.port, odd) == mavlink.MAV_MISSION_UNSUPPORTED
    assert [(m.x, m.y) for m in gcs.download(v.port)] == [(i.x, i.y) for i in original]
    assert len(v.autopilot.store.mission) == 5


@pytest.mark.parametrize("fault, expected", [
    (MissionFault("upload_count", "error_ack"), mavlink.MAV_MISSION_ERROR),
    (MissionFault("upload_item", "error_ack", item=2), mavlink.MAV_MISSION_ERROR),
    (MissionFault("upload_final_ack", "error_ack"), mavlink.MAV_MISSION_ERROR),
    (MissionFault("upload_final_ack", "missing_requests", item=1), ACCEPTED),   # early "done": nothing stored
])
def test_injected_upload_faults_never_half_replace_the_mission(fleet, gcs, fault, expected):
    v = fleet.vehicles[0]
    original = waypoints(4)
    assert gcs.upload(v.port, original) == ACCEPTED
    v.faults.mission = fault
    mark = gcs.mark()
    assert gcs.upload(v.port, waypoints(6, alt=50.0)) == expected
    requested = {m.seq for m in gcs.messages("MISSION_REQUEST", since=mark) + gcs.messages("MISSION_REQUEST_INT", since=mark)}
    assert len(requested) == 6 if fault.stage == "upload_final_ack" and fault.kind == "error_ack" else len(requested) < 6
    v.faults.mission = None
    assert [(m.x, m.y, m.z) for m in gcs.download(v.port)] == [(i.x, i.y, i.z) for i in original]


def test_no_response_and_wrong_sequence_faults(fleet, gcs):
    v = fleet.vehicles[0]
    assert gcs.upload(v.port, waypoints(4)) == ACCEPTED
    # the vehicle never asks for item 1: the client gives up, the vehicle times out ("Operation timeout")
    v.faults.mission = MissionFault("upload_item", "no_response", item=1)
    mark = gcs.mark()
    with pytest.raises(TimeoutError):
        gcs.upload(v.port, waypoints(3, alt=40.0), retry=0.2, tries=5)
    gcs.wait_for("STATUSTEXT", lambda m: m.text == "Operation timeout", timeout=8, since=mark)
    assert len(v.autopilot.store.mission) == 4
    # first try only: the client's retry gets the answer
    v.faults.mission = MissionFault("download_item", "no_response", item=2, first_try_only=True)
    assert len(gcs.download(v.port, retry=0.2)) == 4 and v.faults.mission is None
    # once, the vehicle asks for item 2 when item 1 is due; its own retry asks for 1 and the upload completes
    v.faults.mission = MissionFault("upload_item", "wrong_sequence", item=1, first_try_only=True)
    mark = gcs.mark()
    assert gcs.upload(v.port, waypoints(4, alt=60.0)) == ACCEPTED
    seqs = [m.seq for m in gcs.messages("MISSION_REQUEST", since=mark) + gcs.messages("MISSION_REQUEST_INT", since=mark)]
    assert seqs.index(2) < seqs.index(1) and v.autopilot.store.mission[0].z == 60.0
    v.faults.mission = MissionFault("download_count", "no_response")
    with pytest.raises(TimeoutError):
        gcs.download(v.port, retry=0.1, tries=3)


def test_duplicate_request_is_served_and_the_upload_completes(fleet, gcs):
    v = fleet.vehicles[0]
    v.faults.mission = MissionFault("upload_item", "duplicate", item=1)
    mark = gcs.mark()
    assert gcs.upload(v.port, waypoints(4)) == ACCEPTED
    seqs = [m.seq for m in gcs.messages("MISSION_REQUEST", since=mark) + gcs.messages("MISSION_REQUEST_INT", since=mark)]
    assert seqs.count(1) >= 2 and len(v.autopilot.store.mission) == 4


def test_clear_all_and_count_zero_empty_the_lists(fleet, gcs):
    v = fleet.vehicles[0]
    assert gcs.upload(v.port, waypoints(3)) == ACCEPTED
    assert gcs.upload(v.port, fence_polygon(4), FENCE) == ACCEPTED
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_mission_clear_all_message(1, 1, mavlink.MAV_MISSION_TYPE_ALL))
    ack = gcs.wait_for("MISSION_ACK", since=mark)
    assert ack.type == ACCEPTED
    assert gcs.download(v.port) == [] and gcs.download(v.port, FENCE) == []
    assert gcs.upload(v.port, waypoints(2)) == ACCEPTED
    assert gcs.upload(v.port, []) == ACCEPTED and v.autopilot.store.mission == []
