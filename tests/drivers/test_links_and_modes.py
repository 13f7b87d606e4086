import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.commands import CommandError
from drivers.mavlink.links import LinkError, LinkSpec
from drivers.mavlink.modes import encode_mode, mode_name, px4_custom_mode, PX4_AUTO, PX4_AUTO_LOITER

PX4 = mavlink.MAV_AUTOPILOT_PX4
APM = mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA
CUSTOM = mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED


@pytest.mark.parametrize("url, kind, where", [
    ("udpin:0.0.0.0:14550", "udpin", ("0.0.0.0", 14550)),
    ("udpout:192.0.2.7:14555", "udpout", ("192.0.2.7", 14555)),
    ("tcp:localhost:5760", "tcp", ("localhost", 5760)),
    ("udpin:[::1]:14550", "udpin", ("::1", 14550)),
])
def test_network_links_parse(url, kind, where):
    spec = LinkSpec.parse(url)
    assert (spec.kind, (spec.host, spec.port)) == (kind, where)


def test_serial_link_parses_device_and_baud():
    spec = LinkSpec.parse("serial:/dev/ttyUSB0:57600")
    assert (spec.kind, spec.device, spec.baud) == ("serial", "/dev/ttyUSB0", 57600)
    assert str(spec) == "serial:/dev/ttyUSB0:57600"


@pytest.mark.parametrize("url, message", [
    ("14550", "expected KIND:ADDRESS"),
    ("udp:1.2.3.4:14550", "unknown kind 'udp'"),
    ("udpin:0.0.0.0:abc", "is not a number"),
    ("tcp:host:70000", "out of range"),
    ("serial:/dev/ttyUSB0:fast", "baud rate 'fast'"),
    ("udpout::14550", "expected udpout:HOST:PORT"),
])
def test_malformed_links_are_refused_with_a_clear_message(url, message):
    with pytest.raises(LinkError, match=message):
        LinkSpec.parse(url)


def test_px4_modes_decode_as_qgroundcontrol_names_them():
    assert mode_name(PX4, CUSTOM, px4_custom_mode(PX4_AUTO, PX4_AUTO_LOITER)) == "Hold"
    assert mode_name(PX4, CUSTOM | 128, 0x04040000) == "Mission"
    assert mode_name(PX4, CUSTOM, 0x00030000) == "Position"
    assert mode_name(PX4, CUSTOM, 0x00060000) == "Offboard"
    assert mode_name(PX4, CUSTOM, 0x00990000).startswith("Unknown")


@pytest.mark.parametrize("name", ["Hold", "Return", "Land", "Mission", "Position", "Takeoff", "Offboard"])
def test_px4_mode_encoding_round_trips(name):
    base, main, sub = encode_mode(PX4, name)
    assert mode_name(PX4, base, px4_custom_mode(main, sub)) == name


def test_ardupilot_copter_modes():
    assert mode_name(APM, CUSTOM, 4) == "Guided"
    assert encode_mode(APM, "rtl") == (CUSTOM, 6, 0)


def test_unknown_mode_lists_the_real_ones():
    with pytest.raises(CommandError, match="DO_SET_MODE: unsupported .unknown flight mode 'Hover'; modes: .*Hold"):
        encode_mode(PX4, "Hover")
