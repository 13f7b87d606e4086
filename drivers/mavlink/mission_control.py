"""Flying the uploaded mission: pause, resume, jump to an item.

PX4 pauses a mission by switching to Hold (AUTO.LOITER) and resumes it from the current item by
switching back to Mission. ArduPilot pauses and continues within AUTO with
MAV_CMD_DO_PAUSE_CONTINUE. Item numbers are the station's (0 = first real item): ArduPilot's
home at 0 is accounted for here, as the mission transfer does.
"""

from __future__ import annotations

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink import action
from drivers.mavlink.commands import CommandError, CommandResult, Why
from drivers.mavlink.session import VehicleSession


async def pause(session: VehicleSession) -> CommandResult:
    if action.is_ardupilot(session):
        return await session.commands.long(mavlink.MAV_CMD_DO_PAUSE_CONTINUE, (0,))
    return await action.set_mode(session, "Hold")


async def resume(session: VehicleSession) -> CommandResult:
    if action.is_ardupilot(session):
        return await session.commands.long(mavlink.MAV_CMD_DO_PAUSE_CONTINUE, (1,))
    return await action.set_mode(session, "Mission")


async def set_current_item(session: VehicleSession, seq: int) -> CommandResult:
    """Fly on from mission item `seq` (the vehicle answers with MISSION_CURRENT)."""
    count = session.state.mission_count
    if count and action.is_ardupilot(session):
        count -= 1  # the vehicle's count includes its home item
    if seq < 0 or (count and seq >= count):
        if count:
            raise CommandError.by_station("DO_SET_MISSION_CURRENT", "DENIED", Why.ITEM_NOT_IN_MISSION_OF, seq, count)
        raise CommandError.by_station("DO_SET_MISSION_CURRENT", "DENIED", Why.ITEM_NOT_IN_MISSION, seq)
    wire_seq = seq + 1 if action.is_ardupilot(session) else seq
    return await session.commands.long(mavlink.MAV_CMD_DO_SET_MISSION_CURRENT, (wire_seq,))
