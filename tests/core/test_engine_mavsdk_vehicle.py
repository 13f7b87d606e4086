"""The station talks to a vehicle that is not our simulator: MAVSDK's autopilot-side server plugins."""

from __future__ import annotations


import pytest

mavsdk = pytest.importorskip("mavsdk")
from mavsdk import ComponentType, Configuration, ConnectionResult, Mavsdk  # noqa: E402
from mavsdk.plugins.action_server import ActionServer  # noqa: E402
from mavsdk.plugins.telemetry_server import (  # noqa: E402
    Heading, Position, TelemetryServer, VelocityNed)

from groundstation.core.datadir import DataDir  # noqa: E402
from groundstation.core.engine import Engine  # noqa: E402
from waiting import wait_until


@pytest.fixture
def engine(tmp_path):
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"]) as e:
        yield e


def test_station_sees_and_arms_a_mavsdk_autopilot(engine):
    port = int(engine.links[0].rsplit(":", 1)[1])
    vehicle = Mavsdk(Configuration.create_with_component_type(ComponentType.AUTOPILOT))
    try:
        assert vehicle.add_any_connection(f"udpout://127.0.0.1:{port}") == ConnectionResult.SUCCESS
        server = vehicle.server_component()
        telemetry = TelemetryServer(server)
        actions = ActionServer(server)
        actions.set_armable(True, True)
        armed_requests = []
        actions.subscribe_arm_disarm(lambda result, data, _ud: armed_requests.append(data.arm))

        def publish():
            telemetry.publish_position(Position(49.47, 6.37, 230.0, 30.0), VelocityNed(0, 0, 0), Heading(90.0))

        def seen():
            publish()
            return engine.snapshot().vehicles

        vehicles = wait_until(seen, 10, "the MAVSDK vehicle to appear")
        view = next(iter(vehicles.values()))
        assert view.state.system_id == vehicle_system_id(vehicle)

        def placed():
            publish()
            st = engine.snapshot().vehicles[view.state.system_id].state
            return st.has_position and abs(st.alt_rel - 30.0) < 0.1 and st

        st = wait_until(placed, 10, "the published position")
        assert st.lat == pytest.approx(49.47, abs=1e-6)
        assert st.lon == pytest.approx(6.37, abs=1e-6)

        result = engine.arm(view.state.system_id).result(timeout=10)
        assert result.result == "ACCEPTED"
        assert wait_until(lambda: armed_requests, 5, "MAVSDK's arm callback") == [True]
    finally:
        vehicle.destroy()


def vehicle_system_id(vehicle) -> int:
    # MAVSDK's autopilot configuration uses system id 1 unless told otherwise.
    return 1


def test_refused_arming_reaches_the_pilot_as_an_error(engine):
    port = int(engine.links[0].rsplit(":", 1)[1])
    vehicle = Mavsdk(Configuration.create_with_component_type(ComponentType.AUTOPILOT))
    try:
        assert vehicle.add_any_connection(f"udpout://127.0.0.1:{port}") == ConnectionResult.SUCCESS
        server = vehicle.server_component()
        actions = ActionServer(server)
        actions.set_armable(False, False)
        TelemetryServer(server)
        vehicles = wait_until(lambda: engine.snapshot().vehicles, 10, "the MAVSDK vehicle")
        system_id = next(iter(vehicles))
        from groundstation.core.engine import CommandError

        with pytest.raises(CommandError) as refused:
            engine.arm(system_id).result(timeout=15)
        assert refused.value.result in ("DENIED", "FAILED", "TEMPORARILY_REJECTED")
        assert "COMPONENT_ARM_DISARM" in str(refused.value)
        assert not engine.snapshot().vehicles[system_id].state.armed
    finally:
        vehicle.destroy()
