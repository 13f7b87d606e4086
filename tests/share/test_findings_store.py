"""The findings store: history of every change, the outbox in the same transaction, kill -9 safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from snapshot_jpeg import jpeg

from groundstation.core.findings import FindingError, FindingStatus, FindingStore
from groundstation.core.partners import Partner
from groundstation.web.live import finding_record

ALL = Partner("BE-Liege", "BE", "fr", "geojson", "mqtt", "mqtts://127.0.0.1:8883", share="all")
CONFIRMED = Partner("DE-Saar", "DE", "de", "cap", "https", "https://127.0.0.1/cap", share="confirmed")


def test_every_change_kept_with_who_and_when(store: FindingStore) -> None:
    f = store.record(kind="person", lat=49.6, lon=6.1, h_acc_m=5, source="UAV-1", who="detector",
                     snapshot_jpeg=jpeg())
    store.confirm(f.id, "alice")
    store.annotate(f.id, "bob", "waving, conscious")
    store.move(f.id, "alice", 49.6001, 6.1002, 3.0)
    store.resolve(f.id, "carol", "picked up by ambulance")
    hist = store.history(f.id)
    assert [(h.revision, h.what, h.who) for h in hist] == [
        (1, "created", "detector"), (2, "confirmed", "alice"), (3, "annotated", "bob"),
        (4, "moved", "alice"), (5, "resolved", "carol")]
    assert all(a.at <= b.at for a, b in zip(hist, hist[1:]))
    now = store.get(f.id)
    assert now.status == FindingStatus.RESOLVED and now.revision == 5
    assert (now.lat, now.h_acc_m) == (49.6001, 3.0)
    assert [a.text for a in now.annotations] == ["waving, conscious", "picked up by ambulance"]
    assert store.revision(f.id, 2).status == FindingStatus.CONFIRMED and store.revision(f.id, 2).lat == 49.6
    assert store.snapshot(now.snapshot_sha256)[:3] == b"\xff\xd8\xff"


def test_mark_here_is_a_confirmed_operator_finding(store: FindingStore) -> None:
    f = store.mark_here(lat=49.7, lon=6.3, who="pilot", kind="hotspot", note="smoke seen from road")
    assert f.source == "operator" and f.status == FindingStatus.CONFIRMED
    assert store.all() == [f]


@pytest.mark.parametrize("bad, message", [
    (dict(lat=91.0), "latitude"), (dict(lon=-181.0), "longitude"), (dict(h_acc_m=-1.0), "negative"),
    (dict(confidence=1.5), "confidence"), (dict(kind="car"), "kind"), (dict(lat=float("nan")), "finite"),
    (dict(snapshot_jpeg=b"GIF89a..."), "JPEG"),
])
def test_bad_input_clear_error_and_nothing_lost(store: FindingStore, bad: dict, message: str) -> None:
    good = store.record(kind="person", lat=49.6, lon=6.1, h_acc_m=5, source="UAV-1", who="d")
    args = dict(kind="person", lat=49.6, lon=6.1, h_acc_m=5.0, source="UAV-1", who="d") | bad
    with pytest.raises(FindingError, match=message):
        store.record(**args)
    with pytest.raises(FindingError, match="no finding"):
        store.confirm("00000000-0000-0000-0000-000000000000", "alice")
    assert store.all() == [good] and len(store.history(good.id)) == 1


def test_outbox_rows_follow_share_policy(tmp_path: Path) -> None:
    with FindingStore(tmp_path / "f.sqlite", "LU-GS1", [ALL, CONFIRMED]) as s:
        f = s.record(kind="person", lat=49.6, lon=6.1, h_acc_m=5, source="UAV-1", who="d")
        g = s.record(kind="hotspot", lat=49.6, lon=6.1, h_acc_m=5, source="UAV-1", who="d")
        assert [e.revision for e in s.outbox("DE-Saar")] == []  # unconfirmed stays home
        s.dismiss(g.id, "alice")  # never shared with DE, so nothing to withdraw there
        s.confirm(f.id, "alice")
        s.dismiss(f.id, "alice")
        be = [(e.finding_id, e.revision, e.prev_revision) for e in s.outbox("BE-Liege")]
        assert be == [(f.id, 1, None), (g.id, 1, None), (g.id, 2, 1), (f.id, 2, 1), (f.id, 3, 2)]
        de = [(e.finding_id, e.revision, e.prev_revision) for e in s.outbox("DE-Saar")]
        assert de == [(f.id, 2, None), (f.id, 3, 2)]  # first hears it when confirmed, then the cancel
        assert s.outbox("DE-Saar")[0].msg_id == f"DE-Saar:LU-GS1-{f.id}-r2"


def test_change_and_outbox_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "f.sqlite"
    with FindingStore(path, "LU-GS1", [ALL]) as s:
        f = s.record(kind="person", lat=49.6, lon=6.1, h_acc_m=5, source="UAV-1", who="d")
        # make the outbox insert fail (as a full disk would) and check the change is rolled back too
        con = sqlite3.connect(path)
        con.execute("CREATE TRIGGER boom BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        con.commit()
        con.close()
        with pytest.raises(sqlite3.IntegrityError, match="disk full"):
            s.confirm(f.id, "alice")
        assert s.get(f.id).status == FindingStatus.UNCONFIRMED
        assert len(s.history(f.id)) == 1 and len(s.outbox()) == 1


WRITER = textwrap.dedent("""
    import sys
    from groundstation.core.findings import FindingStore
    from groundstation.core.partners import Partner
    p = Partner("BE", "BE", "fr", "geojson", "mqtt", "mqtts://127.0.0.1:1", share="all")
    s = FindingStore(sys.argv[1], "LU-GS1", [p])
    i = 0
    while True:
        f = s.record(kind="person", lat=49.6, lon=6.1 + i * 1e-5, h_acc_m=5, source="UAV-1", who="d")
        s.confirm(f.id, "alice")
        print(f.id, flush=True)  # printed only after both commits
        i += 1
