"""The web page's words in English, French and German, picked by the browser's Accept-Language.

Kind and status names come from the partner texts (groundstation.share.texts) so a commander
reads the same words on the page as in the CAP/KML feeds.
"""

from __future__ import annotations

from groundstation.share.texts import t as share_text

LANGUAGES = ("en", "fr", "de")

_PAGE: dict[str, dict[str, str]] = {
    "title": {"en": "Situation map", "fr": "Carte de situation", "de": "Lagekarte"},
    "live": {"en": "Live", "fr": "En direct", "de": "Live"},
    "connecting": {"en": "Connecting…", "fr": "Connexion…", "de": "Verbinde…"},
    "reconnecting": {"en": "Connection lost, reconnecting…", "fr": "Connexion perdue, reconnexion…",
                     "de": "Verbindung verloren, verbinde neu…"},
    "refused": {"en": "Access refused: open the station's link with its token again.",
                "fr": "Accès refusé : rouvrez le lien de la station avec son jeton.",
                "de": "Zugriff verweigert: den Link der Station mit ihrem Token erneut öffnen."},
    "updated": {"en": "updated", "fr": "mis à jour", "de": "aktualisiert"},
    "vehicles": {"en": "Vehicles", "fr": "Vecteurs", "de": "Fahrzeuge"},
    "findings": {"en": "Findings", "fr": "Observations", "de": "Funde"},
    "none_yet": {"en": "none yet", "fr": "aucun pour l'instant", "de": "noch keine"},
    "altitude": {"en": "Altitude", "fr": "Altitude", "de": "Höhe"},
    "mode": {"en": "Mode", "fr": "Mode", "de": "Modus"},
    "armed": {"en": "armed", "fr": "armé", "de": "scharf"},
    "disarmed": {"en": "disarmed", "fr": "désarmé", "de": "gesichert"},
    "battery": {"en": "Battery", "fr": "Batterie", "de": "Akku"},
    "speed": {"en": "Speed", "fr": "Vitesse", "de": "Geschw."},
    "link_lost": {"en": "LINK LOST", "fr": "LIAISON PERDUE", "de": "VERBINDUNG WEG"},
    "status": {"en": "Status", "fr": "Statut", "de": "Status"},
    "time": {"en": "Time", "fr": "Heure", "de": "Zeit"},
    "vehicle": {"en": "Vehicle", "fr": "Vecteur", "de": "Fahrzeug"},
    "by_hand": {"en": "marked by hand", "fr": "marqué à la main", "de": "von Hand markiert"},
    "position": {"en": "Position", "fr": "Position", "de": "Position"},
    "accuracy": {"en": "Accuracy", "fr": "Précision", "de": "Genauigkeit"},
    "confidence": {"en": "Confidence", "fr": "Confiance", "de": "Konfidenz"},
    "temperature": {"en": "Temperature", "fr": "Température", "de": "Temperatur"},
    "notes": {"en": "Notes", "fr": "Annotations", "de": "Anmerkungen"},
    "no_snapshot": {"en": "no image", "fr": "pas d'image", "de": "kein Bild"},
    "close": {"en": "Close", "fr": "Fermer", "de": "Schließen"},
    "fit": {"en": "Show all", "fr": "Tout afficher", "de": "Alles zeigen"},
    "zoom_in": {"en": "Zoom in", "fr": "Zoom avant", "de": "Vergrößern"},
    "zoom_out": {"en": "Zoom out", "fr": "Zoom arrière", "de": "Verkleinern"},
    "map": {"en": "Map", "fr": "Fond de carte", "de": "Karte"},
    "feeds": {"en": "Feeds", "fr": "Flux", "de": "Feeds"},
    "ago": {"en": "{n} ago", "fr": "il y a {n}", "de": "vor {n}"},
    "station": {"en": "Station", "fr": "Station", "de": "Station"},
    "links_down": {"en": "no telemetry link up", "fr": "aucune liaison de télémesure",
                   "de": "keine Telemetrieverbindung"},
    "fence_inclusion": {"en": "Flight area (geofence): the drone stays inside",
                        "fr": "Zone de vol (géobarrière) : le drone reste à l'intérieur",
                        "de": "Fluggebiet (Geozaun): die Drohne bleibt innerhalb"},
    "fence_exclusion": {"en": "No-fly zone: the drone stays out", "fr": "Zone interdite : le drone n'y entre pas",
                        "de": "Flugverbotszone: die Drohne fliegt nicht hinein"},
    "rally_point": {"en": "Rally point: where the drone returns to", "fr": "Point de ralliement : où le drone revient",
                    "de": "Sammelpunkt: hierhin kehrt die Drohne zurück"},
    "fence_unknown": {"en": "geofence not known", "fr": "géobarrière inconnue", "de": "Geozaun unbekannt"},
    # why the last reading of a drone's geofence or rally points failed (live.read_failure)
    "fence_no_answer": {"en": "the drone did not answer", "fr": "le drone n'a pas répondu",
                        "de": "die Drohne hat nicht geantwortet"},
    "fence_refused": {"en": "the drone refused", "fr": "le drone a refusé", "de": "die Drohne hat abgelehnt"},
    "fence_failed": {"en": "reading failed", "fr": "lecture échouée", "de": "Lesen fehlgeschlagen"},
}


def page_texts(lang: str) -> dict[str, str]:
    """Every word the page script shows, in one language (falls back to English)."""
    texts = {key: entry.get(lang, entry["en"]) for key, entry in _PAGE.items()}
    for key in ("person", "hotspot", "other", "unconfirmed", "confirmed", "dismissed", "resolved"):
        texts[key] = share_text(key, lang)
    return texts


def negotiate(accept_language: str | None, override: str | None = None) -> str:
    """en, fr or de: an explicit `?lang=` wins, then the browser's preferences by q-value."""
    if override in LANGUAGES:
        return override
    choices: list[tuple[float, int, str]] = []
    for order, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0  # a malformed weight counts as "not wanted", never as an error
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and q > 0:
            choices.append((-q, order, primary))
    return min(choices)[2] if choices else "en"
