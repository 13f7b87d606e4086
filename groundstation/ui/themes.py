"""How the window looks in the field: a high-contrast daylight theme and a dimmable red night theme.

Night: dark surfaces and red text keep the pilot's eyes adapted to the dark; the brightness slider
scales every colour down. Day: black on white with heavy borders, readable in sunlight. Large
controls make every button, field and list row big enough to hit with gloves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

THEMES = ("day", "night")
STATUSES = ("", "ok", "warn", "fail")  # how a status line colours what it reports; "" is plain text
TOUCH_TARGET_PX = 44  # the usual minimum for a fingertip; a gloved one needs no less
_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup


@dataclass(frozen=True)
class Look:
    theme: str = "day"
    brightness: int = 70       # percent; the night theme only
    large_controls: bool = False

    def __post_init__(self) -> None:
        if self.theme not in THEMES:
            raise ValueError(f"theme must be one of {', '.join(THEMES)}, got {self.theme!r}")
        if not 10 <= self.brightness <= 100:
            raise ValueError(f"brightness must be 10..100 %, got {self.brightness}")

    @property
    def night(self) -> bool:
        return self.theme == "night"

    def night_colour(self, red: int, green: int, blue: int) -> QColor:
        """A colour at the night brightness."""
        scale = self.brightness / 100.0
        return QColor(round(red * scale), round(green * scale), round(blue * scale))

    def map_filter(self) -> QColor | None:
        """What the map multiplies its picture by: keeps red, drops green and blue, dims (night only)."""
        return self.night_colour(150, 22, 12) if self.night else None  # the map is the largest light area: dimmer


def palette(look: Look) -> QPalette:
    p = QPalette()
    if look.night:
        c = look.night_colour
        roles = {
            _Role.Window: c(28, 4, 2), _Role.Base: c(14, 2, 1), _Role.AlternateBase: c(36, 6, 4),
            _Role.WindowText: c(255, 70, 50), _Role.Text: c(255, 70, 50), _Role.ButtonText: c(255, 80, 60),
            _Role.Button: c(60, 10, 6), _Role.Highlight: c(150, 20, 10), _Role.HighlightedText: c(255, 190, 170),
            _Role.ToolTipBase: c(40, 6, 4), _Role.ToolTipText: c(255, 90, 70), _Role.PlaceholderText: c(190, 55, 40),
            _Role.BrightText: c(255, 150, 120), _Role.Light: c(110, 20, 14), _Role.Midlight: c(80, 14, 10),
            _Role.Mid: c(60, 10, 6), _Role.Dark: c(20, 3, 2), _Role.Shadow: QColor(0, 0, 0),
            _Role.Link: c(255, 120, 90),
        }
        disabled = c(120, 35, 25)
    else:
        roles = {
            _Role.Window: QColor("#ffffff"), _Role.Base: QColor("#ffffff"), _Role.AlternateBase: QColor("#eeeeee"),
            _Role.WindowText: QColor("#000000"), _Role.Text: QColor("#000000"), _Role.ButtonText: QColor("#000000"),
            _Role.Button: QColor("#e8e8e8"), _Role.Highlight: QColor("#003d99"), _Role.HighlightedText: QColor("#ffffff"),
            _Role.ToolTipBase: QColor("#ffffdd"), _Role.ToolTipText: QColor("#000000"),
            _Role.PlaceholderText: QColor("#404040"), _Role.BrightText: QColor("#ffffff"), _Role.Light: QColor("#ffffff"),
            _Role.Midlight: QColor("#d0d0d0"), _Role.Mid: QColor("#707070"), _Role.Dark: QColor("#303030"),
            _Role.Shadow: QColor("#000000"), _Role.Link: QColor("#0033aa"),
        }
        disabled = QColor("#6b6b6b")
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        p.setColor(_Group.Disabled, role, disabled)
    return p


def style_sheet(look: Look) -> str:
    p = palette(look)
    border = p.color(_Role.WindowText).name() if not look.night else look.night_colour(150, 30, 20).name()
    rules = [f"QPushButton, QToolButton {{ border: 2px solid {border}; border-radius: 3px; padding: 3px 8px; "
             f"background: {p.color(_Role.Button).name()}; }}",
             f"QPushButton:checked, QToolButton:checked, QPushButton:pressed, QToolButton:pressed "
             f"{{ background: {p.color(_Role.Highlight).name()}; color: {p.color(_Role.HighlightedText).name()}; }}",
             f"QPushButton:disabled, QToolButton:disabled {{ border-color: {p.color(_Group.Disabled, _Role.Text).name()}; }}",
             "QGroupBox { font-weight: bold; }"]
    if look.large_controls:
        rules.append(f"QPushButton, QToolButton, QComboBox, QLineEdit, QAbstractSpinBox "
                     f"{{ min-height: {TOUCH_TARGET_PX - 8}px; }}")
        rules.append("QCheckBox::indicator, QRadioButton::indicator { width: 26px; height: 26px; }")
    return "\n".join(rules)


def status_style(status: str, look: Look) -> str:
    """The style of a status line. Night keeps to reds (no green to spoil dark adaptation): a failure is brighter and bold."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
    if not status:
        return ""
    if look.night:
        colour = {"ok": look.night_colour(255, 70, 50), "warn": look.night_colour(255, 140, 110),
                  "fail": look.night_colour(255, 200, 180)}[status].name()
    else:
        colour = {"ok": "#1b5e20", "warn": "#e65100", "fail": "#b71c1c"}[status]
    return f"color: {colour};" + (" font-weight: bold;" if status == "fail" else "")


_look = Look()  # the look last applied: status lines shown later follow it


def show_status(widget: QWidget, status: str) -> None:
    """Colour a status line by what it reports, in the current theme; `apply` recolours it on a theme change."""
    widget.setStyleSheet(status_style(status, _look))
    widget.setProperty("status", status)


def apply(app: QApplication, look: Look) -> None:
    """Restyle the whole application (every open window follows)."""
    global _look
    _look = look
    if app.style().name().lower() != "fusion":
        app.setStyle(QStyleFactory.create("Fusion"))  # the one style that honours a full palette everywhere
    app.setPalette(palette(look))
    font = QFont(app.font())
    font.setPointSize(12 if look.large_controls else 9)
    app.setFont(font)
    app.setStyleSheet(style_sheet(look))
    for widget in app.allWidgets():
        if widget.property("status") in STATUSES[1:]:
            widget.setStyleSheet(status_style(widget.property("status"), look))
