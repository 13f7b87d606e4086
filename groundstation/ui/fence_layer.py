"""Each vehicle's geofence on the map: inclusion areas outlined in green, exclusion areas shaded red.

The fence is what the vehicle itself holds: the window downloads it (mission protocol, fence type)
when a vehicle first appears and again when the pilot asks ("Refresh fence" on the map's menu, for
the selected vehicle, e.g. after another tool uploaded one). Downloads run on the engine; their
result crosses to the GUI thread through a signal. A failed or malformed download keeps the fence
last shown and says why in the status bar. "Clear fence" on the same menu, once the pilot confirms, has
the selected vehicle drop its fence, then reads it again. A fence imported with a plan and not yet on a
vehicle is drawn by the plan's layer with `paint_fence(..., on_vehicle=False)`: dotted and hatched; once a
vehicle holds the same fence (`same_fence`) only the vehicle's is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from drivers.mavlink.plan_items import plan_from_items
from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.ui import pending
from groundstation.ui.vehicle_text import fill
from missions.errors import MissionError
from missions.geodesy import LatLon
from missions.items import MissionItem
from missions.qgc_plan import FenceCircle, FencePolygon

INCLUSION = QColor("#2e7d32")
EXCLUSION = QColor("#c62828")
EXCLUSION_FILL = QColor(198, 40, 40, 70)
# A fence read back from a vehicle differs from the one sent by its storage: degrees * 1e7 and float32 radii.
SAME_DEG = 2e-7
SAME_RADIUS = 1e-5  # relative


@dataclass(frozen=True)
class Fence:
    polygons: tuple[FencePolygon, ...] = ()
    circles: tuple[FenceCircle, ...] = ()


@dataclass(frozen=True)
class FenceDownload:
    system_id: int
    items: list[MissionItem] | None
    error: str  # empty when the vehicle sent its fence


@dataclass(frozen=True)
class FenceCleared:
    system_id: int
    error: str  # empty when the vehicle dropped its fence


def fence_from_items(items: list[MissionItem]) -> Fence:
    """The vehicle's fence items as shapes; MissionError (PlanFileError) when they do not make a fence."""
    plan = plan_from_items([], items, [], home=None, firmware_type=mavlink.MAV_AUTOPILOT_PX4,
                           vehicle_type=mavlink.MAV_TYPE_QUADROTOR)
    return Fence(tuple(plan.fence_polygons), tuple(plan.fence_circles))


def same_fence(a: Fence, b: Fence) -> bool:
    """The same shapes in the same order, as far as a vehicle's storage keeps them."""
    def near(p: LatLon, q: LatLon) -> bool:
        return abs(p.lat - q.lat) <= SAME_DEG and abs(p.lon - q.lon) <= SAME_DEG

    def same_polygon(p: FencePolygon, q: FencePolygon) -> bool:
        return (p.inclusion == q.inclusion and len(p.points) == len(q.points)
                and all(near(x, y) for x, y in zip(p.points, q.points)))

    def same_circle(c: FenceCircle, d: FenceCircle) -> bool:
        return (c.inclusion == d.inclusion and near(c.center, d.center)
                and math.isclose(c.radius_m, d.radius_m, rel_tol=SAME_RADIUS))

    return (len(a.polygons) == len(b.polygons) and len(a.circles) == len(b.circles)
            and all(map(same_polygon, a.polygons, b.polygons)) and all(map(same_circle, a.circles, b.circles)))


