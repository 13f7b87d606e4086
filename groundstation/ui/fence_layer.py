"""Each vehicle's geofence and rally points on the map: inclusion areas outlined in green, exclusion areas
shaded red, rally points as a solid circled R.

They are what the vehicle itself holds: the window downloads them (mission protocol, fence type, then rally
type) when a vehicle first appears and again when the pilot asks ("Refresh fence and rally points" on the
map's menu, for the selected vehicle, e.g. after another tool uploaded some). Downloads run on the engine;
their result crosses to the GUI thread through a signal. A failed or malformed download keeps what was last
shown and says why in the status bar. "Clear fence and rally points" on the same menu, once the pilot
confirms, has the selected vehicle drop both, then reads them again. A fence or rally points imported with a
plan and not yet on a vehicle are drawn by the plan's layer with `paint_fence(..., on_vehicle=False)` and
`paint_rally_point(..., on_vehicle=False)`: dotted; once a vehicle holds the same (`same_fence`,
`same_rally`) only the vehicle's are drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

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
RALLY_COLOUR = QColor("#6a1b9a")
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
    kind: str  # "fence" or "rally"
    items: list[MissionItem] | None
    error: str  # empty when the vehicle sent its items


@dataclass(frozen=True)
class FenceCleared:
    system_id: int
    kind: str  # "fence" or "rally"
    error: str  # empty when the vehicle dropped them


def fence_from_items(items: list[MissionItem]) -> Fence:
    """The vehicle's fence items as shapes; MissionError (PlanFileError) when they do not make a fence."""
    plan = plan_from_items([], items, [], home=None, firmware_type=mavlink.MAV_AUTOPILOT_PX4,
                           vehicle_type=mavlink.MAV_TYPE_QUADROTOR)
    return Fence(tuple(plan.fence_polygons), tuple(plan.fence_circles))


def rally_from_items(items: list[MissionItem]) -> tuple[LatLon, ...]:
    """The vehicle's rally items as points; MissionError (PlanFileError) when they are not rally points."""
    plan = plan_from_items([], [], items, home=None, firmware_type=mavlink.MAV_AUTOPILOT_PX4,
                           vehicle_type=mavlink.MAV_TYPE_QUADROTOR)
    return tuple(point for point, _alt in plan.rally_points)


def _near(p: LatLon, q: LatLon) -> bool:
    return abs(p.lat - q.lat) <= SAME_DEG and abs(p.lon - q.lon) <= SAME_DEG


def same_rally(a: tuple[LatLon, ...], b: tuple[LatLon, ...]) -> bool:
    """The same rally points in the same order, as far as a vehicle's storage keeps them."""
    return len(a) == len(b) and all(map(_near, a, b))


