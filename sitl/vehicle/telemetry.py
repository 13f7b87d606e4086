"""Telemetry a PX4 vehicle streams, built from the autopilot's state, and PX4's default rates.

Rates are PX4's `configure_streams_to_default` for a UDP GCS link ("normal"), the SITL overrides
from px4-rc.mavlink ("sitl") and the API link's "onboard" mode. All rates are in sim time.
"""
from __future__ import annotations

import math
from typing import Callable

from pymavlink.dialects.v20 import common as mavlink

from . import px4_modes
from .autopilot import Px4Autopilot, RtlPhase
from .camera import GIMBAL_DEVICE_ID
from .gimbal import PITCH_MAX, PITCH_MIN, YAW_MAX, YAW_MIN

NORMAL_RATES: dict[str, float] = {
    "HEARTBEAT": 1.0,
    "ATTITUDE": 15.0,
    "GLOBAL_POSITION_INT": 5.0,
    "GPS_RAW_INT": 5.0,
    "VFR_HUD": 4.0,
    "SYS_STATUS": 1.0,
    "EXTENDED_SYS_STATE": 1.0,
    "BATTERY_STATUS": 0.5,
    "HOME_POSITION": 0.5,
    "MISSION_CURRENT": 1.0,
    "GIMBAL_DEVICE_ATTITUDE_STATUS": 10.0,
    "GIMBAL_MANAGER_STATUS": 1.0,
}
SITL_RATES: dict[str, float] = {**NORMAL_RATES, "GLOBAL_POSITION_INT": 50.0, "ATTITUDE": 50.0,
                                "LOCAL_POSITION_NED": 50.0}
ONBOARD_RATES: dict[str, float] = {**NORMAL_RATES, "ATTITUDE": 100.0, "GLOBAL_POSITION_INT": 50.0,
                                   "GPS_RAW_INT": 50.0, "VFR_HUD": 10.0, "SYS_STATUS": 5.0,
                                   "EXTENDED_SYS_STATE": 5.0, "LOCAL_POSITION_NED": 30.0}
RATE_PROFILES = {"normal": NORMAL_RATES, "sitl": SITL_RATES, "onboard": ONBOARD_RATES}

PX4_VERSION = (1 << 24) | (16 << 16) | (0 << 8) | 255          # v1.16.0, FIRMWARE_VERSION_TYPE_OFFICIAL
CAPABILITIES = (mavlink.MAV_PROTOCOL_CAPABILITY_COMMAND_INT
                | mavlink.MAV_PROTOCOL_CAPABILITY_MAVLINK2
                | mavlink.MAV_PROTOCOL_CAPABILITY_SET_POSITION_TARGET_LOCAL_NED
                | mavlink.MAV_PROTOCOL_CAPABILITY_SET_POSITION_TARGET_GLOBAL_INT
                | mavlink.MAV_PROTOCOL_CAPABILITY_MISSION_INT | mavlink.MAV_PROTOCOL_CAPABILITY_MISSION_FENCE
                | mavlink.MAV_PROTOCOL_CAPABILITY_MISSION_RALLY | mavlink.MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_BYTEWISE
                | mavlink.MAV_PROTOCOL_CAPABILITY_MAVLINK2)

# sensors PX4 reports as present/enabled/healthy on a working SITL quad
_SENSORS = (mavlink.MAV_SYS_STATUS_SENSOR_3D_GYRO | mavlink.MAV_SYS_STATUS_SENSOR_3D_ACCEL
            | mavlink.MAV_SYS_STATUS_SENSOR_3D_MAG | mavlink.MAV_SYS_STATUS_SENSOR_ABSOLUTE_PRESSURE
            | mavlink.MAV_SYS_STATUS_AHRS | mavlink.MAV_SYS_STATUS_SENSOR_BATTERY
            | mavlink.MAV_SYS_STATUS_SENSOR_MOTOR_OUTPUTS)


def _usec(ap: Px4Autopilot) -> int:
    return int(ap.time * 1e6)


def _msec(ap: Px4Autopilot) -> int:
    return int(ap.time * 1e3) & 0xFFFFFFFF