""")


def test_sigkill_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "f.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    committed: list[str] = []
    deadline = time.monotonic() + 30
    while len(committed) < 40 and time.monotonic() < deadline:
        committed.append(proc.stdout.readline().strip())
    os.kill(proc.pid, signal.SIGKILL)  # mid-write, most likely inside a transaction
    proc.wait()
    committed += [line.strip() for line in proc.stdout.read().splitlines() if line.strip()]
    assert len(committed) >= 40
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with FindingStore(db, "LU-GS1") as s:
        for fid in committed:
            assert s.get(fid).status == FindingStatus.CONFIRMED
            assert [e.revision for e in s.outbox("BE") if e.finding_id == fid] == [1, 2]
        # a half-done change is either wholly there or wholly absent
        for f in s.all():
            assert len(s.history(f.id)) == f.revision
            assert len([e for e in s.outbox("BE") if e.finding_id == f.id]) == f.revision


def test_the_vehicle_is_named_as_the_pilot_says_it(store: FindingStore) -> None:
    """The station's detectors name a vehicle "<station>-<system id>" (its TAK callsign); the window and the
    commander's page say "2". A mark by hand, or a partner's own name, has no such number."""
    own = store.record(kind="person", lat=49.6, lon=6.1, h_acc_m=5, source=f"{store.station_id}-2", who="detector")
    partner = store.record(kind="person", lat=49.6, lon=6.1, h_acc_m=5, source="UAV-1", who="detector",
                           origin_station="BE-Liege")
    hand = store.mark_here(lat=49.6, lon=6.1, who="alice")
    assert own.vehicle == "2" and partner.vehicle is None and hand.vehicle is None
    assert finding_record(own)["vehicle"] == "2" and finding_record(partner)["vehicle"] is None
