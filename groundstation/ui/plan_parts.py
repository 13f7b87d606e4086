"""A search shared among drones, in the plan view: the vehicles online picked to take the parts, the table
of the parts (each in its map colour, with its figures and its vehicle), and the parts going up one after
the other or being started all together, each answer kept to report per vehicle."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from groundstation.ui.plan_layer import part_colour
from groundstation.ui.plan_transfers import TransferOutcome
from groundstation.ui.vehicle_text import fill
from missions.items import MissionItem
from missions.split import DroneSearch

_CELL = "padding-right: 10px;"  # the parts table's columns apart


@dataclass
class PartsUpload:
    """A split plan going up one part at a time, each part to its own vehicle."""

    split: list[DroneSearch]  # the parts as planned when sent
    waiting: list[tuple[int, int, list[MissionItem]]]  # (part, vehicle, items) still to send
    results: list[str] = field(default_factory=list)  # one line per part answered, for the pilot
    delivered: list[tuple[int, int]] = field(default_factory=list)  # (part, vehicle) now holding it
    failed: bool = False

    def answered(self, outcome: TransferOutcome) -> None:
        """The part going up now was answered."""
        if outcome.error:
            self.failed = True
            line = QCoreApplication.translate("PartsUpload", "part %1 to vehicle %2: %3")
            self.results.append(fill(line, outcome.part, outcome.system_id, outcome.error))
        else:
            line = QCoreApplication.translate("PartsUpload", "part %1 to vehicle %2")
            self.results.append(fill(line, outcome.part, outcome.system_id))
            self.delivered.append((outcome.part, outcome.system_id))

    def report(self) -> str:
        if self.failed:
            return fill(QCoreApplication.translate("PartsUpload", "Parts upload FAILED: %1"), "; ".join(self.results))
        return fill(QCoreApplication.translate("PartsUpload", "Parts uploaded: %1"), "; ".join(self.results))


@dataclass
class PartsStart:
    """Every part's vehicle told to fly its part, all at once; the answers come in any order."""

    waiting: set[int]  # parts not answered yet
    results: dict[int, str] = field(default_factory=dict)  # part -> the line for the pilot
    started: set[int] = field(default_factory=set)  # parts whose vehicle flies them
    failed: bool = False

    def answered(self, outcome: TransferOutcome) -> bool:
        """One part's vehicle answered; True once every one has."""
        if outcome.part not in self.waiting:
            return False
        self.waiting.discard(outcome.part)
        if outcome.error:
            self.failed = True
            line = QCoreApplication.translate("PartsStart", "part %1 on vehicle %2: %3")
            self.results[outcome.part] = fill(line, outcome.part, outcome.system_id, outcome.error)
        else:
            line = QCoreApplication.translate("PartsStart", "part %1 on vehicle %2")
            self.results[outcome.part] = fill(line, outcome.part, outcome.system_id)
            self.started.add(outcome.part)
        return not self.waiting

    def report(self) -> str:
        lines = "; ".join(self.results[part] for part in sorted(self.results))
        if self.failed:
            return fill(QCoreApplication.translate("PartsStart", "Not all parts started: %1"), lines)
        return fill(QCoreApplication.translate("PartsStart", "Parts started: %1"), lines)


class VehiclePicks(QWidget):
    """One check box per vehicle online: the vehicles the parts go to, part 1 to the first picked."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.label)
        self.boxes: dict[int, QCheckBox] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("to vehicles:"))
        for sid, box in self.boxes.items():
            box.setToolTip(fill(self.tr("Upload a part to vehicle %1"), sid))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def picked(self) -> list[int]:
        return [sid for sid, box in self.boxes.items() if box.isChecked()]

    def pick(self, system_ids: list[int]) -> None:
        for sid, box in self.boxes.items():
            box.setChecked(sid in system_ids)

    def show_online(self, online: list[int]) -> bool:
        """One box per vehicle in `online` (sorted); a vehicle still online keeps its pick. True if it changed."""
        if online == list(self.boxes):
            return False
        for sid, box in self.boxes.items():
            self.row.removeWidget(box)
            if sid not in online:
                box.deleteLater()
        boxes = {}
        for sid in online:
            box = self.boxes.get(sid)
            if box is None:
                box = QCheckBox(str(sid))
                box.toggled.connect(lambda _on: self.changed.emit())
            self.row.addWidget(box)
            boxes[sid] = box
        self.boxes = boxes
        self.retranslate()
        return True


def parts_table(split: list[DroneSearch], vehicles: list[int], heads: list[str], none_picked: str) -> str:
    """One row per part, its colour as on the map, and the vehicle it goes to (in red while none is picked)."""
    rows = ["<tr>" + "".join(f"<th align='left' style='{_CELL}'>{html.escape(h)}</th>" for h in heads) + "</tr>"]
    missing = f"<span style='color:#b71c1c'>{html.escape(none_picked)}</span>"
    for d in split:
        plan = d.plan
        vehicle = str(vehicles[d.drone - 1]) if d.drone <= len(vehicles) else missing
        cells = [f"<span style='color:{part_colour(d.drone).name()}'>&#9632;</span> {d.drone}",
                 f"{plan.track_length_m / 1000:.2f} km", f"{plan.flight_time_s / 60:.1f} min",
                 f"{plan.battery_fraction * 100:.0f} %", vehicle]
        rows.append("<tr>" + "".join(f"<td style='{_CELL}'>{c}</td>" for c in cells) + "</tr>")
    return "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"
