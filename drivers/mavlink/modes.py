"""Flight modes as the autopilots encode them in HEARTBEAT.custom_mode.

PX4 packs a main mode and a sub mode into custom_mode (px4_custom_mode.h: bits 16-23 main,
bits 24-31 sub). ArduPilot copters use a plain mode number. Names follow QGroundControl's, so a
pilot who knows QGC reads the same words here.
"""

from __future__ import annotations

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.commands import CommandError, Why

# PX4 main modes
PX4_MANUAL, PX4_ALTCTL, PX4_POSCTL, PX4_AUTO, PX4_ACRO, PX4_OFFBOARD, PX4_STABILIZED = 1, 2, 3, 4, 5, 6, 7
PX4_RATTITUDE, PX4_SIMPLE, PX4_TERMINATION = 8, 9, 10

# PX4 AUTO sub modes
PX4_AUTO_READY, PX4_AUTO_TAKEOFF, PX4_AUTO_LOITER, PX4_AUTO_MISSION = 1, 2, 3, 4
PX4_AUTO_RTL, PX4_AUTO_LAND, PX4_AUTO_FOLLOW_TARGET, PX4_AUTO_PRECLAND = 5, 6, 8, 9
PX4_AUTO_VTOL_TAKEOFF = 10

# PX4 POSCTL sub modes
PX4_POSCTL_POSCTL, PX4_POSCTL_ORBIT, PX4_POSCTL_SLOW = 0, 1, 2

_PX4_MODES: dict[tuple[int, int], str] = {
    (PX4_MANUAL, 0): "Manual",
    (PX4_STABILIZED, 0): "Stabilized",
    (PX4_ACRO, 0): "Acro",
    (PX4_RATTITUDE, 0): "Rattitude",
    (PX4_ALTCTL, 0): "Altitude",
    (PX4_POSCTL, PX4_POSCTL_POSCTL): "Position",
    (PX4_POSCTL, PX4_POSCTL_ORBIT): "Orbit",
    (PX4_POSCTL, PX4_POSCTL_SLOW): "Position Slow",
    (PX4_OFFBOARD, 0): "Offboard",
    (PX4_SIMPLE, 0): "Simple",
    (PX4_TERMINATION, 0): "Termination",
    (PX4_AUTO, PX4_AUTO_READY): "Ready",
    (PX4_AUTO, PX4_AUTO_TAKEOFF): "Takeoff",
    (PX4_AUTO, PX4_AUTO_LOITER): "Hold",
    (PX4_AUTO, PX4_AUTO_MISSION): "Mission",
    (PX4_AUTO, PX4_AUTO_RTL): "Return",
    (PX4_AUTO, PX4_AUTO_LAND): "Land",
    (PX4_AUTO, PX4_AUTO_FOLLOW_TARGET): "Follow Me",
    (PX4_AUTO, PX4_AUTO_PRECLAND): "Precision Land",
    (PX4_AUTO, PX4_AUTO_VTOL_TAKEOFF): "VTOL Takeoff",
}
_PX4_BY_NAME = {name.lower(): key for key, name in _PX4_MODES.items()}

ARDUCOPTER_MODES: dict[int, str] = {
    0: "Stabilize", 1: "Acro", 2: "Altitude Hold", 3: "Auto", 4: "Guided", 5: "Loiter", 6: "RTL",
    7: "Circle", 9: "Land", 11: "Drift", 13: "Sport", 14: "Flip", 15: "Autotune", 16: "Position Hold",
    17: "Brake", 18: "Throw", 19: "Avoid ADSB", 20: "Guided No GPS", 21: "Smart RTL", 22: "Flow Hold",
    23: "Follow", 24: "ZigZag", 25: "System ID", 26: "Heli Autorotate", 27: "Auto RTL",
}
_ARDUCOPTER_BY_NAME = {name.lower(): number for number, name in ARDUCOPTER_MODES.items()}


def px4_custom_mode(main: int, sub: int = 0) -> int:
    return (main << 16) | (sub << 24)


def px4_split(custom_mode: int) -> tuple[int, int]:
    return (custom_mode >> 16) & 0xFF, (custom_mode >> 24) & 0xFF


def mode_name(autopilot: int, base_mode: int, custom_mode: int) -> str:
    """Human name of the mode a vehicle reports; 'Unknown (…)' rather than a guess."""
    if not base_mode & mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED:
        return "Unknown (no custom mode)"
    if autopilot == mavlink.MAV_AUTOPILOT_PX4:
        main, sub = px4_split(custom_mode)
        # PX4 reports sub 0 for modes without sub modes; POSCTL sub 0 is plain Position.
        name = _PX4_MODES.get((main, sub)) or _PX4_MODES.get((main, 0))
        return name or f"Unknown ({main}/{sub})"
    if autopilot == mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA:
        return ARDUCOPTER_MODES.get(custom_mode, f"Unknown ({custom_mode})")
    return f"Custom {custom_mode}"


def mode_names(autopilot: int) -> list[str]:
    """The modes a pilot may choose from for this autopilot."""
    if autopilot == mavlink.MAV_AUTOPILOT_PX4:
        return list(_PX4_MODES.values())
    if autopilot == mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA:
        return list(ARDUCOPTER_MODES.values())
    return []


def encode_mode(autopilot: int, name: str) -> tuple[int, int, int]:
    """(base_mode, custom_main_or_mode, custom_sub) for MAV_CMD_DO_SET_MODE params 1-3; a name the autopilot
    does not have is refused before anything is sent (CommandError naming the modes it has)."""
    key = name.strip().lower()
    base = mavlink.MAV_MODE_FLAG_CUSTOM_MODE_ENABLED
    if autopilot == mavlink.MAV_AUTOPILOT_PX4 and key in _PX4_BY_NAME:
        main, sub = _PX4_BY_NAME[key]
        return base, main, sub
    if autopilot == mavlink.MAV_AUTOPILOT_ARDUPILOTMEGA and key in _ARDUCOPTER_BY_NAME:
        return base, _ARDUCOPTER_BY_NAME[key], 0
    known = ", ".join(mode_names(autopilot))
    if known:
        raise CommandError.by_station("DO_SET_MODE", "UNSUPPORTED", Why.UNKNOWN_MODE, name, known)
    raise CommandError.by_station("DO_SET_MODE", "UNSUPPORTED", Why.NO_MODES_KNOWN, name)
