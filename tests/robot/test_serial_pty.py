"""A station drives the simulated robot over a real pseudo-terminal pair, as over a USB serial cable."""

import asyncio
import time

import pytest
import serial

from drivers.robot.link import LinkState
from drivers.robot.session import RobotSession, SpeedLimits
from sitl.robot.model import RobotModel
from sitl.robot.simulator import PtyEndpoint, RobotSimulator
from waiting import until


async def drive_for(session: RobotSession, seconds: float, forward: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        session.drive(forward, 0.0)
        await asyncio.sleep(0.05)


@pytest.fixture
async def robot(tmp_path):
    simulator = RobotSimulator(RobotModel())
    pty = PtyEndpoint(simulator, tmp_path / "robot-tty")
    running = asyncio.create_task(simulator.run())
    yield simulator, pty
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)
    await simulator.close()


async def test_station_drives_the_robot_and_sees_it_move(robot):
    simulator, pty = robot
    session = RobotSession(str(pty.address), limits=SpeedLimits(linear=0.8))
    await session.start()
    try:
        await until(lambda: session.status().alive and session.capabilities is not None)
        assert session.link.state is LinkState.OPEN
        assert session.capabilities.name == "sim-robot"
        start_lat = session.telemetry.lat
        await drive_for(session, 1.0, forward=1.0)
        status = session.status()
        assert status.telemetry.linear == pytest.approx(0.8, abs=0.05)
        assert status.telemetry.lat > start_lat  # heading north
        assert status.link_quality > 0.8 and status.receive_errors == 0
    finally:
        await session.close()
    await until(lambda: simulator.model.speed == 0.0)


async def test_link_cut_robot_stops_within_300ms_sim_time_and_a_station_shows_it(robot):
    simulator, pty = robot
    driver = RobotSession(str(pty.address))
    await driver.start()
    await until(lambda: driver.status().alive)
    await drive_for(driver, 0.6, forward=1.0)
    assert simulator.model.speed > 0.4
    await driver.link.close()  # cable cut: no goodbye, commands just stop
    await until(lambda: simulator.model.stopped_since is not None)
    model = simulator.model
    assert model.stopped_since - model.last_command_time <= 0.300
    assert model.deadman
    await driver.close()

    watcher = RobotSession(str(pty.address), observe_only=True)
    await watcher.start()
    try:
        await until(lambda: any(e.kind == "deadman" for e in watcher.events))
        assert watcher.status().telemetry.linear == 0.0
    finally:
        await watcher.close()


async def test_estop_over_serial_latches_until_released(robot):
    simulator, pty = robot
    session = RobotSession(str(pty.address))
    await session.start()
    try:
        await until(lambda: session.status().alive)
        await drive_for(session, 0.4, forward=1.0)
        session.engage_estop()
        await until(lambda: session.status().estop_confirmed)
        await drive_for(session, 0.5, forward=1.0)  # pushing on does nothing
        assert simulator.model.speed == 0.0 and simulator.model.estop
        session.release_estop()
        await until(lambda: not session.status().release_pending and not session.status().estop_confirmed)
        assert simulator.model.speed == 0.0  # still at rest until driven again
        await drive_for(session, 0.4, forward=1.0)
        assert simulator.model.speed > 0
    finally:
        await session.close()


async def test_garbage_on_the_line_is_counted_and_driving_goes_on(robot):
    simulator, pty = robot
    session = RobotSession(str(pty.address))
    await session.start()
    noise = serial.Serial(pty.port)  # a second writer on the same line: a noisy radio
    try:
        await until(lambda: session.status().alive)
        for _ in range(5):
            noise.write(b"\x13\x37garbage\xff\x00\x55\xaa" * 4)
            await drive_for(session, 0.1, forward=1.0)
        await drive_for(session, 0.3, forward=1.0)
        assert pty.reader.stats.errors >= 5
        assert simulator.model.speed > 0.3
    finally:
        noise.close()
        await session.close()


async def test_station_reopens_the_port_when_the_robot_comes_back(tmp_path):
    link_path = tmp_path / "robot-tty"
    simulator = RobotSimulator(RobotModel())
    PtyEndpoint(simulator, link_path)
    running = asyncio.create_task(simulator.run())
    session = RobotSession(f"serial:{link_path}:115200")
    await session.start()
    try:
        await until(lambda: session.status().alive)
        await simulator.close()  # robot power-cycled: its port disappears
        await until(lambda: session.link.state is LinkState.RECONNECTING)
        assert "lost" in session.link.last_error or "cannot open" in session.link.last_error
        PtyEndpoint(simulator, link_path)  # back, on a new port behind the same name
        first_seen = session.telemetry
        await until(lambda: session.link.state is LinkState.OPEN and session.telemetry is not first_seen, timeout=5.0)
    finally:
        await session.close()
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await simulator.close()
