"""The command buttons for the selected vehicle; the window decides what each one does.

The panel only offers what makes sense for the vehicle's state (no Arm when already armed) and
keeps the flight-mode combo showing the vehicle's mode unless the pilot has it open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QGroupBox, QLabel,
                               QPushButton, QSizePolicy, QWidget)

from drivers.mavlink.modes import mode_names
from drivers.mavlink.state import VehicleState

DEFAULT_ALTITUDE_M = 30.0


class CommandPanel(QGroupBox):
    modeChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.arm = QPushButton()
        self.disarm = QPushButton()
        self.takeoff = QPushButton()
        self.land = QPushButton()
        self.hold = QPushButton()
        self.return_ = QPushButton()
        self.goto = QPushButton()
        self.goto.setCheckable(True)  # checked while the pilot picks the target on the map
        self.shortcuts: dict[QPushButton, str] = {}  # shown in tooltips; the window sets them
        self.disarm.setStyleSheet("QPushButton:enabled { color: #b71c1c; font-weight: bold; }")

        self.altitude = QDoubleSpinBox()
        self.altitude.setRange(2.0, 500.0)
        self.altitude.setDecimals(0)
        self.altitude.setSingleStep(5.0)
        self.altitude.setValue(DEFAULT_ALTITUDE_M)
        self.altitude.setSuffix(" m")
        self.keep_altitude = QCheckBox()

        self.mode = QComboBox()
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode.setMinimumContentsLength(12)
        self.mode.activated.connect(lambda _i: self.modeChosen.emit(self.mode.currentText()))
        self._autopilot_id: int | None = None

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for column, button in enumerate((self.arm, self.disarm, self.takeoff, self.land)):
            grid.addWidget(button, 0, column)
        for column, button in enumerate((self.hold, self.return_, self.goto)):
            grid.addWidget(button, 1, column)
        self.altitude_label = QLabel()
        self.mode_label = QLabel()
        grid.addWidget(self.altitude_label, 2, 0)
        grid.addWidget(self.altitude, 2, 1)
        grid.addWidget(self.keep_altitude, 2, 2, 1, 2)
        grid.addWidget(self.mode_label, 3, 0)
        grid.addWidget(self.mode, 3, 1, 1, 3)
        for button in self.buttons:
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.retranslate()
        self.show_vehicle(None)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Commands"))
        self.arm.setText(self.tr("Arm"))
        self.disarm.setText(self.tr("Disarm"))
        self.takeoff.setText(self.tr("Take off"))
        self.land.setText(self.tr("Land"))
        self.hold.setText(self.tr("Hold"))
        self.return_.setText(self.tr("Return"))
        self.goto.setText(self.tr("Go to…"))
        hints = {self.goto: self.tr("Click, then pick the target on the map")}
        for button in self.buttons:
            key = self.shortcuts.get(button)
            hint = hints.get(button, button.text())
            button.setToolTip(f"{hint}  ({key})" if key else hint)
        self.altitude.setToolTip(self.tr("Take-off and go-to altitude above home"))
        self.keep_altitude.setText(self.tr("Go to at current altitude"))
        self.altitude_label.setText(self.tr("Altitude:"))
        self.mode_label.setText(self.tr("Flight mode:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.arm, self.disarm, self.takeoff, self.land, self.hold, self.return_, self.goto)

    def show_vehicle(self, state: VehicleState | None) -> None:
        present = state is not None
        for widget in (*self.buttons, self.mode):
            widget.setEnabled(present)
        if state is None:
            self.mode.clear()
            self._autopilot_id = None
            return
        self.arm.setEnabled(not state.armed)
        self.disarm.setEnabled(state.armed)
        known = mode_names(state.autopilot_id)
        if state.autopilot_id != self._autopilot_id:
            self._autopilot_id = state.autopilot_id
            self.mode.clear()
            self.mode.addItems(known)
        if self.mode.view().isVisible():
            return
        index = known.index(state.mode) if state.mode in known else -1
        while self.mode.count() > len(known):  # drop an earlier unlisted mode
            self.mode.removeItem(self.mode.count() - 1)
        if index < 0:  # a mode the list does not offer (e.g. Unknown) is still shown as it is
            self.mode.addItem(state.mode)
            index = len(known)
        if self.mode.currentIndex() != index:
            self.mode.setCurrentIndex(index)
