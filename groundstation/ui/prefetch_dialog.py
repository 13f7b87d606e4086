"""Prefetching the operation area's map before going where there is no network.

The pilot draws a rectangle on the map (or takes the current view), picks the zoom range, reads
the tile count, how many are cached and the download size, then starts. The download runs on
the tile worker; its progress arrives through a signal, and it can be paused, resumed, stopped,
and its failed tiles retried once the network is back.
"""

from __future__ import annotations

import concurrent.futures

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from groundstation.core.tiles import Prefetch, PrefetchProgress, TileArea, TileError
from groundstation.ui.map_view import MapView
from groundstation.ui.tile_loader import TileLoader
from groundstation.ui.vehicle_text import fill
from groundstation.ui.themes import show_status


class PrefetchDialog(QDialog):
    progressed = Signal(object)  # PrefetchProgress, emitted on the tile worker

    def __init__(self, loader: TileLoader, map_view: MapView, source_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.map = map_view
        self.source = loader.service.sources.get(source_id)
        self.bounds: tuple[float, float, float, float] | None = None  # south, west, north, east
        self.prefetch: Prefetch | None = None
        self.job: concurrent.futures.Future | None = None
        self.last: PrefetchProgress | None = None

        self.area_text = QLabel()
        self.area_text.setWordWrap(True)
        self.draw = QPushButton()
        self.use_view = QPushButton()
        self.low = QSpinBox()
        self.high = QSpinBox()
        top = self.source.prefetch_max_zoom if self.source.prefetch_max_zoom is not None else self.source.max_zoom
        for box in (self.low, self.high):
            box.setRange(self.source.min_zoom, top)
        self.low.setValue(max(self.source.min_zoom, min(12, top)))
        self.high.setValue(min(16, top))
        self.estimate_text = QLabel()
        self.estimate_text.setWordWrap(True)
        self.bar = QProgressBar()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.start = QPushButton()
        self.pause = QPushButton()
        self.resume = QPushButton()
        self.retry = QPushButton()
        self.stop = QPushButton()
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)

        self.source_text = QLabel(self.source.name)
        area_row = QHBoxLayout()
        area_row.addWidget(self.draw)
        area_row.addWidget(self.use_view)
        zoom_row = QHBoxLayout()
        zoom_row.addWidget(self.low)
        self.to_label = QLabel()
        zoom_row.addWidget(self.to_label)
        zoom_row.addWidget(self.high)
        zoom_row.addStretch(1)
        self.form = QFormLayout()
        self.source_row_label, self.area_row_label, self.zoom_row_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.source_row_label, self.source_text)
        self.form.addRow(self.area_row_label, self.area_text)
        self.form.addRow("", area_row)
        self.form.addRow(self.zoom_row_label, zoom_row)
        buttons = QHBoxLayout()
        for b in (self.start, self.pause, self.resume, self.retry, self.stop):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.estimate_text)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.close_buttons)

        self.draw.clicked.connect(lambda: self.map.set_tool("area"))
        self.use_view.clicked.connect(lambda: self.set_area(*self.map.view_bounds()) if self.map.view_bounds() else None)
        self.map.areaDrawn.connect(self.set_area)
        self.low.valueChanged.connect(self._zooms_changed)
        self.high.valueChanged.connect(self._zooms_changed)
        self.start.clicked.connect(self.run)
        self.pause.clicked.connect(lambda: self.loader.submit(self._call(lambda p: p.pause())))
        self.resume.clicked.connect(self._resume)
        self.retry.clicked.connect(self.retry_failed)
        self.stop.clicked.connect(lambda: self.loader.submit(self._call(lambda p: p.cancel())))
        self.close_buttons.rejected.connect(self.close)
        self.progressed.connect(self._show_progress)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Prefetch map area"))
        self.source_row_label.setText(self.tr("Source:"))
        self.area_row_label.setText(self.tr("Area:"))
        self.zoom_row_label.setText(self.tr("Zoom levels:"))
        self.to_label.setText(self.tr("to"))
        self.draw.setText(self.tr("Draw on map"))
        self.use_view.setText(self.tr("Use map view"))
        self.start.setText(self.tr("Start"))
        self.pause.setText(self.tr("Pause"))
        self.resume.setText(self.tr("Resume"))
        self.retry.setText(self.tr("Retry failed"))
        self.stop.setText(self.tr("Stop"))
        self._show_area()
        if self.last is not None:
            self._show_progress(self.last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- area and estimate ------------------------------------------------------------------------
    def set_area(self, south: float, west: float, north: float, east: float) -> None:
        self.bounds = (south, west, north, east)
        self.prefetch = None
        self._show_area()
        self._update_buttons()

    def prefetch_area(self) -> TileArea | None:
        return TileArea.bbox(*self.bounds) if self.bounds is not None else None

    def zooms(self) -> range:
        return range(min(self.low.value(), self.high.value()), max(self.low.value(), self.high.value()) + 1)

    def _zooms_changed(self) -> None:
        self.prefetch = None
        self._show_area()
        self._update_buttons()

    def _show_area(self) -> None:
        locale = QLocale()
        if self.bounds is None:
            self.area_text.setText(self.tr("Not drawn yet: draw it on the map or use the map view"))
            self.estimate_text.setText("")
            return
        s, w, n, e = self.bounds
        self.area_text.setText(f"{s:.4f}, {w:.4f} — {n:.4f}, {e:.4f}")
        try:
            est = self.loader.service.estimate(self.source.id, TileArea.bbox(s, w, n, e), self.zooms())
        except TileError as err:
            self.estimate_text.setText(str(err))
            return
        cached = locale.toString(est.cached) if est.cached is not None else "?"
        self.estimate_text.setText(fill(self.tr("%1 tiles, %2 already cached, about %3 to download"),
                                        locale.toString(est.tiles), cached,
                                        locale.formattedDataSize(est.download_bytes)))

    # -- running ----------------------------------------------------------------------------------
    def run(self) -> bool:
        if self.bounds is None:
            return False
        if self.prefetch is None:
            try:
                self.prefetch = self.loader.service.prefetch(self.source.id, TileArea.bbox(*self.bounds), self.zooms(),
                                                             self.progressed.emit)
            except TileError as err:
                self._error(str(err))
                return False
        return self._launch(self.prefetch.run)

    def retry_failed(self) -> bool:
        if self.prefetch is None or not self.prefetch.failed:
            return False
        return self._launch(self.prefetch.retry_failed)

    def _launch(self, work) -> bool:
        async def go():
            return await work()
        self.job = self.loader.submit(go())
        self.job.add_done_callback(self._finished)
        return True

    def _finished(self, job: concurrent.futures.Future) -> None:
        # On the tile worker: an error (offline, already running) reaches the pilot as a status line.
        error = job.exception() if not job.cancelled() else None
        if error is not None:
            try:
                self.progressed.emit(str(error) or type(error).__name__)
            except RuntimeError:
                pass  # the dialog is gone

    def _resume(self) -> None:
        async def resume():
            try:
                self.prefetch.resume()
            except TileError as err:
                self.progressed.emit(str(err))
        if self.prefetch is not None:
            self.loader.submit(resume())

    async def _call(self, action) -> None:
        if self.prefetch is not None:
            action(self.prefetch)  # on the worker: Prefetch lives on that loop

    def _show_progress(self, progress: PrefetchProgress | str) -> None:
        if isinstance(progress, str):
            self._error(progress)
            return
        self.last = progress
        locale = QLocale()
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.done)
        states = {"ready": self.tr("ready"), "running": self.tr("running"), "paused": self.tr("paused"),
                  "finished": self.tr("finished"), "cancelled": self.tr("stopped")}
        text = fill(self.tr("%1: %2 downloaded, %3 already cached, %4 failed (%5)"), states.get(progress.state, progress.state),
                    locale.toString(progress.downloaded), locale.toString(progress.already_cached),
                    locale.toString(progress.failed), locale.formattedDataSize(progress.bytes))
        if progress.note:
            text += " — " + progress.note
        self.status.setText(text)
        show_status(self.status, "")
        self._update_buttons()
        if progress.state == "finished":
            self.loader.forget()  # the new tiles show at once
            self.map.update()

    def _error(self, text: str) -> None:
        self.status.setText(text)
        show_status(self.status, "fail")
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.last.state if self.last is not None and self.prefetch is not None else "ready"
        active = state in ("running", "paused")
        self.start.setEnabled(self.bounds is not None and not active)
        self.pause.setEnabled(state == "running")
        self.resume.setEnabled(state == "paused")
        self.stop.setEnabled(active)
        self.retry.setEnabled(not active and self.prefetch is not None and bool(self.prefetch.failed))
        self.low.setEnabled(not active)
        self.high.setEnabled(not active)
        self.draw.setEnabled(not active)
        self.use_view.setEnabled(not active)

    def closeEvent(self, event) -> None:
        if self.map.tool == "area":
            self.map.set_tool("")
        super().closeEvent(event)
