"""A real station (engine + web view on loopback) for each web test."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # importlib import mode: make web_station importable

from web_station import STATION, Station, offline_tiles  # noqa: E402

from groundstation.core.datadir import DataDir  # noqa: E402
from groundstation.core.engine import Engine  # noqa: E402
from groundstation.web.server import WebView  # noqa: E402


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    data = DataDir.open(tmp_path / "station")
    data.settings_file.write_text(json.dumps({"station_id": STATION, "operator": "Lt. Weber"}))
    tiles = offline_tiles(tmp_path / "tiles", zooms=range(15, 16), around=1)
    with Engine(data, links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        view = WebView(engine, tiles=tiles)
        asyncio.run_coroutine_threadsafe(view.start(), engine._loop).result(timeout=10)
        try:
            yield Station(engine, view, data)
        finally:
            asyncio.run_coroutine_threadsafe(view.stop(), engine._loop).result(timeout=10)
