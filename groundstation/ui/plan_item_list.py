"""The mission items as a table in the plan view: number, command, position, altitude and speed, one row
each, the item being flown in bold on an orange ground. Altitude and speed cells are typed in where they
mean something (and the list is editable at all); the plan view turns a typed cell into an edit."""

from __future__ import annotations

from pymavlink.dialects.v20 import common as mavlink
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from groundstation.ui.plan_edits import speed_at
from groundstation.ui.plan_layer import CURRENT_COLOUR
from missions.items import MissionItem

ALTITUDE_COLUMN, SPEED_COLUMN = 4, 5
ROWS_WANTED = 4  # the height the list asks for; it takes whatever the dock has left, so the dock fits 768 px


class PlanItemList(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.items: list[MissionItem] = []  # the items listed, one per row
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("#"), self.tr("Item"), self.tr("Latitude"), self.tr("Longitude"),
                                        self.tr("Altitude"), self.tr("Speed")])

    def sizeHint(self) -> QSize:
        rows = ROWS_WANTED * self.verticalHeader().defaultSectionSize()
        return QSize(super().sizeHint().width(), self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_items(self, items: list[MissionItem], current: int, editable: bool = True) -> None:
        """List `items`, the one numbered `current` as being flown; `editable`: altitude and speed can be typed."""
        self.items = list(items)
        self.blockSignals(True)  # filling is not editing
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            pos = item.position
            speed = speed_at(items, row)
            cells = [str(item.seq), command_name(item.command), f"{pos.lat:.6f}" if pos else "",
                     f"{pos.lon:.6f}" if pos else "", f"{item.z:.1f} m" if pos else "",
                     f"{speed:.1f} m/s" if speed is not None else ""]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                typed = (col == ALTITUDE_COLUMN and pos is not None) or (
                    col == SPEED_COLUMN and (pos is not None or item.command == mavlink.MAV_CMD_DO_CHANGE_SPEED))
                if not (editable and typed):
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, col, cell)
        self.blockSignals(False)
        self.show_current(current)

    def show_current(self, current: int) -> None:
        """Highlight the item numbered `current` (-1: none) and scroll it into sight."""
        self.blockSignals(True)  # highlighting is not editing
        for row, item in enumerate(self.items):
            flying = item.seq == current
            for col in range(self.columnCount()):
                cell = self.item(row, col)
                cell.setBackground(QBrush(CURRENT_COLOUR.lighter(160)) if flying else QBrush())
                font = cell.font()
                font.setBold(flying)
                cell.setFont(font)
            if flying:
                self.scrollToItem(self.item(row, 0))
        self.blockSignals(False)

    def selected_row(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].row() if rows else None


def command_name(command: int) -> str:
    entry = mavlink.enums["MAV_CMD"].get(command)
    return entry.name.removeprefix("MAV_CMD_").removeprefix("NAV_").removeprefix("DO_") if entry else str(command)
