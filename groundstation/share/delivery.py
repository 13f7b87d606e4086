"""The delivery worker: drains the durable outbox to every partner, in order, until acknowledged.

The engine owns one DeliveryWorker and runs `await worker.run()` on its asyncio loop. Each partner
has its own task, so a slow or absent partner never holds the others up. A failed attempt is retried
after exponential backoff with jitter, forever: nothing leaves the outbox unacknowledged. After a
crash the unacknowledged rows are simply sent again with the same message ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from groundstation.core.findings import FindingError, FindingStore, utcnow
from groundstation.core.partners import Partner
from groundstation.share.cot import VehicleTrack, encode_vehicle
from groundstation.share.messages import SnapshotUrl, outbound
from groundstation.share.transport import Transport, TransportError, make_transport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backoff:
    initial_s: float = 1.0
    factor: float = 2.0
    max_s: float = 60.0

    def delay(self, failures: int, rng: random.Random) -> float:
        """Equal jitter: half the exponential step fixed, half random, so retries spread out
        but never collapse to zero."""
        step = min(self.max_s, self.initial_s * self.factor ** max(0, failures - 1))
        return step / 2 + rng.uniform(0, step / 2)


@dataclass(frozen=True)
class PartnerStatus:
    name: str
    format: str
    transport: str
    reachable: bool | None  # None until the first attempt
    queued: int
    sent: int
    acknowledged: int
    last_error: str | None
    last_ack_at: datetime | None


class DeliveryWorker:
    def __init__(self, store: FindingStore, partners: Sequence[Partner], *,
                 backoff: Backoff = Backoff(), batch: int = 50, send_timeout_s: float = 30.0,
                 snapshot_url: SnapshotUrl | None = None,
                 transport_factory: Callable[[Partner, str], Transport] = make_transport) -> None:
        self.store = store
        self.partners = list(partners)
        self.backoff = backoff
        self.batch = batch
        self.send_timeout_s = send_timeout_s
        self.snapshot_url = snapshot_url
        self._factory = transport_factory
        self._rng = random.Random()
        self._transports: dict[str, Transport] = {}
        self._wake: dict[str, asyncio.Event] = {}
        self._stop = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reachable: dict[str, bool | None] = {p.name: None for p in self.partners}
        self._errors: dict[str, str | None] = {p.name: None for p in self.partners}
        self._last_ack: dict[str, datetime | None] = {p.name: None for p in self.partners}
        self.on_ack: Callable[[str, Sequence[str], datetime], None] | None = None  # for benchmarks/UI

    # ----- engine-facing -----
    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop.clear()
        self._wake = {p.name: asyncio.Event() for p in self.partners}
        self.store.add_listener(self._on_store_change)
        try:
            async with asyncio.TaskGroup() as tg:
                for p in self.partners:
                    tg.create_task(self._partner_loop(p), name=f"delivery:{p.name}")
        finally:
            self.store.remove_listener(self._on_store_change)
            for t in list(self._transports.values()):
                with contextlib.suppress(Exception):
                    await t.close()
            self._transports.clear()

    def stop(self) -> None:
        """Ask run() to finish; an in-flight send is abandoned and will be resent next time."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._stop.set)
        else:
            self._stop.set()

    def status(self) -> list[PartnerStatus]:
        out = []
        for p in self.partners:
            c = self.store.outbox_counts(p.name)
            out.append(PartnerStatus(p.name, p.format, p.transport, self._reachable[p.name], c.queued, c.sent,
                                     c.acknowledged, self._errors[p.name], self._last_ack[p.name]))
        return out

    async def send_track(self, track: VehicleTrack) -> None:
        """Live vehicle position to every TAK partner that is connected; dropped if not (live data
        is replaced by the next update, so it does not go through the outbox)."""
        payload = encode_vehicle(track, utcnow())
        for p in self.partners:
            t = self._transports.get(p.name)
            if p.format == "cot" and t is not None and t.connected and hasattr(t, "send_raw"):
                with contextlib.suppress(TransportError):
                    await t.send_raw(payload)

    # ----- internals -----
    def _on_store_change(self) -> None:
        if self._loop is None or self._loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            self._wake_all()
        else:
            self._loop.call_soon_threadsafe(self._wake_all)

    def _wake_all(self) -> None:
        for e in self._wake.values():
            e.set()

    async def _sleep(self, seconds: float, wake: asyncio.Event | None = None) -> None:
        waiters = [asyncio.ensure_future(self._stop.wait())]
        if wake is not None:
            waiters.append(asyncio.ensure_future(wake.wait()))
        try:
            await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waiters:
                w.cancel()

    async def _partner_loop(self, partner: Partner) -> None:
        transport = self._factory(partner, self.store.station_id)
        self._transports[partner.name] = transport
        wake = self._wake[partner.name]
        failures = 0
        while not self._stop.is_set():
            wake.clear()
            entries = self.store.pending(partner.name, self.batch)
            if not entries:
                await self._sleep(5.0, wake)
                continue
            try:
                messages = [outbound(self.store, e, partner, self.snapshot_url) for e in entries]
            except (FindingError, ValueError) as exc:  # a corrupt row must not block the queue silently
                log.error("partner %s: cannot encode %s: %s", partner.name, entries[0].msg_id, exc)
                failures += 1
                self._errors[partner.name] = f"encoding failed: {exc}"
                await self._sleep(self.backoff.delay(failures, self._rng))
                continue
            acked = 0
            try:
                send = asyncio.ensure_future(transport.send(messages))
                stop = asyncio.ensure_future(self._stop.wait())
                done, _ = await asyncio.wait({send, stop}, timeout=self.send_timeout_s,
                                             return_when=asyncio.FIRST_COMPLETED)
                stop.cancel()
                if send not in done:
                    send.cancel()
                    with contextlib.suppress(BaseException):
                        await send
                    if self._stop.is_set():
                        break
                    raise TransportError(f"no acknowledgement within {self.send_timeout_s:.0f} s")
                send.result()
                acked = len(messages)
            except (TransportError, OSError) as exc:
                acked = getattr(exc, "acked", 0)
                failures += 1
                delay = self.backoff.delay(failures, self._rng)
                self._reachable[partner.name] = False
                self._errors[partner.name] = str(exc)
                log.warning("partner %s: delivery failed (%s); retry in %.1f s", partner.name, exc, delay)
                with contextlib.suppress(Exception):
                    await transport.close()
                self._record_acks(partner, [m.msg_id for m in messages[:acked]])
                self.store.mark_attempt_failed(messages[acked].msg_id, str(exc), utcnow() + timedelta(seconds=delay))
                await self._sleep(delay)
                continue
            failures = 0
            self._reachable[partner.name] = True
            self._errors[partner.name] = None
            self._record_acks(partner, [m.msg_id for m in messages[:acked]])

    def _record_acks(self, partner: Partner, msg_ids: list[str]) -> None:
        if not msg_ids:
            return
        now = utcnow()
        self.store.mark_acked(msg_ids, now)
        self._last_ack[partner.name] = now
        if self.on_ack is not None:
            try:
                self.on_ack(partner.name, msg_ids, now)
            except Exception:  # an observer's bug must never stop delivery
                log.exception("on_ack observer failed")
