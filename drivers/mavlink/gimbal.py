"""Gimbal manager protocol v2: point the gimbal (pitch/yaw), look at a map point, let go.

The station first asks the gimbal manager (in the autopilot, as on PX4 and ArduPilot) for
primary control with MAV_CMD_DO_GIMBAL_MANAGER_CONFIGURE, then commands it. The gimbal device's
own attitude (GIMBAL_DEVICE_ATTITUDE_STATUS) is kept in the vehicle state: detections are
georeferenced with the camera's real pointing, not the one asked for.
"""

from __future__ import annotations

import math

from pymavlink.dialects.v20 import ardupilotmega as mavlink
from pymavlink.quaternion import Quaternion

from drivers.mavlink.commands import CommandError, CommandResult, Why
from drivers.mavlink.session import VehicleSession

ALL_GIMBALS = 0
UNCHANGED = -1  # CONFIGURE: leave that control slot as it is


class GimbalService:
    def __init__(self, session: VehicleSession) -> None:
        self.session = session
        self._in_control = False
        session.listen(mavlink.MAVLINK_MSG_ID_GIMBAL_DEVICE_ATTITUDE_STATUS, self._attitude)

    def _attitude(self, msg) -> None:
        _roll, pitch, yaw = Quaternion(msg.q).euler
        st = self.session.state
        st.gimbal_pitch_deg, st.gimbal_yaw_deg = math.degrees(pitch), math.degrees(yaw)

    async def _take_control(self) -> None:
        if self._in_control:
            return
        system_id, component_id = self.session.station_ids  # primary control: this station
        await self._command(mavlink.MAV_CMD_DO_GIMBAL_MANAGER_CONFIGURE,
                            (system_id, component_id, UNCHANGED, UNCHANGED, 0, 0, ALL_GIMBALS))
        self._in_control = True

    async def _command(self, command: int, params: tuple[float, ...]) -> CommandResult:
        return await self.session.commands.long(command, params, component=self.session.state.component_id)

    async def point(self, pitch_deg: float, yaw_deg: float, *, earth_frame: bool = False) -> CommandResult:
        """Pitch (-90 straight down .. 0 level) and yaw (relative to the vehicle's nose, or to
        north when earth_frame)."""
        if not -90.0 <= pitch_deg <= 30.0:
            raise CommandError.by_station("DO_GIMBAL_MANAGER_PITCHYAW", "DENIED", Why.PITCH_OUT_OF_RANGE, pitch_deg)
        if not -180.0 <= yaw_deg <= 360.0:
            raise CommandError.by_station("DO_GIMBAL_MANAGER_PITCHYAW", "DENIED", Why.YAW_OUT_OF_RANGE, yaw_deg)
        await self._take_control()
        flags = (mavlink.GIMBAL_MANAGER_FLAGS_YAW_LOCK | mavlink.GIMBAL_MANAGER_FLAGS_YAW_IN_EARTH_FRAME
                 if earth_frame else mavlink.GIMBAL_MANAGER_FLAGS_YAW_IN_VEHICLE_FRAME)
        return await self._command(mavlink.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW,
                                   (pitch_deg, yaw_deg, math.nan, math.nan, flags, 0, ALL_GIMBALS))

    async def look_at(self, lat: float, lon: float, alt_rel: float = 0.0) -> CommandResult:
        """Keep the camera on a map point (region of interest), altitude above home."""
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise CommandError.by_station("DO_SET_ROI_LOCATION", "DENIED", Why.POSITION_OUT_OF_RANGE, lat, lon)
        await self._take_control()
        return await self.session.commands.int(
            mavlink.MAV_CMD_DO_SET_ROI_LOCATION, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT,
            (ALL_GIMBALS, 0, 0, 0), lat, lon, alt_rel, component=self.session.state.component_id)

    async def clear_roi(self) -> CommandResult:
        return await self._command(mavlink.MAV_CMD_DO_SET_ROI_NONE, (ALL_GIMBALS,))