def heartbeat(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    base = mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED | ap.mode.base_flags
    if ap.armed:
        base |= mavlink.MAV_MODE_FLAG_SAFETY_ARMED
    state = mavlink.MAV_STATE_ACTIVE if ap.armed else mavlink.MAV_STATE_STANDBY
    return mavlink.MAVLink_heartbeat_message(mavlink.MAV_TYPE_QUADROTOR, mavlink.MAV_AUTOPILOT_PX4,
                                             base, ap.mode.custom_mode, state, 3)


def sys_status(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    present = _SENSORS | mavlink.MAV_SYS_STATUS_SENSOR_GPS | mavlink.MAV_SYS_STATUS_PREARM_CHECK
    health = _SENSORS
    if ap.gps_fixed:
        health |= mavlink.MAV_SYS_STATUS_SENSOR_GPS
    if ap.armed or (ap.deny_arming is None and ap.gps_fixed):
        health |= mavlink.MAV_SYS_STATUS_PREARM_CHECK
    bat = ap.model.battery
    return mavlink.MAVLink_sys_status_message(
        present, present, health, 250, int(bat.voltage * 1000), int(bat.current_a * 100),
        int(bat.remaining * 100), 0, 0, 0, 0, 0, 0)


def gps_raw_int(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    m = ap.model
    if not ap.gps_fixed:
        return mavlink.MAVLink_gps_raw_int_message(_usec(ap), mavlink.GPS_FIX_TYPE_NO_FIX, 0, 0, 0,
                                                   9999, 9999, 0, 65535, 0)
    lat, lon, alt = ap.estimated_position()
    cog = (math.degrees(math.atan2(m.v_east, m.v_north)) % 360.0) if m.ground_speed > 0.2 else 0.0
    return mavlink.MAVLink_gps_raw_int_message(
        _usec(ap), mavlink.GPS_FIX_TYPE_3D_FIX, int(lat * 1e7), int(lon * 1e7), int(alt * 1000),
        70, 100, int(m.ground_speed * 100), int(cog * 100) % 36000, 16,
        int(alt * 1000), 500, 800, 100, 0, 0)


def global_position_int(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    if not ap.gps_fixed:
        return None                    # PX4 publishes no global position before its estimate is valid
    m = ap.model
    lat, lon, alt = ap.estimated_position()
    home_alt = ap.home.alt if ap.home else ap.origin[2]
    hdg = int(math.degrees(m.yaw) % 360.0 * 100) % 36000
    return mavlink.MAVLink_global_position_int_message(
        _msec(ap), int(lat * 1e7), int(lon * 1e7), int(alt * 1000), int((alt - home_alt) * 1000),
        int(m.v_north * 100), int(m.v_east * 100), int(-m.v_up * 100), hdg)


def local_position_ned(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    m = ap.model
    return mavlink.MAVLink_local_position_ned_message(_msec(ap), m.north, m.east, -m.up,
                                                      m.v_north, m.v_east, -m.v_up)


def attitude(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    roll, pitch = ap.model.attitude()
    return mavlink.MAVLink_attitude_message(_msec(ap), roll, pitch, ap.model.yaw, 0.0, 0.0, ap.model.yaw_rate)


def vfr_hud(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    m = ap.model
    throttle = 0 if not ap.armed else (10 if ap.landed else int(min(100, 50 + 10 * m.v_up)))
    return mavlink.MAVLink_vfr_hud_message(m.ground_speed, m.ground_speed, int(math.degrees(m.yaw) % 360),
                                           throttle, m.alt_amsl, m.v_up)


def extended_sys_state(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    if ap.landed:
        landed = mavlink.MAV_LANDED_STATE_ON_GROUND
    elif ap.mode is px4_modes.TAKEOFF:
        landed = mavlink.MAV_LANDED_STATE_TAKEOFF
    elif ap.mode is px4_modes.LAND or (ap.mode is px4_modes.RTL and ap.rtl_phase is RtlPhase.LAND):
        landed = mavlink.MAV_LANDED_STATE_LANDING
    else:
        landed = mavlink.MAV_LANDED_STATE_IN_AIR
    return mavlink.MAVLink_extended_sys_state_message(mavlink.MAV_VTOL_STATE_UNDEFINED, landed)


def battery_status(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    bat = ap.model.battery
    cell_mv = int(bat.voltage / bat.cells * 1000)
    voltages = [cell_mv] * bat.cells + [65535] * (10 - bat.cells)
    time_remaining = int(bat.remaining * bat.capacity_mah / 1000 / max(bat.current_a, 0.1) * 3600)
    return mavlink.MAVLink_battery_status_message(
        0, mavlink.MAV_BATTERY_FUNCTION_ALL, mavlink.MAV_BATTERY_TYPE_LIPO, 32767, voltages,
        int(bat.current_a * 100), int(bat.consumed_mah), -1, int(bat.remaining * 100), time_remaining,
        mavlink.MAV_BATTERY_CHARGE_STATE_OK if bat.remaining > 0.15 else mavlink.MAV_BATTERY_CHARGE_STATE_LOW)


def home_position(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    home = ap.home
    if home is None:
        return None                    # PX4 sends nothing until home is valid
    q = [math.cos(home.yaw / 2), 0.0, 0.0, math.sin(home.yaw / 2)]
    return mavlink.MAVLink_home_position_message(
        int(home.lat * 1e7), int(home.lon * 1e7), int(home.alt * 1000), home.north, home.east,
        -(home.alt - ap.origin[2]), q, 0.0, 0.0, 0.0, _usec(ap))


def autopilot_version(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    uid = 0x5349_4D00_0000_0000 | ap.system_id    # "SIM" + system id: stable across restarts
    return mavlink.MAVLink_autopilot_version_message(
        CAPABILITIES, PX4_VERSION, PX4_VERSION, 0, 0, [0] * 8, [0] * 8, [0] * 8, 0, 0, uid)


def mission_current(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    return ap.mission.current_message(ap.mode is px4_modes.MISSION)


def gimbal_manager_information(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    caps = (mavlink.GIMBAL_MANAGER_CAP_FLAGS_HAS_PITCH_AXIS | mavlink.GIMBAL_MANAGER_CAP_FLAGS_HAS_YAW_AXIS
            | mavlink.GIMBAL_MANAGER_CAP_FLAGS_HAS_YAW_FOLLOW | mavlink.GIMBAL_MANAGER_CAP_FLAGS_HAS_YAW_LOCK
            | mavlink.GIMBAL_MANAGER_CAP_FLAGS_CAN_POINT_LOCATION_GLOBAL)
    rad = math.radians
    return mavlink.MAVLink_gimbal_manager_information_message(
        _msec(ap), caps, GIMBAL_DEVICE_ID, 0.0, 0.0, rad(PITCH_MIN), rad(PITCH_MAX), rad(YAW_MIN), rad(YAW_MAX))


def gimbal_manager_status(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    flags = (mavlink.GIMBAL_MANAGER_FLAGS_ROLL_LOCK | mavlink.GIMBAL_MANAGER_FLAGS_PITCH_LOCK
             | (mavlink.GIMBAL_MANAGER_FLAGS_YAW_LOCK if ap.gimbal.yaw_earth else 0))
    return mavlink.MAVLink_gimbal_manager_status_message(_msec(ap), flags, GIMBAL_DEVICE_ID, 0, 0, 0, 0)


def gimbal_device_attitude_status(ap: Px4Autopilot) -> mavlink.MAVLink_message | None:
    """Attitude with yaw relative to the vehicle's nose (GIMBAL_DEVICE_FLAGS_YAW_IN_VEHICLE_FRAME)."""
    g = ap.gimbal
    flags = mavlink.GIMBAL_DEVICE_FLAGS_YAW_IN_VEHICLE_FRAME | mavlink.GIMBAL_DEVICE_FLAGS_ROLL_LOCK \
        | mavlink.GIMBAL_DEVICE_FLAGS_PITCH_LOCK
    return mavlink.MAVLink_gimbal_device_attitude_status_message(
        0, 0, _msec(ap), flags, g.quaternion(), 0.0, math.radians(g.pitch_rate), math.radians(g.yaw_rate), 0,
        math.nan, math.nan, GIMBAL_DEVICE_ID)


BUILDERS: dict[str, Callable[[Px4Autopilot], mavlink.MAVLink_message | None]] = {
    "HEARTBEAT": heartbeat,
    "SYS_STATUS": sys_status,
    "GPS_RAW_INT": gps_raw_int,
    "GLOBAL_POSITION_INT": global_position_int,
    "LOCAL_POSITION_NED": local_position_ned,
    "ATTITUDE": attitude,
    "VFR_HUD": vfr_hud,
    "EXTENDED_SYS_STATE": extended_sys_state,
    "BATTERY_STATUS": battery_status,
    "HOME_POSITION": home_position,
    "AUTOPILOT_VERSION": autopilot_version,
    "MISSION_CURRENT": mission_current,
    "GIMBAL_MANAGER_INFORMATION": gimbal_manager_information,
    "GIMBAL_MANAGER_STATUS": gimbal_manager_status,
    "GIMBAL_DEVICE_ATTITUDE_STATUS": gimbal_device_attitude_status,
}
MESSAGE_IDS = {name: getattr(mavlink, f"MAVLINK_MSG_ID_{name}") for name in BUILDERS}
NAMES_BY_ID = {msg_id: name for name, msg_id in MESSAGE_IDS.items()}
