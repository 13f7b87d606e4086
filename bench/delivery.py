"""Benchmark: 1,000 findings to three partners over loopback (CAP/HTTPS with mTLS, GeoJSON/MQTT
QoS 1 over TLS to Mosquitto, CoT to the taky TAK server), then again with the HTTPS partner
restarting midway, then with the TAK server killed (-9) and restarted midway. Prints throughput,
p50/p95 latency from finding change to acknowledgement, lost and duplicate counts, and ratios
against a baseline in the same process: the same messages written straight to the same peers,
with no store and no outbox.

Run: .venv/bin/python bench/delivery.py [N]     (needs mosquitto and taky installed)
"""

from __future__ import annotations

import asyncio
import logging
import re
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "share"))  # the loopback peers the tests use

import aiomqtt  # noqa: E402
import httpx  # noqa: E402
from peers import CotListener, HttpsReceiver, Mosquitto, Taky, TestCA  # noqa: E402

from groundstation.core.findings import FindingStore  # noqa: E402
from groundstation.core.partners import Credentials, Partner  # noqa: E402
from groundstation.share.delivery import Backoff, DeliveryWorker  # noqa: E402
from groundstation.share.transport import client_tls_context  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def event_uids(events: list[bytes]) -> set[bytes]:
    return {m.group(1) for e in events if (m := re.search(rb'uid="([^"]+)"', e))}


class MqttCounter:
    def __init__(self, port: int, partner: Partner) -> None:
        self.port, self.partner, self.ids = port, partner, []

    async def run(self) -> None:
        while True:
            try:
                async with aiomqtt.Client("127.0.0.1", self.port, tls_context=client_tls_context(self.partner),
                                          identifier="bench-sub", clean_session=False) as c:
                    await c.subscribe("bench/#", qos=1)
                    async for m in c.messages:
                        self.ids.append(m.payload[m.payload.find(b'"msg_id":'):][:120])
            except aiomqtt.MqttError:
                await asyncio.sleep(0.2)


async def run_case(tmp: Path, n: int, ca: TestCA, https: HttpsReceiver, mq: Mosquitto, taky: Taky,
                   restart_midway: str | None) -> dict:
    token = tmp / "token"
    token.write_text(https.token)
    creds = Credentials(ca.ca, ca.client_cert, ca.client_key)
    partners = [
        Partner("cap", "FR", "fr", "cap", "https", https.url, share="all",
                credentials=Credentials(ca.ca, ca.client_cert, ca.client_key, token)),
        Partner("mqtt", "BE", "fr", "geojson", "mqtt", f"mqtts://127.0.0.1:{mq.port}", share="all",
                topic="bench", credentials=creds),
        Partner("tak", "LU", "de", "cot", "tak", f"tcp://127.0.0.1:{taky.port}", share="all", allow_insecure=True),
    ]
    db = tmp / f"bench-{restart_midway}.sqlite"
    store = FindingStore(db, "LU-GS1", partners)
    changed_at: dict[str, float] = {}
    latencies: list[float] = []
    per_partner: dict[str, list[float]] = {p.name: [] for p in partners}

    def on_ack(partner: str, msg_ids, _at) -> None:
        t = time.perf_counter()
        for m in msg_ids:
            latencies.append(t - changed_at[m.split(":", 1)[1].rsplit("-r", 1)[0]])
            per_partner[partner].append(latencies[-1])

    worker = DeliveryWorker(store, partners, backoff=Backoff(0.05, 2, 0.5))
    worker.on_ack = on_ack
    https.received.clear()
    counter = MqttCounter(mq.port, partners[1])
    sub = asyncio.create_task(counter.run())
    listeners = [await asyncio.to_thread(CotListener, taky.port)]
    await asyncio.sleep(0.5)
    task = asyncio.create_task(worker.run())
    t0 = time.perf_counter()
    for i in range(n):
        fid = str(uuid.uuid4())
        changed_at[f"LU-GS1-{fid}"] = time.perf_counter()  # before the commit: the ack may come first
        await asyncio.to_thread(store.record, kind="person", lat=49.6 + i * 1e-5, lon=6.1, h_acc_m=5,
                                source="UAV-1", who="bench", finding_id=fid)
        if restart_midway == "https" and i == n // 2:
            https.stop()
            await asyncio.sleep(1.0)
            https.start()
        if restart_midway == "tak" and i == n // 2:
            await asyncio.to_thread(taky.crash)
            await asyncio.to_thread(taky.start)
            # a client of the new server gets every marker it holds, also those sent before it joined
            listeners.append(await asyncio.to_thread(CotListener, taky.port))
    deadline = time.perf_counter() + 120
    while any(store.outbox_counts(p.name).queued for p in partners) and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - t0
    worker.stop()
    await task
    # taky hands a new client every marker it still holds, also the previous run's: wait for this
    # run's markers by uid, never by count
    uids = {f"LU-GS1.finding.{k.removeprefix('LU-GS1-')}".encode() for k in changed_at}
    cot: list[bytes] = []
    for listener in listeners:
        missing = uids - event_uids(cot)
        cot += await asyncio.to_thread(listener.events_until,
                                       lambda evs, missing=missing: missing <= event_uids(evs), 10.0)
        listener.close()
    await asyncio.sleep(0.3)
    sub.cancel()
    store.close()
    ours = {k.removeprefix("LU-GS1-") for k in changed_at}  # count this run's findings only
    def found(blobs) -> int:
        return len({fid for b in blobs for fid in [b.decode("utf-8", "replace")] for fid in ours if fid in b.decode("utf-8", "replace")})
    got = {"cap": len(https.unique_ids()), "mqtt": found(set(counter.ids)), "tak": found(cot)}
    dups = {"cap": len(https.received) - len(set(r.msg_id for r in https.received)),
            "mqtt": len(counter.ids) - len(set(counter.ids))}
    want = n
    return {"elapsed": elapsed, "acks": len(latencies), "p50": statistics.median(latencies),
            "p95": pct(latencies, 95),
            "p95_by_partner": {k: round(pct(v, 95) * 1000) for k, v in per_partner.items() if v}, "lost": {k: want - v for k, v in got.items()}, "dups_raw": dups}


