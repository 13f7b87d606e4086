"""Robot link over ZeroMQ: commands on DEALER -> robot ROUTER, telemetry on SUB <- robot PUB.

ZeroMQ reconnects by itself; socket monitor events tell the station whether the link is up, and
whether the robot refused this station's CURVE key. Commands are never queued for a robot that
is not connected (IMMEDIATE), so an old teleop command cannot arrive late after a reconnect.
"""

from __future__ import annotations

import asyncio

import zmq
import zmq.asyncio
from zmq.utils.monitor import parse_monitor_message

from drivers.robot.framing import decode_counted
from drivers.robot.keys import CurveClientKeys
from drivers.robot.link import LinkState, MessageHandler, RobotLink, ZmqAddress
from drivers.robot.protocol import Message, encode

_RECONNECT_MS = 200
_RECONNECT_MAX_MS = 2000
_SEND_QUEUE = 10  # messages; a slow robot sheds commands rather than piling them up


class ZmqLink(RobotLink):
    def __init__(self, address: ZmqAddress, on_message: MessageHandler, curve: CurveClientKeys | None = None) -> None:
        super().__init__(on_message)
        self.address = address
        self.curve = curve
        self._context: zmq.asyncio.Context | None = None
        self._sockets: dict[str, zmq.asyncio.Socket] = {}
        self._monitors: list[zmq.asyncio.Socket] = []
        self._handshaken: dict[str, bool] = {}
        self._tasks: list[asyncio.Task[None]] = []

    async def open(self) -> None:
        self._context = zmq.asyncio.Context()
        commands = self._context.socket(zmq.DEALER)
        commands.setsockopt(zmq.IMMEDIATE, 1)
        commands.setsockopt(zmq.SNDHWM, _SEND_QUEUE)
        telemetry = self._context.socket(zmq.SUB)
        telemetry.setsockopt(zmq.SUBSCRIBE, b"")
        self._sockets = {"commands": commands, "telemetry": telemetry}
        endpoints = {"commands": self.address.command_endpoint, "telemetry": self.address.telemetry_endpoint}
        for role, sock in self._sockets.items():
            sock.setsockopt(zmq.LINGER, 0)
            sock.setsockopt(zmq.RECONNECT_IVL, _RECONNECT_MS)
            sock.setsockopt(zmq.RECONNECT_IVL_MAX, _RECONNECT_MAX_MS)
            if self.curve is not None:
                sock.curve_serverkey = self.curve.server_public
                sock.curve_publickey = self.curve.public
                sock.curve_secretkey = self.curve.secret
            self._handshaken[role] = False
            monitor = sock.get_monitor_socket()
            self._monitors.append(monitor)
            self._tasks.append(asyncio.create_task(self._watch(role, monitor)))
            self._tasks.append(asyncio.create_task(self._receive(sock)))
            sock.connect(endpoints[role])

    async def _receive(self, sock: zmq.asyncio.Socket) -> None:
        while True:
            frames = await sock.recv_multipart()
            if len(frames) != 1:
                self.stats.error(f"ZeroMQ message of {len(frames)} parts; a robot message is one part")
                continue
            message = decode_counted(frames[0], self.stats)
            if message is not None:
                self.on_message(message)

    async def _watch(self, role: str, monitor: zmq.asyncio.Socket) -> None:
        while True:
            event = parse_monitor_message(await monitor.recv_multipart())["event"]
            if event == zmq.EVENT_HANDSHAKE_SUCCEEDED:
                self._handshaken[role] = True
                if all(self._handshaken.values()):
                    self._set_state(LinkState.OPEN)
            elif event == zmq.EVENT_HANDSHAKE_FAILED_AUTH:
                self._set_state(LinkState.REFUSED, "the robot refused this station's CURVE key")
            elif event in (zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL, zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL):
                self._set_state(LinkState.REFUSED, "security handshake with the robot failed (wrong robot public key?)")
            elif event == zmq.EVENT_DISCONNECTED:
                was_up, self._handshaken[role] = self._handshaken[role], False
                if self.state is LinkState.REFUSED:
                    continue  # stays refused until a handshake succeeds
                if was_up:
                    self._set_state(LinkState.RECONNECTING, f"{role} connection to {self.address} lost")
                elif self.curve is not None:
                    # A robot that cannot read our hello just hangs up: the usual sign of a wrong robot key.
                    self._set_state(LinkState.REFUSED, "the robot hung up during the security handshake (wrong robot public key?)")
                else:
                    self._set_state(LinkState.RECONNECTING)

    async def send(self, message: Message) -> bool:
        payload = encode(message)
        sock = self._sockets.get("commands")
        if sock is None or sock.closed:
            self.send_failures += 1
            return False
        try:
            await sock.send(payload, zmq.NOBLOCK)
        except zmq.Again:
            self.send_failures += 1  # no robot connected (or queue full): dropped, never sent late
            return False
        self.sent += 1
        return True

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for sock in self._sockets.values():
            sock.disable_monitor()
            sock.close(linger=0)
        for monitor in self._monitors:
            monitor.close(linger=0)
        self._sockets.clear()
        self._monitors.clear()
        if self._context is not None:
            self._context.destroy(linger=0)
            self._context = None
        self._set_state(LinkState.CLOSED)
