"""The plan on the map: the area or route searched (and the points being drawn), the datum, the camera's
swaths, the legs, the parts of a split plan each in its colour, the mission items (their waypoints can be
dragged), the item being flown now, and a geofence and rally points imported with a .plan: dotted while no
vehicle holds them; once one does, the fence layer draws the vehicle's fence and rally points instead."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass

import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QPolygonF

from groundstation.core.geofence import Fence, same_fence, same_rally
from groundstation.ui.fence_layer import paint_fence, paint_rally_point
from groundstation.ui.plan_edits import moved
from missions.coverage import footprint_swaths
from missions.geodesy import LatLon, LocalFrame
from missions.items import MissionItem
from missions.plan import SearchPlan

LEG_COLOUR = QColor("#0d47a1")
SWATH_COLOUR = QColor(33, 150, 243, 55)
AREA_COLOUR = QColor("#2e7d32")
CURRENT_COLOUR = QColor("#ff6d00")
ROUTE_COLOUR = QColor("#6d4c41")  # the route a track-line search follows
# One colour per part of a split plan, none of them the area's green or the current item's orange.
PART_COLOURS = tuple(QColor(c) for c in ("#1565c0", "#c62828", "#6a1b9a", "#00838f", "#ad1457", "#4e342e",
                                         "#827717", "#283593"))
GRAB_PX = 8.0  # how near a waypoint marker a press must be to drag it


@dataclass(frozen=True)
class PartOnMap:
    """One part of a split plan as the map draws it."""

    number: int  # 1-based
    colour: QColor
    legs: list[LatLon]
    outlines: list[list[LatLon]]


class PlanLayer:
    """The plan on the map: area or route (and the points being drawn), datum, camera swaths, legs,
    the parts of a split plan in their colours, the mission items, the item being flown now, and the
    geofence and rally points imported with a .plan (dotted while only planned). Waypoint markers can be dragged."""

    def __init__(self, on_click: Callable[[float, float], bool], on_moved: Callable[[int], None]) -> None:
        self.on_click = on_click  # (lat, lon) -> True when the plan took the click
        self.on_moved = on_moved  # (index of the item dragged to a new place)
        self.draggable = True
        self.dragging: int | None = None  # index in items of the waypoint being dragged
        self._dragged_from: LatLon | None = None
        self.area: list[LatLon] = []
        self.drawing: list[LatLon] = []
        self.datum: LatLon | None = None
        self.route_line: list[LatLon] = []
        self.swaths: list[list[LatLon]] = []
        self.parts: list[PartOnMap] = []
        self.items: list[MissionItem] = []
        self.current: int = -1  # seq of the item being flown, -1 when none
        self.planned_fence = Fence()  # imported with a .plan
        self.rally_points: list[LatLon] = []  # imported with a .plan
        self.vehicle_fences: Callable[[], Collection[Fence]] = lambda: ()  # the fences the vehicles hold
        self.vehicle_rally: Callable[[], Collection[tuple[LatLon, ...]]] = lambda: ()  # and their rally points

    def fence_on_vehicle(self) -> bool:
        """Some vehicle holds the planned fence: it is drawn as that vehicle's, not as planned."""
        return any(same_fence(self.planned_fence, held) for held in self.vehicle_fences())

    def rally_on_vehicle(self) -> bool:
        """Some vehicle holds the planned rally points: they are drawn as that vehicle's, not as planned."""
        return any(same_rally(tuple(self.rally_points), held) for held in self.vehicle_rally())

    def route(self) -> list[LatLon]:
        return [p for p in (item.position for item in self.items) if p is not None]

    def paint(self, painter: QPainter, view) -> None:
        if view.projection is None:
            return
        def points(ring: list[LatLon]) -> QPolygonF:
            return QPolygonF([view.screen_point(p.lat, p.lon) for p in ring])

        if not self.fence_on_vehicle():
            paint_fence(painter, view, self.planned_fence, on_vehicle=False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SWATH_COLOUR)
        for ring in self.swaths:
            painter.drawPolygon(points(ring))
        if self.area:
            painter.setPen(QPen(AREA_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(points(self.area))
        if self.route_line:
            painter.setPen(QPen(ROUTE_COLOUR, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(points(self.route_line))
        for part in self.parts:
            self._paint_part(painter, part, points)
        if self.drawing:
            painter.setPen(QPen(AREA_COLOUR, 2, Qt.PenStyle.DotLine))
            painter.drawPolyline(points(self.drawing))
            painter.setBrush(AREA_COLOUR)
            for pt in points(self.drawing):
                painter.drawEllipse(pt, 4, 4)
        route = self.route()
        if route:
            painter.setPen(QPen(LEG_COLOUR, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(points(route))
            painter.setBrush(QBrush(QColor("white")))
            for pt in points(route):
                painter.drawEllipse(pt, 3, 3)
        if self.datum is not None:
            pt = view.screen_point(self.datum.lat, self.datum.lon)
            painter.setPen(QPen(AREA_COLOUR, 2))
            painter.drawLine(pt + QPointF(-9, -9), pt + QPointF(9, 9))
            painter.drawLine(pt + QPointF(-9, 9), pt + QPointF(9, -9))
        if not self.rally_on_vehicle():
            for pt in points(self.rally_points):
                paint_rally_point(painter, pt, on_vehicle=False)
        target = self.current_position()
        if target is not None:
            pt = view.screen_point(target.lat, target.lon)
            painter.setPen(QPen(CURRENT_COLOUR, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(pt, 11, 11)

    @staticmethod
    def _paint_part(painter: QPainter, part: PartOnMap, points: Callable[[list[LatLon]], QPolygonF]) -> None:
        outline = QColor(part.colour)
        outline.setAlpha(150)
        painter.setPen(QPen(outline, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for ring in part.outlines:
            painter.drawPolygon(points(ring))
        legs = points(part.legs)
        painter.setPen(QPen(part.colour, 2.5))
        painter.drawPolyline(legs)
        if legs.isEmpty():
            return
        # The part's number on its first waypoint, so the figures in the panel read against the map.
        start = legs.first()
        painter.setBrush(part.colour)
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.drawEllipse(start, 9, 9)
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(start.x() - 9, start.y() - 9, 18, 18), Qt.AlignmentFlag.AlignCenter, str(part.number))

    def current_position(self) -> LatLon | None:
        """Where the item being flown goes (for an item without a position: none)."""
        for item in self.items:
            if item.seq == self.current:
                return item.position
        return None

    def click(self, view, pos: QPointF) -> bool:
        point = view.ground_point(pos)
        return point is not None and self.on_click(*point)

    def grab(self, view, pos: QPointF) -> bool:
        """A press on a waypoint marker starts dragging that waypoint."""
        if not self.draggable:
            return False
        nearest, best = None, GRAB_PX
        for i, item in enumerate(self.items):
            where = item.position
            pt = view.screen_point(where.lat, where.lon) if where is not None else None
            d = math.hypot(pt.x() - pos.x(), pt.y() - pos.y()) if pt is not None else math.inf
            if d <= best:
                nearest, best = i, d
        self.dragging = nearest
        self._dragged_from = self.items[nearest].position if nearest is not None else None
        return nearest is not None

    def move(self, view, pos: QPointF) -> None:
        point = view.ground_point(pos)
        if self.dragging is not None and point is not None:
            self.items[self.dragging] = moved(self.items, self.dragging, LatLon(*point))[self.dragging]

    def drop(self, view, pos: QPointF) -> None:
        self.move(view, pos)
        index, self.dragging = self.dragging, None
        if index is not None and self.items[index].position != self._dragged_from:  # a mere click moves nothing
            self.on_moved(index)


def part_colour(part: int) -> QColor:
    return PART_COLOURS[(part - 1) % len(PART_COLOURS)]


def swaths(plan: SearchPlan) -> list[list[LatLon]]:
    """The camera's swath along the search legs as rings of (lat, lon), for the map."""
    if not plan.footprint_width_m:
        return []
    frame = LocalFrame(plan.waypoints[0].position)
    rings = []
    for poly in shapely.get_parts(footprint_swaths(plan, frame)):
        if poly.geom_type != "Polygon":
            continue
        xy = list(poly.exterior.coords)
        lats, lons = frame.to_latlon([x for x, _ in xy], [y for _, y in xy])
        rings.append([LatLon(float(a), float(b)) for a, b in zip(lats, lons)])
    return rings


def swath_area_m2(plan: SearchPlan) -> float:
    return float(footprint_swaths(plan, LocalFrame(plan.waypoints[0].position)).area)
