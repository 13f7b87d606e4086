"""Engine events as one line each for the event log, with how loudly to show them (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from drivers.mavlink import events


class Level(Enum):
    INFO = "info"
    WARNING = "warning"
    ALARM = "alarm"


@dataclass(frozen=True)
class LogLine:
    text: str
    level: Level = Level.INFO


# MAV_SEVERITY: 0 emergency, 1 alert, 2 critical, 3 error, 4 warning, 5 notice, 6 info, 7 debug
_SEVERITY_LEVEL = {0: Level.ALARM, 1: Level.ALARM, 2: Level.ALARM, 3: Level.ALARM, 4: Level.WARNING}


def describe(event: events.Event) -> LogLine:
    match event:
        case events.VehicleAppeared(system_id=sid, autopilot=ap, vehicle_type=vt, link=link):
            return LogLine(f"vehicle {sid}: appeared ({ap} {vt.lower()}) on {link}")
        case events.ModeChanged(system_id=sid, mode=mode, previous=previous):
            return LogLine(f"vehicle {sid}: mode {previous} → {mode}")
        case events.ArmedChanged(system_id=sid, armed=armed):
            return LogLine(f"vehicle {sid}: {'ARMED' if armed else 'disarmed'}", Level.WARNING if armed else Level.INFO)
        case events.LinkLost(system_id=sid, silent_s=silent):
            return LogLine(f"vehicle {sid}: LINK LOST (silent {silent:.1f} s)", Level.ALARM)
        case events.LinkRecovered(system_id=sid, lost_s=lost):
            return LogLine(f"vehicle {sid}: link recovered after {lost:.1f} s", Level.WARNING)
        case events.StatusText(system_id=sid, severity=severity, text=text):
            return LogLine(f"vehicle {sid}: {text}", _SEVERITY_LEVEL.get(severity, Level.INFO))
        case events.LandedStateChanged(system_id=sid, landed_state=landed):
            return LogLine(f"vehicle {sid}: {landed.replace('_', ' ').lower()}")
    return LogLine(f"{type(event).__name__}: {event}")
