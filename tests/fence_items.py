"""Geofence and rally items as a vehicle stores them (mission protocol), for tests that put some on a vehicle."""

from pymavlink.dialects.v20 import common as mavlink

from missions.items import MissionItem, to_e7


def fence_item(seq: int, command: int, p1: float, lat: float, lon: float) -> MissionItem:
    """A fence vertex (p1: the polygon's vertex count) or circle (p1: its radius in metres)."""
    return MissionItem(seq, mavlink.MAV_FRAME_GLOBAL, command, 0, 1, p1, 0.0, 0.0, 0.0, to_e7(lat), to_e7(lon), 0.0,
                       mavlink.MAV_MISSION_TYPE_FENCE)


def rally_item(seq: int, lat: float, lon: float) -> MissionItem:
    return MissionItem(seq, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_CMD_NAV_RALLY_POINT, 0, 1, 0.0, 0.0,
                       0.0, 0.0, to_e7(lat), to_e7(lon), 30.0, mavlink.MAV_MISSION_TYPE_RALLY)
