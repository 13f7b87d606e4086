"""Adding a map layer from a WMTS service (a national mapping agency's, typically).

The operator pastes the service's capabilities address and presses Read; the document is read on
the tile worker, so the window never waits on the network. The layers are listed by title: those
the map cannot show are greyed out, with the reason when chosen or hovered. National services list
hundreds: a filter above the list keeps those whose title, identifier or abstract hold every typed
word (case and accents aside), says how many, and Enter on a single match adds it. For a layer the
map can show, the dialog proposes a source id and name (both editable) and offers the layer's styles
and image formats; Add saves the source (tiles/sources.json) and tells the map to show it. Every
refusal (offline, no answer, HTTP error, not WMTS, duplicate id) is said in the dialog, which stays
usable.
"""

from __future__ import annotations

import concurrent.futures
import re
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from groundstation.core.tiles import TileSource
from groundstation.core.tiles_grid import TileError
from groundstation.core.wmts import (WmtsCapabilities, WmtsError, WmtsLayer, add_wmts_source, fetch_capabilities,
                                     layer_matches)
from groundstation.ui.themes import show_status
from groundstation.ui.tile_loader import TileLoader
from groundstation.ui.vehicle_text import fill

_NOT_IN_ID = re.compile(r"[^a-z0-9_-]+")
_PROBE_ID = "probe"  # a valid id for trying a layer's tile source; never saved