class FenceLayer(QObject):
    fenceArrived = Signal(object)  # FenceDownload, emitted from the engine thread
    fenceCleared = Signal(object)  # FenceCleared, emitted from the engine thread

    def __init__(self, engine: Engine, map_view, selected: Callable[[], int | None],
                 say: Callable[[str, int], None], confirm: Callable[[str, str], bool]) -> None:
        super().__init__(map_view)
        self.engine = engine
        self.map = map_view
        self.selected = selected
        self.say = say  # (text, milliseconds): the window's status bar
        self.confirm = confirm  # (title, question) -> the pilot said yes
        self.fences: dict[int, Fence] = {}
        self.asked: set[int] = set()  # vehicles whose fence was asked for since they appeared
        self.fenceArrived.connect(self._arrived)
        self.fenceCleared.connect(self._cleared)
        map_view.layers.insert(0, self)  # under every other layer: the fence is the background of the flight
        map_view.context_actions.append((lambda: QCoreApplication.translate("FenceLayer", "Refresh fence"),
                                         lambda _lat, _lon: self.refresh(self.selected())))
        map_view.context_actions.append((lambda: QCoreApplication.translate("FenceLayer", "Clear fence"),
                                         lambda _lat, _lon: self.clear(self.selected())))

    def show_fleet(self, snapshot: FleetSnapshot) -> None:
        """Ask for the fence of every vehicle seen for the first time."""
        for sid in snapshot.vehicles:
            if sid not in self.asked:
                self.refresh(sid)

    def refresh(self, sid: int | None) -> bool:
        if sid is None:
            self.say(QCoreApplication.translate("FenceLayer", "No vehicle selected: no fence to refresh"), 10_000)
            return False
        self.asked.add(sid)
        return pending.send(self, "fenceArrived", lambda: self.engine.download_mission(sid, "fence"),
                            lambda items, error: FenceDownload(sid, items, error),
                            refused=lambda why: self._arrived(FenceDownload(sid, None, why)))

    def clear(self, sid: int | None) -> bool:
        """The vehicle drops its whole fence once the pilot confirms; then its fence is read again."""
        if sid is None:
            self.say(QCoreApplication.translate("FenceLayer", "No vehicle selected: no fence to clear"), 10_000)
            return False
        title = fill(QCoreApplication.translate("FenceLayer", "Clear fence: vehicle %1"), sid)
        question = fill(QCoreApplication.translate(
            "FenceLayer", "Remove every geofence area from vehicle %1? It then flies without them."), sid)
        if not self.confirm(title, question):
            return False
        clearing = fill(QCoreApplication.translate("FenceLayer", "Clearing the fence of vehicle %1…"), sid)
        return pending.send(self, "fenceCleared", lambda: self.engine.clear_mission(sid, "fence"),
                            lambda _none, error: FenceCleared(sid, error),
                            refused=lambda why: self._cleared(FenceCleared(sid, why)),
                            under_way=lambda: self.say(clearing, 10_000))

    def _cleared(self, cleared: FenceCleared) -> None:
        sid = cleared.system_id
        if cleared.error:
            self.say(fill(QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 not cleared: %2"), sid,
                          cleared.error), 15_000)
        else:
            self.say(fill(QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 cleared"), sid), 10_000)
        self.refresh(sid)  # drawn as the vehicle now holds it, cleared or not

    def _arrived(self, download: FenceDownload) -> None:
        sid, error = download.system_id, download.error
        if not error:
            try:
                self.fences[sid] = fence_from_items(download.items or [])
            except MissionError as e:
                error = str(e)
        if error:
            self.say(fill(QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 not read: %2"), sid, error),
                     15_000)
        self.map.update()

    # -- drawn by the map ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, view) -> None:
        for fence in self.fences.values():
            paint_fence(painter, view, fence, on_vehicle=True)

    def click(self, _view, _pos: QPointF) -> bool:
        return False  # the fence is shown, not picked


def paint_fence(painter: QPainter, view, fence: Fence, on_vehicle: bool) -> None:
    """A fence the vehicle holds: dashed outlines, exclusion areas shaded. One only planned (imported, not
    on a vehicle yet): dotted outlines, exclusion areas hatched, so the pilot tells the two apart."""
    painter.save()
    for polygon in fence.polygons:
        points = [view.screen_point(p.lat, p.lon) for p in polygon.points]
        if any(p is None for p in points):
            continue
        _pen(painter, polygon.inclusion, on_vehicle)
        painter.drawPolygon(QPolygonF(points))
    for circle in fence.circles:
        centre = view.screen_point(circle.center.lat, circle.center.lon)
        if centre is None:
            continue
        radius = circle.radius_m / view.viewport.m_per_px
        _pen(painter, circle.inclusion, on_vehicle)
        painter.drawEllipse(centre, radius, radius)
    painter.restore()


def _pen(painter: QPainter, inclusion: bool, on_vehicle: bool) -> None:
    colour = INCLUSION if inclusion else EXCLUSION
    painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine if on_vehicle else Qt.PenStyle.DotLine))
    if inclusion:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.setBrush(EXCLUSION_FILL if on_vehicle else QBrush(EXCLUSION, Qt.BrushStyle.BDiagPattern))
