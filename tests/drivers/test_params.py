"""Parameters against MAVSDK's param_server (an independent implementation): download with
progress, complete under 5% loss each way, set verified by the echo, real integer types, and
QGroundControl .params files."""

from __future__ import annotations

import struct

import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.param_file import ParamFileError, read_params_text, write_params_text
from drivers.mavlink.params import Parameter, ParameterError, ParameterService, decode_value

pytest.importorskip("mavsdk")
from mavsdk.plugins.param_server import ParamServer  # noqa: E402

INTS = {f"INT_{i:03d}": (-1) ** i * (i * 100_003 + 7) for i in range(200)}
FLOATS = {f"FLT_{i:03d}": i * 0.1 + 0.05 for i in range(200)}


async def vehicle_with_params(port, mavsdk_autopilot, station, vehicle_session):
    _vehicle, server = mavsdk_autopilot(port)
    params = ParamServer(server)
    for name, value in INTS.items():
        params.provide_param_int(name, value)
    for name, value in FLOATS.items():
        params.provide_param_float(name, value)
    return await vehicle_session(station), params


async def test_download_keeps_integer_types_and_reports_progress(station, mavsdk_autopilot, vehicle_session):
    session, _server = await vehicle_with_params(station.links[0].local_port, mavsdk_autopilot, station,
                                                 vehicle_session)
    progress = []
    got = await session.plugin(ParameterService).download(lambda done, total: progress.append((done, total)))
    assert len(got) == 400
    assert {n: got[n].value for n in INTS} == INTS  # byte-wise ints, negative ones included
    assert all(isinstance(got[n].value, int) and got[n].type == mavlink.MAV_PARAM_TYPE_INT32 for n in INTS)
    assert got["FLT_013"].value == pytest.approx(1.35, rel=1e-6)
    assert progress[-1] == (400, 400) and len(progress) > 10


async def test_download_is_complete_with_5_percent_loss_both_ways(station, relay, mavsdk_autopilot,
                                                                  vehicle_session, monkeypatch):
    monkeypatch.setattr("drivers.mavlink.params.ANSWER_TIMEOUT_S", 0.2)
    lossy = await relay(station.links[0].local_port, 0.05)
    session, _server = await vehicle_with_params(lossy.port, mavsdk_autopilot, station, vehicle_session)
    got = await session.plugin(ParameterService).download()
    assert lossy.dropped["to station"] > 5, "the stream really lost values"
    assert {n: got[n].value for n in INTS} == INTS
    assert {n: got[n].value for n in FLOATS} == pytest.approx(FLOATS, rel=1e-6)


async def test_set_is_verified_by_the_vehicles_echo(station, mavsdk_autopilot, vehicle_session, monkeypatch):
    session, server = await vehicle_with_params(station.links[0].local_port, mavsdk_autopilot, station,
                                                vehicle_session)
    service = session.plugin(ParameterService)
    await service.download()
    kept = await service.set("INT_005", -123456789)
    assert kept.value == -123456789 and server.retrieve_param_int("INT_005") == -123456789
    await service.set("FLT_005", 2.5)
    assert server.retrieve_param_float("FLT_005") == 2.5
    assert service.values["FLT_005"].value == 2.5
    with pytest.raises(ParameterError, match="does not fit an int32"):
        await service.set("INT_006", 2**40)
    monkeypatch.setattr("drivers.mavlink.params.ANSWER_TIMEOUT_S", 0.05)
    with pytest.raises(ParameterError, match="reading NO_SUCH_PARAM: no answer"):
        await service.set("NO_SUCH_PARAM", 1)


def framed_param_value(raw_value: bytes, param_type: int) -> object:
    """A PARAM_VALUE exactly as a vehicle frames it, its value field given as the 4 wire bytes."""
    enc = mavlink.MAVLink(None, srcSystem=1, srcComponent=1)
    msg = mavlink.MAVLink_param_value_message(b"X", 0.0, param_type, 1, 0)
    payload = raw_value + struct.pack("<HH16sB", 1, 0, b"X", param_type)
    return mavlink.MAVLink(None).parse_char(msg._pack(enc, msg.crc_extra, payload))


def test_integer_encodings_px4_bytewise_and_ardupilot_c_cast():
    # byte-wise: the int's own bytes, even one whose bits read as a signalling NaN
    assert decode_value(framed_param_value(struct.pack("<i", -4194310), mavlink.MAV_PARAM_TYPE_INT32), True) \
        == -4194310
    assert decode_value(framed_param_value(bytes([200, 0, 0, 0]), mavlink.MAV_PARAM_TYPE_UINT8), True) == 200
    # C cast (ArduPilot): the number as a float
    assert decode_value(framed_param_value(struct.pack("<f", 1500.0), mavlink.MAV_PARAM_TYPE_INT16), False) == 1500


def test_params_file_round_trip_keeps_names_values_and_types():
    params = [Parameter("MPC_XY_VEL_MAX", 12.0, 9), Parameter("COM_RC_IN_MODE", 1, 6),
              Parameter("BAT1_V_CHARGED", 0.30000001192092896, 9), Parameter("SYS_AUTOSTART", 4001, 6)]
    text = write_params_text(params, system_id=3, component_id=1)
    assert "# Vehicle-Id Component-Id Name Value Type" in text
    assert "3\t1\tBAT1_V_CHARGED\t0.300000011920928955\t9" in text  # QGC's 18 digits
    back = {e.parameter.name: e for e in read_params_text(text)}
    assert {n: (e.parameter.value, e.parameter.type) for n, e in back.items()} == \
        {p.name: (p.value, p.type) for p in params}
    assert all(e.system_id == 3 and e.component_id == 1 for e in back.values())


@pytest.mark.parametrize("text, message", [
    ("1\t1\tFOO\t1\n", "line 1: expected 5 tab-separated fields"),
    ("# header\n1\t1\tFOO\tabc\t9\n", "line 2: FOO: value 'abc' is not a number"),
    ("1\t1\tFOO\t1.5\t6\n", "line 1: FOO: 1.5 is not a whole number"),
    ("1\t1\tFOO\t1\t42\n", "unknown parameter type 42"),
    ("# only comments\n", "no parameters in the file"),
])
def test_bad_params_file_names_the_line(text, message):
    with pytest.raises(ParamFileError, match=message):
        read_params_text(text)
