"""A station drives the simulated robot over ZeroMQ on loopback, plain and with CURVE keys."""

import asyncio

import pytest
import zmq
import zmq.asyncio

from drivers.robot.keys import client_keys, generate_keypair, server_keys
from drivers.robot.link import LinkState, ZmqAddress
from drivers.robot.session import RobotSession
from sitl.robot.model import RobotModel
from sitl.robot.simulator import RobotSimulator, ZmqEndpoint, free_port_pair

from .test_serial_pty import drive_for, until


@pytest.fixture
def keys(tmp_path):
    generate_keypair(tmp_path / "robot", "robot")
    generate_keypair(tmp_path / "authorized", "station")
    generate_keypair(tmp_path / "elsewhere", "intruder")
    return tmp_path


async def start_robot(address: ZmqAddress, curve=None) -> tuple[RobotSimulator, asyncio.Task]:
    simulator = RobotSimulator(RobotModel())
    ZmqEndpoint(simulator, address, curve)
    return simulator, asyncio.create_task(simulator.run())


async def stop_robot(simulator: RobotSimulator, running: asyncio.Task) -> None:
    running.cancel()
    await asyncio.gather(running, return_exceptions=True)
    await simulator.close()


async def test_drive_over_zeromq_on_loopback_and_reconnect_after_robot_restart():
    address = ZmqAddress("127.0.0.1", free_port_pair())
    simulator, running = await start_robot(address)
    session = RobotSession(str(address))
    await session.start()
    try:
        await until(lambda: session.status().alive and session.link.state is LinkState.OPEN)
        await drive_for(session, 0.6, forward=1.0)
        assert session.telemetry.linear > 0.3 and simulator.model.speed > 0.3
        await stop_robot(simulator, running)  # robot reboots
        await until(lambda: session.link.state is LinkState.RECONNECTING)
        simulator, running = await start_robot(address)
        await until(lambda: session.link.state is LinkState.OPEN and session.status().alive, timeout=5.0)
        await drive_for(session, 0.4, forward=1.0)
        assert simulator.model.speed > 0.2
    finally:
        await session.close()
        await stop_robot(simulator, running)


async def test_curve_station_with_the_right_keys_drives(keys):
    address = ZmqAddress("127.0.0.1", free_port_pair())
    simulator, running = await start_robot(address, server_keys(keys / "robot/robot.key_secret", keys / "authorized"))
    session = RobotSession(str(address), curve=client_keys(keys / "robot/robot.key", keys / "authorized/station.key_secret"))
    await session.start()
    try:
        await until(lambda: session.status().alive and session.capabilities is not None)
        await drive_for(session, 0.4, forward=1.0)
        assert simulator.model.speed > 0.2
    finally:
        await session.close()
        await stop_robot(simulator, running)


@pytest.mark.parametrize(
    "robot_public, station_secret, reason",
    [
        ("robot/robot.key", "elsewhere/intruder.key_secret", "refused this station's CURVE key"),
        ("elsewhere/intruder.key", "authorized/station.key_secret", "wrong robot public key"),
    ],
    ids=["unknown-station", "wrong-robot-key"],
)
async def test_curve_wrong_key_is_refused_and_the_robot_never_moves(keys, robot_public, station_secret, reason):
    address = ZmqAddress("127.0.0.1", free_port_pair())
    simulator, running = await start_robot(address, server_keys(keys / "robot/robot.key_secret", keys / "authorized"))
    session = RobotSession(str(address), curve=client_keys(keys / robot_public, keys / station_secret))
    await session.start()
    try:
        await until(lambda: session.link.state is LinkState.REFUSED)
        assert reason in session.link.last_error
        await drive_for(session, 0.5, forward=1.0)
        assert simulator.model.last_command_time is None and simulator.model.speed == 0.0
        assert session.telemetry is None and not session.status().alive
    finally:
        await session.close()
        await stop_robot(simulator, running)


async def test_plain_station_is_refused_by_a_curve_robot(keys):
    address = ZmqAddress("127.0.0.1", free_port_pair())
    simulator, running = await start_robot(address, server_keys(keys / "robot/robot.key_secret", keys / "authorized"))
    session = RobotSession(str(address))
    await session.start()
    try:
        await until(lambda: session.link.state is LinkState.REFUSED)
        await drive_for(session, 0.5, forward=1.0)
        assert simulator.model.last_command_time is None and session.telemetry is None
    finally:
        await session.close()
        await stop_robot(simulator, running)


async def test_garbage_over_zeromq_is_counted_not_raised():
    address = ZmqAddress("127.0.0.1", free_port_pair())
    simulator, running = await start_robot(address)
    context = zmq.asyncio.Context()
    rogue = context.socket(zmq.DEALER)
    rogue.connect(address.command_endpoint)
    try:
        await rogue.send(b"\x01\x7f not a robot message")
        await rogue.send_multipart([b"two", b"parts"])
        await until(lambda: simulator.stats.errors == 2)
        assert simulator.stats.last_error == "ZeroMQ message of 2 parts; a robot message is one part"
    finally:
        rogue.close(linger=0)
        context.destroy(linger=0)
        await stop_robot(simulator, running)
