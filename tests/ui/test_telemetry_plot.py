"""The telemetry strips under the map keep the newest value readable however narrow the map gets."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics

from groundstation.ui.telemetry_plot import headline


def test_a_narrow_strip_shortens_the_title_and_keeps_the_value(qapp) -> None:
    metrics = QFontMetrics(QFont())
    value = ": 100.0 %"
    wide = headline(metrics, "Verbindungsqualität", value, 400)
    assert wide == "Verbindungsqualität: 100.0 %"
    narrow = headline(metrics, "Verbindungsqualität", value, metrics.horizontalAdvance(wide) * 0.7)
    assert narrow.endswith("…" + value) and narrow.startswith("Verb")
    assert metrics.horizontalAdvance(narrow) <= metrics.horizontalAdvance(wide) * 0.7
    # no room for any title: the value alone, whole
    assert headline(metrics, "Verbindungsqualität", value, metrics.horizontalAdvance(value)) == value
