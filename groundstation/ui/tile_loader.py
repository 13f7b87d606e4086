"""Map tiles for the window, fetched off the UI thread.

A worker thread runs its own asyncio loop with the station's TileService (disk cache, sources,
offline switch). The map asks for the tiles it needs while painting; a tile already decoded is
answered from memory, any other is fetched on the worker (cache first, then the network unless
offline) and arrives later through a queued signal, upon which the map repaints. The UI thread
never waits on disk or network.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from collections import OrderedDict
from collections.abc import Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from groundstation.core.tiles import TileId, TileService

MEMORY_TILES = 600  # decoded tiles kept in memory: a full-screen map at two zooms, twice over
MISSING_RETRY_S = 30.0  # a tile that could not be had is asked for again after this long
T = TypeVar("T")


class TileLoader(QObject):
    tileArrived = Signal(str, object)  # source id, TileId; emitted on the worker, delivered on the GUI thread

    def __init__(self, service: TileService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._images: OrderedDict[tuple[str, TileId], QImage] = OrderedDict()
        self._pending: set[tuple[str, TileId]] = set()
        self._missing: dict[tuple[str, TileId], float] = {}  # asked, none to show: when to ask again
        self._offline = service.offline
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="map-tiles", daemon=True)
        self._thread.start()
        self.tileArrived.connect(self._arrived)
        self._landed: dict[tuple[str, TileId], QImage | None] = {}
        self._lock = threading.Lock()

    # -- what the map uses ------------------------------------------------------------------------
    def image(self, source_id: str, tile: TileId) -> QImage | None:
        """The tile if it is in memory; otherwise None now, and a fetch starts (once)."""
        key = (source_id, tile)
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            return image
        if key not in self._pending and self._missing.get(key, 0.0) <= time.monotonic():
            self._missing.pop(key, None)
            self._pending.add(key)
            self.submit(self._fetch(key))
        return None

    def cached_image(self, source_id: str, tile: TileId) -> QImage | None:
        """The tile from memory only; never starts a fetch (to fill in from a coarser zoom)."""
        return self._images.get((source_id, tile))

    @property
    def offline(self) -> bool:
        return self._offline

    def set_offline(self, offline: bool) -> concurrent.futures.Future:
        self._offline = offline
        self._missing.clear()  # going online may find what offline could not
        return self.submit(self.service.set_offline(offline))

    def forget(self) -> None:
        """Drop the decoded tiles (after an import, or to show that the disk cache answers)."""
        self._images.clear()
        self._missing.clear()

    def submit(self, coro: Coroutine[Any, Any, T]) -> "concurrent.futures.Future[T]":
        """Run a coroutine on the tile worker (prefetch, MBTiles import/export)."""
        return asyncio.run_coroutine_threadsafe(coro, self._loop)

    def run_blocking(self, fn, *args) -> concurrent.futures.Future:
        """Run a plain function (file work) on the worker's thread pool."""
        async def run():
            return await self._loop.run_in_executor(None, fn, *args)
        return self.submit(run())

    def close(self) -> None:
        if not self._loop.is_running():
            return
        try:
            asyncio.run_coroutine_threadsafe(self.service.aclose(), self._loop).result(timeout=5)
        except (concurrent.futures.TimeoutError, RuntimeError):
            pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    # -- worker side ------------------------------------------------------------------------------
    async def _fetch(self, key: tuple[str, TileId]) -> None:
        source_id, tile = key
        try:
            data = await self.service.tile(source_id, tile)
        except Exception:  # an unknown source, a broken cache file: the map shows no tile there
            data = None
        image = QImage.fromData(data) if data else None  # decoded here, not on the UI thread
        with self._lock:
            self._landed[key] = image if image is not None and not image.isNull() else None
        try:
            self.tileArrived.emit(source_id, tile)
        except RuntimeError:
            pass  # the window closed meanwhile

    def _arrived(self, source_id: str, tile: TileId) -> None:
        key = (source_id, tile)
        with self._lock:
            image = self._landed.pop(key, None)
        self._pending.discard(key)
        if image is None:
            self._missing[key] = time.monotonic() + MISSING_RETRY_S
            return
        self._images[key] = image
        while len(self._images) > MEMORY_TILES:
            self._images.popitem(last=False)
