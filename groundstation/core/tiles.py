"""Offline maps: tile sources, the disk cache, area prefetch and the offline switch.

One :class:`TileService` per station, owned by the engine (asyncio). Every map view (fly, plan,
findings) and the commander's web server ask it for tiles with :meth:`TileService.tile`; a cached
tile is answered from disk, a missing one is downloaded once (unless the station is offline) and
kept. In offline mode no network request is made at all: the HTTP client is closed and only the
cache answers. The cache itself (:class:`TileCache`) is plain files and thread-safe, so a web
server thread can read it directly too.

HTTP goes through httpx with a User-Agent that names the application, as the OpenStreetMap tile
usage policy asks.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

import httpx

from groundstation import __version__
from groundstation.core.datadir import DataDir
from groundstation.core.tiles_cache import TileCache, image_format
from groundstation.core.tiles_grid import TileArea, TileError, TileId, check_zooms
from groundstation.core.tiles_sources import TileSource, TileSources

USER_AGENT = f"groundstation/{__version__} (field ground station for fire and rescue services; offline map cache)"
MAX_PREFETCH_TILES = 200_000   # about 5 GB of map: larger areas are split or drawn at a lower zoom
CACHED_COUNT_LIMIT = 100_000   # above this the estimate does not look up every tile on disk
SIZE_SAMPLE = 500              # cached tiles measured to refine the size estimate

__all__ = [
    "MAX_PREFETCH_TILES", "Prefetch", "PrefetchEstimate", "PrefetchProgress", "TileArea", "TileCache", "TileError",
    "TileFetchError", "TileId", "TileService", "TileSource", "TileSources", "USER_AGENT",
]


class TileFetchError(TileError):
    """A download that did not give a tile; `transient` ones are worth trying again."""

    def __init__(self, message: str, transient: bool):
        super().__init__(message)
        self.transient = transient


class TileService:
    def __init__(self, tiles_dir: Path, *, offline: bool = False, user_agent: str = USER_AGENT,
                 refresh_after_s: float = 30 * 86400, timeout_s: float = 15.0, attempts: int = 3,
                 retry_delay_s: float = 1.0):
        self.tiles_dir = Path(tiles_dir)
        self.sources = TileSources(self.tiles_dir)
        self.cache = TileCache(self.tiles_dir / "cache")
        self.user_agent = user_agent
        self.refresh_after_s = refresh_after_s
        self.timeout_s = timeout_s
        self.attempts = attempts
        self.retry_delay_s = retry_delay_s
        self._offline = offline
        self._client: httpx.AsyncClient | None = None
        self._limits: dict[str, asyncio.Semaphore] = {}

    @classmethod
    def in_data_dir(cls, data: DataDir, **options) -> "TileService":
        return cls(data.root / "tiles", **options)

    # --- offline switch ------------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        return self._offline

    async def set_offline(self, offline: bool) -> None:
        """Offline: no request leaves the station from now on (open connections are closed)."""
        self._offline = offline
        if offline:
            await self.aclose()

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    # --- tiles for the map views ---------------------------------------------------------------

    async def tile(self, source_id: str, tile: TileId) -> bytes | None:
        """The tile image, from the cache or (online) the source; None where there is none to show."""
        source = self.sources.get(source_id)
        cached = self.cache.get(source_id, tile)
        if self._offline or source.offline_only or not source.min_zoom <= tile.z <= source.max_zoom:
            return cached
        age = self.cache.age_s(source_id, tile) if cached is not None else None
        if age is not None and age < self.refresh_after_s:
            return cached
        try:
            fresh = await self.download(source, tile, modified_since=time.time() - age if age is not None else None)
        except TileFetchError:
            return cached  # an old tile beats no tile; the map keeps working when the network is gone
        return fresh if fresh is not None else cached

    async def download(self, source: TileSource, tile: TileId, modified_since: float | None = None) -> bytes | None:
        """One request for one tile, stored in the cache; None when the server says it has not changed."""
        if self._offline:
            raise TileFetchError("the station is in offline mode", transient=False)
        url = source.tile_url(tile)
        headers = {"If-Modified-Since": formatdate(modified_since, usegmt=True)} if modified_since else {}
        async with self._limit(source):
            try:
                reply = await self._http().get(url, headers=headers)
            except httpx.HTTPError as exc:
                raise TileFetchError(f"{type(exc).__name__} {exc}".strip(), transient=True) from None
        status = reply.status_code
        if status == 304 and modified_since:
            self.cache.touch(source.id, tile)
            return None
        if status in (404, 410, 204):
            raise TileFetchError(f"the server has no tile here (HTTP {status})", transient=False)
        if status == 429 or status >= 500:
            raise TileFetchError(f"the server is busy or failing (HTTP {status})", transient=True)
        if status != 200:
            raise TileFetchError(f"the server refused the tile (HTTP {status})", transient=False)
        if image_format(reply.content) is None:
            kind = reply.headers.get("content-type", "unknown type")
            raise TileFetchError(f"the server answered with {kind}, not an image", transient=False)
        self.cache.put(source.id, tile, reply.content)
        return reply.content

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(headers={"User-Agent": self.user_agent}, timeout=self.timeout_s,
                                             follow_redirects=True)
        return self._client

    def _limit(self, source: TileSource) -> asyncio.Semaphore:
        if source.id not in self._limits:
            self._limits[source.id] = asyncio.Semaphore(source.max_connections)
        return self._limits[source.id]

    # --- area prefetch ---------------------------------------------------------------------------

    def estimate(self, source_id: str, area: TileArea, zooms: range) -> "PrefetchEstimate":
        """How many tiles an area needs over a zoom range, how many are cached, and the download size."""
        source = self.sources.get(source_id)
        check_zooms(zooms)
        per_zoom = {z: area.count(z) for z in zooms}
        total = sum(per_zoom.values())
        cached = None
        if total <= CACHED_COUNT_LIMIT:
            cached = sum(1 for z in zooms for t in area.tiles(z) if self.cache.has(source_id, t))
        sample = self.cache.stats(source_id, limit=SIZE_SAMPLE)
        tile_bytes = sample.mean_tile_bytes if sample.tiles >= 20 else source.typical_tile_bytes
        return PrefetchEstimate(total, per_zoom, cached, (total - (cached or 0)) * tile_bytes)

    def prefetch(self, source_id: str, area: TileArea, zooms: range,
                 on_progress: Callable[["PrefetchProgress"], None] | None = None) -> "Prefetch":
        return Prefetch(self, source_id, area, zooms, on_progress)


@dataclass(frozen=True)
class PrefetchEstimate:
    tiles: int
    per_zoom: dict[int, int]
    cached: int | None      # None when the area is too large to look every tile up
    download_bytes: int     # estimated size of the tiles not cached yet


@dataclass(frozen=True)
class PrefetchProgress:
    total: int
    done: int               # downloaded + already cached + failed
    downloaded: int
    already_cached: int
    failed: int
    bytes: int              # downloaded bytes
    state: str              # "ready", "running", "paused", "finished", "cancelled"
    note: str = ""          # why it is paused, when it paused itself

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


class Prefetch:
    """Downloads every tile of an area over a zoom range into the cache, with pause/resume and retry.

    Tiles already cached are skipped, so running the same prefetch again after a restart resumes
    it. Transient failures (timeouts, HTTP 5xx/429) are tried again with a growing delay; tiles
    still failing are listed in :attr:`failed` and :meth:`retry_failed` fetches just those.
    """

    def __init__(self, service: TileService, source_id: str, area: TileArea, zooms: range,
                 on_progress: Callable[[PrefetchProgress], None] | None = None):
        self.service = service
        self.source = service.sources.get(source_id)
        self.area = area
        self.zooms = check_zooms(zooms)
        if self.source.offline_only:
            raise TileError(f"{self.source.name} has no server to prefetch from: its tiles come from the cache only")
        low, high = zooms.start, zooms.stop - 1
        if low < self.source.min_zoom or high > self.source.max_zoom:
            raise TileError(f"{self.source.name} has zoom levels {self.source.min_zoom}..{self.source.max_zoom}, "
                            f"not {low}..{high}")
        if self.source.prefetch_max_zoom is not None and high > self.source.prefetch_max_zoom:
            raise TileError(f"{self.source.name} allows prefetching down to zoom {self.source.prefetch_max_zoom} only "
                            f"(its usage policy); lower the highest zoom")
        self.total = sum(area.count(z) for z in zooms)
        if self.total > MAX_PREFETCH_TILES:
            raise TileError(f"that is {self.total} tiles, more than the {MAX_PREFETCH_TILES} one prefetch may fetch: "
                            "draw a smaller area or lower the highest zoom")
        self.failed: dict[TileId, str] = {}
        self._on_progress = on_progress
        self._running = asyncio.Event()
        self._running.set()
        self._cancelled = False
        self._state = "ready"
        self._note = ""
        self._done = self._downloaded = self._cached = self._bytes = 0

    @property
    def progress(self) -> PrefetchProgress:
        return PrefetchProgress(self.total, self._done, self._downloaded, self._cached, len(self.failed),
                                self._bytes, self._state, self._note)

    def pause(self, note: str = "") -> None:
        if self._state == "running":
            self._running.clear()
            self._state, self._note = "paused", note
            self._notify()

    def resume(self) -> None:
        if self._state == "paused":
            if self.service.offline:
                raise TileError("the station is in offline mode: switch it online to go on prefetching")
            self._state, self._note = "running", ""
            self._running.set()
            self._notify()

    def cancel(self) -> None:
        self._cancelled = True
        self._running.set()  # let paused workers see it and stop

    async def run(self) -> PrefetchProgress:
        """Fetch the whole area (again: tiles cached meanwhile are skipped)."""
        if self._state not in ("running", "paused"):
            self.failed = {}
            self._done = self._downloaded = self._cached = self._bytes = 0
        tiles = itertools.chain.from_iterable(self.area.tiles(z) for z in self.zooms)
        return await self._work(tiles, skip_cached=True)

    async def retry_failed(self) -> PrefetchProgress:
        """Fetch again only the tiles that failed, after the cause (network, server) is fixed."""
        retry, self.failed = list(self.failed), {}
        self._done -= len(retry)
        return await self._work(iter(retry), skip_cached=False)

    async def _work(self, tiles: Iterator[TileId], skip_cached: bool) -> PrefetchProgress:
        if self.service.offline:
            raise TileError("the station is in offline mode: switch it online to prefetch")
        if self._state in ("running", "paused"):
            raise TileError("this prefetch is already running")
        self._cancelled = False
        self._state = "running"
        self._running.set()
        self._notify()
        workers = [asyncio.create_task(self._worker(tiles, skip_cached)) for _ in range(self.source.max_connections)]
        try:
            await asyncio.gather(*workers)
        finally:
            for w in workers:
                w.cancel()
        self._state = "cancelled" if self._cancelled else "finished"
        self._notify()
        return self.progress

    async def _worker(self, tiles: Iterator[TileId], skip_cached: bool) -> None:
        while True:
            await self._running.wait()
            if self._cancelled:
                return
            if self.service.offline:
                self.pause("the station went offline")
                continue
            tile = next(tiles, None)  # one iterator shared by the workers: each tile is taken once
            if tile is None:
                return
            if skip_cached and self.service.cache.has(self.source.id, tile):
                self._cached += 1
            else:
                await self._fetch(tile)
            self._done += 1
            self._notify()

    async def _fetch(self, tile: TileId) -> None:
        for attempt in range(self.service.attempts):
            try:
                data = await self.service.download(self.source, tile)
            except TileFetchError as exc:
                if not exc.transient or attempt + 1 == self.service.attempts:
                    self.failed[tile] = str(exc)
                    return
                await asyncio.sleep(self.service.retry_delay_s * 2 ** attempt)
            else:
                self._downloaded += 1
                self._bytes += len(data or b"")
                return

    def _notify(self) -> None:
        if self._on_progress is not None:
            self._on_progress(self.progress)
