"""The simulated robot's protocol side: steps the model in real time and serves it on a
pseudo-terminal (as a serial robot would) and on ZeroMQ (ROUTER for commands, PUB for telemetry)."""

from __future__ import annotations

import asyncio
import math
import os
import socket
import tty
from collections.abc import Callable
from pathlib import Path

import zmq
import zmq.asyncio
from zmq.auth.asyncio import AsyncioAuthenticator

from drivers.robot.framing import FrameReader, ReceiveStats, decode_counted, frame_message
from drivers.robot.keys import CurveServerKeys
from drivers.robot.link import SerialAddress, ZmqAddress
from drivers.robot.protocol import (
    Ack,
    AckResult,
    Capabilities,
    CapabilitiesRequest,
    EStop,
    Heartbeat,
    Message,
    MessageType,
    Role,
    Telemetry,
    Teleop,
    encode,
)
from sitl.camera.scenario import Scenario
from sitl.robot.camera import RobotCamera
from sitl.robot.model import RobotModel

Reply = Callable[[Message], None]


class RobotSimulator:
    def __init__(self, model: RobotModel, step_s: float = 0.01, telemetry_hz: float = 10.0, video_url: str = "",
                 scenario: Scenario | None = None) -> None:
        """`video_url`: where the robot's camera streams while it runs (udp:// or rtp://; "" for no camera),
        announced in its capabilities; `scenario`: what the camera sees (default: a plain meadow)."""
        self.model = model
        self.step_s = step_s
        self.telemetry_period = 1.0 / telemetry_hz
        self.video_url = video_url
        self.scenario = scenario
        self.camera: RobotCamera | None = None
        self.stats = ReceiveStats()  # station messages the robot could not use
        self.endpoints: list[PtyEndpoint | ZmqEndpoint] = []
        self._telemetry_seq = 0
        self._pace: tuple[float, float] | None = None  # while running: wall minus model time, and when to end

    # --- protocol -------------------------------------------------------------------------
    def handle(self, message: Message, reply: Reply) -> None:
        """One message from a station, stamped with the simulated time it arrived."""
        self._catch_up()
        if isinstance(message, Teleop):
            self.model.teleop(message)
        elif isinstance(message, EStop):
            self.model.set_estop(message.engage)
            reply(Ack(MessageType.ESTOP, message.command_id, AckResult.ACCEPTED))
        elif isinstance(message, CapabilitiesRequest):
            reply(self.capabilities(message.command_id))
        elif isinstance(message, Heartbeat):
            pass  # the station's teleop stream is what keeps the robot moving; heartbeats only show it is there
        else:
            self.stats.error(f"a station sent a {type(message).__name__}, which only robots send")

    def capabilities(self, command_id: int = 0) -> Capabilities:
        p = self.model.params
        return Capabilities(command_id, p.max_linear, p.max_angular, round(p.deadman_s * 1000), p.name, self.video_url)

    def telemetry(self) -> Telemetry:
        m = self.model
        self._telemetry_seq = (self._telemetry_seq + 1) % (1 << 32)
        lat, lon = m.position()
        return Telemetry(self._telemetry_seq, int(m.time * 1000) % (1 << 32), lat, lon, m.heading_deg, m.speed,
                         m.turn_rate, m.battery_v, m.battery_pct, m.estop, m.deadman, m.last_teleop_seq)

    def broadcast(self, message: Message) -> None:
        for endpoint in self.endpoints:
            endpoint.broadcast(message)

    # --- time -----------------------------------------------------------------------------
    async def run(self, duration: float | None = None) -> None:
        """Step the model at real-time pace (simulated time is the model's own clock); the camera
        streams meanwhile."""
        if self.video_url:
            self.camera = RobotCamera(self.model, self.video_url, self.scenario).start()
        try:
            await self._step(duration)
        finally:
            if self.camera is not None:
                self.camera.stop()

    async def _step(self, duration: float | None) -> None:
        loop = asyncio.get_running_loop()
        end = math.inf if duration is None else self.model.time + duration
        self._pace = (loop.time() - self.model.time, end)
        next_telemetry = next_heartbeat = self.model.time
        try:
            while self.model.time < end:
                self._catch_up()
                if self.model.time >= next_telemetry:  # one report per wake-up: late ones would be stale
                    next_telemetry = max(next_telemetry + self.telemetry_period, self.model.time)
                    self.broadcast(self.telemetry())
                if self.model.time >= next_heartbeat:
                    next_heartbeat += 1.0
                    self.broadcast(Heartbeat(Role.ROBOT, int(self.model.time * 1000) % (1 << 32)))
                await asyncio.sleep(max(0.0, self._pace[0] + self.model.time - loop.time()))
        finally:
            self._pace = None

    def _catch_up(self) -> None:
        """Step the model to the wall clock. A busy machine wakes the loop late: all the steps due are
        taken at once, so the robot moves as far as its commands say, and a message that comes in is
        stamped with the time it was read, not with a model clock left behind (which would make the
        next, punctual commands look late to the robot and be refused)."""
        if self._pace is None:
            return
        offset, end = self._pace
        due = min(end, asyncio.get_running_loop().time() - offset)
        while self.model.time < due:
            self.model.step(self.step_s)

    async def close(self) -> None:
        for endpoint in self.endpoints:
            await endpoint.close()
        self.endpoints.clear()