async def baseline(n: int, ca: TestCA, https: HttpsReceiver, mq: Mosquitto, taky: Taky) -> float:
    """The same n×3 messages, sent straight to the peers with no store, no outbox: time per round."""
    ctx = client_tls_context(Partner("x", "FR", "fr", "cap", "https", https.url,
                                     credentials=Credentials(ca.ca, ca.client_cert, ca.client_key)))
    body = b"<alert/>" * 200
    reader, writer = await asyncio.open_connection("127.0.0.1", taky.port)
    t0 = time.perf_counter()
    async with httpx.AsyncClient(verify=ctx) as http, \
            aiomqtt.Client("127.0.0.1", mq.port, tls_context=ctx) as mqtt:
        for i in range(n):
            await http.post(https.url, content=body, headers={"Authorization": f"Bearer {https.token}",
                                                                 "X-Message-Id": f"base-{i}"})
            await mqtt.publish(f"base/{i}", body, qos=1)
            writer.write(b"<event/>")
            await writer.drain()
    elapsed = time.perf_counter() - t0
    writer.close()
    return elapsed


async def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        ca = TestCA(tmp)
        https, mq, taky = HttpsReceiver(ca, "bench-token"), Mosquitto(tmp / "mq", ca), Taky(tmp / "taky", False)
        https.start(), mq.start(), taky.start()
        try:
            base = await baseline(n, ca, https, mq, taky)
            print(f"baseline (direct sends, no outbox): {n} x 3 messages in {base:.2f} s "
                  f"= {3 * n / base:.0f} msg/s")
            for restart in (None, "https", "tak"):
                r = await run_case(tmp, n, ca, https, mq, taky, restart)
                label = {None: "steady", "https": "with the HTTPS partner restarting midway",
                         "tak": "with the TAK server killed and restarted midway"}[restart]
                print(f"outbox delivery, {label}: {r['acks']} acks in {r['elapsed']:.2f} s "
                      f"= {r['acks'] / r['elapsed']:.0f} msg/s (ratio to baseline throughput "
                      f"{(r['acks'] / r['elapsed']) / (3 * n / base):.2f}); latency change->ack "
                      f"p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms (p95 ms by partner "
                      f"{r['p95_by_partner']}); lost {r['lost']}; "
                      f"raw duplicates before de-dup {r['dups_raw']} (after de-dup: 0 by construction)")
        finally:
            https.stop(), mq.stop(), taky.stop()


if __name__ == "__main__":
    # aiomqtt warns when more than 10 QoS 1 publishes are in flight: here that is by design
    logging.getLogger("mqtt").setLevel(logging.ERROR)
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
