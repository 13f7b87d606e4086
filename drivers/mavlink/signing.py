"""MAVLink 2 message signing with a key per vehicle.

pymavlink signs and checks (MAVLink.sign_packet / check_signature); what it cannot do on its own
is use several keys on one link, and the hub has one parser per link that may carry a whole
fleet. So the link parsers run without a key and every frame is checked here, against the key of
the vehicle that sent it, with a pymavlink MAVLink object per vehicle that keeps that vehicle's
replay-protection timestamps. Outgoing frames for a vehicle are signed with its key.

With signing "required", unsigned and wrongly signed frames from that vehicle are refused and
counted; with signing on but not required, unsigned frames still pass (the moment between giving
a vehicle its key and it using it) but a wrong signature never does.

Keys live in the data directory as keys/<system id>.key: 64 hex digits, file mode 600.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from pathlib import Path

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.events import SigningRefused

KEY_BYTES = 32
_EPOCH_2015 = 1420070400  # signing timestamps count 10 µs units from 2015-01-01 UTC
# The MAVLink spec lets a radio's own status through unsigned: radios cannot sign.
UNSIGNED_ALLOWED = {mavlink.MAVLINK_MSG_ID_RADIO_STATUS}


class SigningError(Exception):
    """A key that cannot be read, written or used; str() reads well to an operator."""


def signing_timestamp(now: float | None = None) -> int:
    return int((max(time.time() if now is None else now, _EPOCH_2015) - _EPOCH_2015) * 1e5)


def key_from_passphrase(passphrase: str) -> bytes:
    """The key QGroundControl and MAVProxy derive from a passphrase: SHA-256 of it."""
    if not passphrase:
        raise SigningError("an empty passphrase is not a key")
    return hashlib.sha256(passphrase.encode("utf-8")).digest()


class KeyStore:
    """keys/<system id>.key in the data directory."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(self, system_id: int) -> Path:
        return self.directory / f"{system_id}.key"

    def load(self, system_id: int) -> bytes | None:
        path = self.path(system_id)
        try:
            text = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as e:
            raise SigningError(f"cannot read signing key {path}: {e}") from None
        try:
            key = bytes.fromhex(text)
        except ValueError:
            raise SigningError(f"signing key {path} is not hex digits") from None
        if len(key) != KEY_BYTES:
            raise SigningError(f"signing key {path} holds {len(key)} bytes, a key has {KEY_BYTES}")
        return key

    def save(self, system_id: int, key: bytes) -> Path:
        if len(key) != KEY_BYTES:
            raise SigningError(f"a signing key has {KEY_BYTES} bytes, got {len(key)}")
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.path(system_id)
        tmp = path.with_suffix(".tmp")
        # created 600 from the start: the key is never readable by others, not even briefly
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key.hex() + "\n")
        os.replace(tmp, path)
        return path

    def load_or_create(self, system_id: int) -> bytes:
        key = self.load(system_id)
        if key is None:
            key = secrets.token_bytes(KEY_BYTES)
            self.save(system_id, key)
        return key


class _VehicleSigning:
    def __init__(self, key: bytes, required: bool, link_id: int) -> None:
        self.required = required
        self.checker = mavlink.MAVLink(None)
        self.checker.signing.secret_key = key
        self.checker.signing.timestamp = signing_timestamp()  # refuses streams replayed from long ago
        self.outgoing = mavlink.MAVLinkSigning()
        self.outgoing.secret_key = key
        self.outgoing.sign_outgoing = True
        self.outgoing.link_id = link_id
        self.outgoing.timestamp = signing_timestamp()
        self.refused = 0
        self.last_event = 0.0


class Signing:
    """The station's signing policy: which vehicles sign, with which key, and whether required."""

    def __init__(self, link_id: int = 0) -> None:
        self.link_id = link_id
        self._vehicles: dict[int, _VehicleSigning] = {}

    def enable(self, system_id: int, key: bytes, required: bool = True) -> None:
        if len(key) != KEY_BYTES:
            raise SigningError(f"a signing key has {KEY_BYTES} bytes, got {len(key)}")
        self._vehicles[system_id] = _VehicleSigning(key, required, self.link_id)

    def disable(self, system_id: int) -> None:
        self._vehicles.pop(system_id, None)

    def mode(self, system_id: int) -> str:
        v = self._vehicles.get(system_id)
        return "off" if v is None else ("required" if v.required else "signing")

    @property
    def signing_vehicles(self) -> list[int]:
        return list(self._vehicles)

    def outgoing(self, system_id: int) -> mavlink.MAVLinkSigning | None:
        v = self._vehicles.get(system_id)
        if v is None:
            return None
        v.outgoing.timestamp = max(v.outgoing.timestamp, signing_timestamp())
        return v.outgoing

    def check(self, msg) -> str | None:
        """None when the frame may pass, else why it is refused."""
        header = msg._header
        v = self._vehicles.get(header.srcSystem)
        if v is None:
            return None
        if header.incompat_flags & mavlink.MAVLINK_IFLAG_SIGNED:
            buf = bytearray(msg.get_msgbuf())
            if v.checker.check_signature(buf, header.srcSystem, header.srcComponent):
                return None
            return self._refuse(v, "wrong signature")
        if not v.required or header.msgId in UNSIGNED_ALLOWED:
            return None
        return self._refuse(v, "unsigned")

    @staticmethod
    def _refuse(v: _VehicleSigning, reason: str) -> str:
        v.refused += 1
        return reason

    def event_due(self, system_id: int, reason: str, now: float) -> SigningRefused | None:
        """The event to tell the operator about a refusal, at most one a second per vehicle."""
        v = self._vehicles[system_id]
        if now - v.last_event < 1.0:
            return None
        v.last_event = now
        return SigningRefused(system_id, reason, v.refused)

    def setup_message(self, system_id: int, target_component: int = mavlink.MAV_COMP_ID_ALL):
        """SETUP_SIGNING that gives a vehicle its key (send it over a link you trust: USB, wire)."""
        v = self._vehicles.get(system_id)
        if v is None:
            raise SigningError(f"no signing key set for vehicle {system_id}")
        return mavlink.MAVLink_setup_signing_message(
            system_id, target_component, list(v.outgoing.secret_key), signing_timestamp())
