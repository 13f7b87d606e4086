"""The plan view's drawing tools: set the datum by a click on the map, draw an area corner by corner, or a
route point by point. While a tool is on, a map click is the tool's and waypoints cannot be dragged; an
area or route ends when its button is pressed again, and points drawn and not ended are dropped when
another tool is chosen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

from groundstation.ui.plan_layer import PlanLayer
from missions.geodesy import LatLon


class MapDrawing(QObject):
    datumClicked = Signal(object)  # LatLon
    drawn = Signal(str, object)  # "area" or "route", and its points in the order clicked

    def __init__(self, layer: PlanLayer, say: Callable[[str, bool], None], on_change: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.layer = layer
        self.say = say  # (text, ok): the plan view's status line
        self.on_change = on_change  # the map repaints
        self.mode = ""  # "datum", "area" or "route" while the pilot clicks on the map
        self.datum_button = QPushButton()
        self.area_button = QPushButton()
        self.route_button = QPushButton()
        for button in (self.datum_button, self.area_button, self.route_button):
            button.setCheckable(True)
        self.datum_button.toggled.connect(lambda on: self.set_mode("datum" if on else ""))
        self.area_button.toggled.connect(lambda on: self._toggled("area", on))
        self.route_button.toggled.connect(lambda on: self._toggled("route", on))
        self.retranslate()

    def retranslate(self) -> None:
        self.datum_button.setText(self.tr("Set datum on map"))
        self.area_button.setText(self.tr("Draw area on map"))
        self.route_button.setText(self.tr("Draw route on map"))

    def set_mode(self, mode: str) -> None:
        """"datum": the next map click sets the datum; "area" or "route": clicks add corners or route points;
        "": the map is the map's."""
        self.mode = mode
        self.layer.draggable = not mode  # while the pilot clicks a datum or corners, a click is a click
        self.datum_button.setChecked(mode == "datum")
        self.area_button.setChecked(mode == "area")
        self.route_button.setChecked(mode == "route")
        self.layer.drawing = []  # corners or points drawn and not closed are dropped
        if mode == "area":
            self.say(self.tr("Click the area's corners on the map, then press Draw area again to close it"), True)
        elif mode == "route":
            self.say(self.tr("Click the route's points in order on the map, then press Draw route again to end it"),
                     True)
        elif mode == "datum":
            self.say(self.tr("Click the datum (last known position) on the map"), True)
        self.on_change()

    def _toggled(self, mode: str, on: bool) -> None:
        """Drawing an area or a route starts with its button and ends when it is pressed again."""
        if on:
            self.set_mode(mode)
            return
        if self.mode != mode:
            return
        points, self.layer.drawing = self.layer.drawing, []
        self.mode = ""
        self.layer.draggable = True
        self.drawn.emit(mode, points)

    def map_clicked(self, lat: float, lon: float) -> bool:
        """True when the click was the tool's."""
        if self.mode == "datum":
            self.set_mode("")
            self.datumClicked.emit(LatLon(lat, lon))
            return True
        if self.mode in ("area", "route"):
            self.layer.drawing.append(LatLon(lat, lon))
            self.on_change()
            return True
        return False
