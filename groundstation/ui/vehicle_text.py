"""What a pilot reads about a vehicle: list cells and telemetry readouts from its state (no Qt).

Views only place these strings; the thresholds that turn a value red live here, in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from drivers.mavlink.state import VehicleState

LOW_BATTERY_PCT = 20
POOR_LINK_RATIO = 0.8
GOOD_FIXES = ("3D_FIX", "DGPS", "RTK_FLOAT", "RTK_FIXED")
_FIX_NAMES = {"NO_GPS": "no GPS", "NO_FIX": "no fix", "2D_FIX": "2D", "3D_FIX": "3D", "DGPS": "DGPS",
              "RTK_FLOAT": "RTK float", "RTK_FIXED": "RTK fixed", "STATIC": "static", "PPP": "PPP"}
_TYPE_NAMES = {"QUADROTOR": "Quad", "HEXAROTOR": "Hexa", "OCTOROTOR": "Octo", "FIXED_WING": "Plane",
               "GROUND_ROVER": "Rover", "SURFACE_BOAT": "Boat", "HELICOPTER": "Heli",
               "VTOL_TILTROTOR": "VTOL", "VTOL_FIXEDROTOR": "VTOL", "VTOL_TAILSITTER": "VTOL"}

LIST_COLUMNS = ("ID", "Type", "Mode", "Armed", "Battery", "GPS", "Link", "Health")


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


def fix_name(fix: str) -> str:
    return _FIX_NAMES.get(fix, fix.replace("_", " ").lower())


def type_name(vehicle_type: str) -> str:
    return _TYPE_NAMES.get(vehicle_type, vehicle_type.replace("_", " ").title())


def battery(state: VehicleState) -> Readout:
    if state.battery_remaining < 0:
        return Readout("—", hint="the vehicle does not report its charge")
    low = state.battery_remaining < LOW_BATTERY_PCT
    return Readout(f"{state.battery_remaining} %", low, "battery low" if low else "")


def gps(state: VehicleState) -> Readout:
    good = state.gps_fix in GOOD_FIXES
    return Readout(f"{fix_name(state.gps_fix)} {state.satellites}", not good,
                   "" if good else "no 3D fix: position not trustworthy")


def link(state: VehicleState) -> Readout:
    if not state.link_ok:
        return Readout("LOST", True, "no heartbeat from this vehicle")
    poor = state.link_quality < POOR_LINK_RATIO
    return Readout(f"{state.link_quality * 100:.0f} %", poor, "frames are being lost" if poor else "")


def health(state: VehicleState) -> Readout:
    if not state.unhealthy_sensors:
        return Readout("OK")
    names = ", ".join(s.replace("_", " ").lower() for s in state.unhealthy_sensors)
    return Readout(names, True, f"unhealthy sensors: {names}")


def list_row(state: VehicleState) -> tuple[Readout, ...]:
    """The vehicle list's cells, in LIST_COLUMNS order."""
    return (
        Readout(str(state.system_id), hint=f"{state.autopilot} on {state.link}"),
        Readout(type_name(state.vehicle_type), hint=state.vehicle_type),
        Readout(state.mode),
        Readout("ARMED" if state.armed else "disarmed"),
        battery(state),
        gps(state),
        link(state),
        health(state),
    )


def telemetry(state: VehicleState) -> dict[str, Readout]:
    """The telemetry panel's readouts for one vehicle, by label."""
    alt = f"{_num(state.alt_rel, '.1f', 'm')} / {_num(state.alt_amsl, '.1f', 'm')}"
    att = f"{_num(state.roll_deg, '+.0f', '°')} / {_num(state.pitch_deg, '+.0f', '°')}"
    volts_amps = f"{_num(state.battery_voltage, '.1f', 'V')}  {_num(state.battery_current, '.1f', 'A')}"
    bat = battery(state)
    fix = gps(state)
    hdop = _num(state.hdop, ".1f", "")
    position = ("—" if not state.has_position else f"{state.lat:.6f}, {state.lon:.6f}")
    landed = state.landed_state.replace("_", " ").lower()
    return {
        "Vehicle": Readout(f"{state.system_id} · {type_name(state.vehicle_type)} · {state.autopilot}"),
        "Mode": Readout(f"{state.mode} · {'ARMED' if state.armed else 'disarmed'} · {landed}"),
        "Alt rel / AMSL": Readout(alt),
        "Speed / climb": Readout(f"{_num(state.ground_speed, '.1f', 'm/s')} / {_num(state.climb_rate, '+.1f', 'm/s')}"),
        "Heading": Readout(_num(state.heading_deg, "03.0f", "°")),
        "Roll / pitch": Readout(att),
        "Battery": Readout(f"{bat.text}  {volts_amps}", bat.alarm, bat.hint),
        "GPS": Readout(f"{fix_name(state.gps_fix)} · {state.satellites} sats · HDOP {hdop}", fix.alarm, fix.hint),
        "Position": Readout(position),
        "Link": link(state),
        "Health": health(state),
        "Status": Readout(state.last_status_text or "—"),
    }
