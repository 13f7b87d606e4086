"""The demo station (engine + simulated fleet at 10x), the main window over it, and what the tests of its
map share: clear spots, QGroundControl fence-and-rally plans, fence and rally items, the map's menu actions
and the colours the fence layer draws in."""

from __future__ import annotations

import json
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QImage

from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine

SPEEDUP = 10.0
RALLY_PURPLE = QColor("#6a1b9a")  # a rally point's marker on the map


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


def map_action(window, text: str) -> Callable[[float, float], None]:
    """The action of the map's right-click menu named `text`, to call with the (lat, lon) clicked."""
    return next(action for name, action in window.map.context_actions if name() == text)


def square_around(window, spot: QPointF, half_px: float) -> list[tuple[float, float]]:
    """The corners (lat, lon) of a square 2 * half_px a side around `spot` on the window's map: NW, NE, SE, SW."""
    return [window.map.ground_point(spot + QPointF(dx, dy))
            for dx, dy in ((-half_px, -half_px), (half_px, -half_px), (half_px, half_px), (-half_px, half_px))]


def ring(centre: QPointF, radius_px: float, points: int) -> list[QPointF]:
    return [centre + QPointF(radius_px * math.cos(a), radius_px * math.sin(a))
            for a in (i * 2 * math.pi / points for i in range(points))]


def pixels_around(spot: QPointF, half_px: int) -> list[QPointF]:
    """The pixels of a square 2 * half_px a side centred on `spot`."""
    return [QPointF(spot.x() + dx, spot.y() + dy) for dx in range(-half_px, half_px) for dy in range(-half_px, half_px)]


def red_excess(image: QImage, point: QPointF) -> int:
    colour = image.pixelColor(int(point.x()), int(point.y()))
    return colour.red() - colour.green()


def rally_purple(colour: QColor) -> bool:
    """A pixel of a rally point's marker."""
    return colour.blue() > colour.green() + 60 and abs(colour.red() - RALLY_PURPLE.red()) < 60


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


@pytest.fixture
def fences_read(qtbot, window):
    """The window's fence layer once it has read every vehicle's geofence and rally points (it reads them as
    the vehicles appear)."""
    layer = window.fence_layer
    qtbot.waitUntil(lambda: set(layer.fences) == set(layer.rally) == {1, 2, 3}, timeout=15_000)
    return layer
