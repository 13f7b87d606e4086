"""MQTT transport (GeoJSON findings) with aiomqtt: QoS 1, retained, acknowledged by PUBACK.

Topic per finding, <topic>/<finding id> (default gs/<station>/findings), retained so a command
post that connects late still gets the latest revision of every finding.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from urllib.parse import urlsplit

import aiomqtt

from groundstation.core.partners import Partner
from groundstation.share.messages import OutboundMessage
from groundstation.share.transport import TransportError, client_tls_context

PUBACK_TIMEOUT_S = 10.0


class MqttTransport:
    def __init__(self, partner: Partner, station_id: str) -> None:
        self.partner = partner
        url = urlsplit(partner.endpoint)
        self._tls = url.scheme == "mqtts"
        self._host, self._port = url.hostname or "", url.port or (8883 if self._tls else 1883)
        self.topic = (partner.topic or url.path.strip("/") or f"gs/{station_id}/findings").rstrip("/")
        self._identifier = f"gs-{station_id}-{partner.name}"
        self._client: aiomqtt.Client | None = None

    @property
    def connected(self) -> bool:
        return self._client is not None

    async def connect(self) -> None:
        await self.close()
        creds = self.partner.credentials
        client = aiomqtt.Client(
            self._host, self._port, identifier=self._identifier,
            username=creds.read_text("username_file"), password=creds.read_text("password_file"),
            tls_context=client_tls_context(self.partner) if self._tls else None, timeout=PUBACK_TIMEOUT_S)
        try:
            await client.__aenter__()
        except aiomqtt.MqttError as exc:
            raise TransportError(f"MQTT {self._host}:{self._port}: cannot connect: {exc}") from None
        self._client = client

    async def send(self, messages: Sequence[OutboundMessage]) -> None:
        if self._client is None:
            await self.connect()
        client = self._client
        assert client is not None
        # publish the whole batch at once (one connection keeps them in order), then count PUBACKs
        results = await asyncio.gather(
            *(client.publish(f"{self.topic}/{m.finding.id}", m.payload, qos=1, retain=True,
                             timeout=PUBACK_TIMEOUT_S) for m in messages), return_exceptions=True)
        for done, result in enumerate(results):
            if isinstance(result, BaseException):
                await self.close()
                raise TransportError(f"MQTT {self._host}:{self._port}: no PUBACK: {result}", done)

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            try:
                await asyncio.wait_for(client.__aexit__(None, None, None), 2.0)
            except (aiomqtt.MqttError, asyncio.TimeoutError, RuntimeError):
                pass
