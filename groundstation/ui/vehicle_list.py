"""The vehicle list: one row per vehicle, cells from vehicle_text, alarms in red."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from groundstation.core.engine import FleetSnapshot
from groundstation.ui import vehicle_text
from groundstation.ui.vehicle_text import LIST_COLUMNS, Readout

ALARM_TEXT = QColor("#b71c1c")
LOST_ROW = QColor(211, 47, 47, 60)  # a translucent red reads on the day and the night background


class FleetTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.system_ids: list[int] = []
        self._rows: list[tuple[Readout, ...]] = []
        self._lost: list[bool] = []
        self._stale = False
        self._bold = QFont()
        self._bold.setBold(True)

    def update(self, snapshot: FleetSnapshot) -> None:
        ids = sorted(snapshot.vehicles)
        rows = [vehicle_text.list_row(snapshot.vehicles[sid].state, QCoreApplication.translate) for sid in ids]
        lost = [not snapshot.vehicles[sid].state.link_ok for sid in ids]
        if ids != self.system_ids:
            self.beginResetModel()
            self.system_ids, self._rows, self._lost = ids, rows, lost
            self.endResetModel()
        elif rows != self._rows or lost != self._lost or self._stale:
            self._rows, self._lost, self._stale = rows, lost, False
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(LIST_COLUMNS) - 1))

    def force_refresh(self) -> None:
        """Drop the cached cells so the next update renders them again (e.g. in a new language)."""
        self._stale = True

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(LIST_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(vehicle_text.CONTEXT, LIST_COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.hint or cell.text
        if role == Qt.ItemDataRole.ForegroundRole and cell.alarm:
            return QBrush(ALARM_TEXT)
        if role == Qt.ItemDataRole.FontRole and cell.alarm:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and self._lost[index.row()]:
            return QBrush(LOST_ROW)
        return None


class VehicleList(QTableView):
    """Selecting a row selects that vehicle everywhere; the list never scrolls sideways."""

    vehicleSelected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fleet = FleetTableModel()
        self.setModel(self.fleet)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(28)
        for column in range(len(LIST_COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(LIST_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.selectionModel().currentRowChanged.connect(self._row_changed)
        self.fleet.modelReset.connect(self._restore_selection)
        self._selected: int | None = None

    def update_fleet(self, snapshot: FleetSnapshot) -> None:
        self.fleet.update(snapshot)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # Column titles and cells come from the model: have the view ask it again.
            self.fleet.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(LIST_COLUMNS) - 1)
            self.fleet.force_refresh()
        super().changeEvent(event)

    def select(self, system_id: int | None) -> None:
        self._selected = system_id
        if system_id in self.fleet.system_ids:
            row = self.fleet.system_ids.index(system_id)
            if self.currentIndex().row() != row:
                self.selectionModel().setCurrentIndex(
                    self.fleet.index(row, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _restore_selection(self) -> None:
        # A vehicle joining resets the rows; keep the pilot's selection on the same vehicle.
        if self._selected is not None:
            self.select(self._selected)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            sid = self.fleet.system_ids[current.row()]
            if sid != self._selected:
                self._selected = sid
                self.vehicleSelected.emit(sid)
