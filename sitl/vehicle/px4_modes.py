"""PX4 flight modes seen from the vehicle's side (px4_custom_mode.h, commander mode requirements).

Kept independent of the station's driver on purpose: the simulator decodes custom modes with its
own table, so a driver that encodes a mode wrongly is caught instead of agreeing with itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from pymavlink.dialects.v20 import common as mavlink

# px4_custom_mode.h main modes
MAIN_MANUAL = 1
MAIN_ALTCTL = 2
MAIN_POSCTL = 3
MAIN_AUTO = 4
MAIN_ACRO = 5
MAIN_OFFBOARD = 6
MAIN_STABILIZED = 7

# px4_custom_mode.h AUTO sub modes
SUB_AUTO_READY = 1
SUB_AUTO_TAKEOFF = 2
SUB_AUTO_LOITER = 3
SUB_AUTO_MISSION = 4
SUB_AUTO_RTL = 5
SUB_AUTO_LAND = 6
SUB_AUTO_FOLLOW_TARGET = 8
SUB_AUTO_PRECLAND = 9


class Requirement(Enum):
    """What a mode needs before PX4 lets the vehicle arm in it or switch to it in flight."""

    GLOBAL_POSITION = "global position"
    HOME = "home position"
    MANUAL_CONTROL = "manual control"
    OFFBOARD_SIGNAL = "offboard signal"
    MISSION = "mission"
    PREVENTS_ARMING = "prevents arming"


@dataclass(frozen=True)
class FlightMode:
    """One PX4 navigation state: its name as commander prints it, and how MAVLink carries it."""

    key: str                 # short name used by truth() and the CLI, e.g. "AUTO.LOITER"
    px4_name: str            # mode_util::nav_state_names, used in "Switching to X ..." texts
    main_mode: int
    sub_mode: int
    base_flags: int          # MAV_MODE_FLAG_* PX4 adds in HEARTBEAT for this mode
    requirements: frozenset[Requirement]

    @property
    def custom_mode(self) -> int:
        return (self.main_mode << 16) | (self.sub_mode << 24)


_MANUAL = mavlink.MAV_MODE_FLAG_MANUAL_INPUT_ENABLED
_STAB = mavlink.MAV_MODE_FLAG_STABILIZE_ENABLED
_GUIDED = mavlink.MAV_MODE_FLAG_GUIDED_ENABLED
_AUTO = mavlink.MAV_MODE_FLAG_AUTO_ENABLED
_R = Requirement

MANUAL = FlightMode("MANUAL", "Manual", MAIN_MANUAL, 0, _MANUAL | _STAB, frozenset({_R.MANUAL_CONTROL}))
STABILIZED = FlightMode("STABILIZED", "Stabilized", MAIN_STABILIZED, 0, _MANUAL | _STAB,
                        frozenset({_R.MANUAL_CONTROL}))
ACRO = FlightMode("ACRO", "Acro", MAIN_ACRO, 0, _MANUAL, frozenset({_R.MANUAL_CONTROL}))
ALTCTL = FlightMode("ALTCTL", "Altitude", MAIN_ALTCTL, 0, _MANUAL | _STAB, frozenset({_R.MANUAL_CONTROL}))
POSCTL = FlightMode("POSCTL", "Position", MAIN_POSCTL, 0, _MANUAL | _STAB | _GUIDED,
                    frozenset({_R.MANUAL_CONTROL, _R.GLOBAL_POSITION}))
TAKEOFF = FlightMode("AUTO.TAKEOFF", "Takeoff", MAIN_AUTO, SUB_AUTO_TAKEOFF, _AUTO | _STAB | _GUIDED,
                     frozenset({_R.GLOBAL_POSITION}))
LOITER = FlightMode("AUTO.LOITER", "Hold", MAIN_AUTO, SUB_AUTO_LOITER, _AUTO | _STAB | _GUIDED,
                    frozenset({_R.GLOBAL_POSITION}))
MISSION = FlightMode("AUTO.MISSION", "Mission", MAIN_AUTO, SUB_AUTO_MISSION, _AUTO | _STAB | _GUIDED,
                     frozenset({_R.GLOBAL_POSITION, _R.MISSION}))
RTL = FlightMode("AUTO.RTL", "Return", MAIN_AUTO, SUB_AUTO_RTL, _AUTO | _STAB | _GUIDED,
                 frozenset({_R.GLOBAL_POSITION, _R.HOME, _R.PREVENTS_ARMING}))
LAND = FlightMode("AUTO.LAND", "Land", MAIN_AUTO, SUB_AUTO_LAND, _AUTO | _STAB | _GUIDED,
                  frozenset({_R.PREVENTS_ARMING}))
OFFBOARD = FlightMode("OFFBOARD", "Offboard", MAIN_OFFBOARD, 0, _AUTO | _STAB | _GUIDED,
                      frozenset({_R.OFFBOARD_SIGNAL}))

ALL_MODES: tuple[FlightMode, ...] = (MANUAL, STABILIZED, ACRO, ALTCTL, POSCTL, TAKEOFF, LOITER, MISSION,
                                     RTL, LAND, OFFBOARD)
BY_KEY = {mode.key: mode for mode in ALL_MODES}

_AUTO_SUB_MODES = {
    SUB_AUTO_TAKEOFF: TAKEOFF,
    SUB_AUTO_LOITER: LOITER,
    SUB_AUTO_MISSION: MISSION,
    SUB_AUTO_RTL: RTL,
    SUB_AUTO_LAND: LAND,
}
_MAIN_MODES = {
    MAIN_MANUAL: MANUAL,
    MAIN_ALTCTL: ALTCTL,
    MAIN_POSCTL: POSCTL,
    MAIN_ACRO: ACRO,
    MAIN_STABILIZED: STABILIZED,
    MAIN_OFFBOARD: OFFBOARD,
}
# Modes PX4 knows but this simulator does not fly: named so the refusal text reads like PX4's.
UNMODELLED_AUTO_SUB_MODES = {SUB_AUTO_FOLLOW_TARGET: "Follow Target", SUB_AUTO_PRECLAND: "Precision Landing"}


class UnsupportedAutoMode(ValueError):
    """AUTO with a sub mode commander does not know ("Unsupported auto mode")."""


@dataclass(frozen=True)
class ModeRequest:
    """What a DO_SET_MODE / SET_MODE asks for, decoded as commander does."""

    mode: FlightMode | None       # None: nothing to change (commander still ACKs ACCEPTED)
    unmodelled_name: str | None = None


def decode_mode_request(base_mode: int, main_mode: int, sub_mode: int) -> ModeRequest:
    """Map base mode + PX4 custom main/sub mode to a flight mode the way Commander::handle_command does."""
    if base_mode & mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED:
        if main_mode == MAIN_AUTO:
            if sub_mode == 0:
                return ModeRequest(MISSION)
            if sub_mode in _AUTO_SUB_MODES:
                return ModeRequest(_AUTO_SUB_MODES[sub_mode])
            if sub_mode in UNMODELLED_AUTO_SUB_MODES:
                return ModeRequest(None, UNMODELLED_AUTO_SUB_MODES[sub_mode])
            raise UnsupportedAutoMode(sub_mode)
        return ModeRequest(_MAIN_MODES.get(main_mode))
    if base_mode & mavlink.MAV_MODE_FLAG_AUTO_ENABLED:
        return ModeRequest(MISSION)
    if base_mode & mavlink.MAV_MODE_FLAG_MANUAL_INPUT_ENABLED:
        if base_mode & mavlink.MAV_MODE_FLAG_GUIDED_ENABLED:
            return ModeRequest(POSCTL)
        if base_mode & mavlink.MAV_MODE_FLAG_STABILIZE_ENABLED:
            return ModeRequest(STABILIZED)
        return ModeRequest(MANUAL)
    return ModeRequest(None)


def mode_from_custom_mode(custom_mode: int) -> FlightMode | None:
    """Inverse of FlightMode.custom_mode, for tests and tools reading HEARTBEAT."""
    for mode in ALL_MODES:
        if mode.custom_mode == custom_mode:
            return mode
    return None
