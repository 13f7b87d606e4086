"""Findings (persons, hotspots, anything worth a marker) and their durable store.

Every change to a finding is written, in ONE SQLite transaction, together with its history entry
(who, when, what) and one outbox row per partner whose sharing policy wants it
(transactional outbox): a crash at any instant either keeps all three or none of them.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

STORE_FILE = "findings.sqlite"


class FindingKind(StrEnum):
    PERSON = "person"
    HOTSPOT = "hotspot"
    OTHER = "other"


class FindingStatus(StrEnum):
    UNCONFIRMED = "unconfirmed"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    RESOLVED = "resolved"


class FindingError(ValueError):
    """A finding or change that cannot be recorded; nothing was written."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise FindingError(f"time {value.isoformat()} has no time zone; give UTC")
    return value.astimezone(timezone.utc)


@dataclass(frozen=True)
class Annotation:
    author: str
    at: datetime
    text: str


@dataclass(frozen=True)
class Finding:
    """One revision of a finding. Positions are WGS-84; `alt_m` is height above the ellipsoid."""

    id: str
    kind: FindingKind
    lat: float
    lon: float
    h_acc_m: float  # 1-sigma horizontal uncertainty radius
    observed_at: datetime
    source: str  # vehicle callsign, or "operator" for a finding marked by hand
    origin_station: str
    confidence: float = 1.0
    alt_m: float | None = None
    temp_c: float | None = None
    snapshot_sha256: str | None = None
    status: FindingStatus = FindingStatus.UNCONFIRMED
    annotations: tuple[Annotation, ...] = ()
    revision: int = 1
    changed_at: datetime = field(default_factory=utcnow)
    changed_by: str = ""

    @property
    def vehicle(self) -> str | None:
        """The system id of the station's own vehicle that saw it ("2"): its detectors name it
        "<station>-<id>", its TAK callsign. None for a mark by hand or a partner's own name."""
        number = self.source.removeprefix(f"{self.origin_station}-")
        return number if number != self.source and number.isdigit() else None

    def __post_init__(self) -> None:
        try:
            uuid.UUID(self.id)
        except (ValueError, TypeError, AttributeError):
            raise FindingError(f"finding id {self.id!r} is not a UUID") from None
        try:
            object.__setattr__(self, "kind", FindingKind(self.kind))
        except ValueError:
            raise FindingError(f"kind {self.kind!r} is not one of person, hotspot, other") from None
        try:
            object.__setattr__(self, "status", FindingStatus(self.status))
        except ValueError:
            raise FindingError(f"status {self.status!r} is not one of "
                               "unconfirmed, confirmed, dismissed, resolved") from None
        for name in ("lat", "lon", "h_acc_m", "confidence"):
            if not isinstance(getattr(self, name), (int, float)) or not math.isfinite(getattr(self, name)):
                raise FindingError(f"{name} must be a finite number, got {getattr(self, name)!r}")
        if not -90.0 <= self.lat <= 90.0:
            raise FindingError(f"latitude {self.lat} is outside -90..90")
        if not -180.0 <= self.lon <= 180.0:
            raise FindingError(f"longitude {self.lon} is outside -180..180")
        if self.h_acc_m < 0:
            raise FindingError(f"uncertainty radius {self.h_acc_m} m is negative")
        if not 0.0 <= self.confidence <= 1.0:
            raise FindingError(f"confidence {self.confidence} is outside 0..1")
        for name in ("alt_m", "temp_c"):
            v = getattr(self, name)
            if v is not None and (not isinstance(v, (int, float)) or not math.isfinite(v)):
                raise FindingError(f"{name} must be a finite number or empty, got {v!r}")
        if not self.source or not self.origin_station:
            raise FindingError("a finding needs a source (vehicle or operator) and an origin station")
        object.__setattr__(self, "observed_at", _utc(self.observed_at))
        object.__setattr__(self, "changed_at", _utc(self.changed_at))

    @property
    def note(self) -> str:
        """The annotations as one text, oldest first."""
        return "\n".join(a.text for a in self.annotations)

    def to_json(self) -> str:
        d = asdict(self)
        d["observed_at"] = self.observed_at.isoformat()
        d["changed_at"] = self.changed_at.isoformat()
        d["annotations"] = [{"author": a.author, "at": a.at.isoformat(), "text": a.text}
                            for a in self.annotations]
        return json.dumps(d, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Finding":
        d = json.loads(text)
        d["observed_at"] = datetime.fromisoformat(d["observed_at"])
        d["changed_at"] = datetime.fromisoformat(d["changed_at"])
        d["annotations"] = tuple(Annotation(a["author"], datetime.fromisoformat(a["at"]), a["text"])
                                 for a in d["annotations"])
        return cls(**d)


@dataclass(frozen=True)
class FindingChange:
    """One entry of a finding's history: who changed what, when, and the revision it produced."""

    finding_id: str
    revision: int
    at: datetime
    who: str
    what: str
    finding: Finding


@dataclass(frozen=True)
class OutboxEntry:
    """One message owed to one partner: a finding revision, and what that partner got before."""

    seq: int
    msg_id: str
    partner: str
    finding_id: str
    revision: int
    prev_revision: int | None
    created_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    acked_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class OutboxCounts:
    queued: int  # not yet acknowledged
    sent: int  # transmitted at least once (acknowledged or not)
    acknowledged: int


class SharePolicy(Protocol):
    """What the store needs to know of a partner (see core.partners.Partner)."""

    name: str

    def wants(self, status: str) -> bool: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS findings (
    id TEXT PRIMARY KEY, revision INTEGER NOT NULL, status TEXT NOT NULL,
    changed_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS history (
    finding_id TEXT NOT NULL, revision INTEGER NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
    what TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (finding_id, revision));
CREATE TABLE IF NOT EXISTS snapshots (sha256 TEXT PRIMARY KEY, jpeg BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, msg_id TEXT NOT NULL UNIQUE, partner TEXT NOT NULL,
    finding_id TEXT NOT NULL, revision INTEGER NOT NULL, prev_revision INTEGER,
    created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT,
    acked_at TEXT, last_error TEXT);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (partner, acked_at, seq);
"""

JPEG_MAGIC = b"\xff\xd8\xff"


class FindingStore:
    """The station's findings, their history and the partner outbox, in one SQLite file.

    One writer: the engine owns the store; calls are serialised by a lock so a worker thread may
    also call in. Listeners are told after each commit (e.g. to wake the delivery worker).
    """

    def __init__(self, path: str | Path, station_id: str, partners: Sequence[SharePolicy] = ()) -> None:
        self.path = Path(path)
        self.station_id = station_id
        self._partners: tuple[SharePolicy, ...] = tuple(partners)
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # survive power loss too, not only kill -9
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)

    # ----- lifecycle -----
    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> "FindingStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_partners(self, partners: Sequence[SharePolicy]) -> None:
        """Partners apply to changes made from now on; queued messages stay queued."""
        with self._lock:
            self._partners = tuple(partners)

    def add_listener(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[], None]) -> None:
        self._listeners.remove(callback)

    # ----- changes -----
    def record(self, *, kind: str, lat: float, lon: float, h_acc_m: float, source: str, who: str,
               observed_at: datetime | None = None, confidence: float = 1.0,
               alt_m: float | None = None, temp_c: float | None = None,
               snapshot_jpeg: bytes | None = None, note: str | None = None,
               status: str = FindingStatus.UNCONFIRMED, finding_id: str | None = None,
               origin_station: str | None = None) -> Finding:
        """Record a new finding (from a detector, or marked by hand with source="operator")."""
        now = utcnow()
        sha = None
        if snapshot_jpeg is not None:
            if not snapshot_jpeg.startswith(JPEG_MAGIC):
                raise FindingError("snapshot is not a JPEG image (no FF D8 FF start marker)")
            sha = hashlib.sha256(snapshot_jpeg).hexdigest()
        annotations = (Annotation(who, now, note),) if note else ()
        finding = Finding(id=finding_id or str(uuid.uuid4()), kind=kind, lat=lat, lon=lon,  # type: ignore[arg-type]
                          h_acc_m=h_acc_m, observed_at=observed_at or now, source=source,
                          origin_station=origin_station or self.station_id, confidence=confidence,
                          alt_m=alt_m, temp_c=temp_c, snapshot_sha256=sha, status=status,  # type: ignore[arg-type]
                          annotations=annotations, revision=1, changed_at=now, changed_by=who)
        with self._lock:
            with self._transaction():
                if self._db.execute("SELECT 1 FROM findings WHERE id=?", (finding.id,)).fetchone():
                    raise FindingError(f"finding {finding.id} already exists")
                if sha is not None:
                    self._db.execute("INSERT OR IGNORE INTO snapshots VALUES (?, ?)", (sha, snapshot_jpeg))
                self._write(finding, "created", None)
        self._notify()
        return finding

    def mark_here(self, *, lat: float, lon: float, who: str, kind: str = FindingKind.OTHER,
                  h_acc_m: float = 10.0, note: str | None = None) -> Finding:
        """A finding placed by hand on the map or video ("mark here"): human-made, so confirmed."""
        return self.record(kind=kind, lat=lat, lon=lon, h_acc_m=h_acc_m, source="operator", who=who,
                           note=note, status=FindingStatus.CONFIRMED)

    def confirm(self, finding_id: str, who: str) -> Finding:
        return self._change(finding_id, who, "confirmed", status=FindingStatus.CONFIRMED)

    def dismiss(self, finding_id: str, who: str, reason: str | None = None) -> Finding:
        return self._change(finding_id, who, "dismissed", status=FindingStatus.DISMISSED, note=reason)

    def resolve(self, finding_id: str, who: str, note: str | None = None) -> Finding:
        return self._change(finding_id, who, "resolved", status=FindingStatus.RESOLVED, note=note)

    def annotate(self, finding_id: str, who: str, text: str) -> Finding:
        if not text.strip():
            raise FindingError("an annotation needs some text")
        return self._change(finding_id, who, "annotated", note=text)

    def move(self, finding_id: str, who: str, lat: float, lon: float, h_acc_m: float,
             alt_m: float | None = None) -> Finding:
        return self._change(finding_id, who, "moved", lat=lat, lon=lon, h_acc_m=h_acc_m, alt_m=alt_m)

    def _change(self, finding_id: str, who: str, what: str, note: str | None = None,
                **fields: Any) -> Finding:
        if not who:
            raise FindingError("every change needs who made it")
        with self._lock:
            with self._transaction():
                current = self._get(finding_id)
                now = max(utcnow(), current.changed_at)
                annotations = current.annotations + ((Annotation(who, now, note),) if note else ())
                new = replace(current, revision=current.revision + 1, changed_at=now, changed_by=who,
                              annotations=annotations, **fields)
                self._write(new, what, current)
        self._notify()
        return new

    def _write(self, finding: Finding, what: str, previous: Finding | None) -> None:
        doc = finding.to_json()
        at = finding.changed_at.isoformat()
        self._db.execute(
            "INSERT INTO findings (id, revision, status, changed_at, doc) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET revision=excluded.revision, status=excluded.status, "
            "changed_at=excluded.changed_at, doc=excluded.doc",
            (finding.id, finding.revision, finding.status, at, doc))
        self._db.execute("INSERT INTO history VALUES (?, ?, ?, ?, ?, ?)",
                         (finding.id, finding.revision, at, finding.changed_by, what, doc))
        for partner in self._partners:
            prev = self._last_queued_revision(partner.name, finding.id)
            # a partner hears of a finding once its policy allows, then of every later change
            if prev is None and not partner.wants(finding.status):
                continue
            if prev is None and finding.status in (FindingStatus.DISMISSED, FindingStatus.RESOLVED):
                continue  # nothing to withdraw from a partner that never saw it
            self._db.execute(
                "INSERT INTO outbox (msg_id, partner, finding_id, revision, prev_revision, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (f"{partner.name}:{self.station_id}-{finding.id}-r{finding.revision}", partner.name,
                 finding.id, finding.revision, prev, at))

    def _last_queued_revision(self, partner: str, finding_id: str) -> int | None:
        row = self._db.execute("SELECT max(revision) FROM outbox WHERE partner=? AND finding_id=?",
                               (partner, finding_id)).fetchone()
        return row[0]

    class _Tx:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> None:
            self.db.execute("BEGIN IMMEDIATE")

        def __exit__(self, exc_type: object, *_: object) -> None:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")

    def _transaction(self) -> "_Tx":
        return self._Tx(self._db)

    def _notify(self) -> None:
        for callback in list(self._listeners):
            callback()

    # ----- reading -----
    def _get(self, finding_id: str) -> Finding:
        row = self._db.execute("SELECT doc FROM findings WHERE id=?", (finding_id,)).fetchone()
        if row is None:
            raise FindingError(f"no finding with id {finding_id!r}")
        return Finding.from_json(row[0])

    def get(self, finding_id: str) -> Finding:
        with self._lock:
            return self._get(finding_id)

    def all(self, statuses: Iterable[str] | None = None) -> list[Finding]:
        """Current revision of every finding, oldest observation first."""
        with self._lock:
            rows = self._db.execute("SELECT doc FROM findings").fetchall()
        found = [Finding.from_json(r[0]) for r in rows]
        if statuses is not None:
            wanted = set(statuses)
            found = [f for f in found if f.status in wanted]
        return sorted(found, key=lambda f: (f.observed_at, f.id))

    def revision(self, finding_id: str, revision: int) -> Finding:
        with self._lock:
            row = self._db.execute("SELECT doc FROM history WHERE finding_id=? AND revision=?",
                                   (finding_id, revision)).fetchone()
        if row is None:
            raise FindingError(f"finding {finding_id!r} has no revision {revision}")
        return Finding.from_json(row[0])

    def history(self, finding_id: str) -> list[FindingChange]:
        with self._lock:
            rows = self._db.execute("SELECT revision, at, who, what, doc FROM history WHERE finding_id=? "
                                    "ORDER BY revision", (finding_id,)).fetchall()
        return [FindingChange(finding_id, rev, datetime.fromisoformat(at), who, what, Finding.from_json(doc))
                for rev, at, who, what, doc in rows]

    def snapshot(self, sha256: str) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT jpeg FROM snapshots WHERE sha256=?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    # ----- outbox -----
    @staticmethod
    def _entry(row: tuple) -> OutboxEntry:
        def t(v: str | None) -> datetime | None:
            return datetime.fromisoformat(v) if v else None
        seq, msg_id, partner, fid, rev, prev, created, attempts, nxt, acked, err = row
        return OutboxEntry(seq, msg_id, partner, fid, rev, prev, t(created), attempts, t(nxt), t(acked), err)  # type: ignore[arg-type]

    def pending(self, partner: str, limit: int = 100) -> list[OutboxEntry]:
        """Unacknowledged messages for a partner, in the order the changes happened."""
        with self._lock:
            rows = self._db.execute(
                "SELECT * FROM outbox WHERE partner=? AND acked_at IS NULL ORDER BY seq LIMIT ?",
                (partner, limit)).fetchall()
        return [self._entry(r) for r in rows]

    def outbox(self, partner: str | None = None) -> list[OutboxEntry]:
        with self._lock:
            if partner is None:
                rows = self._db.execute("SELECT * FROM outbox ORDER BY seq").fetchall()
            else:
                rows = self._db.execute("SELECT * FROM outbox WHERE partner=? ORDER BY seq", (partner,)).fetchall()
        return [self._entry(r) for r in rows]

    def mark_attempt_failed(self, msg_id: str, error: str, next_attempt_at: datetime) -> None:
        with self._lock:
            self._db.execute("UPDATE outbox SET attempts=attempts+1, last_error=?, next_attempt_at=? "
                             "WHERE msg_id=?", (error[:500], next_attempt_at.isoformat(), msg_id))

    def mark_acked(self, msg_ids: Sequence[str], at: datetime | None = None) -> None:
        """Record the partner's acknowledgement; the outbox keeps the row as delivery proof."""
        stamp = (at or utcnow()).isoformat()
        with self._lock:
            with self._transaction():
                self._db.executemany("UPDATE outbox SET attempts=attempts+1, acked_at=?, last_error=NULL "
                                     "WHERE msg_id=? AND acked_at IS NULL", [(stamp, m) for m in msg_ids])

    def outbox_counts(self, partner: str) -> OutboxCounts:
        with self._lock:
            queued, sent, acked = self._db.execute(
                "SELECT count(*) FILTER (WHERE acked_at IS NULL), count(*) FILTER (WHERE attempts > 0), "
                "count(*) FILTER (WHERE acked_at IS NOT NULL) FROM outbox WHERE partner=?",
                (partner,)).fetchone()
        return OutboxCounts(queued, sent, acked)


def open_store(data_dir: str | Path, station_id: str, partners: Sequence[SharePolicy] = ()) -> FindingStore:
    """The store in a station's data directory."""
    return FindingStore(Path(data_dir) / STORE_FILE, station_id, partners)
