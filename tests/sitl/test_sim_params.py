"""PX4's parameter protocol on the simulated vehicle: streaming, byte-wise INT32, set/echo, faults."""
from __future__ import annotations

import struct
import time

import pytest
from pymavlink.dialects.v20 import common as mavlink

from sitl.vehicle import SimulatedFleet

INT32, REAL32 = mavlink.MAV_PARAM_TYPE_INT32, mavlink.MAV_PARAM_TYPE_REAL32


def as_int(value: float) -> int:
    return struct.unpack("<i", struct.pack("<f", value))[0]


def as_float(value: int) -> float:
    return struct.unpack("<f", struct.pack("<i", value))[0]


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=1, gcs=gcs.address, base_port=0, speedup=10, seed=4, gps_fix_delay=0.5) as running:
        gcs.wait_for("HEARTBEAT")
        yield running


def fetch_all(gcs, port, timeout=10.0) -> dict[str, mavlink.MAVLink_message]:
    """PARAM_REQUEST_LIST, then read each missing index by PARAM_REQUEST_READ, as a GCS does."""
    mark = gcs.mark()
    gcs.send(port, mavlink.MAVLink_param_request_list_message(1, 1))
    first = gcs.wait_for("PARAM_VALUE", lambda m: m.param_id != "_HASH_CHECK", since=mark, timeout=timeout)
    total = first.param_count
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = {m.param_index: m for m in gcs.messages("PARAM_VALUE", since=mark) if m.param_index != 65535}
        if len(got) == total:
            return {m.param_id: m for m in got.values()}
        time.sleep(0.3)
        for index in sorted(set(range(total)) - set(got))[:50]:
            gcs.send(port, mavlink.MAVLink_param_request_read_message(1, 1, b"", index))
    raise TimeoutError(f"{total - len(got)} parameters missing")


def test_parameter_list_is_complete_under_loss_with_real_types(fleet, gcs):
    v = fleet.vehicles[0]
    v.faults.packet_loss = 0.05
    params = fetch_all(gcs, v.port)
    assert len(params) > 300 and set(params) == set(v.parameters.by_name)
    assert list(params) == sorted(params) or sorted(m.param_index for m in params.values()) == list(range(len(params)))
    assert params["SYS_AUTOSTART"].param_type == INT32 and as_int(params["SYS_AUTOSTART"].param_value) == 10040
    assert as_int(params["MAV_SYS_ID"].param_value) == 1
    assert params["MPC_XY_CRUISE"].param_type == REAL32 and params["MPC_XY_CRUISE"].param_value == 5.0
    assert as_int(params["GF_ACTION"].param_value) == 2
    assert v.links[0].counters.dropped_out > 0
    hashes = [m for m in gcs.messages("PARAM_VALUE") if m.param_id == "_HASH_CHECK"]
    assert hashes and hashes[0].param_index == 65535        # PX4 streams its hash first


def test_set_is_echoed_and_changes_the_flight(fleet, gcs):
    v = fleet.vehicles[0]
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"MPC_XY_CRUISE", 9.5, REAL32))
    echo = gcs.wait_for("PARAM_VALUE", lambda m: m.param_id == "MPC_XY_CRUISE", since=mark)
    assert echo.param_value == 9.5 and v.autopilot.params.MPC_XY_CRUISE == 9.5
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"RTL_RETURN_ALT", 42.0, REAL32))
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"COM_DISARM_LAND", -1.0, REAL32))
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"GF_ACTION", as_float(3), INT32))
    gcs.wait_for("PARAM_VALUE", lambda m: m.param_id == "GF_ACTION", since=mark)
    assert (v.autopilot.params.RTL_RETURN_ALT, v.autopilot.params.GF_ACTION) == (42.0, 3)
    # read back by name and by index
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_param_request_read_message(1, 1, b"GF_ACTION", -1))
    got = gcs.wait_for("PARAM_VALUE", since=mark)
    assert as_int(got.param_value) == 3
    gcs.send(v.port, mavlink.MAVLink_param_request_read_message(1, 1, b"", got.param_index))
    assert gcs.wait_for("PARAM_VALUE", lambda m: m.param_index == got.param_index, since=mark).param_id == "GF_ACTION"


def test_bad_sets_are_refused_with_px4s_words_and_change_nothing(fleet, gcs):
    v = fleet.vehicles[0]
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"NO_SUCH_PARAM", 1.0, REAL32))
    gcs.wait_for("STATUSTEXT", lambda m: m.text == "[pm] unknown param: NO_SUCH_PARAM", since=mark)
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"GF_ACTION", 3.0, REAL32))   # float into an INT32
    gcs.wait_for("STATUSTEXT", lambda m: "types mismatch" in m.text, since=mark)
    assert v.autopilot.params.GF_ACTION == 2 and not gcs.messages("PARAM_VALUE", since=mark)


def test_parameter_faults(fleet, gcs):
    v = fleet.vehicles[0]
    v.faults.param_list_no_response = True
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_param_request_list_message(1, 1))
    time.sleep(0.5)
    assert gcs.messages("PARAM_VALUE", since=mark) == []
    v.faults.param_list_no_response = False
    v.faults.params_missing_from_list = {"MPC_XY_CRUISE", "SYS_AUTOSTART"}
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_param_request_list_message(1, 1))
    fleet.wait_until(lambda: v.param_protocol.streaming is None and gcs.messages("PARAM_VALUE", since=mark), 5)
    time.sleep(0.2)
    names = {m.param_id for m in gcs.messages("PARAM_VALUE", since=mark)}
    assert "MPC_XY_CRUISE" not in names and len(names) == len(v.parameters) + 1 - 2     # + hash, - missing
    assert fetch_all(gcs, v.port)["MPC_XY_CRUISE"].param_value == 5.0                  # read one by one
    v.faults.param_set_no_ack = True
    mark = gcs.mark()
    gcs.send(v.port, mavlink.MAVLink_param_set_message(1, 1, b"MPC_XY_CRUISE", 7.0, REAL32))
    fleet.wait_until(lambda: v.autopilot.params.MPC_XY_CRUISE == 7.0, 5)
    time.sleep(0.2)
    # (late answers to the reads above may still carry the old value; no echo carries the new one)
    assert not [m for m in gcs.messages("PARAM_VALUE", since=mark) if m.param_value == 7.0]
