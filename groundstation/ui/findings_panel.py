"""Findings in the window: the list, one finding's snapshot and history, the operator's decisions,
the partners' delivery state, and the findings' layer on the map.

The panel owns no findings: it renders the engine snapshot's findings and partners, sends each
decision (confirm, dismiss, annotate, resolve, mark here) to the engine, and shows the result when
the engine's Future completes (crossing to the GUI thread through a Qt signal). History and the
snapshot image are read from the store on the engine thread, never on this one.
"""

from __future__ import annotations

import concurrent.futures
import math
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from groundstation.core.engine import Engine, FleetSnapshot
from groundstation.core.findings import Finding, FindingChange, FindingKind, FindingStatus
from groundstation.ui import pending
from groundstation.ui.themes import show_status
from groundstation.ui.vehicle_text import fill

STATUS_COLOURS = {
    FindingStatus.UNCONFIRMED: QColor("#ff8f00"),
    FindingStatus.CONFIRMED: QColor("#d32f2f"),
    FindingStatus.DISMISSED: QColor("#9e9e9e"),
    FindingStatus.RESOLVED: QColor("#2e7d32"),
}
MARKER_PX = 9
PICK_RADIUS_PX = 14
PREVIEW_PX = (240, 180)

AskText = Callable[[str, str], "str | None"]
"""Asks the operator for a text (title, prompt); None when cancelled. Tests put their own in."""
AskMark = Callable[[float, float], "tuple[str, str] | None"]
"""Asks for the kind and note of a finding marked at (lat, lon); None when cancelled."""


def kind_text(kind: FindingKind) -> str:
    return {FindingKind.PERSON: QCoreApplication.translate("FindingsPanel", "Person"),
            FindingKind.HOTSPOT: QCoreApplication.translate("FindingsPanel", "Hotspot"),
            FindingKind.OTHER: QCoreApplication.translate("FindingsPanel", "Other")}[kind]


def status_text(status: FindingStatus) -> str:
    return {FindingStatus.UNCONFIRMED: QCoreApplication.translate("FindingsPanel", "unconfirmed"),
            FindingStatus.CONFIRMED: QCoreApplication.translate("FindingsPanel", "confirmed"),
            FindingStatus.DISMISSED: QCoreApplication.translate("FindingsPanel", "dismissed"),
            FindingStatus.RESOLVED: QCoreApplication.translate("FindingsPanel", "resolved")}[status]


def source_words(f: Finding) -> tuple[str, str]:
    """Who saw it, as the pilot says it ("2", "by hand"), and in full with the station (for a tooltip).
    A partner's own names for its vehicles stay as sent."""
    station = f.origin_station
    if f.source == "operator":
        return (QCoreApplication.translate("FindingsPanel", "by hand"),
                fill(QCoreApplication.translate("FindingsPanel", "marked by hand at station %1"), station))
    if f.vehicle is not None:
        return f.vehicle, fill(QCoreApplication.translate("FindingsPanel", "vehicle %1 of station %2"), f.vehicle,
                               station)
    return f.source, fill(QCoreApplication.translate("FindingsPanel", "%1 of station %2"), f.source, station)


@dataclass(frozen=True)
class FindingDetails:
    """What the store knows of one finding beyond the snapshot: its history and its image."""

    finding_id: str
    revision: int
    history: tuple[FindingChange, ...]
    jpeg: bytes | None


@dataclass(frozen=True)
class ChangeOutcome:
    label: str
    finding: Finding | None
    error: str  # empty when the engine recorded the change


