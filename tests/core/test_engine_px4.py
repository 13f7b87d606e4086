"""The station flies real PX4 SITL (SIH, headless) when a PX4 build is present (PX4_DIR)."""

from __future__ import annotations

import time

import pytest
from waiting import wait_snapshot

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from sitl import px4


def _px4_root():
    try:
        return px4.find_px4()
    except px4.Px4NotFound:
        return None


pytestmark = [
    pytest.mark.px4,
    pytest.mark.slow,
    pytest.mark.skipif(_px4_root() is None, reason="needs a PX4 v1.16 SITL build: set PX4_DIR (make px4_sitl_default)"),
]


def test_arm_takeoff_return_and_land_on_real_px4(tmp_path):
    plan = px4.plan_launch(_px4_root(), 0, home=(49.47, 6.37, 200.0), work_dir=tmp_path / "px4")
    # PX4 SITL sends its GCS stream to UDP 14550, where QGroundControl and the station listen.
    with Engine(DataDir.open(tmp_path / "station"), links=[f"udpin:127.0.0.1:{px4.GCS_PORT}"]) as engine, \
            px4.Px4Sitl([plan]):
        sid = plan.system_id
        wait_snapshot(engine, lambda s: s.vehicles[sid].state.home is not None, 90, "PX4 ready with home")
        st = engine.snapshot().vehicles[sid].state
        assert st.autopilot == "PX4"
        # SIH needs a few seconds before the preflight checks pass; retry arming as a pilot would.
        deadline = time.monotonic() + 60
        while True:
            try:
                engine.arm(sid).result(timeout=10)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(2)
        engine.takeoff(sid, 15.0).result(timeout=10)
        wait_snapshot(engine, lambda s: s.vehicles[sid].state.alt_rel > 13.0, 60, "15 m")
        engine.return_to_launch(sid).result(timeout=10)
        wait_snapshot(engine, lambda s: not s.vehicles[sid].state.armed, 180, "landed and disarmed")


def test_mission_round_trip_and_parameters_on_real_px4(tmp_path):
    import math

    from pymavlink.dialects.v20 import common as mavlink

    from missions.items import MissionItem

    plan = px4.plan_launch(_px4_root(), 0, home=(49.47, 6.37, 200.0), work_dir=tmp_path / "px4")
    with Engine(DataDir.open(tmp_path / "station"), links=[f"udpin:127.0.0.1:{px4.GCS_PORT}"]) as engine, \
            px4.Px4Sitl([plan]):
        sid = plan.system_id
        wait_snapshot(engine, lambda s: s.vehicles[sid].state.home is not None, 90, "PX4 ready with home")
        items = [MissionItem(0, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, mavlink.MAV_CMD_NAV_TAKEOFF, 0, 1,
                             0, 0, 0, math.nan, 494700000, 63700000, 20.0)]
        items += [MissionItem(i, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1,
                              0, 0, 0, math.nan, 494700000 + 900 * i, 63700000 + 1300 * i, 30.0)
                  for i in range(1, 30)]
        engine.upload_mission(sid, items).result(timeout=60)
        back = engine.download_mission(sid).result(timeout=60)
        assert [(i.command, i.x, i.y, round(i.z, 1)) for i in back] == \
            [(i.command, i.x, i.y, round(i.z, 1)) for i in items]

        params = engine.download_params(sid).result(timeout=120)
        assert len(params) > 500  # PX4 SITL has well over a thousand
        assert isinstance(params["SYS_AUTOSTART"].value, int) and params["SYS_AUTOSTART"].value == 10040
        assert isinstance(params["MPC_XY_CRUISE"].value, float)
        engine.set_param(sid, "MPC_XY_CRUISE", 7.5).result(timeout=10)
        assert engine.read_param(sid, "MPC_XY_CRUISE").result(timeout=10).value == pytest.approx(7.5)
