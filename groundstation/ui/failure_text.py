"""Why a command or a mission, geofence or rally transfer failed, in the pilot's language.

The driver's MissionTransferError and CommandError carry the facts as fields (what was sent, how it ended,
the vehicle's MAV_MISSION_RESULT or MAV_RESULT, the counts) and an English sentence for the CLI and logs; the
window words the fields here instead, so a French or German window shows no English mid-sentence. A reason
the vehicle gave in its own words stays as it sent it. Anything else keeps its own words.

QCoreApplication.translate is thread-safe: these run on the engine thread too, as the answer arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from drivers.mavlink.commands import CommandError, Why
from drivers.mavlink.mission import Failure, MissionTransferError
from groundstation.ui.pending import reason
from groundstation.ui.vehicle_text import fill


def _kind_name(kind: str) -> str:
    names = {"mission": QCoreApplication.translate("TransferText", "mission"),
             "fence": QCoreApplication.translate("TransferText", "geofence"),
             "rally": QCoreApplication.translate("TransferText", "rally points")}
    return names.get(kind, kind)


def result_text(result: str) -> str:
    """The vehicle's MAV_MISSION_RESULT: the common ones in a few words, the rest by their MAVLink name."""
    glosses = {"MAV_MISSION_ERROR": QCoreApplication.translate("TransferText", "error"),
               "MAV_MISSION_NO_SPACE": QCoreApplication.translate("TransferText", "no space"),
               "MAV_MISSION_DENIED": QCoreApplication.translate("TransferText", "denied"),
               "MAV_MISSION_INVALID_SEQUENCE": QCoreApplication.translate("TransferText", "invalid sequence"),
               "MAV_MISSION_OPERATION_CANCELLED": QCoreApplication.translate("TransferText", "operation cancelled"),
               "MAV_MISSION_UNSUPPORTED": QCoreApplication.translate("TransferText", "unsupported")}
    return glosses.get(result, result)


def transfer_text(error: MissionTransferError) -> str:
    """The transfer error as a sentence in the window's language."""
    kind, result = _kind_name(error.kind), result_text(error.result)
    tried = (error.tries, QLocale().toString(error.waited_s, "f", 1))  # 9,0 s in French
    match error.failure, error.direction:
        case Failure.REFUSED, "upload":
            text = QCoreApplication.translate("TransferText", "%1 upload refused by the vehicle: %2")
            values = (kind, result)
        case Failure.REFUSED, "download":
            text = QCoreApplication.translate("TransferText", "%1 download refused by the vehicle: %2")
            values = (kind, result)
        case Failure.REFUSED, "clear":
            text = QCoreApplication.translate("TransferText", "clearing the %1 refused by the vehicle: %2")
            values = (kind, result)
        case Failure.ABORTED, _:
            text = QCoreApplication.translate("TransferText", "%1 download aborted by the vehicle: %2")
            values = (kind, result)
        case Failure.ACCEPTED_EARLY, _:
            text = QCoreApplication.translate("TransferText",
                                              "%1 upload: the vehicle accepted after only %2 of %3 items")
            values = (kind, error.item, error.count)
        case Failure.UNKNOWN_ITEM, _:
            text = QCoreApplication.translate("TransferText", "%1 upload: the vehicle asked for item %2 of %3")
            values = (kind, error.item, error.count)
        case Failure.NO_ANSWER, "upload":
            text = QCoreApplication.translate("TransferText", "%1 upload: no answer from the vehicle while sending "
                                              "item %2 of %3 (%4 tries in %5 s); transfer cancelled")
            values = (kind, error.item, error.count, *tried)
        case Failure.NO_ANSWER, "download" if error.item is None:
            text = QCoreApplication.translate("TransferText", "%1 download: no answer from the vehicle while asking "
                                              "for the count (%2 tries in %3 s); transfer cancelled")
            values = (kind, *tried)
        case Failure.NO_ANSWER, "download":
            text = QCoreApplication.translate("TransferText", "%1 download: no answer from the vehicle while receiving "
                                              "item %2 of %3 (%4 tries in %5 s); transfer cancelled")
            values = (kind, error.item, error.count, *tried)
        case Failure.NO_ANSWER, "clear":
            text = QCoreApplication.translate("TransferText", "clearing the %1: no answer from the vehicle (%2 tries "
                                              "in %3 s); clearing cancelled")
            values = (kind, *tried)
        case _:
            return str(error)  # a failure this window has no words for: the driver's own
    return fill(text, *values)


