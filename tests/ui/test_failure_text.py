"""Why a command or a mission, geofence or rally transfer failed reads in the window's language: every way the
driver reports a transfer failing (refused, aborted, no answer, accepted early, an unknown item asked for) and a
command's MAV_RESULT, in French and German with their numbers and the vehicle's own reason; a first reading of a
vehicle's fence that fails is said once in the status bar."""

from __future__ import annotations

import pytest
from pymavlink.dialects.v20 import common as mavlink

from drivers.mavlink.commands import CommandError, Why
from drivers.mavlink.mission import Failure, MissionTransferError
from groundstation.core.datadir import DataDir
from groundstation.core.engine import Engine
from groundstation.ui.failure_text import said, station_reason, transfer_text
from groundstation.ui.plan_transfers import failure
from groundstation.ui.translations import Translations
from sitl.vehicle import SimulatedFleet
from sitl.vehicle.link import MissionFault

ERRORS = [
    MissionTransferError("fence", "upload", Failure.REFUSED, result="MAV_MISSION_NO_SPACE"),
    MissionTransferError("rally", "download", Failure.REFUSED, result="MAV_MISSION_DENIED"),
    MissionTransferError("mission", "download", Failure.ABORTED, result="MAV_MISSION_OPERATION_CANCELLED"),
    MissionTransferError("fence", "clear", Failure.REFUSED, result="MAV_MISSION_INVALID_SEQUENCE"),
    MissionTransferError("mission", "upload", Failure.ACCEPTED_EARLY, item=2, count=5),
    MissionTransferError("mission", "upload", Failure.UNKNOWN_ITEM, item=9, count=5),
    MissionTransferError("fence", "upload", Failure.NO_ANSWER, item=3, count=5, tries=6, waited_s=9.0),
    MissionTransferError("rally", "download", Failure.NO_ANSWER, tries=6, waited_s=1.8),
    MissionTransferError("mission", "download", Failure.NO_ANSWER, item=4, count=7, tries=5, waited_s=9.0),
    MissionTransferError("rally", "clear", Failure.NO_ANSWER, tries=6, waited_s=9.0),
]

FRENCH = [
    "géobarrière : envoi refusé par le vecteur : plus de place",
    "points de ralliement : téléchargement refusé par le vecteur : non autorisé",
    "mission : téléchargement interrompu par le vecteur : opération annulée",
    "géobarrière : effacement refusé par le vecteur : séquence invalide",
    "mission : envoi accepté par le vecteur après seulement 2 éléments sur 5",
    "mission : envoi : le vecteur a demandé l’élément 9 sur 5",
    ("géobarrière : pas de réponse du vecteur à l’envoi de l’élément 3 sur 5 (6 essais en 9,0 s) ; "
     "transfert annulé"),
    ("points de ralliement : pas de réponse du vecteur à la demande du nombre d’éléments (6 essais en 1,8 s) ; "
     "transfert annulé"),
    ("mission : pas de réponse du vecteur à la réception de l’élément 4 sur 7 (5 essais en 9,0 s) ; "
     "transfert annulé"),
    "points de ralliement : pas de réponse du vecteur à l’effacement (6 essais en 9,0 s) ; effacement annulé",
]


@pytest.fixture
def language(qapp, tmp_path):
    """Switches the application to a language when called; back to English after the test."""
    switch = Translations(tmp_path / "i18n")
    yield switch.switch
    switch.switch("en")


def test_every_transfer_failure_reads_in_french_with_its_numbers_and_the_vehicles_reason(language):
    language("fr")
    assert [transfer_text(error) for error in ERRORS] == FRENCH


def test_every_transfer_failure_reads_in_german(language):
    language("de")
    german = [transfer_text(error) for error in ERRORS]
    assert german[0] == "Geozaun: Hochladen vom Fahrzeug abgelehnt: kein Platz"
    assert german[7] == ("Sammelpunkte: keine Antwort vom Fahrzeug auf die Frage nach der Anzahl "
                         "(6 Versuche in 1,8 s); Übertragung abgebrochen")
    assert all(" by the vehicle" not in text and "no answer" not in text for text in german), german


COMMAND_ERRORS = [
    CommandError("COMPONENT_ARM_DISARM", "TEMPORARILY_REJECTED", "Preflight Fail: GPS fix too low"),
    CommandError("DO_SET_MODE", "DENIED"),
    CommandError("NAV_TAKEOFF", "TIMEOUT", attempts=3),
    CommandError.by_station("CAMERA", "NO_CAMERA", Why.NO_CAMERA),
    CommandError.by_station("NAV_TAKEOFF", "DENIED", Why.ALTITUDE_OUT_OF_RANGE, 1500.5),
    CommandError.by_station("DO_REPOSITION", "DENIED", Why.POSITION_OUT_OF_RANGE, 91.0, 6.37),
    CommandError.by_station("DO_SET_MODE", "UNSUPPORTED", Why.UNKNOWN_MODE, "Bogus", "Manual, Hold, Mission"),
]


