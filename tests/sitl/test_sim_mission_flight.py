"""The simulated PX4 flies an uploaded mission, pauses and resumes, and enforces its geofence."""
from __future__ import annotations

import math
import struct

import pymap3d
import pytest
from pymavlink.dialects.v20 import common as mavlink

from missions.items import MissionItem
from sitl.vehicle import SimulatedFleet

HOME = (49.47, 6.37, 200.0)
REL, MIS = mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_FRAME_MISSION
NAN = math.nan


def at(east: float, north: float) -> tuple[int, int]:
    lat, lon, _ = pymap3d.enu2geodetic(east, north, 0, *HOME)
    return round(lat * 1e7), round(lon * 1e7)


def item(seq, cmd, p=(0.0, 0.0, 0.0, 0.0), xy=(0, 0), z=0.0, frame=REL, mission_type=0):
    return MissionItem(seq, frame, cmd, int(seq == 0), 1, *p, *xy, z, mission_type)


def offset(truth) -> tuple[float, float]:
    east, north, _ = pymap3d.geodetic2enu(truth.lat, truth.lon, truth.alt_amsl, *HOME)
    return east, north


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=1, home=HOME, gcs=gcs.address, base_port=0, speedup=20, seed=3,
                        gps_fix_delay=0.5) as running:
        gcs.wait_for("HOME_POSITION", timeout=10)
        yield running


def test_mission_flown_end_to_end_reaches_every_item_in_order(fleet, gcs):
    v = fleet.vehicles[0]
    C = mavlink
    items = [
        item(0, C.MAV_CMD_NAV_TAKEOFF, (0, 0, 0, NAN), at(0, 0), 15.0),
        item(1, C.MAV_CMD_DO_CHANGE_SPEED, (1, 8.0, -1, 0), frame=MIS),
        item(2, C.MAV_CMD_DO_SET_CAM_TRIGG_DIST, (10.0, 0, 1, 0), frame=MIS),
        item(3, C.MAV_CMD_NAV_WAYPOINT, (0, 0, 0, NAN), at(0, 60), 15.0),
        item(4, C.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW, (-45.0, 0, NAN, NAN), frame=MIS),
        item(5, C.MAV_CMD_NAV_WAYPOINT, (3.0, 0, 0, NAN), at(60, 60), 20.0),       # 3 s hold
        item(6, C.MAV_CMD_DO_SET_CAM_TRIGG_DIST, (0, 0, 0, 0), frame=MIS),
        item(7, C.MAV_CMD_DO_SET_ROI_LOCATION, (0, 0, 0, 0), at(30, 0), 0.0),
        item(8, C.MAV_CMD_NAV_LOITER_TIME, (2.0, 0, 0, 0), at(60, 20), 20.0),
        item(9, C.MAV_CMD_DO_SET_ROI_NONE, frame=MIS),
        item(10, C.MAV_CMD_NAV_LAND, (0, 0, 0, NAN), at(40, 10), 0.0),
    ]
    assert gcs.upload(v.port, items) == mavlink.MAV_MISSION_ACCEPTED
    mark = gcs.mark()
    assert gcs.command(v.port, mavlink.MAV_CMD_MISSION_START, 0, 0) == mavlink.MAV_RESULT_ACCEPTED  # arms, as PX4
    fleet.wait_until(lambda: v.truth().mission_seq == 5, timeout=120)
    # pause (Hold) between waypoints: the vehicle stops and the mission waits at item 5
    assert gcs.command(v.port, mavlink.MAV_CMD_DO_SET_MODE, 1, 4, 3) == mavlink.MAV_RESULT_ACCEPTED
    fleet.wait_until(lambda: v.truth().ground_speed < 0.2, timeout=20)
    paused_at = fleet.sim_time
    fleet.wait_until(lambda: fleet.sim_time > paused_at + 5, timeout=10)
    assert v.truth().mission_seq == 5 and v.truth().ground_speed < 0.2
    gcs.wait_for("MISSION_CURRENT", lambda m: m.mission_state == mavlink.MISSION_STATE_PAUSED, since=gcs.mark())
    assert v.truth().gimbal_pitch_deg == pytest.approx(-45.0, abs=0.5)   # item 4 took effect
    assert gcs.command(v.port, mavlink.MAV_CMD_DO_SET_MODE, 1, 4, 4) == mavlink.MAV_RESULT_ACCEPTED
    fleet.wait_until(lambda: not v.truth().armed, timeout=240)
    # the landing item's report can still be on its way when the vehicle disarms
    gcs.wait_for("MISSION_ITEM_REACHED", lambda m: m.seq == 10, since=mark)
    reached = [m.seq for m in gcs.messages("MISSION_ITEM_REACHED", since=mark)]
    assert reached == list(range(11))
    truth = v.truth()
    east, north = offset(truth)
    assert truth.landed and math.hypot(east - 40, north - 10) < 1.5
    photos = gcs.messages("CAMERA_IMAGE_CAPTURED", since=mark)
    assert len(photos) >= 10 and [p.image_index for p in photos] == list(range(len(photos)))
    assert all(p.get_srcComponent() == mavlink.MAV_COMP_ID_CAMERA for p in photos)
    gpis = gcs.messages("GLOBAL_POSITION_INT", since=mark)
    assert max(math.hypot(m.vx, m.vy) / 100 for m in gpis) == pytest.approx(8.0, abs=0.3)  # DO_CHANGE_SPEED
    currents = [m.seq for m in gcs.messages("MISSION_CURRENT", since=mark)]
    assert currents == sorted(currents) and currents[-1] == 10


def _set_param(gcs, port, name: str, value: int) -> None:
    raw = struct.unpack("<f", struct.pack("<i", value))[0]
    mark = gcs.mark()
    gcs.send(port, mavlink.MAVLink_param_set_message(1, 1, name.encode(), raw, mavlink.MAV_PARAM_TYPE_INT32))
    gcs.wait_for("PARAM_VALUE", lambda m: m.param_id == name, since=mark)


def test_fence_breach_returns_to_the_nearest_rally_point(fleet, gcs):
    v = fleet.vehicles[0]
    C = mavlink
    fence = [item(0, C.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, (50.0, 0, 0, 0), at(0, 0), 0.0, mission_type=1)]
    rally = [item(0, C.MAV_CMD_NAV_RALLY_POINT, xy=at(-20, 20), z=20.0, mission_type=2)]
    mission = [item(0, C.MAV_CMD_NAV_TAKEOFF, (0, 0, 0, NAN), at(0, 0), 10.0),
               item(1, C.MAV_CMD_NAV_WAYPOINT, (0, 0, 0, NAN), at(0, 120), 10.0)]
    assert gcs.upload(v.port, fence, 1) == gcs.upload(v.port, rally, 2) == gcs.upload(v.port, mission) == 0
    _set_param(gcs, v.port, "GF_ACTION", 3)           # Return (PX4's default, 2, is Hold)
    mark = gcs.mark()
    assert gcs.command(v.port, mavlink.MAV_CMD_MISSION_START, 0, 0) == mavlink.MAV_RESULT_ACCEPTED
    fleet.wait_until(lambda: v.truth().mode == "AUTO.RTL", timeout=60)
    # The text is on its way over UDP when the mode has already changed: give it a moment.
    gcs.wait_text("Geofence breached, action: Return", since=mark)
    assert math.hypot(*offset(v.truth())) > 49
    fleet.wait_until(lambda: not v.truth().armed, timeout=400)
    east, north = offset(v.truth())
    assert math.hypot(east + 20, north - 20) < 1.5      # landed on the rally point, closer than home
