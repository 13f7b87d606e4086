"""The telemetry panel: the selected vehicle's readouts, values needing attention in red."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QSizePolicy, QWidget

from drivers.mavlink.state import VehicleState
from groundstation.ui import vehicle_text
from groundstation.ui.themes import show_status

# (label, column pair) per grid row; one label on a row spans the full width for long values.
_LAYOUT: tuple[tuple[str, ...], ...] = (
    ("Vehicle",),
    ("Mode",),
    ("Alt rel / AMSL", "Speed / climb"),
    ("Heading", "Roll / pitch"),
    ("Battery",),
    ("GPS",),
    ("Position", "Link"),
    ("Health",),
    ("Status",),
)


class TelemetryPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position_form = "dd"  # the pilot's coordinate format: dd, dms, utm or mgrs
        self._state: VehicleState | None = None
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        for row, labels in enumerate(_LAYOUT):
            for pair, label in enumerate(labels):
                name = QLabel()
                name.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quieter than the values, in any theme
                name.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                value = QLabel("—")
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                grid.addWidget(name, row, pair * 2)
                grid.addWidget(value, row, pair * 2 + 1, 1, 3 if len(labels) == 1 else 1)
                self.values[label] = value
                self.names[label] = name
        status = self.values["Status"]
        status.setWordWrap(True)
        status.setMinimumHeight(2 * status.fontMetrics().lineSpacing())
        status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Selected vehicle"))
        for label, name in self.names.items():
            name.setText(QCoreApplication.translate(vehicle_text.CONTEXT, label) + ":")
        self.show_vehicle(self._state)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_vehicle(self, state: VehicleState | None) -> None:
        self._state = state
        readouts = (vehicle_text.telemetry(state, QCoreApplication.translate, self.position_form)
                    if state is not None else {})
        for label, widget in self.values.items():
            readout = readouts.get(label)
            text = readout.text if readout else "—"
            if widget.text() != text:
                widget.setText(text)
            status = "fail" if readout and readout.alarm else ""
            if widget.property("status") != status:
                show_status(widget, status)
            widget.setToolTip(readout.hint if readout else "")
