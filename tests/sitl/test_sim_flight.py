"""Fly the built-in simulator with plain pymavlink over UDP loopback, as a GCS would."""
from __future__ import annotations

import math

import pymap3d
import pytest
from pymavlink.dialects.v20 import common as mavlink

from sitl.vehicle import SimulatedFleet

NAN = math.nan
ACCEPTED = mavlink.MAV_RESULT_ACCEPTED
REJECTED = mavlink.MAV_RESULT_TEMPORARILY_REJECTED
HOME = (49.47, 6.37, 200.0)


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=1, home=HOME, gcs=gcs.address, base_port=0, speedup=15, seed=3,
                        gps_fix_delay=2.0) as running:
        yield running


def test_arming_is_refused_until_gps_fix_then_the_vehicle_flies_a_whole_sortie(fleet, gcs):
    v = fleet.vehicles[0]
    port = v.port
    assert gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 1) == REJECTED
    # What real PX4 1.16 says before its position estimate is valid (two STATUSTEXT chunks).
    gcs.wait_text("Arming denied: Resolve system health failures first")

    gcs.wait_for("GPS_RAW_INT", lambda m: m.fix_type >= 3)
    gcs.wait_for("HOME_POSITION")
    assert gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 1) == ACCEPTED
    gcs.wait_for("HEARTBEAT", lambda m: m.base_mode & mavlink.MAV_MODE_FLAG_SAFETY_ARMED)

    # takeoff: param7 is AMSL, as PX4 reads it
    assert gcs.command(port, mavlink.MAV_CMD_NAV_TAKEOFF, *[NAN] * 6, HOME[2] + 20.0) == ACCEPTED
    fleet.wait_until(lambda: v.truth().mode == "AUTO.LOITER" and v.truth().alt_rel > 19.2, timeout=40)
    gpi = gcs.wait_for("GLOBAL_POSITION_INT", since=gcs.mark())
    assert gpi.relative_alt == pytest.approx(20_000, abs=900)

    # disarming in flight is refused the way PX4 refuses it
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 0) == REJECTED
    gcs.wait_text("Disarming denied: not landed", since=mark)
    assert v.truth().armed

    # reposition 40 m north, keep altitude (NaN), switch to Hold (param2 bit)
    lat, lon, _ = pymap3d.enu2geodetic(0, 40, 0, *HOME)
    flags = mavlink.MAV_DO_REPOSITION_FLAGS_CHANGE_MODE
    assert gcs.command(port, mavlink.MAV_CMD_DO_REPOSITION, -1, flags, 0, NAN, lat, lon, NAN) == ACCEPTED
    fleet.wait_until(lambda: abs(v.truth().lat - lat) < 1e-5 and v.truth().ground_speed < 0.2, timeout=40)
    assert v.truth().alt_rel == pytest.approx(20, abs=1)

    # RTL: back home, land, auto-disarm (COM_DISARM_LAND)
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH) == ACCEPTED
    fleet.wait_until(lambda: not v.truth().armed, timeout=150)
    truth = v.truth()
    assert truth.landed
    east, north, _ = pymap3d.geodetic2enu(truth.lat, truth.lon, truth.alt_amsl, *HOME)
    assert math.hypot(east, north) < 1.0
    texts = gcs.wait_text("Disarmed by landing", since=mark)
    assert texts[0] == "Returning to launch"
    assert "Landing detected" in texts
    gcs.wait_for("EXTENDED_SYS_STATE", lambda m: m.landed_state == mavlink.MAV_LANDED_STATE_ON_GROUND,
                 since=gcs.mark())

    # what the station saw respects PX4's kinematic limits, and the battery drained
    gpis = gcs.messages("GLOBAL_POSITION_INT")
    climbs = [-m.vz / 100 for m in gpis]
    assert max(climbs) <= 3.0 + 1e-6 and max(climbs) > 2.5
    assert min(climbs) >= -1.5 - 1e-6
    assert max(math.hypot(m.vx, m.vy) / 100 for m in gpis) <= 5.0 + 1e-6
    landing = [m for m in gpis if m.relative_alt < 2_000 and m.vz > 0]
    assert landing and max(m.vz / 100 for m in landing) <= 0.7 + 1e-6   # MPC_LAND_SPEED near ground
    battery = [m.battery_remaining for m in gcs.messages("BATTERY_STATUS")]
    assert battery[0] > battery[-1] >= 0
    states = {m.landed_state for m in gcs.messages("EXTENDED_SYS_STATE")}
    assert {mavlink.MAV_LANDED_STATE_TAKEOFF, mavlink.MAV_LANDED_STATE_IN_AIR,
            mavlink.MAV_LANDED_STATE_LANDING} <= states