class PtyEndpoint:
    """The robot end of a serial cable: a pseudo-terminal whose other end is a serial port for the station."""

    def __init__(self, simulator: RobotSimulator, link_path: Path | None = None) -> None:
        self.simulator = simulator
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # bytes pass untouched: no echo, no line editing
        os.set_blocking(self._master, False)
        self.port = os.ttyname(self._slave)
        self.link_path = link_path
        if link_path is not None:  # a stable name for the station, like socat's link=
            link_path.unlink(missing_ok=True)
            link_path.symlink_to(self.port)
        self.reader = FrameReader()
        self.dropped = 0
        asyncio.get_running_loop().add_reader(self._master, self._on_readable)
        simulator.endpoints.append(self)

    @property
    def address(self) -> SerialAddress:
        return SerialAddress(str(self.link_path or self.port))

    def _on_readable(self) -> None:
        try:
            data = os.read(self._master, 4096)
        except BlockingIOError:
            return
        except OSError:  # the station closed its end; the kept slave fd keeps the port alive for the next one
            return
        for message in self.reader.feed(data):
            self.simulator.handle(message, self.broadcast)

    def broadcast(self, message: Message) -> None:
        try:
            os.write(self._master, frame_message(message))
        except BlockingIOError:
            self.dropped += 1  # nobody reads the port and its buffer is full: a real radio drops too

    async def close(self) -> None:
        asyncio.get_running_loop().remove_reader(self._master)
        os.close(self._master)
        os.close(self._slave)
        if self.link_path is not None:
            self.link_path.unlink(missing_ok=True)


class ZmqEndpoint:
    """Commands on a ROUTER (replies go back to the sender), telemetry on a PUB at port + 1."""

    def __init__(self, simulator: RobotSimulator, address: ZmqAddress, curve: CurveServerKeys | None = None) -> None:
        self.simulator = simulator
        self.address = address
        self.context = zmq.asyncio.Context()
        self.authenticator: AsyncioAuthenticator | None = None
        if curve is not None:
            # ZAP: only stations whose public key sits in the authorized folder get through.
            self.authenticator = AsyncioAuthenticator(self.context)
            self.authenticator.start()
            self.authenticator.configure_curve(domain="*", location=str(curve.authorized))
        self.commands = self.context.socket(zmq.ROUTER)
        self.telemetry = self.context.socket(zmq.PUB)
        for sock in (self.commands, self.telemetry):
            sock.setsockopt(zmq.LINGER, 0)
            if curve is not None:
                sock.curve_server = True
                sock.curve_publickey = curve.public
                sock.curve_secretkey = curve.secret
        self.commands.bind(address.command_endpoint)
        self.telemetry.bind(address.telemetry_endpoint)
        self.dropped = 0
        self._task = asyncio.create_task(self._receive())
        simulator.endpoints.append(self)

    async def _receive(self) -> None:
        while True:
            frames = await self.commands.recv_multipart()
            if len(frames) != 2:
                self.simulator.stats.error(f"ZeroMQ message of {len(frames) - 1} parts; a robot message is one part")
                continue
            identity, payload = frames
            message = decode_counted(payload, self.simulator.stats)
            if message is not None:
                self.simulator.handle(message, lambda answer: self._reply(identity, answer))

    def _reply(self, identity: bytes, message: Message) -> None:
        try:
            self.commands.send_multipart([identity, encode(message)], zmq.NOBLOCK)
        except zmq.ZMQError:
            self.dropped += 1

    def broadcast(self, message: Message) -> None:
        try:
            self.telemetry.send(encode(message), zmq.NOBLOCK)
        except zmq.Again:
            self.dropped += 1

    async def close(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
        self.commands.close(linger=0)
        self.telemetry.close(linger=0)
        if self.authenticator is not None:
            self.authenticator.stop()
        self.context.destroy(linger=0)


def free_port_pair(host: str = "127.0.0.1") -> int:
    """A port whose successor is free too: a robot takes commands on PORT and publishes on PORT + 1."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind((host, 0))
            port = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind((host, port + 1))
                except OSError:
                    continue
                return port
    raise OSError(f"no free pair of ports on {host}")
