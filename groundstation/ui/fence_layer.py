"""Each vehicle's geofence and rally points on the map: inclusion areas outlined in green, exclusion areas
shaded red, rally points as a solid circled R.

They are what the vehicle itself holds, as the engine last read them (when the vehicle appeared, and after
every fence or rally transfer): the layer draws them from the fleet snapshot and keeps none of its own.
"Refresh fence and rally points" on the map's menu has the engine read the selected vehicle's again (e.g.
after another tool uploaded some); a failed reading keeps what was shown and says why in the status bar, as
does a reading the engine made by itself (when the vehicle appeared, after a transfer), once per vehicle and
error.
"Clear fence and rally points" on the same menu, once the pilot confirms, has the selected vehicle drop both.
A fence or rally points imported with a plan and not yet on a vehicle are drawn by the plan's layer with
`paint_fence(..., on_vehicle=False)` and `paint_rally_point(..., on_vehicle=False)`: dotted; once a vehicle
holds the same (`same_fence`, `same_rally`) only the vehicle's are drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.core.geofence import Fence, FenceAndRally
from groundstation.ui import pending
from groundstation.ui.failure_text import said
from groundstation.ui.vehicle_text import fill
from missions.geodesy import LatLon

INCLUSION = QColor("#2e7d32")
EXCLUSION = QColor("#c62828")
EXCLUSION_FILL = QColor(198, 40, 40, 70)
RALLY_COLOUR = QColor("#6a1b9a")


@dataclass(frozen=True)
class FenceAnswer:
    """The engine's answer to a refresh or a clear of one vehicle's fence and rally points."""

    system_id: int
    action: str  # "refresh" or "clear"
    known: FenceAndRally | None  # what the engine now knows; None when the request failed as a whole
    error: str  # why the request failed as a whole, or ""


class FenceLayer(QObject):
    answered = Signal(object)  # FenceAnswer, emitted from the engine thread

    def __init__(self, engine: Engine, map_view, selected: Callable[[], int | None],
                 say: Callable[[str, int], None], confirm: Callable[[str, str], bool]) -> None:
        super().__init__(map_view)
        self.engine = engine
        self.map = map_view
        self.selected = selected
        self.say = say  # (text, milliseconds): the window's status bar
        self.confirm = confirm  # (title, question) -> the pilot said yes
        self.snapshot = FleetSnapshot()  # the one the window shows
        self._told: dict[tuple[int, str], Exception | None] = {}  # (vehicle, "fence" or "rally") -> the reading error last said
        self.answered.connect(self._answered)
        map_view.layers.insert(0, self)  # under every other layer: the fence is the background of the flight
        map_view.context_actions.append((
            lambda: QCoreApplication.translate("FenceLayer", "Refresh fence and rally points"),
            lambda _lat, _lon: self.refresh(self.selected())))
        map_view.context_actions.append((
            lambda: QCoreApplication.translate("FenceLayer", "Clear fence and rally points"),
            lambda _lat, _lon: self.clear(self.selected())))

    def show_fleet(self, snapshot: FleetSnapshot) -> None:
        self.snapshot = snapshot
        # A reading the pilot did not ask for that failed is said once: else the window would never say it.
        self._say_not_read([self._not_read(sid, kind, why) for sid, view in sorted(snapshot.vehicles.items())
                            for kind, why in (("fence", view.geofence.fence_error),
                                              ("rally", view.geofence.rally_error))
                            if self._first_telling(sid, kind, why)])

    def _first_telling(self, sid: int, kind: str, why: Exception | None) -> bool:
        """Remembers `why` as said; True when it is a reading error not said before."""
        first = why is not None and self._told.get((sid, kind)) is not why
        self._told[(sid, kind)] = why
        return first

    def _say_not_read(self, lines: list[str]) -> None:
        if lines:  # in one message: the status bar shows only the last one
            self.say(" · ".join(lines), 15_000)

    @staticmethod
    def _not_read(sid: int, kind: str, why: Exception) -> str:
        if kind == "fence":
            text = QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 not read: %2")
        else:
            text = QCoreApplication.translate("FenceLayer", "Rally points of vehicle %1 not read: %2")
        return fill(text, sid, said(why))

    @property
    def fences(self) -> dict[int, Fence]:
        """Each vehicle's fence, for those whose fence the engine has read."""
        return {sid: v.geofence.fence for sid, v in self.snapshot.vehicles.items() if v.geofence.fence is not None}

    @property
    def rally(self) -> dict[int, tuple[LatLon, ...]]:
        """Each vehicle's rally points, for those whose rally points the engine has read."""
        return {sid: v.geofence.rally for sid, v in self.snapshot.vehicles.items() if v.geofence.rally is not None}

    def refresh(self, sid: int | None) -> bool:
        """Have the engine read the vehicle's fence, then its rally points, again."""
        if sid is None:
            self.say(QCoreApplication.translate("FenceLayer", "No vehicle selected: no fence to refresh"), 10_000)
            return False
        return self._send(sid, "refresh", lambda: self.engine.refresh_geofence(sid))

    def clear(self, sid: int | None) -> bool:
        """The vehicle drops its whole fence, then its rally points, once the pilot confirms."""
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
        return self._send(sid, "clear", lambda: self.engine.clear_geofence(sid),
                          under_way=lambda: self.say(clearing, 10_000))

    def _send(self, sid: int, action: str, request, under_way: Callable[[], None] = lambda: None) -> bool:
        return pending.send(self, "answered", request, lambda known, error: FenceAnswer(sid, action, known, error),
                            refused=lambda why: self._answered(FenceAnswer(sid, action, None, why)),
                            under_way=under_way, why=said)

    def _answered(self, answer: FenceAnswer) -> None:
        sid, known = answer.system_id, answer.known
        if answer.action == "clear":
            if answer.error:
                text = QCoreApplication.translate("FenceLayer", "Fence and rally points of vehicle %1 not cleared: %2")
                self.say(fill(text, sid, answer.error), 15_000)
            else:
                text = QCoreApplication.translate("FenceLayer", "Fence and rally points of vehicle %1 cleared")
                self.say(fill(text, sid), 10_000)
        elif answer.error:
            self.say(fill(QCoreApplication.translate("FenceLayer", "Fence of vehicle %1 not read: %2"), sid,
                          answer.error), 15_000)
        else:  # the pilot asked: said even when said before, and not again when the snapshot shows it
            errors = (("fence", known.fence_error), ("rally", known.rally_error))
            for kind, why in errors:
                self._told[(sid, kind)] = why
            self._say_not_read([self._not_read(sid, kind, why) for kind, why in errors if why is not None])

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
