"""What every partner transport offers the delivery worker, and how it reports failure."""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from typing import Protocol

from groundstation.core.partners import Partner
from groundstation.share.messages import OutboundMessage


class TransportError(Exception):
    """A delivery attempt failed; `acked` messages at the head of the batch did get through."""

    def __init__(self, message: str, acked: int = 0) -> None:
        super().__init__(message)
        self.acked = acked


class Transport(Protocol):
    partner: Partner

    @property
    def connected(self) -> bool: ...

    async def connect(self) -> None: ...

    async def send(self, messages: Sequence[OutboundMessage]) -> None:
        """Deliver in order; return once the partner's transport acknowledged all of them."""

    async def close(self) -> None: ...


def client_tls_context(partner: Partner) -> ssl.SSLContext:
    """Verify the partner's server (its CA file, else the system store); present our client
    certificate when one is configured."""
    creds = partner.credentials
    ctx = ssl.create_default_context(cafile=str(creds.ca_file) if creds.ca_file else None)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    if creds.cert_file and creds.key_file:
        ctx.load_cert_chain(str(creds.cert_file), str(creds.key_file))
    return ctx


def make_transport(partner: Partner, station_id: str) -> Transport:
    if partner.transport == "tak":
        from groundstation.share.tak import TakTransport
        return TakTransport(partner, station_id)
    if partner.transport == "https":
        from groundstation.share.https_post import HttpsTransport
        return HttpsTransport(partner)
    if partner.transport == "mqtt":
        from groundstation.share.mqtt import MqttTransport
        return MqttTransport(partner, station_id)
    raise ValueError(f"partner {partner.name!r}: unknown transport {partner.transport!r}")
