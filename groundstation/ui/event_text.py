"""Engine events as one line each for the event log, with how loudly to show them (no Qt).

`translate(context, text)` gives the words in the pilot's language (QCoreApplication.translate in
the window); %1, %2 ... are filled in after translation so each language orders them its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from drivers.mavlink import events
from groundstation.ui.vehicle_text import Translate, fill, landed_name, untranslated


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


def describe(event: events.Event, translate: Translate = untranslated) -> LogLine:
    match event:
        case events.VehicleAppeared(system_id=sid, autopilot=ap, vehicle_type=vt, link=link):
            return LogLine(fill(translate("EventText", "vehicle %1: appeared (%2 %3) on %4"), sid, ap, vt.lower(), link))
        case events.ModeChanged(system_id=sid, mode=mode, previous=previous):
            return LogLine(fill(translate("EventText", "vehicle %1: mode %2 → %3"), sid, previous, mode))
        case events.ArmedChanged(system_id=sid, armed=armed):
            if armed:
                return LogLine(fill(translate("EventText", "vehicle %1: ARMED"), sid), Level.WARNING)
            return LogLine(fill(translate("EventText", "vehicle %1: disarmed"), sid))
        case events.LinkLost(system_id=sid, silent_s=silent):
            return LogLine(fill(translate("EventText", "vehicle %1: LINK LOST (silent %2 s)"), sid, f"{silent:.1f}"),
                           Level.ALARM)
        case events.LinkRecovered(system_id=sid, lost_s=lost):
            return LogLine(fill(translate("EventText", "vehicle %1: link recovered after %2 s"), sid, f"{lost:.1f}"),
                           Level.WARNING)
        case events.StatusText(system_id=sid, severity=severity, text=text):
            # The vehicle's own words are shown as it sent them.
            return LogLine(fill(translate("EventText", "vehicle %1: %2"), sid, text),
                           _SEVERITY_LEVEL.get(severity, Level.INFO))
        case events.LandedStateChanged(system_id=sid, landed_state=landed):
            return LogLine(fill(translate("EventText", "vehicle %1: %2"), sid, landed_name(landed, translate)))
    return LogLine(f"{type(event).__name__}: {event}")
