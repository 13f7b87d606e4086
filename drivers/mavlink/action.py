"""Flight actions a pilot asks for, each turned into the commands the vehicle's autopilot expects.

PX4 and ArduPilot differ: PX4 takes off with NAV_TAKEOFF to an AMSL altitude from any mode,
holds in AUTO.LOITER and flies to a point with DO_REPOSITION; ArduPilot copters take off and go
to a point only in GUIDED, and hold in LOITER or BRAKE.
"""

from __future__ import annotations

import math

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.commands import CommandError, CommandResult, Why
from drivers.mavlink.modes import encode_mode
from drivers.mavlink.session import VehicleSession

FORCE_DISARM_MAGIC = 21196  # MAV_CMD_COMPONENT_ARM_DISARM param2: disarm even in flight
REPOSITION_CHANGE_MODE = 1  # MAV_DO_REPOSITION_FLAGS_CHANGE_MODE


def is_ardupilot(session: VehicleSession) -> bool:
    return session.state.autopilot_id == mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA


def _home_alt(session: VehicleSession) -> float:
    st = session.state
    if st.home is not None:
        return st.home.alt_amsl
    if not math.isnan(st.alt_amsl) and not math.isnan(st.alt_rel):
        return st.alt_amsl - st.alt_rel
    raise CommandError.by_station("TAKEOFF", "NOT_READY", Why.NO_HOME)


async def arm(session: VehicleSession) -> CommandResult:
    return await session.commands.long(mavlink.MAV_CMD_COMPONENT_ARM_DISARM, (1,))


async def disarm(session: VehicleSession, force: bool = False) -> CommandResult:
    return await session.commands.long(
        mavlink.MAV_CMD_COMPONENT_ARM_DISARM, (0, FORCE_DISARM_MAGIC if force else 0))


async def set_mode(session: VehicleSession, name: str) -> CommandResult:
    base, main, sub = encode_mode(session.state.autopilot_id, name)
    return await session.commands.long(mavlink.MAV_CMD_DO_SET_MODE, (base, main, sub))


async def takeoff(session: VehicleSession, altitude_rel: float) -> CommandResult:
    """Climb to altitude_rel metres above home."""
    if not 1.0 <= altitude_rel <= 1000.0:
        raise CommandError.by_station("NAV_TAKEOFF", "DENIED", Why.ALTITUDE_OUT_OF_RANGE, altitude_rel)
    if is_ardupilot(session):
        await set_mode(session, "Guided")
        # ArduPilot reads param7 as altitude above home.
        return await session.commands.long(mavlink.MAV_CMD_NAV_TAKEOFF, (0, 0, 0, math.nan, math.nan,
                                                                         math.nan, altitude_rel))
    # PX4 reads param7 as AMSL altitude.
    return await session.commands.long(
        mavlink.MAV_CMD_NAV_TAKEOFF,
        (-1, 0, 0, math.nan, math.nan, math.nan, _home_alt(session) + altitude_rel))


async def land(session: VehicleSession) -> CommandResult:
    if is_ardupilot(session):
        return await set_mode(session, "Land")
    return await session.commands.long(mavlink.MAV_CMD_NAV_LAND, (0, 0, 0, math.nan, math.nan, math.nan, math.nan))


async def return_to_launch(session: VehicleSession) -> CommandResult:
    return await session.commands.long(mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH)


async def hold(session: VehicleSession) -> CommandResult:
    return await set_mode(session, "Loiter" if is_ardupilot(session) else "Hold")


async def goto(session: VehicleSession, lat: float, lon: float, altitude_rel: float | None = None) -> CommandResult:
    """Fly to a point and hold there; altitude above home, or the current one when None."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise CommandError.by_station("DO_REPOSITION", "DENIED", Why.POSITION_OUT_OF_RANGE, lat, lon)
    if altitude_rel is None:
        altitude_rel = session.state.alt_rel
    if is_ardupilot(session):
        await set_mode(session, "Guided")
        return await session.commands.int(
            mavlink.MAV_CMD_DO_REPOSITION, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT,
            (-1, REPOSITION_CHANGE_MODE, 0, math.nan), lat, lon, altitude_rel)
    return await session.commands.int(
        mavlink.MAV_CMD_DO_REPOSITION, mavlink.MAV_FRAME_GLOBAL_INT,
        (-1, REPOSITION_CHANGE_MODE, 0, math.nan), lat, lon, _home_alt(session) + altitude_rel)


async def set_message_interval(session: VehicleSession, message_id: int, hz: float) -> CommandResult:
    interval_us = -1 if hz <= 0 else 1e6 / hz
    return await session.commands.long(mavlink.MAV_CMD_SET_MESSAGE_INTERVAL, (message_id, interval_us))


async def request_message(session: VehicleSession, message_id: int) -> CommandResult:
    return await session.commands.long(mavlink.MAV_CMD_REQUEST_MESSAGE, (message_id,))