class FindingsPanel(QWidget):
    findingSelected = Signal(str)
    changeFinished = Signal(object)  # ChangeOutcome, emitted from the engine thread
    detailsReady = Signal(object)  # FindingDetails or None, emitted from the engine thread

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.ask_text: AskText | None = None  # None: ask in a dialog
        self.ask_mark: AskMark | None = None
        self.outcomes: list[ChangeOutcome] = []
        self.details: FindingDetails | None = None
        self._findings: tuple[Finding, ...] = ()
        self._selected: str | None = None

        self.list = _table(6)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(*PREVIEW_PX)
        self.preview.setStyleSheet("background: #222; color: #ccc;")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm = QPushButton()
        self.dismiss = QPushButton()
        self.annotate = QPushButton()
        self.resolve = QPushButton()
        self.confirm.clicked.connect(self.confirm_selected)
        self.dismiss.clicked.connect(self.dismiss_selected)
        self.annotate.clicked.connect(self.annotate_selected)
        self.resolve.clicked.connect(self.resolve_selected)
        self.history = _table(4)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.partners = _table(7)
        self.partners.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_box = _boxed(self.history)
        self.partners_box = _boxed(self.partners)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.changeFinished.connect(self._change_finished)
        self.detailsReady.connect(self._show_details)
        self._build_layout()
        self.retranslate()
        self._show_selected(None)

    def retranslate(self) -> None:
        self.list.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Status"), self.tr("Time"), self.tr("Vehicle"),
                                             self.tr("Accuracy"), self.tr("Note")])
        self.confirm.setText(self.tr("Confirm"))
        self.dismiss.setText(self.tr("Dismiss…"))
        self.annotate.setText(self.tr("Annotate…"))
        self.resolve.setText(self.tr("Resolved…"))
        self.history.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Note")])
        self.partners.setHorizontalHeaderLabels([self.tr("Partner"), self.tr("Format"), self.tr("Reachable"),
                                                 self.tr("Queued"), self.tr("Sent"), self.tr("Acknowledged"),
                                                 self.tr("Last error")])
        self.history_box.setTitle(self.tr("History"))
        self.partners_box.setTitle(self.tr("Partners"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:  # the partners follow with the next snapshot
            self.retranslate()
            self._fill_list()
            self._show_selected(self.selected)
            if self.details is not None:
                self._show_details(self.details)
        super().changeEvent(event)

    def _build_layout(self) -> None:
        detail = QWidget()
        row = QHBoxLayout(detail)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        side = QVBoxLayout()
        side.addWidget(self.summary, 1)
        buttons = QGridLayout()  # two by two: the panel fits beside the map on a 1366 px screen
        for i, button in enumerate(self.buttons):
            buttons.addWidget(button, i // 2, i % 2)
        side.addLayout(buttons)
        row.addLayout(side, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        for widget in (self.list, detail, self.history_box, self.partners_box):
            split.addWidget(widget)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(2, 2)
        split.setStretchFactor(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.confirm, self.dismiss, self.annotate, self.resolve)

    # -- rendering ----------------------------------------------------------------------------
    def show_snapshot(self, snapshot: FleetSnapshot) -> None:
        if snapshot.findings is not self._findings:
            self._findings = snapshot.findings
            self._fill_list()
            self._show_selected(self.selected)
        self._fill_partners(snapshot)

    @property
    def selected_id(self) -> str | None:
        return self._selected

    @property
    def selected(self) -> Finding | None:
        return next((f for f in self._findings if f.id == self._selected), None)

    @property
    def shown_ids(self) -> list[str]:
        """Finding ids in the list, top to bottom (newest first)."""
        return [self.list.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.list.rowCount())]

    def select(self, finding_id: str | None) -> None:
        if finding_id == self._selected:
            return
        self._selected = finding_id
        rows = [r for r, fid in enumerate(self.shown_ids) if fid == finding_id]
        self.list.blockSignals(True)
        if rows:
            self.list.selectRow(rows[0])
            self.list.scrollToItem(self.list.item(rows[0], 0))
        else:
            self.list.clearSelection()
        self.list.blockSignals(False)
        self._show_selected(self.selected)
        if finding_id is not None:
            self.findingSelected.emit(finding_id)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.setRowCount(len(self._findings))
        for row, f in enumerate(self._findings):
            accuracy = f"±{f.h_acc_m:.0f} m"
            who, who_in_full = source_words(f)
            cells = (kind_text(f.kind), status_text(f.status), f.observed_at.astimezone().strftime("%H:%M:%S"),
                     who, accuracy, f.note.splitlines()[-1] if f.note else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, f.id)
                if column == 1:
                    item.setForeground(STATUS_COLOURS[f.status])
                if column == 2:
                    item.setToolTip(f.observed_at.isoformat())
                if column == 3:
                    item.setToolTip(who_in_full)
                self.list.setItem(row, column, item)
            if f.id == self._selected:
                self.list.selectRow(row)
        self.list.blockSignals(False)

    def _fill_partners(self, snapshot: FleetSnapshot) -> None:
        self.partners.setRowCount(len(snapshot.partners))
        for row, p in enumerate(snapshot.partners):
            reachable = self.tr("not tried yet") if p.reachable is None else self.tr("yes") if p.reachable else self.tr("NO")
            cells = (p.name, f"{p.format} / {p.transport}", reachable, str(p.queued), str(p.sent),
                     str(p.acknowledged), p.last_error or "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2 and p.reachable is False:
                    item.setForeground(QColor("#b71c1c"))
                self.partners.setItem(row, column, item)

    def _selection_changed(self) -> None:
        rows = {i.row() for i in self.list.selectedItems()}
        finding_id = self.shown_ids[min(rows)] if rows else None
        if finding_id != self._selected:
            self._selected = finding_id
            self._show_selected(self.selected)
            if finding_id is not None:
                self.findingSelected.emit(finding_id)

    def _show_selected(self, finding: Finding | None) -> None:
        for button in self.buttons:
            button.setEnabled(finding is not None)
        if finding is None:
            self.summary.setText(self.tr("Select a finding in the list or on the map."))
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No snapshot"))
            self.history.setRowCount(0)
            self.details = None
            return
        self.confirm.setEnabled(finding.status != FindingStatus.CONFIRMED)
        self.dismiss.setEnabled(finding.status != FindingStatus.DISMISSED)
        self.resolve.setEnabled(finding.status != FindingStatus.RESOLVED)
        extra = []
        if finding.temp_c is not None:
            extra.append(f"{finding.temp_c:.0f} °C")
        if finding.source != "operator":
            extra.append(self.tr("confidence {0:.0%}").format(finding.confidence))
        self.summary.setText(
            f"<b>{kind_text(finding.kind)}</b> · {status_text(finding.status)}<br>"
            f"{finding.lat:.6f}, {finding.lon:.6f}  ±{finding.h_acc_m:.0f} m<br>"
            + self.tr("seen {0} by {1}").format(finding.observed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                                           source_words(finding)[1])
            + (f"<br>{' · '.join(extra)}" if extra else ""))
        if self.details is None or (self.details.finding_id, self.details.revision) != (finding.id, finding.revision):
            self._request_details(finding)

    def _request_details(self, finding: Finding) -> None:
        def read(store) -> FindingDetails:  # on the engine thread: the store's one owner
            jpeg = store.snapshot(finding.snapshot_sha256) if finding.snapshot_sha256 else None
            return FindingDetails(finding.id, finding.revision, tuple(store.history(finding.id)), jpeg)

        pending.send(self, "detailsReady", lambda: self.engine.read_store(read),
                     lambda details, _error: details,
                     refused=lambda _why: None)  # the engine has stopped: nothing to show

    def _show_details(self, details: FindingDetails | None) -> None:
        if details is None:
            return  # the finding vanished or the engine stopped: nothing to show
        current = self.selected
        if current is None or current.id != details.finding_id:
            return  # the operator moved on
        self.details = details
        self.history.setRowCount(len(details.history))
        for row, change in enumerate(details.history):
            before = details.history[row - 1].finding.annotations if row else ()
            added = change.finding.annotations[len(before):]
            cells = (change.at.astimezone().strftime("%H:%M:%S"), change.who, _what_text(change.what),
                     " ".join(a.text for a in added))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(change.at.isoformat())
                self.history.setItem(row, column, item)
        pixmap = QPixmap()
        if details.jpeg is not None and pixmap.loadFromData(details.jpeg, "JPEG"):
            self.preview.setPixmap(pixmap.scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("No snapshot") if details.jpeg is None else self.tr("Snapshot unreadable"))

    # -- the operator's decisions ---------------------------------------------------------------
    def confirm_selected(self) -> bool:
        f = self.selected
        return f is not None and self._send(self.tr("confirm"), lambda: self.engine.confirm_finding(f.id))

    def dismiss_selected(self) -> bool:
        f = self.selected
        if f is None:
            return False
        reason = self._ask(self.tr("Dismiss finding"), self.tr("Why is it dismissed? (optional)"))
        if reason is None:
            return False
        return self._send(self.tr("dismiss"), lambda: self.engine.dismiss_finding(f.id, reason.strip() or None))

    def annotate_selected(self) -> bool:
        f = self.selected
        if f is None:
            return False
        text = self._ask(self.tr("Annotate finding"), self.tr("Note:"))
        if text is None:
            return False
        if not text.strip():
            self._say(self.tr("annotate: a note needs some text; nothing was changed"), ok=False)
            return False
        return self._send(self.tr("annotate"), lambda: self.engine.annotate_finding(f.id, text.strip()))

    def resolve_selected(self) -> bool:
        f = self.selected
        if f is None:
            return False
        note = self._ask(self.tr("Mark finding resolved"), self.tr("How was it resolved? (optional)"))
        if note is None:
            return False
        return self._send(self.tr("resolve"), lambda: self.engine.resolve_finding(f.id, note.strip() or None))

    def mark_here(self, lat: float, lon: float) -> bool:
        """The map's "mark here": ask the kind and a note, then record a finding at (lat, lon)."""
        answer = (self.ask_mark or self._ask_mark_dialog)(lat, lon)
        if answer is None:
            return False
        kind, note = answer
        return self._send(self.tr("mark here"), lambda: self.engine.mark_here(lat, lon, kind, note.strip() or None))

    def _send(self, label: str, submit: Callable[[], "concurrent.futures.Future[Finding]"]) -> bool:
        return pending.send(self, "changeFinished", submit,
                            lambda finding, error: ChangeOutcome(label, finding, error),
                            refused=lambda why: self._say(f"{label}: {why}", ok=False),
                            under_way=lambda: self._say(self.tr("{0}: sent…").format(label), ok=True))

    def _change_finished(self, outcome: ChangeOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.error:
            self._say(self.tr("{0} FAILED: {1}").format(outcome.label, outcome.error), ok=False)
            return
        self._say(self.tr("{0}: recorded").format(outcome.label), ok=True)
        if outcome.label == self.tr("mark here"):
            self._selected = outcome.finding.id  # selected once the next snapshot lists it

    def _say(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        show_status(self.status, "ok" if ok else "fail")

    def _ask(self, title: str, prompt: str) -> str | None:
        if self.ask_text is not None:
            return self.ask_text(title, prompt)
        text, ok = QInputDialog.getMultiLineText(self, title, prompt)
        return text if ok else None

    def _ask_mark_dialog(self, lat: float, lon: float) -> tuple[str, str] | None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Mark here"))
        kind = QComboBox()
        for k in FindingKind:
            kind.addItem(kind_text(k), k.value)
        note = QLineEdit()
        form = QFormLayout(dialog)
        form.addRow(QLabel(f"{lat:.6f}, {lon:.6f}"))
        form.addRow(self.tr("Kind:"), kind)
        form.addRow(self.tr("Note:"), note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(dialog.accept)
        box.rejected.connect(dialog.reject)
        form.addRow(box)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return kind.currentData(), note.text()


def _what_text(what: str) -> str:
    return {"created": QCoreApplication.translate("FindingsPanel", "created"),
            "confirmed": QCoreApplication.translate("FindingsPanel", "confirmed"),
            "dismissed": QCoreApplication.translate("FindingsPanel", "dismissed"),
            "resolved": QCoreApplication.translate("FindingsPanel", "resolved"),
            "annotated": QCoreApplication.translate("FindingsPanel", "annotated"),
            "moved": QCoreApplication.translate("FindingsPanel", "moved")}.get(what, what)


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _boxed(widget: QWidget) -> QGroupBox:
    box = QGroupBox()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 2, 4, 4)
    layout.addWidget(widget)
    return box


class FindingsLayer:
    """Findings on the map: a shape by kind (person circle, hotspot triangle, other diamond), a
    colour by status, the accuracy circle at true scale; a click selects."""

    def __init__(self, on_click: Callable[[str], None]) -> None:
        self.on_click = on_click
        self.findings: tuple[Finding, ...] = ()
        self.selected_id: str | None = None

    def show(self, findings: tuple[Finding, ...], selected_id: str | None) -> None:
        self.findings, self.selected_id = findings, selected_id

    def paint(self, painter: QPainter, view) -> None:
        for f in sorted(self.findings, key=lambda f: f.id == self.selected_id):  # selected on top
            pt = view.screen_point(f.lat, f.lon)
            if pt is None:
                return
            colour = STATUS_COLOURS[f.status]
            radius = f.h_acc_m / view.viewport.m_per_px
            if radius > MARKER_PX:
                painter.setPen(QPen(colour, 1, Qt.PenStyle.DashLine))
                painter.setBrush(QColor(colour.red(), colour.green(), colour.blue(), 40))
                painter.drawEllipse(pt, radius, radius)
            selected = f.id == self.selected_id
            painter.setPen(QPen(QColor("#ffc400") if selected else QColor("white"), 3 if selected else 2))
            painter.setBrush(QBrush(colour))
            painter.drawPath(_marker(f.kind, pt))

    def click(self, view, pos: QPointF) -> bool:
        best, best_d = None, PICK_RADIUS_PX
        for f in self.findings:
            pt = view.screen_point(f.lat, f.lon)
            if pt is None:
                return False
            d = math.hypot(pt.x() - pos.x(), pt.y() - pos.y())
            if d <= best_d:
                best, best_d = f.id, d
        if best is None:
            return False
        self.on_click(best)
        return True


def _marker(kind: FindingKind, at: QPointF) -> QPainterPath:
    r = MARKER_PX
    path = QPainterPath()
    if kind == FindingKind.PERSON:
        path.addEllipse(at, r, r)
    elif kind == FindingKind.HOTSPOT:
        path.addPolygon(QPolygonF([at + QPointF(0, -r * 1.2), at + QPointF(r, r * 0.8), at + QPointF(-r, r * 0.8)]))
        path.closeSubpath()
    else:
        path.addPolygon(QPolygonF([at + QPointF(0, -r), at + QPointF(r, 0), at + QPointF(0, r), at + QPointF(-r, 0)]))
        path.closeSubpath()
    return path
