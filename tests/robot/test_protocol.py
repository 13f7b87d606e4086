"""Robot protocol payloads: every message survives encode/decode; bad payloads are named, not crashed on."""

import math
import re
import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.robot.protocol import (
    PROTOCOL_VERSION,
    Ack,
    AckResult,
    Capabilities,
    CapabilitiesRequest,
    EStop,
    Heartbeat,
    MessageType,
    ProtocolError,
    Role,
    Telemetry,
    Teleop,
    decode,
    encode,
)

u32 = st.integers(0, 2**32 - 1)
f32 = st.floats(width=32, allow_nan=False, allow_infinity=False)
text = st.text(max_size=60)

messages = st.one_of(
    st.builds(Heartbeat, st.sampled_from(Role), u32),
    st.builds(Teleop, u32, u32, u32, st.integers(0, 65535), f32, f32),
    st.builds(EStop, u32, st.booleans()),
    st.builds(Ack, st.integers(0, 255), u32, st.sampled_from(AckResult)),
    st.builds(Telemetry, u32, u32, st.floats(-90, 90), st.floats(-180, 180), f32, f32, f32, f32,
              st.integers(0, 100), st.booleans(), st.booleans(), u32),
    st.builds(CapabilitiesRequest, u32),
    st.builds(Capabilities, u32, st.floats(0, 100, width=32), st.floats(0, 100, width=32),
              st.integers(0, 65535), text, text),
)


@given(messages)
def test_every_message_survives_encode_then_decode(message):
    assert decode(encode(message)) == message


@given(messages, st.binary(max_size=16))
def test_fields_appended_by_a_later_revision_are_ignored(message, extra):
    if isinstance(message, Capabilities):
        return  # its strings end the payload; appended bytes are allowed only after them, tested below
    assert decode(encode(message) + extra) == message


def test_capabilities_strings_keep_non_ascii_names():
    caps = Capabilities(3, 1.0, 2.0, 150, "Löschroboter Saarbrücken", "rtsp://10.0.0.5/thermal")
    assert decode(encode(caps) + b"\x99") == caps


@pytest.mark.parametrize(
    "payload, reason",
    [
        (b"", "shorter than the header"),
        (bytes([2, MessageType.HEARTBEAT, 0, 0, 0, 0, 0]), "version 2 is not supported"),
        (bytes([PROTOCOL_VERSION, 0x7F]), "unknown message type 0x7f"),
        (bytes([PROTOCOL_VERSION, MessageType.TELEOP, 1, 2, 3]), "teleop body is 3 bytes, needs 22"),
        (bytes([PROTOCOL_VERSION, MessageType.HEARTBEAT, 9, 0, 0, 0, 0]), "unknown role 9"),
        (bytes([PROTOCOL_VERSION, MessageType.ESTOP, 1, 0, 0, 0, 7]), "neither 0 (release) nor 1 (engage)"),
        (bytes([PROTOCOL_VERSION, MessageType.ACK, 3, 1, 0, 0, 0, 9]), "unknown result 9"),
    ],
)
def test_bad_payloads_are_refused_with_the_reason(payload, reason):
    with pytest.raises(ProtocolError, match=re.escape(reason)):
        decode(payload)


def test_teleop_with_nan_speed_is_refused():
    payload = bytes([PROTOCOL_VERSION, MessageType.TELEOP]) + struct.pack("<IIIHff", 1, 1, 0, 150, math.nan, 0.0)
    with pytest.raises(ProtocolError, match="not a finite number"):
        decode(payload)
    with pytest.raises(ValueError, match="finite"):
        encode(Teleop(1, 1, 0, 150, math.inf, 0.0))


def test_telemetry_off_the_globe_or_over_full_battery_is_refused():
    good = Telemetry(1, 0, 49.6, 6.1, 90.0, 0.0, 0.0, 24.0, 80, False, False, 0)
    off_globe = encode(Telemetry(**{**good.__dict__, "lat": 95.0}))
    with pytest.raises(ProtocolError, match="outside the globe"):
        decode(off_globe)
    over_full = bytearray(encode(good))
    over_full[2 + struct.calcsize("<IIddffff")] = 101
    with pytest.raises(ProtocolError, match="over 100 %"):
        decode(bytes(over_full))


def test_capabilities_cut_inside_a_string_or_not_utf8_is_refused():
    payload = encode(Capabilities(0, 1.0, 1.0, 150, "robot", ""))
    with pytest.raises(ProtocolError, match="cut short inside the robot name"):
        decode(payload[:-3])
    bad_name = payload[: 2 + struct.calcsize("<IffH")] + b"\x02\xff\xfe\x00"
    with pytest.raises(ProtocolError, match="not valid UTF-8"):
        decode(bad_name)


def test_values_that_do_not_fit_their_field_are_named_on_encode():
    with pytest.raises(ValueError, match="teleop field out of range"):
        encode(Teleop(1, -1, 0, 150, 0.0, 0.0))
    with pytest.raises(ValueError, match="robot name is 300 bytes"):
        encode(Capabilities(0, 1.0, 1.0, 150, "x" * 300, ""))
