"""The parameter editor: one vehicle's parameters, searched, edited one at a time, saved to and
loaded from QGroundControl `.params` files.

Downloads and sets go to the engine; their progress and results come back on the engine thread and
cross here through Qt signals, so the window never waits on the link. A value is read by its
parameter's type (a whole number for an integer parameter) before anything is sent, and a set
counts only when the vehicle's echo says it kept that value (the parameter service checks it).
Loading a file sets, one at a time, only the values that differ from the vehicle's.
"""

from __future__ import annotations

import concurrent.futures
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from drivers.mavlink.param_file import ParamFileError, format_value, read_params, write_params
from drivers.mavlink.params import TYPE_NAMES, Parameter, float32
from groundstation.core.engine import Engine
from groundstation.ui import pending
from groundstation.ui.vehicle_text import fill
from groundstation.ui.themes import show_status



@dataclass(frozen=True)
class ParamOutcome:
    """What came back from the engine for one download or one set."""

    action: str  # "download" or "set"
    system_id: int
    name: str  # the parameter set; empty for a download
    result: object  # {name: Parameter} for a download, the vehicle's echo for a set
    error: str  # empty on success


def same_value(a: int | float, b: int | float) -> bool:
    """Equal as the vehicle holds them: floats as float32, so a file's 18 digits match the echo."""
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    fa, fb = float32(float(a)), float32(float(b))
    return fa == fb or (math.isnan(fa) and math.isnan(fb))