def test_unsupported_commands_get_unsupported_like_px4(fleet, gcs):
    port = fleet.vehicles[0].port
    # PX4 v1.16 implements neither: Hold is DO_SET_MODE or DO_REPOSITION there
    assert gcs.command(port, mavlink.MAV_CMD_DO_PAUSE_CONTINUE, 0) == mavlink.MAV_RESULT_UNSUPPORTED
    assert gcs.command(port, mavlink.MAV_CMD_NAV_LOITER_UNLIM) == mavlink.MAV_RESULT_UNSUPPORTED
    assert gcs.command(port, mavlink.MAV_CMD_DO_SET_SERVO, 1, 1500) == mavlink.MAV_RESULT_UNSUPPORTED
    # reposition without the change-mode bit is refused by commander
    assert gcs.command(port, mavlink.MAV_CMD_DO_REPOSITION, -1, 0, 0, NAN, NAN, NAN, NAN) == \
        mavlink.MAV_RESULT_UNSUPPORTED


def _rate(gcs, kind: str, since: int) -> float:
    """Messages per second of sim time, measured from the vehicle's own timestamps."""
    msgs = gcs.messages(kind, since=since)
    times = [m.time_boot_ms / 1000 for m in msgs]
    return (len(times) - 1) / (times[-1] - times[0])


def test_set_message_interval_changes_the_measured_rate(fleet, gcs):
    port = fleet.vehicles[0].port
    gcs.wait_for("GPS_RAW_INT", lambda m: m.fix_type >= 3)
    mark = gcs.mark()
    fleet.wait_until(lambda: len(gcs.messages("GLOBAL_POSITION_INT", since=mark)) > 25, timeout=20)
    assert _rate(gcs, "GLOBAL_POSITION_INT", mark) == pytest.approx(5.0, rel=0.1)   # PX4 "normal"

    msg_id = mavlink.MAVLINK_MSG_ID_GLOBAL_POSITION_INT
    assert gcs.command(port, mavlink.MAV_CMD_SET_MESSAGE_INTERVAL, msg_id, 50_000) == ACCEPTED
    mark = gcs.mark()
    fleet.wait_until(lambda: len(gcs.messages("GLOBAL_POSITION_INT", since=mark)) > 60, timeout=20)
    assert _rate(gcs, "GLOBAL_POSITION_INT", mark) == pytest.approx(20.0, rel=0.1)

    assert gcs.command(port, mavlink.MAV_CMD_SET_MESSAGE_INTERVAL, msg_id, -1) == ACCEPTED
    mark = gcs.mark()
    fleet.wait_until(lambda: len(gcs.messages("HEARTBEAT", since=mark)) >= 3, timeout=10)
    assert len(gcs.messages("GLOBAL_POSITION_INT", since=mark)) <= 1     # one may have been in flight

    # PX4 refuses to retime HEARTBEAT and unknown messages
    assert gcs.command(port, mavlink.MAV_CMD_SET_MESSAGE_INTERVAL, 0, 100_000) == mavlink.MAV_RESULT_FAILED
    assert gcs.command(port, mavlink.MAV_CMD_SET_MESSAGE_INTERVAL, 9999, 100_000) == mavlink.MAV_RESULT_FAILED


def test_request_message_sends_the_message_before_its_ack(fleet, gcs):
    port = fleet.vehicles[0].port
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_REQUEST_MESSAGE, mavlink.MAVLINK_MSG_ID_AUTOPILOT_VERSION) == ACCEPTED
    kinds = [r.msg.get_type() for r in gcs.received[mark:] if r.msg.get_type() in ("AUTOPILOT_VERSION", "COMMAND_ACK")]
    assert kinds[:2] == ["AUTOPILOT_VERSION", "COMMAND_ACK"]
    version = gcs.messages("AUTOPILOT_VERSION", since=mark)[0]
    assert version.flight_sw_version >> 16 == 0x0110           # 1.16
    assert version.capabilities & mavlink.MAV_PROTOCOL_CAPABILITY_MAVLINK2
    # a message the vehicle cannot produce is DENIED
    assert gcs.command(port, mavlink.MAV_CMD_REQUEST_MESSAGE, 9999) == mavlink.MAV_RESULT_DENIED
    gcs.wait_for("HOME_POSITION")
    assert gcs.command(port, mavlink.MAV_CMD_REQUEST_MESSAGE, mavlink.MAVLINK_MSG_ID_HOME_POSITION) == ACCEPTED