def command_text(error: CommandError) -> str:
    """The command's outcome in the window's language: "COMPONENT_ARM_DISARM: temporarily rejected (...)";
    the MAVLink command keeps its name (it is what a vehicle's log and manual call it)."""
    results = {"TEMPORARILY_REJECTED": QCoreApplication.translate("CommandText", "temporarily rejected"),
               "DENIED": QCoreApplication.translate("CommandText", "denied"),
               "UNSUPPORTED": QCoreApplication.translate("CommandText", "unsupported"),
               "FAILED": QCoreApplication.translate("CommandText", "failed"),
               "CANCELLED": QCoreApplication.translate("CommandText", "cancelled"),
               "NOT_READY": QCoreApplication.translate("CommandText", "not ready"),
               "NO_CAMERA": QCoreApplication.translate("CommandText", "no camera"),
               "TIMEOUT": fill(QCoreApplication.translate("CommandText", "no answer after %1 tries"), error.attempts)}
    outcome = results.get(error.result, error.result.lower().replace("_", " "))
    if error.reason:
        why = station_reason(error.why, error.values) if error.why is not None else error.reason
        return fill(QCoreApplication.translate("CommandText", "%1: %2 (%3)"), error.command, outcome, why)
    return fill(QCoreApplication.translate("CommandText", "%1: %2"), error.command, outcome)


def station_reason(why: Why, values: tuple) -> str:
    """The station's own reason for stopping a command, with its numbers in the window's locale."""
    texts = {
        Why.NO_VEHICLE: QCoreApplication.translate("CommandText", "no vehicle with system id %1"),
        Why.NO_CAMERA: QCoreApplication.translate("CommandText", "the vehicle has not shown a camera"),
        Why.NO_HOME: QCoreApplication.translate("CommandText", "no home position yet"),
        Why.UNKNOWN_MODE: QCoreApplication.translate("CommandText", "unknown flight mode '%1'; modes: %2"),
        Why.NO_MODES_KNOWN: QCoreApplication.translate("CommandText",
                                                       "unknown flight mode '%1'; none known for this autopilot"),
        Why.ALTITUDE_OUT_OF_RANGE: QCoreApplication.translate("CommandText", "altitude %1 m out of range 1-1000 m"),
        Why.POSITION_OUT_OF_RANGE: QCoreApplication.translate("CommandText", "position %1, %2 out of range"),
        Why.PITCH_OUT_OF_RANGE: QCoreApplication.translate("CommandText", "pitch %1° out of -90..30°"),
        Why.YAW_OUT_OF_RANGE: QCoreApplication.translate("CommandText", "yaw %1° out of -180..360°"),
        Why.ITEM_NOT_IN_MISSION: QCoreApplication.translate("CommandText", "item %1 is not in the mission"),
        Why.ITEM_NOT_IN_MISSION_OF: QCoreApplication.translate("CommandText",
                                                               "item %1 is not in the mission of %2 items"),
        Why.NEVER_FINISHED: QCoreApplication.translate("CommandText", "started but never finished"),
    }
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)  # 1500 m, as the CLI writes it
    if why is Why.POSITION_OUT_OF_RANGE:
        values = tuple(locale.toString(float(v), "f", 6) for v in values)
    elif why in (Why.ALTITUDE_OUT_OF_RANGE, Why.PITCH_OUT_OF_RANGE, Why.YAW_OUT_OF_RANGE):
        values = tuple(locale.toString(float(v), "g", 6) for v in values)
    return fill(texts[why], *values)


def said(error: Exception) -> str:
    """Why a request failed, as the pilot reads it: a transfer or command error in the window's language,
    anything else as `pending.reason` words it."""
    if isinstance(error, MissionTransferError):
        return transfer_text(error)
    if isinstance(error, CommandError):
        return command_text(error)
    return reason(error)
