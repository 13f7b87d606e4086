"""MAVLink 2 signing on the simulated vehicle: signed traffic accepted, unsigned or wrongly signed refused."""
from __future__ import annotations

import time

import pytest
from pymavlink.dialects.v20 import common as mavlink

from sitl.vehicle import SimulatedFleet

KEY = bytes(range(32))
ARM = mavlink.MAV_CMD_COMPONENT_ARM_DISARM


def sign(gcs, key: bytes) -> None:
    gcs.mav.signing.secret_key = key
    gcs.mav.signing.sign_outgoing = True
    gcs.mav.signing.link_id = 1
    gcs.mav.signing.timestamp = int((time.time() - 1420070400) * 1e5)
    gcs.parser.signing.secret_key = key


@pytest.fixture
def fleet(gcs):
    with SimulatedFleet(count=1, gcs=gcs.address, base_port=0, speedup=10, seed=6, gps_fix_delay=0.5,
                        signing_key=KEY) as running:
        yield running


def test_signed_commands_are_accepted_and_everything_sent_is_signed(fleet, gcs):
    v = fleet.vehicles[0]
    sign(gcs, KEY)
    gcs.wait_for("HOME_POSITION", timeout=10)
    assert gcs.command(v.port, ARM, 1) == mavlink.MAV_RESULT_ACCEPTED
    with gcs._lock:
        frames = list(gcs.raw[-20:])
    assert all(f[0] == 0xFD and f[2] & 0x01 for f in frames)    # MAVLINK_IFLAG_SIGNED on every frame
    assert gcs.parser.signing.goodsig_count > 0 and gcs.parser.signing.badsig_count == 0


@pytest.mark.parametrize("key", [None, bytes(32 * [7])], ids=["unsigned", "wrong key"])
def test_unsigned_or_wrongly_signed_commands_are_refused(fleet, gcs, key):
    v = fleet.vehicles[0]
    if key:
        sign(gcs, key)
    time.sleep(0.3)
    with pytest.raises(TimeoutError):
        gcs.command(v.port, ARM, 1, timeout=0.8)
    assert not v.truth().armed
    assert v.links[0].counters.refused_signature >= 1 and v.links[0].counters.received == 0


def test_setup_signing_changes_the_key_and_an_all_zero_key_turns_signing_off(fleet, gcs):
    v = fleet.vehicles[0]
    sign(gcs, KEY)
    new = bytes(32 * [9])
    gcs.send(v.port, mavlink.MAVLink_setup_signing_message(1, 1, list(new), 0))
    time.sleep(0.3)
    assert v.signing_key == new
    sign(gcs, new)
    gcs.send(v.port, mavlink.MAVLink_setup_signing_message(1, 1, [0] * 32, 0))
    time.sleep(0.3)
    assert v.signing_key is None
    gcs.mav.signing.sign_outgoing = False
    gcs.parser.signing.secret_key = None
    assert gcs.command(v.port, mavlink.MAV_CMD_REQUEST_MESSAGE, mavlink.MAVLINK_MSG_ID_AUTOPILOT_VERSION) == 0
    with pytest.raises(ValueError, match="32 bytes"):
        v.set_signing_key(b"short")
