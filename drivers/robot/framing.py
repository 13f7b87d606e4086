"""Serial framing: COBS byte stuffing, CRC-32 and a 0x00 delimiter; resynchronises after garbage.

On the wire: 0x00, COBS(payload + CRC-32 of payload, little-endian), 0x00. COBS leaves no zero
byte inside a frame, so a receiver that lands in the middle of garbage or a cut frame only loses
bytes up to the next 0x00. The leading 0x00 makes that delimiter arrive before each frame, so
garbage ahead of a frame never spoils the frame itself; empty frames are simply skipped.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from cobs import cobs

from drivers.robot.protocol import MAX_PAYLOAD, Message, ProtocolError, decode, encode

DELIMITER = b"\x00"
_CRC_SIZE = 4
# COBS adds one byte per 254; anything longer than this between delimiters cannot be a frame.
MAX_FRAME = MAX_PAYLOAD + _CRC_SIZE + (MAX_PAYLOAD + _CRC_SIZE) // 254 + 1


def encode_frame(payload: bytes) -> bytes:
    if len(payload) > MAX_PAYLOAD:
        raise ValueError(f"payload of {len(payload)} bytes is over the {MAX_PAYLOAD}-byte limit")
    body = payload + zlib.crc32(payload).to_bytes(_CRC_SIZE, "little")
    return DELIMITER + cobs.encode(body) + DELIMITER


def frame_message(message: Message) -> bytes:
    return encode_frame(encode(message))


@dataclass
class ReceiveStats:
    """What a receiver made of its input: counted, never raised."""

    messages: int = 0
    errors: int = 0
    last_error: str | None = None

    def error(self, text: str) -> None:
        self.errors += 1
        self.last_error = text


def decode_counted(payload: bytes, stats: ReceiveStats) -> Message | None:
    """Decode one payload; a bad one is counted in stats and gives None."""
    try:
        message = decode(payload)
    except ProtocolError as exc:
        stats.error(str(exc))
        return None
    stats.messages += 1
    return message


class FrameReader:
    """Turns a serial byte stream into messages; bad frames are counted in stats."""

    def __init__(self) -> None:
        self.stats = ReceiveStats()
        self._buffer = bytearray()
        self._overflowed = False

    def feed(self, data: bytes) -> list[Message]:
        messages: list[Message] = []
        start = 0
        while True:
            end = data.find(DELIMITER, start)
            if end < 0:
                self._collect(data[start:])
                return messages
            self._collect(data[start:end])
            message = self._close_frame()
            if message is not None:
                messages.append(message)
            start = end + 1

    def _collect(self, chunk: bytes) -> None:
        if self._overflowed:
            return
        self._buffer += chunk
        if len(self._buffer) > MAX_FRAME:
            # Drop it now rather than buffer garbage without bound; count it once, at the delimiter.
            self._buffer.clear()
            self._overflowed = True

    def _close_frame(self) -> Message | None:
        frame, overflowed = bytes(self._buffer), self._overflowed
        self._buffer.clear()
        self._overflowed = False
        if overflowed:
            self.stats.error(f"frame longer than {MAX_FRAME} bytes dropped")
            return None
        if not frame:
            return None
        try:
            body = cobs.decode(frame)
        except cobs.DecodeError as exc:
            self.stats.error(f"bad byte stuffing: {exc}")
            return None
        if len(body) <= _CRC_SIZE:
            self.stats.error(f"frame of {len(body)} bytes is too short to hold a CRC and a message")
            return None
        payload, crc = body[:-_CRC_SIZE], int.from_bytes(body[-_CRC_SIZE:], "little")
        if zlib.crc32(payload) != crc:
            self.stats.error("CRC mismatch: frame damaged in transit")
            return None
        return decode_counted(payload, self.stats)
