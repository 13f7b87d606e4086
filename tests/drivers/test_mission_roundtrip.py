"""Mission, geofence and rally round trips (upload, download, compare) of 1, 100 and 700 items:
clean against MAVSDK's mission_raw_server (an independent implementation), and with 5% of
datagrams lost each way against a scripted vehicle; cancellation midway and a vehicle that goes
silent give a clear outcome and leave the vehicle's mission as it was."""

from __future__ import annotations

import asyncio
import math

import pytest
from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.mission import (FENCE, ITEM_TIMEOUT_S, MIN_ITEM_TIMEOUT_S, MISSION, RALLY, MissionTransfer,
                                     MissionTransferError, RoundTrip)
from missions.items import MissionItem

pytest.importorskip("mavsdk")
from mavsdk.plugins.mission_raw_server import MissionRawServer  # noqa: E402

KINDS = {"mission": MISSION, "fence": FENCE, "rally": RALLY}


def items_of(kind: int, n: int) -> list[MissionItem]:
    """n items of a mission type, each different in every field a transfer could mix up."""
    if kind == MISSION:
        command, frame = mavlink.MAV_CMD_NAV_WAYPOINT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT
    elif kind == FENCE:
        command, frame = mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION, mavlink.MAV_FRAME_GLOBAL
    else:
        command, frame = mavlink.MAV_CMD_NAV_RALLY_POINT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT
    p1 = float(n) if kind == FENCE else 0.0  # a fence vertex says how many vertices its polygon has
    return [MissionItem(i, frame, command, 1 if i == 0 else 0, 1, p1, 0.5 * (i % 7), 0.0,
                        math.nan if kind == MISSION else 0.0, 494700000 + 1013 * i, 63700000 + 777 * i,
                        40.0 + 0.25 * i, kind)
            for i in range(n)]


async def mavsdk_vehicle(station, mavsdk_autopilot, vehicle_session):
    vehicle, server = mavsdk_autopilot(station.links[0].local_port)
    missions = MissionRawServer(server)  # kept: the plugin stops serving once collected
    return await vehicle_session(station), missions


async def round_trip(session, kind: int, count: int) -> None:
    transfer = session.plugin(MissionTransfer)
    sent = items_of(kind, count)
    up, down = [], []
    await transfer.upload(sent, kind, lambda done, total: up.append((done, total)))
    got = await transfer.download(kind, lambda done, total: down.append((done, total)))
    assert len(got) == count
    mismatched = [(a, b) for a, b in zip(sent, got) if not a.same_as(b)]
    assert not mismatched, f"{len(mismatched)} items differ, first: {mismatched[0]}"
    assert up[-1] == (count, count) and down[-1] == (count, count)


@pytest.mark.parametrize("count", [1, 100, 700])
@pytest.mark.parametrize("kind", list(KINDS))
async def test_round_trip_with_mavsdk(kind, count, station, mavsdk_autopilot, vehicle_session):
    session, _missions = await mavsdk_vehicle(station, mavsdk_autopilot, vehicle_session)
    await round_trip(session, KINDS[kind], count)


@pytest.mark.parametrize("count", [1, 100, 700])
@pytest.mark.parametrize("kind", list(KINDS))
async def test_round_trip_with_5_percent_loss_both_ways(kind, count, station, scripted_vehicle,
                                                        vehicle_session, monkeypatch):
    # loopback answers in well under a millisecond: a short timeout keeps lossy runs quick
    monkeypatch.setattr("drivers.mavlink.mission.ITEM_TIMEOUT_S", 0.04)
    monkeypatch.setattr("drivers.mavlink.mission.RETRIES", 20)
    vehicle = await scripted_vehicle(station.links[0].local_port, loss=0.05)
    session = await vehicle_session(station)
    await round_trip(session, KINDS[kind], count)
    if count >= 100:
        assert vehicle.dropped > 0, "the link really lost datagrams"


async def test_legacy_mission_request_is_answered(station, scripted_vehicle, vehicle_session):
    vehicle = await scripted_vehicle(station.links[0].local_port, legacy=True)
    await round_trip(await vehicle_session(station), MISSION, 20)
    assert len(vehicle.missions[MISSION]) == 20