class ParamsPanel(QWidget):
    downloadProgress = Signal(int, int)  # parameters in, parameters in all; emitted from the engine thread
    requestFinished = Signal(object)  # ParamOutcome, emitted from the engine thread

    def __init__(self, engine: Engine, selected: Callable[[], int | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.selected = selected  # the window's selected vehicle
        self.params: dict[str, Parameter] = {}
        self.params_vehicle: int | None = None  # the vehicle whose parameters are listed
        self.outcomes: list[ParamOutcome] = []
        self.busy = False  # a download, a set or a file's values in flight: one at a time
        self._to_apply: list[Parameter] = []  # values from a loaded file still to set, in order
        self._file_report: dict | None = None  # counts and failures while a file's values are set

        self.heading = QLabel("")
        self.download = QPushButton()
        self.save = QPushButton()
        self.load = QPushButton()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, 3)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.chosen = QLabel("")  # the parameter the value box edits
        self.value = QLineEdit()
        self.set_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self._build_layout()
        self.retranslate()

        self.download.clicked.connect(self.download_params)
        self.save.clicked.connect(self._choose_save)
        self.load.clicked.connect(self._choose_load)
        self.search.textChanged.connect(self._fill_table)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.value.returnPressed.connect(self.set_value)
        self.set_button.clicked.connect(self.set_value)
        self.downloadProgress.connect(self._show_progress)
        self.requestFinished.connect(self._finished)
        self._enable()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.download, self.save, self.load):
            buttons.addWidget(button)
        edit = QHBoxLayout()
        edit.addWidget(self.chosen)
        edit.addWidget(self.value, 1)
        edit.addWidget(self.set_button)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addLayout(buttons)
        column.addWidget(self.search)
        column.addWidget(self.table, 1)
        column.addLayout(edit)
        column.addWidget(self.progress)
        column.addWidget(self.status)

    def retranslate(self) -> None:
        self.download.setText(self.tr("Download all"))
        self.save.setText(self.tr("Save…"))
        self.load.setText(self.tr("Load…"))
        self.search.setPlaceholderText(self.tr("Search by name"))
        self.set_button.setText(self.tr("Set"))
        self.value.setPlaceholderText(self.tr("new value"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Value"), self.tr("Type")])
        self._show_heading()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- the list ---------------------------------------------------------------------------------
    def shown_names(self) -> list[str]:
        return [self.table.item(row, 0).text() for row in range(self.table.rowCount())]

    def _fill_table(self) -> None:
        wanted = self.search.text().strip().upper()
        names = sorted(n for n in self.params if wanted in n.upper())
        keep = self.chosen.text()
        self.table.blockSignals(True)
        self.table.setRowCount(len(names))
        for row, name in enumerate(names):
            param = self.params[name]
            for col, text in enumerate((name, format_value(param), TYPE_NAMES.get(param.type, str(param.type)))):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if name == keep:
                self.table.selectRow(row)
        self.table.blockSignals(False)

    def _show_heading(self) -> None:
        if self.params_vehicle is None:
            self.heading.setText(self.tr("No parameters yet: select a vehicle and download them"))
        else:
            self.heading.setText(fill(self.tr("Vehicle %1: %2 parameters"), self.params_vehicle, len(self.params)))

    def choose(self, name: str) -> None:
        """Edit this parameter: its name and value go to the value box."""
        param = self.params[name]
        self.chosen.setText(name)
        self.value.setText(format_value(param))
        self._enable()

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.choose(self.table.item(rows[0].row(), 0).text())

    def _enable(self) -> None:
        busy = self.busy
        have = bool(self.params)
        self.download.setEnabled(not busy)
        self.save.setEnabled(have and not busy)
        self.load.setEnabled(have and not busy)
        self.set_button.setEnabled(have and bool(self.chosen.text()) and not busy)
        self.value.setEnabled(have and bool(self.chosen.text()) and not busy)

    def _start(self, total: int) -> None:
        self.busy = True
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self._enable()

    def _stop(self, done: bool) -> None:
        self.busy = False
        self.progress.setValue(self.progress.maximum() if done else 0)
        self._enable()

    # -- download ---------------------------------------------------------------------------------
    def _refused_while_busy(self) -> bool:
        if self.busy:
            self._say(self.tr("Wait: the last request to the vehicle has not finished"), ok=False)
        return self.busy

    def download_params(self) -> bool:
        if self._refused_while_busy():
            return False
        sid = self.selected()
        if sid is None:
            self._say(self.tr("No vehicle selected"), ok=False)
            return False
        self._start(1)
        return self._submit("download", sid, "", lambda: self.engine.download_params(sid, progress=self._progress))

    def _progress(self, done: int, total: int) -> None:
        """Runs on the engine thread."""
        try:
            self.downloadProgress.emit(done, total)
        except RuntimeError:
            pass  # the panel was closed during the download

    def _show_progress(self, done: int, total: int) -> None:
        if self.busy:
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(min(done, max(total, 1) - 1))  # full only when the result is in

    # -- one value ------------------------------------------------------------------------------
    def set_value(self, text: str | None = None) -> bool:
        """Send the value box's text (or `text`) for the chosen parameter, read by its type."""
        if self._refused_while_busy():
            return False
        name, sid = self.chosen.text(), self.params_vehicle
        if not name or sid is None or name not in self.params:
            self._say(self.tr("Choose a parameter in the list first"), ok=False)
            return False
        param = self.params[name]
        typed = (self.value.text() if text is None else text).strip()
        if param.is_integer:
            try:
                value: int | float = int(typed)
            except ValueError:
                self._say(fill(self.tr("%1 takes a whole number, not “%2”; nothing sent"), name, typed), ok=False)
                return False
        else:
            try:
                value = float(typed.replace(",", "."))  # a French or German decimal comma reads too
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                self._say(fill(self.tr("%1 takes a number, not “%2”; nothing sent"), name, typed), ok=False)
                return False
        self._start(1)
        return self._submit("set", sid, name, lambda: self.engine.set_param(sid, name, value, param.type))

    # -- files ----------------------------------------------------------------------------------
    def save_to(self, path: str | Path) -> bool:
        if self.params_vehicle is None:
            self._say(self.tr("Nothing to save: download the parameters first"), ok=False)
            return False
        try:
            write_params(path, self.params.values(), self.params_vehicle)
        except OSError as e:
            self._say(fill(self.tr("Could not save %1: %2"), path, e.strerror or e), ok=False)
            return False
        self._say(fill(self.tr("%1 parameters saved to %2"), len(self.params), path), ok=True)
        return True

    def load_from(self, path: str | Path) -> bool:
        """Set on the vehicle every value of the file that differs from the vehicle's."""
        if self._refused_while_busy():
            return False
        if self.params_vehicle is None:
            self._say(self.tr("Download the parameters first, then load a file onto them"), ok=False)
            return False
        try:
            entries = read_params(path)
        except ParamFileError as e:
            self._say(fill(self.tr("Could not load %1: %2; nothing sent"), path, e), ok=False)
            return False
        unknown = [e.parameter.name for e in entries if e.parameter.name not in self.params]
        changes = [replace(self.params[e.parameter.name], value=e.parameter.value) for e in entries
                   if e.parameter.name in self.params
                   and not same_value(self.params[e.parameter.name].value, e.parameter.value)]
        self._file_report = {"changed": len(changes), "unknown": len(unknown), "failed": []}
        self._to_apply = changes
        self._start(len(changes))
        self._apply_next()
        return True

    def _apply_next(self) -> None:
        sid = self.params_vehicle
        if not self._to_apply or sid is None:
            self._to_apply = []
            self._file_applied()
            return
        param = self._to_apply.pop(0)
        self._submit("set", sid, param.name,
                     lambda: self.engine.set_param(sid, param.name, param.value, param.type), say=False)

    def _file_applied(self) -> None:
        report, self._file_report = self._file_report, None
        self._stop(done=True)
        failed = report["failed"]
        text = fill(self.tr("File loaded: %1 values changed, %2 names not on this vehicle"),
                    report["changed"] - len(failed), report["unknown"])
        if failed:
            text += "; " + fill(self.tr("%1 failed: %2"), len(failed), "; ".join(failed))
        self._say(text, ok=not failed)

    def _choose_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save parameters"), "",
                                              self.tr("QGroundControl parameters (*.params)"))
        if path:
            self.save_to(path)

    def _choose_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load parameters"), "",
                                              self.tr("QGroundControl parameters (*.params)"))
        if path:
            self.load_from(path)

    # -- results ----------------------------------------------------------------------------------
    def _submit(self, action: str, sid: int, name: str, send: Callable[[], concurrent.futures.Future],
                say: bool = True) -> bool:
        def refused(why: str) -> None:
            self._to_apply, self._file_report = [], None
            self._stop(done=False)
            self._say(fill(self.tr("vehicle %1: not sent: %2"), sid, why), ok=False)

        def under_way() -> None:
            if say:
                self._say(fill(self.tr("vehicle %1: downloading parameters…"), sid) if action == "download"
                          else fill(self.tr("vehicle %1: setting %2…"), sid, name), ok=True)

        return pending.send(self, "requestFinished", send,
                            lambda result, error: ParamOutcome(action, sid, name, result, error),
                            refused=refused, under_way=under_way)

    def _finished(self, outcome: ParamOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.action == "download":
            if outcome.error:
                self._say(fill(self.tr("vehicle %1: parameter download FAILED: %2"), outcome.system_id,
                               outcome.error), ok=False)
            else:
                self.params = dict(outcome.result)
                self.params_vehicle = outcome.system_id
                self.chosen.setText("")
                self.value.clear()
                self._fill_table()
                self._show_heading()
                self._say(fill(self.tr("vehicle %1: %2 parameters downloaded"), outcome.system_id,
                               len(self.params)), ok=True)
            self._stop(done=not outcome.error)
            return
        if not outcome.error and outcome.system_id == self.params_vehicle:
            old = self.params.get(outcome.name)
            self.params[outcome.name] = replace(outcome.result, index=old.index if old else -1)
            self._fill_table()
            if self.chosen.text() == outcome.name:
                self.value.setText(format_value(self.params[outcome.name]))
        if self._file_report is not None:
            if outcome.error:
                self._file_report["failed"].append(outcome.error)
            self.progress.setValue(self.progress.value() + 1)
            self._apply_next()
            return
        self._stop(done=not outcome.error)
        if outcome.error:
            self._say(fill(self.tr("vehicle %1: setting %2 FAILED: %3"), outcome.system_id, outcome.name,
                           outcome.error), ok=False)
        else:
            self._say(fill(self.tr("vehicle %1: %2 is now %3"), outcome.system_id, outcome.name,
                           format_value(self.params[outcome.name])), ok=True)

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        show_status(self.status, "ok" if ok else "fail")