def same_fence(a: Fence, b: Fence) -> bool:
    """The same shapes in the same order, as far as a vehicle's storage keeps them."""
    def same_polygon(p: FencePolygon, q: FencePolygon) -> bool:
        return (p.inclusion == q.inclusion and len(p.points) == len(q.points)
                and all(_near(x, y) for x, y in zip(p.points, q.points)))

    def same_circle(c: FenceCircle, d: FenceCircle) -> bool:
        return (c.inclusion == d.inclusion and _near(c.center, d.center)
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
        self.rally: dict[int, tuple[LatLon, ...]] = {}
        self.asked: set[int] = set()  # vehicles whose fence was asked for since they appeared
        self.fenceArrived.connect(self._arrived)
        self.fenceCleared.connect(self._cleared)
        map_view.layers.insert(0, self)  # under every other layer: the fence is the background of the flight
        map_view.context_actions.append((
            lambda: QCoreApplication.translate("FenceLayer", "Refresh fence and rally points"),
            lambda _lat, _lon: self.refresh(self.selected())))
        map_view.context_actions.append((
            lambda: QCoreApplication.translate("FenceLayer", "Clear fence and rally points"),
            lambda _lat, _lon: self.clear(self.selected())))

    def show_fleet(self, snapshot: FleetSnapshot) -> None:
        """Ask for the fence of every vehicle seen for the first time."""
        for sid in snapshot.vehicles:
            if sid not in self.asked:
                self.refresh(sid)

    def refresh(self, sid: int | None) -> bool:
        """Download the vehicle's fence, then (once that answered) its rally points."""
        if sid is None:
            self.say(QCoreApplication.translate("FenceLayer", "No vehicle selected: no fence to refresh"), 10_000)
            return False
        self.asked.add(sid)
        return self._download(sid, "fence")

    def _download(self, sid: int, kind: str) -> bool:
        return pending.send(self, "fenceArrived", lambda: self.engine.download_mission(sid, kind),
                            lambda items, error: FenceDownload(sid, kind, items, error),
                            refused=lambda why: self._arrived(FenceDownload(sid, kind, None, why)))

    def clear(self, sid: int | None) -> bool:
        """The vehicle drops its whole fence, then its rally points, once the pilot confirms; then both are
        read again."""
        if sid is None:
            self.say(QCoreApplication.translate("FenceLayer", "No vehicle selected: no fence to clear"), 10_000)
            return False
        title = fill(QCoreApplication.translate("FenceLayer", "Clear fence and rally points: vehicle %1"), sid)
        question = fill(QCoreApplication.translate(
            "FenceLayer", "Remove every geofence area and rally point from vehicle %1? It then flies without them."),
            sid)
        if not self.confirm(title, question):
            return False
        clearing = fill(QCoreApplication.translate("FenceLayer", "Clearing the fence of vehicle %1…"), sid)
        return self._clear(sid, "fence", under_way=lambda: self.say(clearing, 10_000))

    def _clear(self, sid: int, kind: str, under_way: Callable[[], None] = lambda: None) -> bool:
        return pending.send(self, "fenceCleared", lambda: self.engine.clear_mission(sid, kind),
                            lambda _none, error: FenceCleared(sid, kind, error),
                            refused=lambda why: self._cleared(FenceCleared(sid, kind, why)), under_way=under_way)

    def _cleared(self, cleared: FenceCleared) -> None:
        sid = cleared.system_id
        if cleared.error:
            text = (QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 not cleared: %2")
                    if cleared.kind == "fence" else
                    QCoreApplication.translate("FenceLayer", "Rally points of vehicle %1 not cleared: %2"))
            self.say(fill(text, sid, cleared.error), 15_000)
        elif cleared.kind == "fence":
            self._clear(sid, "rally")
            return
        else:
            self.say(fill(QCoreApplication.translate("FenceLayer", "Fence and rally points of vehicle %1 cleared"),
                          sid), 10_000)
        self.refresh(sid)  # drawn as the vehicle now holds them, cleared or not

    def _arrived(self, download: FenceDownload) -> None:
        sid, error = download.system_id, download.error
        if not error:
            try:
                if download.kind == "fence":
                    self.fences[sid] = fence_from_items(download.items or [])
                else:
                    self.rally[sid] = rally_from_items(download.items or [])
            except MissionError as e:
                error = str(e)
        if error:
            text = (QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 not read: %2")
                    if download.kind == "fence" else
                    QCoreApplication.translate("FenceLayer", "Rally points of vehicle %1 not read: %2"))
            self.say(fill(text, sid, error), 15_000)
        elif download.kind == "fence":
            self._download(sid, "rally")  # one after the other: a vehicle answers one transfer at a time
        self.map.update()

    # -- drawn by the map ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, view) -> None:
        for fence in self.fences.values():
            paint_fence(painter, view, fence, on_vehicle=True)
        for points in self.rally.values():
            for point in points:
                pt = view.screen_point(point.lat, point.lon)
                if pt is not None:
                    paint_rally_point(painter, pt, on_vehicle=True)

    def click(self, _view, _pos: QPointF) -> bool:
        return False  # the fence is shown, not picked


def paint_rally_point(painter: QPainter, pt: QPointF, on_vehicle: bool) -> None:
    """A safe landing point as QGroundControl marks it: an R in a circle, dotted while only planned."""
    painter.save()
    painter.setPen(QPen(RALLY_COLOUR, 2, Qt.PenStyle.SolidLine if on_vehicle else Qt.PenStyle.DotLine))
    painter.setBrush(QBrush(QColor("white")))
    painter.drawEllipse(pt, 8, 8)
    painter.setPen(QPen(RALLY_COLOUR, 1))
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(pt.x() - 8, pt.y() - 8, 16, 16), Qt.AlignmentFlag.AlignCenter, "R")
    painter.restore()


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
