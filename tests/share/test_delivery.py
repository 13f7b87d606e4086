"""Delivery to real peers on loopback: HTTPS (mTLS + token), Mosquitto (TLS, QoS 1), taky (TCP, TLS).
Fault tests: partner down and back, slow partner, broker restart, SIGKILL mid-delivery."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
from functools import partial
from pathlib import Path

import aiomqtt
import pytest
import waiting
from peers import CotListener, HttpsReceiver, Mosquitto, Taky, TestCA

from groundstation.core.findings import FindingStore
from groundstation.core.partners import Credentials, Partner
from groundstation.share.delivery import Backoff, DeliveryWorker
from groundstation.share.transport import client_tls_context
from groundstation.share.xmlsafe import parse_xml

FAST = Backoff(initial_s=0.05, factor=2.0, max_s=0.4)
until = partial(waiting.until, timeout=15.0)  # deliveries through real servers and brokers
CAP_MSGTYPE = "{urn:oasis:names:tc:emergency:cap:1.2}msgType"


def https_partner(name: str, r: HttpsReceiver, ca: TestCA, tmp: Path, fmt: str = "cap") -> Partner:
    token = tmp / f"{name}.token"
    token.write_text(r.token)
    return Partner(name, "FR", "fr", fmt, "https", r.url, share="all",
                   credentials=Credentials(ca.ca, ca.client_cert, ca.client_key, token))


def changes(store: FindingStore, n: int) -> list[str]:
    """n findings, each then confirmed: 2n messages per partner, returns the finding ids."""
    ids = []
    for i in range(n):
        f = store.record(kind="person", lat=49.6 + i * 1e-4, lon=6.1, h_acc_m=5, source="UAV-1", who="d")
        store.confirm(f.id, "alice")
        ids.append(f.id)
    return ids


def expected(store: FindingStore, partner: str) -> list[str]:
    return [e.msg_id.split(":", 1)[1] for e in store.outbox(partner)]


def per_finding(msg_ids: list[str]) -> dict[str, list[str]]:
    """Message ids grouped by finding, in arrival order: the order a partner must see them in
    (different findings may interleave, revisions of one finding may not)."""
    out: dict[str, list[str]] = {}
    for m in msg_ids:
        out.setdefault(m.rsplit("-r", 1)[0], []).append(m)
    return out


async def test_https_cap_in_order_with_token(tmp_path: Path, store: FindingStore, https_receiver: HttpsReceiver,
                                             test_ca: TestCA, schemas, caplog: pytest.LogCaptureFixture) -> None:
    p = https_partner("SDIS57", https_receiver, test_ca, tmp_path)
    store.set_partners([p])
    changes(store, 5)
    worker = DeliveryWorker(store, [p], backoff=FAST)
    with caplog.at_level(logging.DEBUG):
        task = asyncio.create_task(worker.run())
        await until(lambda: store.outbox_counts("SDIS57").queued == 0)
        worker.stop()
        await task
    got = [r.msg_id for r in https_receiver.received]
    assert len(got) == 10 and per_finding(got) == per_finding(expected(store, "SDIS57"))
    types = {r.msg_id: parse_xml(r.body).findtext(CAP_MSGTYPE) for r in https_receiver.received}
    assert [[types[m] for m in ms] for ms in per_finding(got).values()] == [["Alert", "Update"]] * 5
    for r in https_receiver.received:
        schemas["cap"].assertValid(parse_xml(r.body))
    st = worker.status()[0]
    assert (st.reachable, st.queued, st.sent, st.acknowledged) == (True, 0, 10, 10)
    assert https_receiver.token not in caplog.text


async def test_wrong_token_is_retried_not_dropped(tmp_path: Path, store: FindingStore,
                                                  https_receiver: HttpsReceiver, test_ca: TestCA) -> None:
    p = https_partner("SDIS57", https_receiver, test_ca, tmp_path)
    p.credentials.token_file.write_text("wrong")
    store.set_partners([p])
    changes(store, 1)
    worker = DeliveryWorker(store, [p], backoff=FAST)
    task = asyncio.create_task(worker.run())
    await until(lambda: https_receiver.rejected >= 2)
    st = worker.status()[0]
    assert st.reachable is False and st.queued == 2 and "HTTP 401" in st.last_error
    worker.stop()
    await task


async def test_partner_down_then_back_gets_everything_in_order(tmp_path: Path, store: FindingStore,
                                                                https_receiver: HttpsReceiver,
                                                                test_ca: TestCA) -> None:
    p = https_partner("SDIS57", https_receiver, test_ca, tmp_path, fmt="emsi")
    store.set_partners([p])
    worker = DeliveryWorker(store, [p], backoff=FAST)
    task = asyncio.create_task(worker.run())
    changes(store, 2)
    await until(lambda: len(https_receiver.received) == 4)
    https_receiver.stop()  # the command post goes away
    changes(store, 4)
    await until(lambda: worker.status()[0].reachable is False)
    await asyncio.sleep(0.5)
    assert worker.status()[0].queued == 8
    https_receiver.start()  # ... and comes back on the same address
    await until(lambda: store.outbox_counts("SDIS57").queued == 0)
    worker.stop()
    await task
    assert per_finding(https_receiver.unique_ids()) == per_finding(expected(store, "SDIS57"))


async def test_slow_partner_does_not_hold_up_others(tmp_path: Path, store: FindingStore, test_ca: TestCA) -> None:
    slow, fast = HttpsReceiver(test_ca, "t1", delay_s=1.0), HttpsReceiver(test_ca, "t2")
    slow.start(), fast.start()
    try:
        ps = [https_partner("slow", slow, test_ca, tmp_path), https_partner("fast", fast, test_ca, tmp_path)]
        store.set_partners(ps)
        worker = DeliveryWorker(store, ps, backoff=FAST)
        task = asyncio.create_task(worker.run())
        changes(store, 5)
        await until(lambda: len(fast.received) == 10, timeout=3.0)
        assert len(slow.received) < 10
        await until(lambda: len(slow.received) == 10, timeout=15.0)
        worker.stop()
        await task
        assert per_finding(slow.unique_ids()) == per_finding(expected(store, "slow"))
    finally:
        slow.stop(), fast.stop()


async def test_mqtt_qos1_and_broker_restart(tmp_path: Path, store: FindingStore, mosquitto: Mosquitto,
                                           test_ca: TestCA) -> None:
    p = Partner("BE-Liege", "BE", "fr", "geojson", "mqtt", f"mqtts://127.0.0.1:{mosquitto.port}", share="all",
                topic="gs/LU-GS1/findings", credentials=Credentials(test_ca.ca, test_ca.client_cert,
                                                                     test_ca.client_key))
    store.set_partners([p])
    worker = DeliveryWorker(store, [p], backoff=FAST)
    task = asyncio.create_task(worker.run())
    first = changes(store, 3)
    await until(lambda: store.outbox_counts("BE-Liege").queued == 0)
    mosquitto.stop()
    later = changes(store, 3)
    await until(lambda: worker.status()[0].reachable is False)
    mosquitto.start()
    await until(lambda: store.outbox_counts("BE-Liege").queued == 0)
    worker.stop()
    await task
    # a command post connecting now gets the latest revision of every finding (retained, QoS 1)
    latest: dict[str, dict] = {}
    async with aiomqtt.Client("127.0.0.1", mosquitto.port, tls_context=client_tls_context(p)) as sub:
        await sub.subscribe("gs/LU-GS1/findings/#", qos=1)
        async def collect() -> None:
            async for msg in sub.messages:
                feat = json.loads(msg.payload)
                latest[str(msg.topic).rsplit("/", 1)[1]] = feat
                if len(latest) == 6:
                    return
        await asyncio.wait_for(collect(), 10)
    assert set(latest) == set(first + later)
    assert all(f["properties"]["status"] == "confirmed" and f["properties"]["rev"] == 2 for f in latest.values())


@pytest.mark.skipif(not Taky.available(), reason="taky (PyPI) not installed in this environment")
@pytest.mark.parametrize("tls", [False, True], ids=["tcp", "tls"])
async def test_tak_markers_reach_another_client(tmp_path: Path, store: FindingStore, tls: bool) -> None:
    taky = Taky(tmp_path / "taky", tls)
    taky.start()
    try:
        creds = Credentials(taky.ca, taky.client_cert, taky.client_key) if tls else Credentials()
        endpoint = f"tls://localhost:{taky.port}" if tls else f"tcp://127.0.0.1:{taky.port}"
        p = Partner("TAK-LU", "LU", "de", "cot", "tak", endpoint, share="all", allow_insecure=not tls,
                    credentials=creds)
        listener = await asyncio.to_thread(CotListener, taky.port,
                                           (taky.ca, taky.client_cert, taky.client_key) if tls else None)
        store.set_partners([p])
        worker = DeliveryWorker(store, [p], backoff=FAST)
        task = asyncio.create_task(worker.run())
        ids = changes(store, 2)
        await until(lambda: store.outbox_counts("TAK-LU").queued == 0)
        uids = [f"LU-GS1.finding.{i}".encode() for i in ids]
        events = await asyncio.to_thread(
            listener.events_until, lambda evs: sum(u in e for e in evs for u in uids) >= 4)
        markers = [parse_xml(e) for e in events if any(u in e for u in uids)]
        assert [(m.get("uid"), m.get("type")) for m in markers] == [
            (f"LU-GS1.finding.{ids[0]}", "b-m-p-s-m"), (f"LU-GS1.finding.{ids[0]}", "b-r-f-h-c"),
            (f"LU-GS1.finding.{ids[1]}", "b-m-p-s-m"), (f"LU-GS1.finding.{ids[1]}", "b-r-f-h-c")]
        assert "Person geortet" in markers[0].findtext("detail/remarks")
        worker.stop()
        await task
        listener.close()
    finally:
        taky.stop()


@pytest.mark.skipif(not Taky.available(), reason="taky (PyPI) not installed in this environment")
async def test_tak_server_crash_mid_delivery_loses_no_marker(tmp_path: Path, store: FindingStore) -> None:
    """Markers written while the server hangs, then dies, are not counted delivered: after the
    restart every marker reaches a TAK client (some twice, which TAK replaces by uid)."""
    taky = Taky(tmp_path / "taky", False)
    taky.start()
    before = await asyncio.to_thread(CotListener, taky.port)
    p = Partner("TAK-LU", "LU", "de", "cot", "tak", f"tcp://127.0.0.1:{taky.port}", share="all",
                allow_insecure=True)
    store.set_partners([p])
    worker = DeliveryWorker(store, [p], backoff=FAST, send_timeout_s=2.0)
    task = asyncio.create_task(worker.run())
    try:
        ids = changes(store, 3)
        await until(lambda: store.outbox_counts("TAK-LU").queued == 0)
        taky.freeze()  # the server stops reading; our writes still land in the socket buffers
        ids += changes(store, 3)
        await asyncio.sleep(1.0)
        taky.crash()
        taky.start()  # same port, empty memory
        after = await asyncio.to_thread(CotListener, taky.port)  # gets the markers the new server holds
        await until(lambda: store.outbox_counts("TAK-LU").queued == 0)
        uids = [f"LU-GS1.finding.{i}".encode() for i in ids]
        seen_before = await asyncio.to_thread(before.events_until, lambda evs: False, 0.5)
        seen_after = await asyncio.to_thread(
            after.events_until, lambda evs: all(any(u in e for e in evs) for u in uids[3:]), 5.0)
        seen = {u for u in uids if any(u in e for e in seen_before + seen_after)}
        uids = set(uids)
        assert seen == uids, f"{len(uids - seen)} of {len(uids)} markers never reached a TAK client"
        before.close(), after.close()
    finally:
        worker.stop()
        await task
        taky.stop()


DELIVERER = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from groundstation.core.findings import FindingStore
    from groundstation.core.partners import Credentials, Partner
    from groundstation.share.delivery import Backoff, DeliveryWorker
    db, url, ca, cert, key, token = sys.argv[1:7]
    p = Partner("SDIS57", "FR", "fr", "cap", "https", url, share="all",
                credentials=Credentials(Path(ca), Path(cert), Path(key), Path(token)))
    store = FindingStore(db, "LU-GS1", [p])
    asyncio.run(DeliveryWorker(store, [p], backoff=Backoff(0.05, 2, 0.4), batch=5).run())
""")


