"""The map with its tools around it: tile source (and adding one from a WMTS service), offline switch,
MGRS grid, measuring, prefetch, alerts above it, and the coordinate row below it (search box, format,
pointer position, copy).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QLayout, QLayoutItem, QLineEdit, QMenu,
                               QPushButton, QSizePolicy, QVBoxLayout, QWidget)

from missions.coordinates import CoordinateError, CoordinateFormat, format_position, parse_position
from groundstation.core.tiles_scenario import SCENARIO_SOURCE_ID
from groundstation.ui.alert_panel import AlertPanel
from groundstation.ui.map_view import MapView
from groundstation.ui.tile_loader import TileLoader
from groundstation.ui.vehicle_text import fill
from groundstation.ui.themes import show_status
from groundstation.ui.wmts_dialog import WmtsDialog

FORMATS = ("dd", "dms", "utm", "mgrs")
PLOTS_PX = 96  # the telemetry strip under the map: readable, and the map keeps most of the height
_SAMPLE_POSITIONS = ("-49.999999, -179.999999", "49°59'59.99\"S 179°59'59.99\"W", "60X 999999 9999999",
                     "60X WW 99999 99999")  # the widest text each format can produce


class ToolRow(QLayout):
    """The map's tools side by side, wrapping onto another row where the pane is too narrow for them all
    (large controls, long translations): the pane never needs more width than its widest tool."""

    def __init__(self, spacing: int = 6) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        hints = [item.sizeHint() for item in self._shown()]
        return QSize(sum(h.width() for h in hints) + self.spacing() * max(len(hints) - 1, 0),
                     max((h.height() for h in hints), default=0))

    def minimumSize(self) -> QSize:
        hints = [item.sizeHint() for item in self._shown()]
        return QSize(max((h.width() for h in hints), default=0), max((h.height() for h in hints), default=0))

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the tools out left to right in `rect`, each centred in its row's height (only measure
        unless `place`); the height they take."""
        rows: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = rect.x()
        for item in self._shown():
            hint = item.sizeHint()
            if rows[-1] and x + hint.width() > rect.right() + 1:
                rows.append([])
                x = rect.x()
            rows[-1].append((item, hint))
            x += hint.width() + self.spacing()
        y = rect.y()
        for row in rows:
            height = max((hint.height() for _item, hint in row), default=0)
            x = rect.x()
            for item, hint in row:
                if place:
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self.spacing()
            y += height + self.spacing()
        return max(y - self.spacing() - rect.y(), 0)


