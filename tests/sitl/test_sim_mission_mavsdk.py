"""MAVSDK (an independent implementation) transfers missions and reads parameters on the simulator."""
from __future__ import annotations

import math

import pymap3d
import pytest
from mavsdk.plugins.mission_raw import MissionItem as RawItem
from mavsdk.plugins.mission_raw import MissionRaw
from mavsdk.plugins.param import Param
from pymavlink.dialects.v20 import common as mavlink

from missions.items import MissionItem

HOME = (49.47, 6.37, 200.0)


def at(east: float, north: float) -> tuple[int, int]:
    lat, lon, _ = pymap3d.enu2geodetic(east, north, 0, *HOME)
    return round(lat * 1e7), round(lon * 1e7)


def test_mavsdk_uploads_a_mission_and_reads_it_back_and_reads_parameters(connected):
    fleet, system = connected
    v = fleet.vehicles[0]
    raw = MissionRaw(system)
    items = [RawItem(seq=i, frame=mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, command=mavlink.MAV_CMD_NAV_WAYPOINT,
                     current=int(i == 0), autocontinue=1, param1=0.0, param2=0.0, param3=0.0, param4=0.0,
                     x=at(5.0 * i, 10.0)[0], y=at(5.0 * i, 10.0)[1], z=15.0 + i, mission_type=0) for i in range(25)]
    raw.upload_mission(items)
    stored = v.autopilot.store.mission
    assert [(s.x, s.y, s.z) for s in stored] == [(i.x, i.y, i.z) for i in items]
    back = raw.download_mission()
    assert [(b.seq, b.command, b.x, b.y, b.z) for b in back] == [(i.seq, i.command, i.x, i.y, i.z) for i in items]
    param = Param(system)
    assert param.get_param_int("SYS_AUTOSTART") == 10040                # INT32 decoded byte-wise by MAVSDK
    assert param.get_param_float("MPC_XY_CRUISE") == pytest.approx(5.0)
    param.set_param_float("MPC_XY_CRUISE", 7.5)
    assert v.autopilot.params.MPC_XY_CRUISE == pytest.approx(7.5)


def test_mavsdk_downloads_what_a_plain_client_uploaded(connected, gcs):
    fleet, system = connected
    v = fleet.vehicles[0]
    # the link answers whoever spoke last, as PX4 on UDP: the two clients take turns on it
    items = [MissionItem(0, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_CMD_NAV_TAKEOFF, 1, 1, 0, 0, 0,
                         math.nan, *at(0, 0), 10.0),
             MissionItem(1, mavlink.MAV_FRAME_MISSION, mavlink.MAV_CMD_DO_CHANGE_SPEED, 0, 1, 1, 6.0, -1, 0, 0, 0, 0.0),
             MissionItem(2, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1, 2.0, 0, 0,
                         math.nan, *at(30, 30), 12.0)]
    assert gcs.upload(v.port, items) == mavlink.MAV_MISSION_ACCEPTED
    back = MissionRaw(system).download_mission()
    assert [(b.command, b.x, b.y, b.z) for b in back] == [(i.command, i.x, i.y, i.z) for i in items]
    assert back[1].param2 == 6.0 and back[2].param1 == 2.0


def test_mavsdk_uploads_700_items_after_refusing_the_legacy_request(connected):
    """The simulator asks with legacy MISSION_REQUEST first, as PX4 does; MAVSDK answers MISSION_ACK
    UNSUPPORTED and the simulator asks again with MISSION_REQUEST_INT (PX4's handle_mission_ack)."""
    fleet, system = connected
    v = fleet.vehicles[0]
    assert not v.missions.int_mode
    raw = MissionRaw(system)
    items = [RawItem(seq=i, frame=mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, command=mavlink.MAV_CMD_NAV_WAYPOINT,
                     current=int(i == 0), autocontinue=1, param1=0.0, param2=0.0, param3=0.0, param4=0.0,
                     x=at(2.0 * i, 5.0)[0], y=at(2.0 * i, 5.0)[1], z=20.0, mission_type=0) for i in range(700)]
    raw.upload_mission(items)
    assert v.missions.int_mode
    assert [(s.x, s.y) for s in v.autopilot.store.mission] == [(i.x, i.y) for i in items]
    assert len(raw.download_mission()) == 700
