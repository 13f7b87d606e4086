"""Robot link over a serial port (USB, radio modem, pty), reopened on its own when it goes away."""

from __future__ import annotations

import asyncio

import serial

from drivers.robot.framing import FrameReader, frame_message
from drivers.robot.link import LinkState, MessageHandler, RobotLink, SerialAddress
from drivers.robot.protocol import Message

_READ_TIMEOUT_S = 0.05  # a blocked read returns this often, so closing never waits longer
_WRITE_TIMEOUT_S = 0.5


class SerialLink(RobotLink):
    """Reads and writes run in worker threads (pyserial blocks), so the event loop never does."""

    def __init__(self, address: SerialAddress, on_message: MessageHandler, reconnect_interval: float = 1.0) -> None:
        super().__init__(on_message)
        self.address = address
        self.reconnect_interval = reconnect_interval
        self._reader = FrameReader()
        self.stats = self._reader.stats
        self._port: serial.Serial | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._closed = asyncio.Event()
        self._write_lock = asyncio.Lock()

    async def open(self) -> None:
        self._closing = False
        self._closed = asyncio.Event()
        self._task = asyncio.create_task(self._run(), name=f"robot link {self.address}")

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._closing:
            try:
                port = await loop.run_in_executor(None, self._open_port)
            except (serial.SerialException, OSError, ValueError) as exc:
                self._set_state(LinkState.RECONNECTING, f"cannot open {self.address.port}: {exc}")
                await self._pause()
                continue
            self._port = port
            self._set_state(LinkState.OPEN)
            try:
                while not self._closing:
                    data = await loop.run_in_executor(None, self._read_some, port)
                    for message in self._reader.feed(data):
                        self.on_message(message)
            except (serial.SerialException, OSError) as exc:
                self._set_state(LinkState.RECONNECTING, f"{self.address.port} lost: {exc}")
            finally:
                async with self._write_lock:  # never close under a write in flight
                    self._port = None
                    port.close()
            await self._pause()

    async def _pause(self) -> None:
        """Wait before the next try, but not past a close()."""
        try:
            await asyncio.wait_for(self._closed.wait(), self.reconnect_interval)
        except TimeoutError:
            pass

    def _open_port(self) -> serial.Serial:
        return serial.Serial(self.address.port, self.address.baud,
                             timeout=_READ_TIMEOUT_S, write_timeout=_WRITE_TIMEOUT_S)

    @staticmethod
    def _read_some(port: serial.Serial) -> bytes:
        return port.read(port.in_waiting or 1)

    async def send(self, message: Message) -> bool:
        frame = frame_message(message)
        async with self._write_lock:
            port = self._port
            if port is None:
                self.send_failures += 1
                return False
            try:
                await asyncio.get_running_loop().run_in_executor(None, port.write, frame)
            except (serial.SerialException, OSError) as exc:
                # The reader notices a dead port and reconnects; a write timeout alone is a full radio buffer.
                self.send_failures += 1
                self.last_error = f"write to {self.address.port} failed: {exc}"
                return False
        self.sent += 1
        return True

    async def close(self) -> None:
        """Stop; waits for a read in flight (at most one read timeout) so no thread outlives the link."""
        if self._task is not None:
            self._closing = True
            self._closed.set()
            await self._task
            self._task = None
        self._set_state(LinkState.CLOSED)
