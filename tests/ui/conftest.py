"""The demo station (engine + simulated fleet at 10x) and the main window over it."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine

SPEEDUP = 10.0


def qgc_fence_plan(path: Path, polygons: Sequence[tuple[Sequence[tuple[float, float]], bool]],
                   circles: Sequence[tuple[float, float, float, bool]], rally: Sequence[tuple[float, float]]) -> None:
    """A .plan as QGroundControl writes one, holding only a geofence and rally points, no mission.
    polygons: (corners, inclusion); circles: (lat, lon, radius_m, inclusion); rally: (lat, lon) at 30 m."""
    home = circles[0][:2] if circles else polygons[0][0][0]
    path.write_text(json.dumps({
        "fileType": "Plan", "version": 1, "groundStation": "QGroundControl",
        "mission": {"version": 2, "firmwareType": 12, "vehicleType": 2, "cruiseSpeed": 15, "hoverSpeed": 5,
                    "items": [], "plannedHomePosition": [home[0], home[1], 0]},
        "geoFence": {"version": 2,
                     "polygons": [{"version": 1, "inclusion": inclusion, "polygon": [list(p) for p in corners]}
                                  for corners, inclusion in polygons],
                     "circles": [{"version": 1, "inclusion": inclusion, "circle": {"center": [lat, lon], "radius": r}}
                                 for lat, lon, r, inclusion in circles]},
        "rallyPoints": {"version": 2, "points": [[lat, lon, 30] for lat, lon in rally]}}), encoding="utf-8")


def clear_point(window, margin: int = 60, avoid: Sequence[QPointF] = ()) -> QPoint:
    """A point on the window's map more than `margin` px from every vehicle and every point in `avoid`,
    and 80 px in from the map's edges: a click there is not a vehicle pick."""
    taken = [window.map.screen_point(v.state.lat, v.state.lon)
             for v in window.shown_snapshot.vehicles.values()] + list(avoid)
    for y in range(80, window.map.height() - 80, 20):
        for x in range(80, window.map.width() - 80, 20):
            if all(math.hypot(x - p.x(), y - p.y()) > margin for p in taken):
                return QPoint(x, y)
    raise AssertionError("no free spot on the map")


@dataclass
class Pilot:
    """Answers the window's confirmations and remembers every question it was asked."""

    accept: bool = True
    questions: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, title: str, question: str) -> bool:
        self.questions.append((title, question))
        return self.accept


@pytest.fixture
def demo(tmp_path: Path):
    from groundstation.ui.app import demo_station

    with demo_station(DataDir.open(tmp_path / "data"), SPEEDUP) as station:
        yield station


@pytest.fixture
def demo_engine(demo) -> Engine:
    return demo.engine


@pytest.fixture
def pilot() -> Pilot:
    return Pilot()


@pytest.fixture
def window(qtbot, demo_engine: Engine, pilot: Pilot):
    from groundstation.ui.app import WINDOW_SIZE
    from groundstation.ui.main_window import MainWindow

    win = MainWindow(demo_engine)
    win.confirm = pilot
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    qtbot.waitExposed(win)
    # The fleet is ready when the window lists all three and draws them, each with its home.
    qtbot.waitUntil(lambda: win.vehicle_list.fleet.rowCount() == 3 and win.map.shown_vehicles == [1, 2, 3]
                    and all(v.state.home is not None for v in win.shown_snapshot.vehicles.values()), timeout=10_000)
    yield win
    win.close()
