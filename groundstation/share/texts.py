"""Human-readable text for partners, in their language (fr, de, en). Codes stay language-neutral."""

from __future__ import annotations

from groundstation.core.findings import Finding

_TEXT: dict[str, dict[str, str]] = {
    "person": {"en": "Person located", "fr": "Personne localisée", "de": "Person geortet"},
    "hotspot": {"en": "Thermal hotspot", "fr": "Point chaud thermique", "de": "Thermischer Hotspot"},
    "other": {"en": "Finding", "fr": "Observation", "de": "Fundstelle"},
    "unconfirmed": {"en": "UNCONFIRMED", "fr": "NON CONFIRMÉ", "de": "UNBESTÄTIGT"},
    "confirmed": {"en": "confirmed", "fr": "confirmé", "de": "bestätigt"},
    "dismissed": {"en": "dismissed (false alarm)", "fr": "annulé (fausse alerte)", "de": "verworfen (Fehlalarm)"},
    "resolved": {"en": "resolved", "fr": "traité", "de": "erledigt"},
    "confidence": {"en": "Confidence", "fr": "Confiance", "de": "Konfidenz"},
    "accuracy": {"en": "Accuracy", "fr": "Précision", "de": "Genauigkeit"},
    "temperature": {"en": "Temperature", "fr": "Température", "de": "Temperatur"},
    "seen_by": {"en": "seen by", "fr": "vu par", "de": "gesehen von"},
    "at": {"en": "at", "fr": "à", "de": "um"},
    "snapshot": {"en": "Drone snapshot", "fr": "Image du drone", "de": "Drohnenbild"},
    "instruction_person": {"en": "Send a team to the position.", "fr": "Engager une équipe sur la position.",
                           "de": "Kräfte zur Position entsenden."},
    "instruction_hotspot": {"en": "Check the hotspot.", "fr": "Reconnaître le point chaud.",
                            "de": "Hotspot erkunden."},
    "area": {"en": "Drone detection", "fr": "Détection par drone", "de": "Drohnenerkennung"},
}


def t(key: str, lang: str) -> str:
    entry = _TEXT[key]
    return entry.get(lang, entry["en"])


def headline(f: Finding, lang: str) -> str:
    text = t(f.kind, lang)
    return f"{text} ({t(f.status, lang)})"


def description(f: Finding, lang: str) -> str:
    """One paragraph a duty officer reads: what, where, how sure, by whom, when, notes."""
    parts = [f"{t(f.kind, lang)}: {f.lat:.6f}, {f.lon:.6f}",
             f"{t('accuracy', lang)} ±{f.h_acc_m:.0f} m",
             f"{t('confidence', lang)} {round(f.confidence * 100)} %"]
    if f.temp_c is not None:
        parts.append(f"{t('temperature', lang)} {f.temp_c:.0f} °C")
    parts.append(f"{t('seen_by', lang)} {f.source} {t('at', lang)} {f.observed_at:%H:%M:%S} UTC")
    parts.append(t(f.status, lang))
    text = "; ".join(parts) + "."
    if f.note:
        text += "\n" + f.note
    return text