def test_modes_follow_px4_rules(fleet, gcs):
    v = fleet.vehicles[0]
    port = v.port
    gcs.wait_for("HOME_POSITION")
    custom = mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED
    # disarmed, PX4 takes any mode as the user's intention, offboard included ...
    assert gcs.command(port, mavlink.MAV_CMD_DO_SET_MODE, custom, 6) == ACCEPTED
    fleet.wait_until(lambda: v.truth().mode == "OFFBOARD", timeout=2)
    # ... but will not arm in it without setpoints
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 1) == REJECTED
    gcs.wait_text("Arming denied: Resolve system health failures first", since=mark)  # PX4 1.16 wording
    # SET_MODE message is answered with a COMMAND_ACK for DO_SET_MODE; heartbeat shows Hold
    mark = gcs.mark()
    gcs.send(port, mavlink.MAVLink_set_mode_message(1, custom, (4 << 16) | (3 << 24)))
    assert gcs.wait_for("COMMAND_ACK", lambda m: m.command == mavlink.MAV_CMD_DO_SET_MODE, since=mark).result == ACCEPTED
    gcs.wait_for("HEARTBEAT", lambda m: m.custom_mode == (4 << 16) | (3 << 24), since=mark)
    # an AUTO sub mode PX4 does not know
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_DO_SET_MODE, custom, 4, 42) == REJECTED
    gcs.wait_text("Unsupported auto mode", since=mark)

    # armed and flying, offboard without setpoints is refused with PX4's text
    assert gcs.command(port, mavlink.MAV_CMD_NAV_TAKEOFF, *[NAN] * 7) == ACCEPTED
    assert gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 1) == ACCEPTED
    fleet.wait_until(lambda: v.truth().mode == "AUTO.LOITER" and not v.truth().landed, timeout=20)
    assert v.truth().alt_rel == pytest.approx(2.5, abs=0.9)                 # MIS_TAKEOFF_ALT for NaN
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_DO_SET_MODE, custom, 6) == REJECTED
    gcs.wait_text("Switching to Offboard is currently not available", since=mark)
    assert v.truth().mode == "AUTO.LOITER"
    assert gcs.command(port, mavlink.MAV_CMD_NAV_LAND) == ACCEPTED
    fleet.wait_until(lambda: not v.truth().armed, timeout=30)


def test_a_retried_command_is_answered_again_without_running_twice(fleet, gcs):
    v = fleet.vehicles[0]
    port = v.port
    gcs.wait_for("HOME_POSITION")
    assert gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 1) == ACCEPTED
    mark = gcs.mark()
    assert gcs.command(port, mavlink.MAV_CMD_NAV_TAKEOFF, *[NAN] * 6, HOME[2] + 8) == ACCEPTED
    assert gcs.command(port, mavlink.MAV_CMD_NAV_TAKEOFF, *[NAN] * 6, HOME[2] + 8, confirmation=1) == ACCEPTED
    acks = [m for m in gcs.messages("COMMAND_ACK", since=mark) if m.command == mavlink.MAV_CMD_NAV_TAKEOFF]
    assert len(acks) == 2
    fleet.wait_until(lambda: v.truth().alt_rel > 7.3, timeout=20)
    assert gcs.wait_text("Takeoff detected", since=mark).count("Takeoff detected") == 1


def test_mavlink1_commands_and_garbage_are_handled(fleet, gcs):
    port = fleet.vehicles[0].port
    gcs.sock.sendto(b"\xfe\x09garbage that is not mavlink \xfd\x01\x02", ("127.0.0.1", port))
    assert gcs.command(port, mavlink.MAV_CMD_NAV_LOITER_UNLIM, mavlink1=True) == mavlink.MAV_RESULT_UNSUPPORTED
    # the autopilot's heartbeat (component 1), not the camera component's that shares system id 1
    hb = gcs.wait_for("HEARTBEAT", lambda m: m.get_srcComponent() == 1, since=gcs.mark())
    assert hb.get_srcSystem() == 1 and hb.autopilot == mavlink.MAV_AUTOPILOT_PX4
    assert hb.type == mavlink.MAV_TYPE_QUADROTOR
    assert fleet.vehicles[0].links[0].counters.bad_data >= 1


def test_command_for_another_system_is_ignored(fleet, gcs):
    port = fleet.vehicles[0].port
    with pytest.raises(TimeoutError):
        gcs.command(port, mavlink.MAV_CMD_COMPONENT_ARM_DISARM, 1, target=7, timeout=0.5)


def test_bad_fleet_arguments_are_refused_clearly():
    with pytest.raises(ValueError, match="at least one vehicle"):
        SimulatedFleet(count=0, gcs=None, base_port=0)
    with pytest.raises(ValueError, match="speedup"):
        SimulatedFleet(count=1, gcs=None, base_port=0, speedup=0)
    with pytest.raises(ValueError, match="latitude"):
        SimulatedFleet(count=1, home=(123.0, 6.0, 0.0), gcs=None, base_port=0)
