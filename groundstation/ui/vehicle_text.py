"""What a pilot reads about a vehicle: list cells and telemetry readouts from its state (no Qt).

Views only place these strings; the thresholds that turn a value red live here, in one place.
Every function takes `translate(context, text)` (QCoreApplication.translate in the window) so the
words come out in the pilot's language while this module stays free of Qt; numbers keep the
autopilot's precision and units.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from drivers.mavlink.state import VehicleState
from missions.coordinates import CoordinateError, format_position

Translate = Callable[[str, str], str]
LOW_BATTERY_PCT = 20
POOR_LINK_RATIO = 0.8
GOOD_FIXES = ("3D_FIX", "DGPS", "RTK_FLOAT", "RTK_FIXED")
CONTEXT = "VehicleText"
_PLACEHOLDER = re.compile(r"%(\d+)")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks text for pyside6-lupdate (the same name as Qt's marker) without importing Qt."""
    return text


def untranslated(context: str, text: str) -> str:
    return text


def fill(template: str, *values: object) -> str:
    """Qt's %1..%n placeholders filled in one pass, so a value that itself holds "%1" stays as it is."""
    def value(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return str(values[n - 1]) if 1 <= n <= len(values) else m.group(0)
    return _PLACEHOLDER.sub(value, template)


_FIX_NAMES = {"NO_GPS": QT_TRANSLATE_NOOP("VehicleText", "no GPS"), "NO_FIX": QT_TRANSLATE_NOOP("VehicleText", "no fix"),
              "2D_FIX": "2D", "3D_FIX": "3D", "DGPS": "DGPS", "RTK_FLOAT": "RTK float", "RTK_FIXED": "RTK fixed",
              "STATIC": QT_TRANSLATE_NOOP("VehicleText", "static"), "PPP": "PPP"}
_TYPE_NAMES = {"QUADROTOR": "Quad", "HEXAROTOR": "Hexa", "OCTOROTOR": "Octo",
               "FIXED_WING": QT_TRANSLATE_NOOP("VehicleText", "Plane"),
               "GROUND_ROVER": QT_TRANSLATE_NOOP("VehicleText", "Rover"),
               "SURFACE_BOAT": QT_TRANSLATE_NOOP("VehicleText", "Boat"),
               "HELICOPTER": QT_TRANSLATE_NOOP("VehicleText", "Heli"),
               "VTOL_TILTROTOR": "VTOL", "VTOL_FIXEDROTOR": "VTOL", "VTOL_TAILSITTER": "VTOL"}
_LANDED = {"UNDEFINED": QT_TRANSLATE_NOOP("VehicleText", "undefined"),
           "ON_GROUND": QT_TRANSLATE_NOOP("VehicleText", "on ground"),
           "IN_AIR": QT_TRANSLATE_NOOP("VehicleText", "in air"),
           "TAKEOFF": QT_TRANSLATE_NOOP("VehicleText", "takeoff"),
           "LANDING": QT_TRANSLATE_NOOP("VehicleText", "landing")}

LIST_COLUMNS = (QT_TRANSLATE_NOOP("VehicleText", "ID"), QT_TRANSLATE_NOOP("VehicleText", "Type"),
                QT_TRANSLATE_NOOP("VehicleText", "Mode"), QT_TRANSLATE_NOOP("VehicleText", "Armed"),
                QT_TRANSLATE_NOOP("VehicleText", "Battery"), QT_TRANSLATE_NOOP("VehicleText", "GPS"),
                QT_TRANSLATE_NOOP("VehicleText", "Link"), QT_TRANSLATE_NOOP("VehicleText", "Health"))

# The telemetry panel's labels (keys of telemetry()); shown through translate(CONTEXT, label).
TELEMETRY_LABELS = (
    QT_TRANSLATE_NOOP("VehicleText", "Vehicle"), QT_TRANSLATE_NOOP("VehicleText", "Mode"),
    QT_TRANSLATE_NOOP("VehicleText", "Alt rel / AMSL"), QT_TRANSLATE_NOOP("VehicleText", "Speed / climb"),
    QT_TRANSLATE_NOOP("VehicleText", "Heading"), QT_TRANSLATE_NOOP("VehicleText", "Roll / pitch"),
    QT_TRANSLATE_NOOP("VehicleText", "Battery"), QT_TRANSLATE_NOOP("VehicleText", "GPS"),
    QT_TRANSLATE_NOOP("VehicleText", "Position"), QT_TRANSLATE_NOOP("VehicleText", "Link"),
    QT_TRANSLATE_NOOP("VehicleText", "Health"), QT_TRANSLATE_NOOP("VehicleText", "Status"),
)


@dataclass(frozen=True)
class Readout:
    """One value as shown: the text, whether it needs the pilot's attention, and a longer hint."""

    text: str
    alarm: bool = False
    hint: str = ""


def _num(value: float, fmt: str, unit: str) -> str:
    if math.isnan(value):
        return "—"
    text = f"{value:{fmt}}"
    if float(text) == 0:  # "-0" reads like a real negative value
        text = f"{0.0:{fmt}}"
    return f"{text}{unit}" if unit == "°" else f"{text} {unit}".rstrip()


def fix_name(fix: str, translate: Translate = untranslated) -> str:
    name = _FIX_NAMES.get(fix)
    return translate(CONTEXT, name) if name else fix.replace("_", " ").lower()


def type_name(vehicle_type: str, translate: Translate = untranslated) -> str:
    name = _TYPE_NAMES.get(vehicle_type)
    return translate(CONTEXT, name) if name else vehicle_type.replace("_", " ").title()


def landed_name(landed_state: str, translate: Translate = untranslated) -> str:
    name = _LANDED.get(landed_state)
    return translate(CONTEXT, name) if name else landed_state.replace("_", " ").lower()


def armed_text(armed: bool, translate: Translate = untranslated) -> str:
    return translate("VehicleText", "ARMED") if armed else translate("VehicleText", "disarmed")


def battery(state: VehicleState, translate: Translate = untranslated) -> Readout:
    if state.battery_remaining < 0:
        return Readout("—", hint=translate("VehicleText", "the vehicle does not report its charge"))
    low = state.battery_remaining < LOW_BATTERY_PCT
    return Readout(f"{state.battery_remaining} %", low, translate("VehicleText", "battery low") if low else "")


def gps(state: VehicleState, translate: Translate = untranslated) -> Readout:
    good = state.gps_fix in GOOD_FIXES
    return Readout(f"{fix_name(state.gps_fix, translate)} {state.satellites}", not good,
                   "" if good else translate("VehicleText", "no 3D fix: position not trustworthy"))


def link(state: VehicleState, translate: Translate = untranslated) -> Readout:
    if not state.link_ok:
        return Readout(translate("VehicleText", "LOST"), True, translate("VehicleText", "no heartbeat from this vehicle"))
    poor = state.link_quality < POOR_LINK_RATIO
    return Readout(f"{state.link_quality * 100:.0f} %", poor,
                   translate("VehicleText", "frames are being lost") if poor else "")


def health(state: VehicleState, translate: Translate = untranslated) -> Readout:
    if not state.unhealthy_sensors:
        return Readout(translate("VehicleText", "OK"))
    names = ", ".join(s.replace("_", " ").lower() for s in state.unhealthy_sensors)
    return Readout(names, True, fill(translate("VehicleText", "unhealthy sensors: %1"), names))


def position(state: VehicleState, form: str = "dd") -> str:
    """The vehicle's position in the pilot's chosen form (dd, dms, utm, mgrs)."""
    if not state.has_position:
        return "—"
    try:
        return format_position(state.lat, state.lon, form)
    except CoordinateError:  # polar: no UTM/MGRS there, degrees still work
        return format_position(state.lat, state.lon, "dd")


def list_row(state: VehicleState, translate: Translate = untranslated) -> tuple[Readout, ...]:
    """The vehicle list's cells, in LIST_COLUMNS order."""
    return (
        Readout(str(state.system_id),
                hint=fill(translate("VehicleText", "%1 on %2"), state.autopilot, state.link)),
        Readout(type_name(state.vehicle_type, translate), hint=state.vehicle_type),
        Readout(state.mode),
        Readout(armed_text(state.armed, translate)),
        battery(state, translate),
        gps(state, translate),
        link(state, translate),
        health(state, translate),
    )


def telemetry(state: VehicleState, translate: Translate = untranslated, position_form: str = "dd") -> dict[str, Readout]:
    """The telemetry panel's readouts for one vehicle, by (English) label."""
    alt = f"{_num(state.alt_rel, '.1f', 'm')} / {_num(state.alt_amsl, '.1f', 'm')}"
    att = f"{_num(state.roll_deg, '+.0f', '°')} / {_num(state.pitch_deg, '+.0f', '°')}"
    volts_amps = f"{_num(state.battery_voltage, '.1f', 'V')}  {_num(state.battery_current, '.1f', 'A')}"
    bat = battery(state, translate)
    fix = gps(state, translate)
    hdop = _num(state.hdop, ".1f", "")
    sats = fill(translate("VehicleText", "%1 sats"), state.satellites)
    return {
        "Vehicle": Readout(f"{state.system_id} · {type_name(state.vehicle_type, translate)} · {state.autopilot}"),
        "Mode": Readout(f"{state.mode} · {armed_text(state.armed, translate)} · "
                        f"{landed_name(state.landed_state, translate)}"),
        "Alt rel / AMSL": Readout(alt),
        "Speed / climb": Readout(f"{_num(state.ground_speed, '.1f', 'm/s')} / {_num(state.climb_rate, '+.1f', 'm/s')}"),
        "Heading": Readout(_num(state.heading_deg, "03.0f", "°")),
        "Roll / pitch": Readout(att),
        "Battery": Readout(f"{bat.text}  {volts_amps}", bat.alarm, bat.hint),
        "GPS": Readout(f"{fix_name(state.gps_fix, translate)} · {sats} · HDOP {hdop}", fix.alarm, fix.hint),
        "Position": Readout(position(state, position_form)),
        "Link": link(state, translate),
        "Health": health(state, translate),
        "Status": Readout(state.last_status_text or "—"),
    }