class MapPane(QWidget):
    sourceChosen = Signal(str)
    offlineToggled = Signal(bool)
    mgrsToggled = Signal(bool)
    formatChosen = Signal(str)
    prefetchRequested = Signal()

    def __init__(self, map_view: MapView, alerts: AlertPanel, plots: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.map = map_view
        self.alerts = alerts
        self.tiles: TileLoader | None = None
        self.form = "dd"
        self.vehicle_position: tuple[float, float] | None = None  # the selected vehicle's, for Copy
        self._pointer: tuple[float, float] | None = None
        self.wmts_dialog: WmtsDialog | None = None

        self.source_label = QLabel()
        self.source = QComboBox()
        self.source.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.offline = QCheckBox()
        self.mgrs = QCheckBox()
        self.measure = QPushButton()
        self.measure.setCheckable(True)
        self.prefetch = QPushButton()
        source_row = QWidget()  # the label stays beside its list when the tools wrap
        source_layout = QHBoxLayout(source_row)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.addWidget(self.source_label)
        source_layout.addWidget(self.source)
        top = ToolRow()
        for widget in (source_row, self.offline, self.mgrs, self.measure, self.prefetch):
            top.addWidget(widget)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.format = QComboBox()
        self.format.addItems([f.upper() for f in FORMATS])
        self.pointer = QLabel("—")
        self.pointer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        widest = max(self.pointer.fontMetrics().horizontalAdvance(t) for t in _SAMPLE_POSITIONS)
        self.pointer.setMinimumWidth(widest + 8)
        self.copy = QPushButton()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.search, 2)
        for widget in (self.format, self.pointer, self.copy):
            bottom.addWidget(widget)
        bottom.addWidget(self.message, 1)

        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(4)
        column.addLayout(top)
        column.addWidget(alerts)
        column.addWidget(map_view, 1)
        column.addLayout(bottom)
        plots.setFixedHeight(PLOTS_PX)
        column.addWidget(plots)

        self.source.activated.connect(self._source_activated)
        self.offline.toggled.connect(self.offlineToggled)
        self.mgrs.toggled.connect(self.mgrsToggled)
        self.measure.toggled.connect(lambda on: self.map.set_tool("measure" if on else ""))
        self.map.toolChanged.connect(lambda tool: self.measure.setChecked(tool == "measure"))
        self.prefetch.clicked.connect(self.prefetchRequested)
        self.search.returnPressed.connect(self.find)
        self.search.textEdited.connect(lambda _t: self._say(""))
        self.format.activated.connect(lambda i: self.formatChosen.emit(FORMATS[i]))
        self.copy.clicked.connect(self.copy_vehicle_position)
        self.map.pointerMoved.connect(self._pointer_moved)
        self.map.contextRequested.connect(self._context_menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.source_label.setText(self.tr("Map:"))
        self.source.setToolTip(self.tr("Tile source shown under the map"))
        self._label_sources()
        self.offline.setText(self.tr("Offline"))
        self.offline.setToolTip(self.tr("No network request at all: only cached map tiles are shown"))
        self.mgrs.setText(self.tr("MGRS grid"))
        self.mgrs.setToolTip(self.tr("Draw the MGRS / UTMREF grid"))
        self.measure.setText(self.tr("Measure"))
        self.measure.setToolTip(self.tr("Click points on the map: distance, and area from three points"))
        self.prefetch.setText(self.tr("Prefetch area…"))
        self.search.setPlaceholderText(self.tr("Search: degrees, DMS, UTM or MGRS"))
        self.search.setToolTip(self.tr("For example 49.47 6.37, 49°28'12\"N 6°22'12\"E, 32U 326936 5481868 "
                                       "or 32U LV 26936 81868; Enter centres the map"))
        self.format.setToolTip(self.tr("How positions are shown and copied"))
        self.copy.setText(self.tr("Copy position"))
        self.copy.setToolTip(self.tr("Copy the selected vehicle's position in the chosen format"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what the window sets -------------------------------------------------------------------
    def show_sources(self, loader: TileLoader, current: str) -> None:
        self.tiles = loader
        self.source.clear()
        for source in loader.service.sources:
            self.source.addItem(source.name, source.id)
            self.source.setItemData(self.source.count() - 1, source.attribution, Qt.ItemDataRole.ToolTipRole)
        # The last entry opens the WMTS dialog: where sources are chosen, and no room taken from the map's row.
        self.source.insertSeparator(self.source.count())
        self.source.addItem("")
        self._label_sources()
        index = self.source.findData(current)
        self.source.setCurrentIndex(max(index, 0))

    def _label_sources(self) -> None:
        if self.tiles is not None:
            self.source.setItemText(self.source.count() - 1, self.tr("Add a WMTS layer…"))
            scenario = self.source.findData(SCENARIO_SOURCE_ID)
            if scenario >= 0:  # named by the engine in English: the window says it in its own language
                self.source.setItemText(scenario, self.tr("Demo scenario"))

    def _source_activated(self, index: int) -> None:
        source_id = self.source.itemData(index)
        if source_id is not None:
            self.sourceChosen.emit(source_id)
            return
        self.source.setCurrentIndex(max(self.source.findData(self.map.source_id), 0))  # the map still shows that
        self.open_wmts()

    def open_wmts(self) -> WmtsDialog:
        """The dialog that adds a WMTS layer; once added, the list holds it and the map shows it."""
        if self.wmts_dialog is None:
            self.wmts_dialog = WmtsDialog(self.tiles, self)
            self.wmts_dialog.sourceAdded.connect(self._wmts_added)
        self.wmts_dialog.show()
        self.wmts_dialog.raise_()
        return self.wmts_dialog

    def _wmts_added(self, source_id: str) -> None:
        self.show_sources(self.tiles, source_id)
        self.sourceChosen.emit(source_id)

    def set_format(self, form: str) -> None:
        self.form = CoordinateFormat(form).value
        self.format.setCurrentIndex(FORMATS.index(self.form))
        if self._pointer is not None:
            self._pointer_moved(*self._pointer)

    def text(self, lat: float, lon: float) -> str:
        """A position in the chosen format (degrees where the grid has none, near the poles)."""
        try:
            return format_position(lat, lon, self.form)
        except CoordinateError:
            return format_position(lat, lon, "dd")

    # -- search and copy --------------------------------------------------------------------------
    def find(self) -> bool:
        """Centre the map on what the search box holds; a message says what could not be read."""
        try:
            found = parse_position(self.search.text())
        except CoordinateError as e:
            self._say(str(e), error=True)  # the text stays in the box for the pilot to correct
            return False
        self.map.center_on(found.lat, found.lon)
        self._say(fill(self.tr("Centred on %1"), self.text(found.lat, found.lon)))
        return True

    def copy_vehicle_position(self) -> None:
        if self.vehicle_position is None:
            self._say(self.tr("No vehicle with a position selected"), error=True)
            return
        self.copy_position(*self.vehicle_position)

    def copy_position(self, lat: float, lon: float) -> str:
        text = self.text(lat, lon)
        QGuiApplication.clipboard().setText(text)
        self._say(fill(self.tr("Copied %1"), text))
        return text

    def _pointer_moved(self, lat: float, lon: float) -> None:
        self._pointer = (lat, lon)
        self.pointer.setText(self.text(lat, lon))

    def _context_menu(self, lat: float, lon: float, where: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(fill(self.tr("Copy %1"), self.text(lat, lon)), lambda: self.copy_position(lat, lon))
        menu.addAction(self.tr("Measure from here"), lambda: self._measure_from(lat, lon))
        menu.popup(where)

    def _measure_from(self, lat: float, lon: float) -> None:
        self.map.set_tool("measure")
        self.map.measure_points.append((lat, lon))
        self.map.update()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        show_status(self.message, "fail" if error else "")
