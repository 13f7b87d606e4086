"""MAVLink 2 signing with a key per vehicle: accepted with the right key, refused (counted and
told) unsigned or with a wrong key when required, outgoing frames signed, keys stored 600."""

from __future__ import annotations

import asyncio
import stat

import pytest

from drivers.mavlink.hub import MavlinkHub
from drivers.mavlink.signing import KeyStore, SigningError, SigningRefused, key_from_passphrase

KEY = key_from_passphrase("moselle-sector-3")
OTHER = key_from_passphrase("someone else")


@pytest.fixture
async def signing_station():
    events = []
    hub = MavlinkHub(events.append)
    await hub.add_link("udpin:127.0.0.1:0")
    await hub.start()
    yield hub, events
    await hub.close()


async def test_right_key_is_accepted_and_the_station_signs_to_that_vehicle(signing_station, scripted_autopilot,
                                                                           vehicle_session):
    hub, events = signing_station
    hub.signing.enable(1, KEY, required=True)
    peer = scripted_autopilot(hub.links[0].local_port, key=KEY)
    session = await vehicle_session(hub)
    # from now on the peer checks our signatures with the key: a wrong one would not even parse
    peer.parser.signing.secret_key = KEY
    peer.parser.signing.allow_unsigned_callback = lambda _mav, msg_id: msg_id == 0  # the broadcast heartbeat
    await session.commands.long(400, (1,))  # ARM: addressed to this vehicle alone
    await asyncio.sleep(1.1)  # and a station heartbeat goes out
    assert session.state.refused_frames == 0 and hub.stats.refused_frames == 0
    assert session.state.signing == "required"
    assert ("COMMAND_LONG", True) in peer.signed_in and ("HEARTBEAT", True) in peer.signed_in
    assert all(signed for kind, signed in peer.signed_in if kind != "HEARTBEAT")


@pytest.mark.parametrize("peer_key, reason", [(None, "unsigned"), (OTHER, "wrong signature")])
async def test_required_signing_refuses_unsigned_and_wrongly_signed(signing_station, scripted_autopilot,
                                                                    peer_key, reason):
    hub, events = signing_station
    hub.signing.enable(1, KEY, required=True)
    scripted_autopilot(hub.links[0].local_port, key=peer_key)
    await asyncio.sleep(0.5)
    assert 1 not in hub.sessions, "nothing from it gets through, not even its heartbeat"
    assert hub.stats.refused_frames >= 3
    refused = [e for e in events if isinstance(e, SigningRefused)]
    assert refused and refused[0].system_id == 1 and refused[0].reason == reason
    assert len(refused) == 1, "the operator is told at most once a second"


async def test_signing_not_required_still_lets_unsigned_through_but_never_a_wrong_key(
        signing_station, scripted_autopilot, vehicle_session):
    hub, _events = signing_station
    hub.signing.enable(1, KEY, required=False)
    scripted_autopilot(hub.links[0].local_port)
    session = await vehicle_session(hub)
    assert session.state.signing == "signing" and hub.stats.refused_frames == 0
    hub.signing.enable(2, KEY, required=False)
    scripted_autopilot(hub.links[0].local_port, system_id=2, key=OTHER)
    await asyncio.sleep(0.4)
    assert 2 not in hub.sessions and hub.stats.refused_frames >= 2


def test_keys_are_stored_private_and_bad_ones_are_named(tmp_path):
    keys = KeyStore(tmp_path / "keys")
    key = keys.load_or_create(7)
    assert len(key) == 32 and keys.load(7) == key
    assert stat.S_IMODE(keys.path(7).stat().st_mode) == 0o600
    keys.path(8).write_text("not hex")
    with pytest.raises(SigningError, match="8.key is not hex digits"):
        keys.load(8)
    keys.path(9).write_text("ab" * 16)
    with pytest.raises(SigningError, match="holds 16 bytes, a key has 32"):
        keys.load(9)
    assert keys.load(10) is None
