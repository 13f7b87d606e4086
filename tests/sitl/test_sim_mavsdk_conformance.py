"""MAVSDK (an independent MAVLink implementation) flies the built-in simulator as a GCS would."""
from __future__ import annotations

import time

import pytest
from mavsdk.plugins.action import Action, ActionError
from mavsdk.plugins.telemetry import FlightMode, LandedState, Telemetry




def _until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"MAVSDK never saw: {what}")


def test_mavsdk_connects_reads_telemetry_arms_takes_off_and_lands(connected):
    fleet, system = connected
    truth = fleet.vehicles[0].truth
    assert system.get_system_id() == 1
    telemetry, action = Telemetry(system), Action(system)

    health = _until(lambda: (h := telemetry.health()).is_armable and h.is_global_position_ok
                    and h.is_home_position_ok and h, 10, "healthy, armable, home set")
    assert health.is_local_position_ok
    position = telemetry.position()
    assert position.latitude_deg == pytest.approx(49.47, abs=1e-5)
    assert position.absolute_altitude_m == pytest.approx(200.0, abs=0.5)
    assert telemetry.flight_mode() == FlightMode.HOLD
    assert telemetry.armed() is False
    battery = telemetry.battery()
    assert 14.0 < battery.voltage_v < 16.9 and battery.remaining_percent > 95

    action.arm()
    _until(telemetry.armed, 5, "armed")
    action.takeoff()
    _until(lambda: telemetry.in_air() and telemetry.position().relative_altitude_m > 2.0, 15, "airborne")
    _until(lambda: telemetry.flight_mode() == FlightMode.HOLD, 10, "Hold after takeoff")
    assert truth().alt_rel == pytest.approx(2.5, abs=0.9)

    with pytest.raises(ActionError):
        action.disarm()                  # refused in the air, MAVSDK reports the failure
    assert truth().armed

    action.land()
    _until(lambda: telemetry.flight_mode() == FlightMode.LAND, 5, "Land mode")
    _until(lambda: telemetry.landed_state() == LandedState.ON_GROUND, 20, "on the ground")
    _until(lambda: not telemetry.armed(), 10, "auto-disarmed after landing")
    assert truth().landed and not truth().armed
    _until(lambda: telemetry.battery().capacity_consumed_ah > battery.capacity_consumed_ah, 5, "battery drain")