async def test_sigkill_mid_delivery_loses_nothing(tmp_path: Path, https_receiver: HttpsReceiver,
                                                  test_ca: TestCA) -> None:
    p = https_partner("SDIS57", https_receiver, test_ca, tmp_path)
    db = tmp_path / "f.sqlite"
    with FindingStore(db, "LU-GS1", [p]) as s:
        changes(s, 30)
        want = expected(s, "SDIS57")
    https_receiver.delay_s = 0.01
    args = [sys.executable, "-c", DELIVERER, str(db), https_receiver.url, str(test_ca.ca),
            str(test_ca.client_cert), str(test_ca.client_key), str(p.credentials.token_file)]
    kills = 0
    for threshold in (10, 30):
        proc = subprocess.Popen(args)
        await until(lambda: len(https_receiver.received) >= threshold, timeout=30)
        os.kill(proc.pid, signal.SIGKILL)  # mid-batch: some posts answered, not yet marked acked
        proc.wait()
        kills += 1
    proc = subprocess.Popen(args)
    try:
        with FindingStore(db, "LU-GS1") as s:
            await until(lambda: s.outbox_counts("SDIS57").queued == 0, timeout=30)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert kills == 2
    # nothing lost, each finding's revisions in order after de-duplication by id
    assert per_finding(https_receiver.unique_ids()) == per_finding(want)