def test_a_refused_command_reads_in_the_pilots_language_with_the_vehicles_own_reason(language):
    language("fr")
    assert [said(error) for error in COMMAND_ERRORS] == [
        "COMPONENT_ARM_DISARM : refusée pour l’instant (Preflight Fail: GPS fix too low)",
        "DO_SET_MODE : refusée",
        "NAV_TAKEOFF : pas de réponse après 3 essais",
        "CAMERA : pas de caméra (le vecteur n’a signalé aucune caméra)",
        "NAV_TAKEOFF : refusée (hauteur 1500,5 m hors de la plage 1-1000 m)",
        "DO_REPOSITION : refusée (position 91,000000, 6,370000 hors plage)",
        "DO_SET_MODE : non prise en charge (mode de vol « Bogus » inconnu ; modes : Manual, Hold, Mission)"]
    language("de")
    assert said(COMMAND_ERRORS[0]) == "COMPONENT_ARM_DISARM: vorübergehend abgelehnt (Preflight Fail: GPS fix too low)"
    assert said(COMMAND_ERRORS[2]) == "NAV_TAKEOFF: keine Antwort nach 3 Versuchen"
    language("en")
    assert [said(error) for error in COMMAND_ERRORS] == [str(error) for error in COMMAND_ERRORS]  # as the CLI says
    assert said(RuntimeError("engine stopped")) == "engine stopped"


SAMPLE_VALUES = {Why.NO_VEHICLE: (42,), Why.UNKNOWN_MODE: ("Bogus", "Hold"), Why.NO_MODES_KNOWN: ("Bogus",),
                 Why.ALTITUDE_OUT_OF_RANGE: (0.5,), Why.POSITION_OUT_OF_RANGE: (91.0, 6.37),
                 Why.PITCH_OUT_OF_RANGE: (-95.5,), Why.YAW_OUT_OF_RANGE: (400.0,), Why.ITEM_NOT_IN_MISSION: (9,),
                 Why.ITEM_NOT_IN_MISSION_OF: (9, 5)}


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_every_reason_of_the_station_itself_has_words_in_the_pilots_language(language, lang):
    """Reasons the vehicle gave stay as it sent them; the station's own are the station's to translate."""
    english = {why: why.value.format(*SAMPLE_VALUES.get(why, ())) for why in Why}
    language("en")
    assert {why: station_reason(why, SAMPLE_VALUES.get(why, ())) for why in Why} == english  # as the CLI says
    language(lang)
    for why in Why:
        worded = station_reason(why, SAMPLE_VALUES.get(why, ()))
        assert worded != english[why] and "%" not in worded, (why, worded)
        for value in SAMPLE_VALUES.get(why, ()):  # every number or name is in the sentence
            assert (str(value) if not isinstance(value, float) else f"{value:g}".replace(".", ",")) in worded

def test_a_plan_command_the_vehicle_refused_reads_in_the_pilots_language_after_its_name(language):
    language("fr")
    why = failure("démarrage de la mission", "%1 ÉCHEC : %2")
    assert why(COMMAND_ERRORS[1]) == "démarrage de la mission ÉCHEC : DO_SET_MODE : refusée"
    assert why(ERRORS[0]) == FRENCH[0]  # a transfer error names the transfer itself: said once

def test_in_english_the_window_says_what_the_cli_says(language):
    language("en")
    assert transfer_text(ERRORS[0]) == str(ERRORS[0]) == "geofence upload refused by the vehicle: no space"


def test_a_reason_the_window_has_no_words_for_keeps_its_mavlink_name(language):
    language("fr")
    error = MissionTransferError("fence", "upload", Failure.REFUSED, result="MAV_MISSION_INVALID_PARAM5_X")
    assert transfer_text(error) == "géobarrière : envoi refusé par le vecteur : MAV_MISSION_INVALID_PARAM5_X"


@pytest.fixture
def fence_refused_at_first(tmp_path):
    """An engine and one simulated drone that refuses to send its geofence (MAV_MISSION_ERROR) from the start:
    the engine's reading when the drone appears fails."""
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        fleet = SimulatedFleet(count=1, home=(49.47, 6.37, 200.0), gcs=("127.0.0.1", port), speedup=10.0, seed=3,
                               base_port=0)
        fleet.vehicles[0].faults.mission = MissionFault("download_count", "error_ack",
                                                        mission_type=mavlink.MAV_MISSION_TYPE_FENCE)
        with fleet:
            yield engine, fleet.vehicles[0]


def test_a_first_fence_reading_that_fails_is_said_once_in_french(qtbot, language, fence_refused_at_first):
    from groundstation.ui.main_window import MainWindow

    engine, vehicle = fence_refused_at_first
    language("fr")
    win = MainWindow(engine)
    qtbot.addWidget(win)
    win.show()
    said = "Géobarrière du vecteur 1 non lue : géobarrière : téléchargement refusé par le vecteur : erreur"
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == said, timeout=15_000)
    assert win.fence_layer.rally[1] == ()  # the rally points were read: only the fence is said

    win.statusBar().clearMessage()
    qtbot.wait(600)  # several snapshots later, the same error is not said again
    assert win.statusBar().currentMessage() == ""

    # Asked for by the pilot, the reading is said again, even though it failed the same way.
    assert win.fence_layer.refresh(1)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == said, timeout=15_000)
    vehicle.faults.mission = None
    win.close()