async def test_cancelled_upload_leaves_the_previous_mission(station, mavsdk_autopilot, vehicle_session):
    session, _missions = await mavsdk_vehicle(station, mavsdk_autopilot, vehicle_session)
    transfer = session.plugin(MissionTransfer)
    before = items_of(MISSION, 10)
    await transfer.upload(before, MISSION)
    halfway = asyncio.Event()
    upload = asyncio.create_task(transfer.upload(
        items_of(MISSION, 700)[::-1], MISSION, lambda done, _t: done >= 300 and halfway.set()))
    await asyncio.wait_for(halfway.wait(), 10)
    upload.cancel()
    with pytest.raises(asyncio.CancelledError):
        await upload
    kept = await transfer.download(MISSION)
    assert [i.y for i in kept] == [i.y for i in before]


async def test_vehicle_going_silent_midway_is_a_clear_error_and_keeps_its_mission(
        station, scripted_vehicle, vehicle_session, monkeypatch):
    monkeypatch.setattr("drivers.mavlink.mission.ITEM_TIMEOUT_S", 0.05)
    vehicle = await scripted_vehicle(station.links[0].local_port)
    session = await vehicle_session(station)
    transfer = session.plugin(MissionTransfer)
    await transfer.upload(items_of(RALLY, 3), RALLY)
    vehicle.silent_after = 40
    with pytest.raises(MissionTransferError, match=r"rally points transfer: no answer .* sending item 40 of 100"):
        await transfer.upload(items_of(RALLY, 100), RALLY)
    vehicle.silent_after = None
    assert [i.seq for i in await transfer.download(RALLY)] == [0, 1, 2]


def test_item_timeout_follows_the_round_trip_within_bounds():
    trip = RoundTrip()
    assert trip.timeout() == ITEM_TIMEOUT_S  # nothing measured yet: the full wait
    trip.add(0.1)
    assert trip.timeout() == pytest.approx(0.4)  # four round trips
    trip.add(0.2)
    assert trip.timeout() == pytest.approx(4 * (0.875 * 0.1 + 0.125 * 0.2))  # one slow answer moves it a little
    loopback = RoundTrip()
    loopback.add(0.0002)
    assert loopback.timeout() == MIN_ITEM_TIMEOUT_S  # never shorter than a laptop's scheduling hiccup
    for _ in range(40):
        trip.add(2.0)  # a slow radio link: the estimate follows it
    assert trip.timeout() == ITEM_TIMEOUT_S


async def test_lossy_700_items_with_default_timeouts_resend_quickly(station, scripted_vehicle, vehicle_session):
    vehicle = await scripted_vehicle(station.links[0].local_port)
    session = await vehicle_session(station)
    await round_trip(session, MISSION, 10)  # a clean transfer measures the loopback round trip
    transfer = session.plugin(MissionTransfer)
    assert transfer.round_trip.timeout() < ITEM_TIMEOUT_S / 5
    vehicle.loss = 0.05
    await round_trip(session, MISSION, 700)
    assert vehicle.dropped > 0


async def test_silent_vehicle_gets_full_patience_after_quick_resends(station, scripted_vehicle, vehicle_session,
                                                                     monkeypatch):
    monkeypatch.setattr("drivers.mavlink.mission.ITEM_TIMEOUT_S", 0.3)
    vehicle = await scripted_vehicle(station.links[0].local_port)
    session = await vehicle_session(station)
    transfer = session.plugin(MissionTransfer)
    await transfer.upload(items_of(RALLY, 3), RALLY)
    vehicle.silent_after = 10
    with pytest.raises(MissionTransferError, match=r"no answer .* sending item 10 of 20 \((\d+) tries in 1.8 s\)") as err:
        await transfer.upload(items_of(RALLY, 20), RALLY)
    tries = int(err.value.args[0].split("(")[1].split(" ")[0])
    assert tries > 6  # quick resends first, yet the vehicle had as long to answer as with six full waits