class WmtsDialog(QDialog):
    answered = Signal(int, object)  # request number, WmtsCapabilities / TileSource / error; emitted on the tile worker
    sourceAdded = Signal(str)       # the new source's id, once saved

    def __init__(self, loader: TileLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.capabilities: WmtsCapabilities | None = None
        self.reasons: dict[str, str] = {}  # layer id -> why the map cannot show it
        self.service_url = ""              # the address the listed layers were read from
        self._requests = 0
        self._waiting: tuple[int, str] | None = None  # the request whose answer is awaited, and its address

        self.address_label = QLabel()
        self.address = QLineEdit()
        self.address.setClearButtonEnabled(True)
        self.read = QPushButton()
        self.service_text = QLabel()
        self.service_text.setWordWrap(True)
        self.service_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layers_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.shown_count = QLabel()
        self.layers = QListWidget()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.source_id = QLineEdit()
        self.name = QLineEdit()
        self.style = QComboBox()
        self.image_format = QComboBox()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.add, QDialogButtonBox.ButtonRole.ActionRole)

        address_row = QHBoxLayout()
        address_row.addWidget(self.address_label)
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.read)
        self.form = QFormLayout()
        self.id_label, self.name_label, self.style_label, self.format_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.form.addRow(self.id_label, self.source_id)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.style_label, self.style)
        self.form.addRow(self.format_label, self.image_format)
        layout = QVBoxLayout(self)
        layout.addLayout(address_row)
        layout.addWidget(self.service_text)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.layers_label)
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.shown_count)
        layout.addLayout(filter_row)
        layout.addWidget(self.layers, 1)
        layout.addWidget(self.detail)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 520)

        self.read.clicked.connect(self.read_service)
        self.address.returnPressed.connect(self.read_service)
        self.address.textChanged.connect(lambda _t: self._update_buttons())
        self.filter.textChanged.connect(lambda _t: self._filter_layers())
        self.filter.installEventFilter(self)  # Enter adds the single match (and presses no dialog button)
        self.layers.currentItemChanged.connect(lambda _now, _before: self._layer_chosen())
        self.source_id.textChanged.connect(lambda _t: self._update_buttons())
        self.add.clicked.connect(self.add_layer)
        self.buttons.rejected.connect(self.close)
        self.answered.connect(self._answer)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a WMTS map layer"))
        self.address_label.setText(self.tr("Service address:"))
        self.address.setPlaceholderText(self.tr("https://…/WMTSCapabilities.xml or the service's WMTS address"))
        self.address.setToolTip(self.tr("The address of the service's capabilities document, as the map agency "
                                        "publishes it; the station asks for GetCapabilities where it is missing"))
        self.read.setText(self.tr("Read"))
        self.layers_label.setText(self.tr("Layers:"))
        self.filter.setPlaceholderText(self.tr("Filter: words in the title or description"))
        self.filter.setToolTip(self.tr("Shows the layers whose title, identifier or description hold every "
                                       "word typed, in any case, with or without accents; Enter adds the "
                                       "only match"))
        self.id_label.setText(self.tr("Source id:"))
        self.source_id.setToolTip(self.tr("Lower-case letters, digits, '-' and '_'; it names the layer's cache"))
        self.name_label.setText(self.tr("Name:"))
        self.style_label.setText(self.tr("Style:"))
        self.format_label.setText(self.tr("Image format:"))
        self.add.setText(self.tr("Add to the map"))
        self._describe_service()
        self._label_layers()
        self._count_shown()
        self._describe_layer()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- reading the service ----------------------------------------------------------------------
    def read_service(self) -> bool:
        url = self.address.text().strip()
        if not url:
            self._say(self.tr("Paste the service's address first"), error=True)
            return False
        self._say(fill(self.tr("Reading %1…"), url))
        self._submit(fetch_capabilities(self.loader.service, url), url)
        return True

    def _show_capabilities(self, caps: WmtsCapabilities) -> None:
        self.capabilities = caps
        self.reasons = {layer.identifier: reason for layer in caps.layers
                        if (reason := _why_not_shown(caps, layer)) is not None}
        self._describe_service()
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.layers.blockSignals(True)
        self.filter.blockSignals(True)
        self.filter.clear()  # a filter typed for the last service would hide this one's layers
        self.filter.blockSignals(False)
        self.layers.clear()
        for layer in caps.layers:
            reason = self.reasons.get(layer.identifier)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, layer.identifier)
            item.setToolTip(layer.identifier if reason is None else f"{layer.identifier}: {reason}")
            if reason is not None:
                item.setForeground(grey)
            self.layers.addItem(item)
        self._label_layers()
        self._count_shown()
        usable = [i for i in range(self.layers.count()) if self._layer_at(i) not in self.reasons]
        if usable:
            self.layers.setCurrentRow(usable[0])
        self.layers.blockSignals(False)
        self._layer_chosen()

    # -- the filter -------------------------------------------------------------------------------
    def _filter_layers(self) -> None:
        """Hide the layers the filter leaves out; the chosen layer stays chosen if still shown, else the
        first shown one the map can show is."""
        if self.capabilities is None:
            return
        query = self.filter.text()
        for row, layer in enumerate(self.capabilities.layers):
            self.layers.item(row).setHidden(not layer_matches(layer, query))
        self._count_shown()
        current = self.layers.currentItem()
        if current is None or current.isHidden():
            shown = self._shown_rows()
            usable = [row for row in shown if self._layer_at(row) not in self.reasons]
            self.layers.setCurrentRow((usable or shown or [-1])[0])

    def _shown_rows(self) -> list[int]:
        return [row for row in range(self.layers.count()) if not self.layers.item(row).isHidden()]

    def _count_shown(self) -> None:
        if self.capabilities is None:
            self.shown_count.setText("")
            return
        self.shown_count.setText(fill(self.tr("%1 of %2 layers"), len(self._shown_rows()), self.layers.count()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._filter_entered()
            return True
        return super().eventFilter(watched, event)

    def _filter_entered(self) -> None:
        """Enter in the filter: the single match is added; among several, the list takes the keys."""
        shown = self._shown_rows()
        if len(shown) != 1:
            if shown:
                self.layers.setFocus()
            return
        self.layers.setCurrentRow(shown[0])
        layer_id = self._layer_at(shown[0])
        if layer_id in self.reasons:
            self._say(fill(self.tr("The map cannot show this layer: %1"), self.reasons[layer_id]), error=True)
        elif self.add.isEnabled():
            self.add_layer()

    def _describe_service(self) -> None:
        caps = self.capabilities
        if caps is None:
            return
        about = [caps.title or urlsplit(caps.url).netloc]
        if caps.provider:
            about.append(caps.provider)
        if caps.access_constraints:
            about.append(fill(self.tr("terms: %1"), caps.access_constraints))
        self.service_text.setText(" — ".join(about))

    def _label_layers(self) -> None:
        if self.capabilities is None:
            return
        for row, layer in enumerate(self.capabilities.layers):
            self.layers.item(row).setText(layer.title if layer.identifier not in self.reasons else
                                          fill(self.tr("%1 (cannot be shown)"), layer.title))

    def _layer_at(self, row: int) -> str:
        return self.layers.item(row).data(Qt.ItemDataRole.UserRole)

    def _chosen_layer(self) -> str | None:
        item = self.layers.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _layer_chosen(self) -> None:
        """Propose an id and a name, and offer the layer's styles and image formats."""
        self.style.clear()
        self.image_format.clear()
        self.source_id.clear()
        self.name.clear()
        proposed = self._describe_layer()
        if proposed is not None:
            layer = self.capabilities.layer(self._chosen_layer())
            self.source_id.setText(self._free_id(layer.identifier))
            self.name.setText(proposed.name)
            self.name.setCursorPosition(0)
            self.style.addItems(list(layer.styles))
            for image_format in layer.formats:
                try:
                    offered = self.capabilities.tile_source(layer.identifier, _PROBE_ID, image_format=image_format)
                except WmtsError:
                    continue  # vector tiles and the like: the map draws images only
                self.image_format.addItem(image_format)
                if offered == proposed:
                    self.image_format.setCurrentIndex(self.image_format.count() - 1)
        self._update_buttons()

    def _describe_layer(self) -> TileSource | None:
        """Say what the chosen layer gives, or why the map cannot show it; the source it would make, if any."""
        layer_id = self._chosen_layer()
        if self.capabilities is None or layer_id is None:
            self.detail.setText("")
            return None
        if layer_id in self.reasons:
            self.detail.setText(fill(self.tr("The map cannot show this layer: %1"), self.reasons[layer_id]))
            show_status(self.detail, "fail")
            return None
        proposed = self.capabilities.tile_source(layer_id, _PROBE_ID)
        self.detail.setText(fill(self.tr("%1 — zoom levels %2 to %3; %4"), layer_id, proposed.min_zoom,
                                 proposed.max_zoom, proposed.attribution))
        show_status(self.detail, "")
        return proposed

    def _free_id(self, layer_id: str) -> str:
        """The layer's identifier as a source id, numbered on if the station already has one so called."""
        base = _NOT_IN_ID.sub("-", layer_id.lower()).strip("-_")[:60] or "wmts"
        taken = {source.id for source in self.loader.service.sources}
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    # -- adding the layer ---------------------------------------------------------------------------
    def add_layer(self) -> bool:
        layer_id = self._chosen_layer()
        if self.capabilities is None or layer_id is None or layer_id in self.reasons:
            return False
        source_id = self.source_id.text().strip()
        self._say(fill(self.tr("Adding %1…"), source_id))
        self._submit(add_wmts_source(self.loader.service, self.service_url, layer_id, source_id,
                                     name=self.name.text().strip() or None, style=self.style.currentText() or None,
                                     image_format=self.image_format.currentText() or None), self.service_url)
        return True

    # -- the tile worker's answers ----------------------------------------------------------------
    def _submit(self, work, url: str) -> None:
        self._requests += 1
        request = self._requests
        self._waiting = (request, url)
        self._update_buttons()

        def done(job: concurrent.futures.Future) -> None:
            # On the tile worker: the answer crosses to the GUI thread through the queued signal.
            if job.cancelled():
                return  # the worker closed with the window
            try:
                self.answered.emit(request, job.exception() or job.result())
            except RuntimeError:
                pass  # the dialog is gone
        self.loader.submit(work).add_done_callback(done)

    def _answer(self, request: int, answer: object) -> None:
        if self._waiting is None or self._waiting[0] != request:
            return  # a later request replaced this one
        url, self._waiting = self._waiting[1], None
        if isinstance(answer, WmtsCapabilities):
            self.service_url = url
            self._show_capabilities(answer)
            self._say(fill(self.tr("%1 layers, %2 the map can show"), len(answer.layers),
                           len(answer.layers) - len(self.reasons)))
        elif isinstance(answer, TileSource):
            self.source_id.setText(self._free_id(answer.id))  # ready for another style or layer
            self._say(fill(self.tr("Added %1: the map shows it now"), answer.name))
            self.sourceAdded.emit(answer.id)
        else:  # offline, no answer, HTTP error, not WMTS, a bad or taken id: said, and nothing changed
            text = str(answer) if isinstance(answer, TileError) else f"{type(answer).__name__}: {answer}"
            self._say(fill(self.tr("Nothing added: %1"), text), error=True)
        self._update_buttons()

    def busy(self) -> bool:
        return self._waiting is not None

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        show_status(self.status, "fail" if error else "")

    def _update_buttons(self) -> None:
        busy = self.busy()
        layer_id = self._chosen_layer()
        self.read.setEnabled(not busy and bool(self.address.text().strip()))
        self.filter.setEnabled(self.capabilities is not None)
        self.add.setEnabled(not busy and self.capabilities is not None and layer_id is not None
                            and layer_id not in self.reasons and bool(self.source_id.text().strip()))
        for widget in (self.source_id, self.name, self.style, self.image_format):
            widget.setEnabled(layer_id is not None and layer_id not in self.reasons)


def _why_not_shown(caps: WmtsCapabilities, layer: WmtsLayer) -> str | None:
    """Why the map cannot show a layer (no Web Mercator matrix set, no image format...), or None if it can."""
    try:
        caps.tile_source(layer.identifier, _PROBE_ID)
    except WmtsError as exc:
        return str(exc)
    return None
