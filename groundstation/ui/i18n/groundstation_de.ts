<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Status</source>
        <translation type="vanished">Status</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation type="vanished">Fahrzeug</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="vanished">Geschwindigkeit</translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="vanished">Verbindung</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation type="vanished">Akku</translation>
    </message>
</context>
<context>
    <name>AlertPanel</name>
    <message>
        <location filename="../alert_panel.py" line="64"/>
        <source>Vehicle %1: battery low (%2 %)</source>
        <translation>Fahrzeug %1: Akku schwach (%2 %)</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="66"/>
        <source>Vehicle %1: link lost</source>
        <translation>Fahrzeug %1: Verbindung verloren</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="68"/>
        <source>Vehicle %1: geofence breach: %2</source>
        <translation>Fahrzeug %1: Geofence verletzt: %2</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="70"/>
        <source>Vehicle %1: failsafe: %2</source>
        <translation>Fahrzeug %1: Failsafe ausgelöst: %2</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="72"/>
        <source>person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="72"/>
        <source>hotspot</source>
        <translation>Glutnest</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="72"/>
        <source>other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="73"/>
        <source>New finding: %1</source>
        <translation>Neuer Fund: %1</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="90"/>
        <source>%1 more alerts</source>
        <translation>%1 weitere Alarme</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="91"/>
        <source>Acknowledge all</source>
        <translation>Alle quittieren</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="103"/>
        <source>Acknowledge</source>
        <translation>Quittieren</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="97"/>
        <source>groundstation — demo: simulated fleet near Schengen, %1x</source>
        <translation>groundstation — Demo: simulierte Flotte bei Schengen, %1x</translation>
    </message>
</context>
<context>
    <name>CameraControls</name>
    <message>
        <location filename="../camera_controls.py" line="81"/>
        <source>Take photo</source>
        <translation>Foto aufnehmen</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="82"/>
        <source>Stop recording</source>
        <translation>Aufnahme beenden</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="82"/>
        <source>Start recording</source>
        <translation>Aufnahme starten</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="83"/>
        <source>Clear ROI</source>
        <translation>ROI aufheben</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="84"/>
        <source>Stop keeping the camera on a map point</source>
        <translation>Kamera nicht mehr auf einen Kartenpunkt richten</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="88"/>
        <source>Pitch %1°</source>
        <translation>Neigung %1°</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="89"/>
        <source>Yaw %1°</source>
        <translation>Gierwinkel %1°</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="93"/>
        <source>Point camera here</source>
        <translation>Kamera hierhin richten</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="126"/>
        <location filename="../camera_controls.py" line="155"/>
        <source>No vehicle selected</source>
        <translation>Kein Fahrzeug ausgewählt</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="131"/>
        <source>vehicle %1: %2 not sent: %3</source>
        <translation>Fahrzeug %1: %2 nicht gesendet: %3</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="132"/>
        <source>vehicle %1: %2…</source>
        <translation>Fahrzeug %1: %2…</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="137"/>
        <source>vehicle %1: %2 FAILED: %3</source>
        <translation>Fahrzeug %1: %2 FEHLGESCHLAGEN: %3</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="139"/>
        <source>vehicle %1: %2 done</source>
        <translation>Fahrzeug %1: %2 erledigt</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="142"/>
        <source>photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="142"/>
        <source>start recording</source>
        <translation>Aufnahmestart</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="142"/>
        <source>stop recording</source>
        <translation>Aufnahmeende</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="143"/>
        <source>gimbal pointing</source>
        <translation>Gimbal-Ausrichtung</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="143"/>
        <source>look at</source>
        <translation>Punktausrichtung</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="144"/>
        <source>clear ROI</source>
        <translation>ROI-Aufhebung</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="164"/>
        <source>camera %1</source>
        <translation>Kamera %1</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="166"/>
        <source>%1 (thermal): %2</source>
        <translation>%1 (thermisch): %2</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="168"/>
        <source>%1, %2 photo(s)</source>
        <translation>%1, %2 Foto(s)</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="170"/>
        <source>Vehicle %1 has shown no camera.</source>
        <translation>Fahrzeug %1 hat keine Kamera gemeldet.</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="173"/>
        <source>No gimbal attitude reported.</source>
        <translation>Keine Gimbal-Lage gemeldet.</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="176"/>
        <source>Gimbal: pitch %1°, yaw %2°</source>
        <translation>Gimbal: Neigung %1°, Gierwinkel %2°</translation>
    </message>
</context>
<context>
    <name>CommandPanel</name>
    <message>
        <location filename="../command_panel.py" line="69"/>
        <source>Commands</source>
        <translation>Befehle</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="70"/>
        <source>Arm</source>
        <translation>Scharfschalten</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="71"/>
        <source>Disarm</source>
        <translation>Entschärfen</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="72"/>
        <source>Take off</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="73"/>
        <source>Land</source>
        <translation>Landen</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="74"/>
        <source>Hold</source>
        <translation>Halten</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="75"/>
        <source>Return</source>
        <translation>Rückkehr</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="76"/>
        <source>Go to…</source>
        <translation>Fliege zu…</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="77"/>
        <source>Click, then pick the target on the map</source>
        <translation>Klicken, dann das Ziel auf der Karte wählen</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="82"/>
        <source>Take-off and go-to altitude above home</source>
        <translation>Start- und Zielhöhe über dem Startpunkt</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="83"/>
        <source>Go to at current altitude</source>
        <translation>Auf aktueller Höhe fliegen</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="84"/>
        <source>Altitude:</source>
        <translation>Höhe:</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="85"/>
        <source>Flight mode:</source>
        <translation>Flugmodus:</translation>
    </message>
</context>
<context>
    <name>CommandText</name>
    <message>
        <location filename="../failure_text.py" line="87"/>
        <source>temporarily rejected</source>
        <translation>vorübergehend abgelehnt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="88"/>
        <source>denied</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="89"/>
        <source>unsupported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="90"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="91"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="92"/>
        <source>not ready</source>
        <translation>nicht bereit</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="93"/>
        <source>no camera</source>
        <translation>keine Kamera</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="94"/>
        <source>no answer after %1 tries</source>
        <translation>keine Antwort nach %1 Versuchen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="98"/>
        <source>%1: %2 (%3)</source>
        <translation>%1: %2 (%3)</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="99"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="105"/>
        <source>no vehicle with system id %1</source>
        <translation>kein Fahrzeug mit System-ID %1</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="106"/>
        <source>the vehicle has not shown a camera</source>
        <translation>das Fahrzeug hat keine Kamera gemeldet</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="107"/>
        <source>no home position yet</source>
        <translation>noch kein Startpunkt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="108"/>
        <source>unknown flight mode &apos;%1&apos;; modes: %2</source>
        <translation>unbekannter Flugmodus „%1“; Modi: %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="109"/>
        <source>unknown flight mode &apos;%1&apos;; none known for this autopilot</source>
        <translation>unbekannter Flugmodus „%1“; für diesen Autopiloten ist keiner bekannt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="111"/>
        <source>altitude %1 m out of range 1-1000 m</source>
        <translation>Höhe %1 m außerhalb von 1-1000 m</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="112"/>
        <source>position %1, %2 out of range</source>
        <translation>Position %1, %2 außerhalb des Bereichs</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="113"/>
        <source>pitch %1° out of -90..30°</source>
        <translation>Neigung %1° außerhalb von -90..30°</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="114"/>
        <source>yaw %1° out of -180..360°</source>
        <translation>Gierwinkel %1° außerhalb von -180..360°</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="115"/>
        <source>item %1 is not in the mission</source>
        <translation>Element %1 ist nicht in der Mission</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="116"/>
        <source>item %1 is not in the mission of %2 items</source>
        <translation>Element %1 ist nicht in der Mission mit %2 Elementen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="118"/>
        <source>started but never finished</source>
        <translation>begonnen, aber nie beendet</translation>
    </message>
</context>
<context>
    <name>DrivePad</name>
    <message>
        <location filename="../robot_panel.py" line="150"/>
        <source>speed step {0}/{1} ({2:.0%})</source>
        <translation>Geschwindigkeitsstufe {0}/{1} ({2:.0%})</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="153"/>
        <source>DRIVING KEYS ACTIVE: arrows / WASD · 1-5, +/- {0} · Space E-STOP</source>
        <translation>FAHRTASTEN AKTIV: Pfeiltasten / WASD · 1-5, +/- {0} · Leertaste NOT-HALT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="156"/>
        <source>Click here to drive with the keyboard ({0})</source>
        <translation>Hier klicken, um mit der Tastatur zu fahren ({0})</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <location filename="../event_log.py" line="52"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../event_text.py" line="35"/>
        <source>vehicle %1: appeared (%2 %3) on %4</source>
        <translation>Fahrzeug %1: erschienen (%2 %3) auf %4</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="37"/>
        <source>vehicle %1: mode %2 → %3</source>
        <translation>Fahrzeug %1: Modus %2 → %3</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="40"/>
        <source>vehicle %1: ARMED</source>
        <translation>Fahrzeug %1: SCHARF</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="41"/>
        <source>vehicle %1: disarmed</source>
        <translation>Fahrzeug %1: entschärft</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="43"/>
        <source>vehicle %1: LINK LOST (silent %2 s)</source>
        <translation>Fahrzeug %1: VERBINDUNG VERLOREN (seit %2 s still)</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="46"/>
        <source>vehicle %1: link recovered after %2 s</source>
        <translation>Fahrzeug %1: Verbindung nach %2 s wieder da</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="50"/>
        <location filename="../event_text.py" line="53"/>
        <source>vehicle %1: %2</source>
        <translation>Fahrzeug %1: %2</translation>
    </message>
</context>
<context>
    <name>FenceLayer</name>
    <message>
        <source>Refresh fence</source>
        <translation type="vanished">Geozaun aktualisieren</translation>
    </message>
    <message>
        <source>Clear fence</source>
        <translation type="vanished">Geozaun löschen</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="63"/>
        <source>Refresh fence and rally points</source>
        <translation>Geozaun und Sammelpunkte aktualisieren</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="66"/>
        <source>Clear fence and rally points</source>
        <translation>Geozaun und Sammelpunkte löschen</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="108"/>
        <source>No vehicle selected: no fence to refresh</source>
        <translation>Kein Fahrzeug ausgewählt: kein Geozaun zu aktualisieren</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="115"/>
        <source>No vehicle selected: no fence to clear</source>
        <translation>Kein Fahrzeug ausgewählt: kein Geozaun zu löschen</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="117"/>
        <source>Clear fence and rally points: vehicle %1</source>
        <translation>Geozaun und Sammelpunkte löschen: Fahrzeug %1</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="118"/>
        <source>Remove every geofence area and rally point from vehicle %1? It then flies without them.</source>
        <translation>Alle Geozaunbereiche und Sammelpunkte von Fahrzeug %1 entfernen? Es fliegt dann ohne sie.</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="136"/>
        <source>Fence and rally points of vehicle %1 not cleared: %2</source>
        <translation>Geozaun und Sammelpunkte von Fahrzeug %1 nicht gelöscht: %2</translation>
    </message>
    <message>
        <source>Rally points of vehicle %1 not cleared: %2</source>
        <translation type="vanished">Sammelpunkte von Fahrzeug %1 nicht gelöscht: %2</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="139"/>
        <source>Fence and rally points of vehicle %1 cleared</source>
        <translation>Geozaun und Sammelpunkte von Fahrzeug %1 gelöscht</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="92"/>
        <source>Rally points of vehicle %1 not read: %2</source>
        <translation>Sammelpunkte von Fahrzeug %1 nicht gelesen: %2</translation>
    </message>
    <message>
        <source>Clear fence: vehicle %1</source>
        <translation type="vanished">Geozaun löschen: Fahrzeug %1</translation>
    </message>
    <message>
        <source>Remove every geofence area from vehicle %1? It then flies without them.</source>
        <translation type="vanished">Alle Geozaun-Bereiche von Fahrzeug %1 entfernen? Es fliegt dann ohne sie.</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="123"/>
        <source>Clearing the fence of vehicle %1…</source>
        <translation>Geozaun von Fahrzeug %1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Fence of vehicle %1 not cleared: %2</source>
        <translation type="vanished">Geozaun von Fahrzeug %1 nicht gelöscht: %2</translation>
    </message>
    <message>
        <source>Fence of vehicle %1 cleared</source>
        <translation type="vanished">Geozaun von Fahrzeug %1 gelöscht</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="90"/>
        <location filename="../fence_layer.py" line="142"/>
        <source>Fence of vehicle %1 not read: %2</source>
        <translation>Geozaun von Fahrzeug %1 nicht gelesen: %2</translation>
    </message>
</context>
<context>
    <name>FieldOptions</name>
    <message>
        <location filename="../field_options.py" line="143"/>
        <source>Settings not saved: %1</source>
        <translation>Einstellungen nicht gespeichert: %1</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="220"/>
        <location filename="../field_options.py" line="231"/>
        <source>Import MBTiles</source>
        <translation>MBTiles importieren</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="221"/>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="229"/>
        <source>Imported %1 tiles into %2 (%3 skipped)</source>
        <translation>%1 Kacheln in %2 importiert (%3 übersprungen)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="235"/>
        <location filename="../field_options.py" line="239"/>
        <source>Export MBTiles</source>
        <translation>MBTiles exportieren</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="236"/>
        <source>MBTiles (*.mbtiles)</source>
        <translation>MBTiles (*.mbtiles)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="241"/>
        <source>Exported %1 tiles to %2</source>
        <translation>%1 Kacheln nach %2 exportiert</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="246"/>
        <source>%1: working…</source>
        <translation>%1: läuft…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="369"/>
        <source>&amp;Flight</source>
        <translation>&amp;Flug</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="370"/>
        <source>&amp;Map</source>
        <translation>&amp;Karte</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="371"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="372"/>
        <source>Arm…</source>
        <translation>Scharfschalten…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="372"/>
        <source>Disarm…</source>
        <translation>Entschärfen…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="372"/>
        <source>Take off…</source>
        <translation>Starten…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="373"/>
        <source>Land…</source>
        <translation>Landen…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="373"/>
        <source>Hold</source>
        <translation>Halten</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="373"/>
        <source>Return to launch…</source>
        <translation>Rückkehr zum Startpunkt…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="374"/>
        <source>Go to (pick on map)</source>
        <translation>Fliege zu (auf der Karte wählen)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="374"/>
        <source>Flight mode…</source>
        <translation>Flugmodus…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="377"/>
        <source>Offline mode (cached map only)</source>
        <translation>Offline-Modus (nur gespeicherte Karte)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="378"/>
        <source>Prefetch area…</source>
        <translation>Gebiet vorladen…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="379"/>
        <source>Add a WMTS layer…</source>
        <translation>WMTS-Ebene hinzufügen…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="380"/>
        <source>Import MBTiles…</source>
        <translation>MBTiles importieren…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="381"/>
        <source>Export MBTiles…</source>
        <translation>MBTiles exportieren…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="382"/>
        <source>Search a position</source>
        <translation>Position suchen</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="383"/>
        <source>Copy vehicle position</source>
        <translation>Fahrzeugposition kopieren</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="384"/>
        <source>Daylight (high contrast)</source>
        <translation>Tag (hoher Kontrast)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="384"/>
        <source>Night (red, dimmable)</source>
        <translation>Nacht (rot, dimmbar)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="387"/>
        <source>Night brightness</source>
        <translation>Helligkeit bei Nacht</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="388"/>
        <source>Large controls (gloves, touch)</source>
        <translation>Große Bedienelemente (Handschuhe, Touch)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="389"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="391"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="392"/>
        <source>Coordinates</source>
        <translation>Koordinaten</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="393"/>
        <source>Telemetry plots</source>
        <translation>Telemetrie-Verläufe</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="394"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../findings_panel.py" line="46"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="47"/>
        <source>Hotspot</source>
        <translation>Glutnest</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="48"/>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="52"/>
        <source>unconfirmed</source>
        <translation>unbestätigt</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="53"/>
        <location filename="../findings_panel.py" line="417"/>
        <source>confirmed</source>
        <translation>bestätigt</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="54"/>
        <location filename="../findings_panel.py" line="418"/>
        <source>dismissed</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="55"/>
        <location filename="../findings_panel.py" line="419"/>
        <source>resolved</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="63"/>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="64"/>
        <source>marked by hand at station %1</source>
        <translation>von Hand markiert an Station %1</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="66"/>
        <source>vehicle %1 of station %2</source>
        <translation>Fahrzeug %1 der Station %2</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="68"/>
        <source>%1 of station %2</source>
        <translation>%1 der Station %2</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="136"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="136"/>
        <location filename="../findings_panel.py" line="141"/>
        <source>Note</source>
        <translation>Vermerk</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="137"/>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="138"/>
        <source>Dismiss…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="139"/>
        <source>Annotate…</source>
        <translation>Vermerken…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="140"/>
        <source>Resolved…</source>
        <translation>Erledigt…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="141"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="141"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="141"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="142"/>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="142"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="142"/>
        <source>Reachable</source>
        <translation>Erreichbar</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="143"/>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="143"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="143"/>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="144"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="145"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="146"/>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="247"/>
        <source>not tried yet</source>
        <translation>noch nicht versucht</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="247"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="247"/>
        <source>NO</source>
        <translation>NEIN</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="269"/>
        <source>Select a finding in the list or on the map.</source>
        <translation>Fund in der Liste oder auf der Karte auswählen.</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="271"/>
        <location filename="../findings_panel.py" line="325"/>
        <source>No snapshot</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="282"/>
        <source>confidence {0:.0%}</source>
        <translation>Wahrscheinlichkeit {0:.0%}</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="286"/>
        <source>seen {0} by {1}</source>
        <translation>erfasst am {0} durch {1}</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="325"/>
        <source>Snapshot unreadable</source>
        <translation>Bild nicht lesbar</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="330"/>
        <source>confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="336"/>
        <source>Dismiss finding</source>
        <translation>Fund verwerfen</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="336"/>
        <source>Why is it dismissed? (optional)</source>
        <translation>Warum wird er verworfen? (optional)</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="339"/>
        <source>dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="345"/>
        <source>Annotate finding</source>
        <translation>Vermerk zum Fund</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="345"/>
        <location filename="../findings_panel.py" line="405"/>
        <source>Note:</source>
        <translation>Vermerk:</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="349"/>
        <source>annotate: a note needs some text; nothing was changed</source>
        <translation>Vermerken: ein Vermerk braucht Text; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="351"/>
        <source>annotate</source>
        <translation>Vermerken</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="357"/>
        <source>Mark finding resolved</source>
        <translation>Fund als erledigt markieren</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="357"/>
        <source>How was it resolved? (optional)</source>
        <translation>Wie wurde er erledigt? (optional)</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="360"/>
        <source>resolve</source>
        <translation>Erledigen</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="368"/>
        <location filename="../findings_panel.py" line="382"/>
        <source>mark here</source>
        <translation>Hier markieren</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="374"/>
        <source>{0}: sent…</source>
        <translation>{0}: gesendet…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="379"/>
        <source>{0} FAILED: {1}</source>
        <translation>{0} FEHLGESCHLAGEN: {1}</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="381"/>
        <source>{0}: recorded</source>
        <translation>{0}: erfasst</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="397"/>
        <source>Mark here</source>
        <translation>Hier markieren</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="404"/>
        <source>Kind:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="416"/>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="420"/>
        <source>annotated</source>
        <translation>vermerkt</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="421"/>
        <source>moved</source>
        <translation>verschoben</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="137"/>
        <location filename="../main_window.py" line="450"/>
        <source>Flight</source>
        <translation>Flug</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="375"/>
        <location filename="../main_window.py" line="453"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <location filename="../main_window.py" line="449"/>
        <source>Vehicles</source>
        <translation>Fahrzeuge</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source> (down)</source>
        <translation> (getrennt)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>%1 frames, %2 bad</source>
        <translation>%1 Rahmen, %2 fehlerhaft</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209"/>
        <source>Arm vehicle %1? Its motors will start.</source>
        <translation>Fahrzeug %1 scharfschalten? Seine Motoren laufen an.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214"/>
        <source>Vehicle %1 is IN THE AIR: disarming stops its motors. Disarm anyway?</source>
        <translation>Fahrzeug %1 ist IN DER LUFT: Entschärfen stoppt die Motoren. Trotzdem entschärfen?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216"/>
        <source>Disarm vehicle %1?</source>
        <translation>Fahrzeug %1 entschärfen?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>Take off vehicle %1 and climb to %2 m above home?</source>
        <translation>Fahrzeug %1 starten und auf %2 m über dem Startpunkt steigen?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225"/>
        <source>Land vehicle %1 where it is now?</source>
        <translation>Fahrzeug %1 an seiner jetzigen Position landen?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>Return vehicle %1 to its launch point and land there?</source>
        <translation>Fahrzeug %1 zum Startpunkt zurückfliegen und dort landen?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240"/>
        <source>Switch vehicle %1 from %2 to %3?</source>
        <translation>Fahrzeug %1 von %2 auf %3 umschalten?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="249"/>
        <source>at its current altitude</source>
        <translation>auf seiner aktuellen Höhe</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>at %1 m above home</source>
        <translation>auf %1 m über dem Startpunkt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="253"/>
        <source>(%1 m away)</source>
        <translation>(%1 m entfernt)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>Fly vehicle %1 to %2%3 %4?</source>
        <translation>Fahrzeug %1 nach %2%3 %4 fliegen?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266"/>
        <source>%1: no vehicle selected</source>
        <translation>%1: kein Fahrzeug ausgewählt</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269"/>
        <source>%1: vehicle %2</source>
        <translation>%1: Fahrzeug %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>vehicle %1: %2 cancelled</source>
        <translation>Fahrzeug %1: %2 abgebrochen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277"/>
        <source>vehicle %1: %2 not sent: %3</source>
        <translation>Fahrzeug %1: %2 nicht gesendet: %3</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>vehicle %1: %2 sent…</source>
        <translation>Fahrzeug %1: %2 gesendet…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="287"/>
        <source>vehicle %1: %2 FAILED: %3</source>
        <translation>Fahrzeug %1: %2 FEHLGESCHLAGEN: %3</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="290"/>
        <source>vehicle %1: %2 accepted</source>
        <translation>Fahrzeug %1: %2 angenommen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>mode %1</source>
        <translation>Modus %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>arm</source>
        <translation>Scharfschalten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>disarm</source>
        <translation>Entschärfen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>take off</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>land</source>
        <translation>Landen</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>return</source>
        <translation>Rückkehr</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>hold</source>
        <translation>Halten</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="299"/>
        <source>go to</source>
        <translation>Fliege zu</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313"/>
        <source>vehicle %1: click the go-to target on the map</source>
        <translation>Fahrzeug %1: Ziel auf der Karte anklicken</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337"/>
        <source>Findings</source>
        <translation>Funde</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <location filename="../main_window.py" line="452"/>
        <source>Robots</source>
        <translation>Roboter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370"/>
        <location filename="../main_window.py" line="455"/>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="425"/>
        <source>Findings: {0} ({1} unconfirmed)</source>
        <translation>Funde: {0} ({1} unbestätigt)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="336"/>
        <source>Mark here…</source>
        <translation>Hier markieren…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="361"/>
        <location filename="../main_window.py" line="454"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
</context>
<context>
    <name>MapDrawing</name>
    <message>
        <location filename="../plan_drawing.py" line="39"/>
        <source>Set datum on map</source>
        <translation>Datum auf der Karte setzen</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="40"/>
        <source>Draw area on map</source>
        <translation>Gebiet auf der Karte zeichnen</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="41"/>
        <source>Draw route on map</source>
        <translation>Route auf der Karte zeichnen</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="53"/>
        <source>Click the area&apos;s corners on the map, then press Draw area again to close it</source>
        <translation>Eckpunkte des Gebiets auf der Karte anklicken, dann erneut Gebiet zeichnen drücken, um es zu schließen</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="55"/>
        <source>Click the route&apos;s points in order on the map, then press Draw route again to end it</source>
        <translation>Punkte der Route der Reihe nach auf der Karte anklicken, dann erneut Route zeichnen drücken, um sie abzuschließen</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="58"/>
        <source>Click the datum (last known position) on the map</source>
        <translation>Datum (letzte bekannte Position) auf der Karte anklicken</translation>
    </message>
</context>
<context>
    <name>MapPane</name>
    <message>
        <location filename="../map_pane.py" line="178"/>
        <source>Map:</source>
        <translation>Karte:</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="179"/>
        <source>Tile source shown under the map</source>
        <translation>Angezeigte Kartenquelle</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="181"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="182"/>
        <source>No network request at all: only cached map tiles are shown</source>
        <translation>Keine Netzwerkanfrage: nur gespeicherte Kacheln werden gezeigt</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="183"/>
        <source>MGRS grid</source>
        <translation>UTMREF-Gitter</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="184"/>
        <source>Draw the MGRS / UTMREF grid</source>
        <translation>MGRS-/UTMREF-Gitter zeichnen</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="185"/>
        <source>Measure</source>
        <translation>Messen</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="186"/>
        <source>Click points on the map: distance, and area from three points</source>
        <translation>Punkte auf der Karte anklicken: Strecke, ab drei Punkten auch Fläche</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="187"/>
        <source>Prefetch area…</source>
        <translation>Gebiet vorladen…</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="188"/>
        <source>Search: degrees, DMS, UTM or MGRS</source>
        <translation>Suche: Grad, GMS, UTM oder UTMREF</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="189"/>
        <source>For example 49.47 6.37, 49°28&apos;12&quot;N 6°22&apos;12&quot;E, 32U 326936 5481868 or 32U LV 26936 81868; Enter centres the map</source>
        <translation>Zum Beispiel 49.47 6.37, 49°28&apos;12&quot;N 6°22&apos;12&quot;E, 32U 326936 5481868 oder 32U LV 26936 81868; Eingabe zentriert die Karte</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="191"/>
        <source>How positions are shown and copied</source>
        <translation>Wie Positionen angezeigt und kopiert werden</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="192"/>
        <source>Copy position</source>
        <translation>Position kopieren</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="193"/>
        <source>Copy the selected vehicle&apos;s position in the chosen format</source>
        <translation>Position des gewählten Fahrzeugs im gewählten Format kopieren</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="216"/>
        <source>Add a WMTS layer…</source>
        <translation>WMTS-Ebene hinzufügen…</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="219"/>
        <source>Demo scenario</source>
        <translation>Demo-Szenario</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="264"/>
        <source>Centred on %1</source>
        <translation>Zentriert auf %1</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="269"/>
        <source>No vehicle with a position selected</source>
        <translation>Kein Fahrzeug mit Position ausgewählt</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="276"/>
        <source>Copied %1</source>
        <translation>Kopiert: %1</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="285"/>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="286"/>
        <source>Measure from here</source>
        <translation>Von hier messen</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../map_view.py" line="125"/>
        <source>Fit fleet</source>
        <translation>Flotte zeigen</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="126"/>
        <source>Zoom to show every vehicle and home</source>
        <translation>Zoomen, bis alle Fahrzeuge und Startpunkte sichtbar sind</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="444"/>
        <source>Waiting for vehicles with a position…</source>
        <translation>Warte auf Fahrzeuge mit Position…</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="468"/>
        <source>go-to %1</source>
        <translation>Ziel %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="481"/>
        <source>Click the go-to target on the map  (Esc cancels)</source>
        <translation>Ziel auf der Karte anklicken  (Esc bricht ab)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="485"/>
        <source>Drag a rectangle over the area to prefetch  (Esc cancels)</source>
        <translation>Rechteck über das vorzuladende Gebiet ziehen  (Esc bricht ab)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="598"/>
        <source>Click points to measure  (Backspace removes one, Esc ends)</source>
        <translation>Punkte zum Messen anklicken  (Rücktaste entfernt einen, Esc beendet)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="599"/>
        <source>Distance %1</source>
        <translation>Strecke %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="601"/>
        <source>Area %1</source>
        <translation>Fläche %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="620"/>
        <source>OFFLINE: cached map only</source>
        <translation>OFFLINE: nur gespeicherte Karte</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="704"/>
        <source>%1  LINK LOST</source>
        <translation>%1  VERBINDUNG VERLOREN</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="722"/>
        <source>grid %1</source>
        <translation>Raster %1</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../params_panel.py" line="119"/>
        <source>Download all</source>
        <translation>Alle herunterladen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="120"/>
        <source>Save…</source>
        <translation>Speichern…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="121"/>
        <source>Load…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="122"/>
        <source>Search by name</source>
        <translation>Nach Namen suchen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="123"/>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="124"/>
        <source>new value</source>
        <translation>neuer Wert</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="125"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="125"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="125"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="153"/>
        <source>No parameters yet: select a vehicle and download them</source>
        <translation>Noch keine Parameter: Fahrzeug auswählen und herunterladen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="155"/>
        <source>Vehicle %1: %2 parameters</source>
        <translation>Fahrzeug %1: %2 Parameter</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="192"/>
        <source>Wait: the last request to the vehicle has not finished</source>
        <translation>Bitte warten: die letzte Anfrage an das Fahrzeug läuft noch</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="200"/>
        <source>No vehicle selected</source>
        <translation>Kein Fahrzeug ausgewählt</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="224"/>
        <source>Choose a parameter in the list first</source>
        <translation>Zuerst einen Parameter in der Liste wählen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="232"/>
        <source>%1 takes a whole number, not “%2”; nothing sent</source>
        <translation>%1 braucht eine ganze Zahl, nicht „%2“; nichts gesendet</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="240"/>
        <source>%1 takes a number, not “%2”; nothing sent</source>
        <translation>%1 braucht eine Zahl, nicht „%2“; nichts gesendet</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="248"/>
        <source>Nothing to save: download the parameters first</source>
        <translation>Nichts zu speichern: zuerst die Parameter herunterladen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="253"/>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="255"/>
        <source>%1 parameters saved to %2</source>
        <translation>%1 Parameter in %2 gespeichert</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="263"/>
        <source>Download the parameters first, then load a file onto them</source>
        <translation>Zuerst die Parameter herunterladen, dann eine Datei laden</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="268"/>
        <source>Could not load %1: %2; nothing sent</source>
        <translation>%1 konnte nicht geladen werden: %2; nichts gesendet</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="294"/>
        <source>File loaded: %1 values changed, %2 names not on this vehicle</source>
        <translation>Datei geladen: %1 Werte geändert, %2 Namen gibt es auf diesem Fahrzeug nicht</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="297"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="301"/>
        <source>Save parameters</source>
        <translation>Parameter speichern</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="302"/>
        <location filename="../params_panel.py" line="308"/>
        <source>QGroundControl parameters (*.params)</source>
        <translation>QGroundControl-Parameter (*.params)</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="307"/>
        <source>Load parameters</source>
        <translation>Parameter laden</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="318"/>
        <source>vehicle %1: not sent: %2</source>
        <translation>Fahrzeug %1: nicht gesendet: %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="322"/>
        <source>vehicle %1: downloading parameters…</source>
        <translation>Fahrzeug %1: Parameter werden heruntergeladen…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="323"/>
        <source>vehicle %1: setting %2…</source>
        <translation>Fahrzeug %1: %2 wird gesetzt…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="333"/>
        <source>vehicle %1: parameter download FAILED: %2</source>
        <translation>Fahrzeug %1: Parameter-Download FEHLGESCHLAGEN: %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="342"/>
        <source>vehicle %1: %2 parameters downloaded</source>
        <translation>Fahrzeug %1: %2 Parameter heruntergeladen</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="360"/>
        <source>vehicle %1: setting %2 FAILED: %3</source>
        <translation>Fahrzeug %1: Setzen von %2 FEHLGESCHLAGEN: %3</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="363"/>
        <source>vehicle %1: %2 is now %3</source>
        <translation>Fahrzeug %1: %2 ist jetzt %3</translation>
    </message>
</context>
<context>
    <name>PartsStart</name>
    <message>
        <source>part %1 on vehicle %2 FAILED: %3</source>
        <translation type="vanished">Teil %1 auf Fahrzeug %2 FEHLGESCHLAGEN: %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="65"/>
        <source>part %1 on vehicle %2: %3</source>
        <translation>Teil %1 auf Fahrzeug %2: %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="68"/>
        <source>part %1 on vehicle %2</source>
        <translation>Teil %1 auf Fahrzeug %2</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="76"/>
        <source>Not all parts started: %1</source>
        <translation>Nicht alle Teile gestartet: %1</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="77"/>
        <source>Parts started: %1</source>
        <translation>Teile gestartet: %1</translation>
    </message>
</context>
<context>
    <name>PartsUpload</name>
    <message>
        <source>part %1 to vehicle %2 FAILED: %3</source>
        <translation type="vanished">Teil %1 an Fahrzeug %2 FEHLGESCHLAGEN: %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="36"/>
        <source>part %1 to vehicle %2: %3</source>
        <translation>Teil %1 an Fahrzeug %2: %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="39"/>
        <source>part %1 to vehicle %2</source>
        <translation>Teil %1 an Fahrzeug %2</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="45"/>
        <source>Parts upload FAILED: %1</source>
        <translation>Hochladen der Teile FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="46"/>
        <source>Parts uploaded: %1</source>
        <translation>Teile hochgeladen: %1</translation>
    </message>
</context>
<context>
    <name>PlanItemList</name>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>Latitude</source>
        <translation>Breite</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>Longitude</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="40"/>
        <source>Altitude</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="40"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <location filename="../plan_panel.py" line="551"/>
        <source>%1 m up, tracks %2 m apart, track %3 km, flight %4 min, battery %5 %</source>
        <translation>%1 m hoch, Bahnen %2 m auseinander, Strecke %3 km, Flug %4 min, Akku %5 %</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="294"/>
        <source>Advance direction</source>
        <translation>Vorrückrichtung</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="286"/>
        <source>Altitude</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="379"/>
        <source>Area %1: %2 ha</source>
        <translation>Gebiet %1: %2 ha</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="364"/>
        <source>Area not used: %1</source>
        <translation>Gebiet nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="439"/>
        <source>Area: %1 (%2 ha)</source>
        <translation>Gebiet: %1 (%2 ha)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="438"/>
        <source>Area: not set</source>
        <translation>Gebiet: nicht festgelegt</translation>
    </message>
    <message>
        <source>Areas (*.kml *.geojson *.json *.plan)</source>
        <translation type="vanished">Gebiete (*.kml *.geojson *.json *.plan)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="881"/>
        <source>Arm vehicle %1 and fly its uploaded mission?</source>
        <translation>Fahrzeug %1 scharfschalten und die hochgeladene Mission fliegen?</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="398"/>
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Cannot import %1: it holds no area and no point</source>
        <translation type="vanished">%1 kann nicht importiert werden: die Datei enthält weder Gebiet noch Punkt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="555"/>
        <source>Coverage %1 % of %2 ha</source>
        <translation>Abdeckung %1 % von %2 ha</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Creeping line</source>
        <translation>Kriechende Linie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="292"/>
        <source>Cruise speed</source>
        <translation>Reisegeschwindigkeit</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="372"/>
        <source>Datum set at %1, %2</source>
        <translation>Datum gesetzt auf %1, %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="436"/>
        <source>Datum: %1, %2</source>
        <translation>Datum: %1, %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="435"/>
        <source>Datum: not set</source>
        <translation>Datum: nicht gesetzt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="290"/>
        <source>Detection camera</source>
        <translation>Erkennungskamera</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="307"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="292"/>
        <source>Endurance</source>
        <translation>Flugzeit</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Expanding square</source>
        <translation>Expandierendes Quadrat</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="736"/>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="745"/>
        <source>Export the plan</source>
        <translation>Plan exportieren</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="308"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="295"/>
        <source>First leg heading</source>
        <translation>Kurs des ersten Schenkels</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="291"/>
        <source>Front overlap</source>
        <translation>Längsüberlappung</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="286"/>
        <source>Ground resolution</source>
        <translation>Bodenauflösung</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="559"/>
        <source>Ground seen %1 ha</source>
        <translation>Gesehener Boden %1 ha</translation>
    </message>
    <message>
        <source>Import a search area or datum</source>
        <translation type="vanished">Suchgebiet oder Datum importieren</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="299"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="291"/>
        <source>Legs</source>
        <translation>Schenkel</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="420"/>
        <source>%1: its geofence (%2 shapes) and %3 rally points are drawn dotted: not on any vehicle yet; Upload sends them</source>
        <translation>%1: sein Geozaun (%2 Formen) und %3 Sammelpunkte sind gepunktet gezeichnet: noch auf keinem Fahrzeug; „Hochladen“ sendet sie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="481"/>
        <source>No plan: %1</source>
        <translation>Kein Plan: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="753"/>
        <source>Wait: the parts are still going up</source>
        <translation>Bitte warten: die Teile werden noch hochgeladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="756"/>
        <source>Wait: the geofence and rally points are still going up</source>
        <translation>Warten: Geozaun und Sammelpunkte werden noch hochgeladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="787"/>
        <source>Upload refused: %1 parts but %2 vehicles picked; pick one vehicle per part</source>
        <translation>Hochladen abgelehnt: %1 Teile, aber %2 Fahrzeuge ausgewählt; ein Fahrzeug je Teil auswählen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="842"/>
        <source>mission</source>
        <translation>Mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="842"/>
        <source>geofence</source>
        <translation>Geozaun</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="842"/>
        <source>rally points</source>
        <translation>Sammelpunkte</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="843"/>
        <source>Uploaded to vehicle %1: %2</source>
        <translation>Auf Fahrzeug %1 hochgeladen: %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="859"/>
        <source>vehicle %1: %2 (the vehicle keeps what it held before)</source>
        <translation>Fahrzeug %1: %2 (das Fahrzeug behält, was es vorher hatte)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="890"/>
        <source>Wait: the parts&apos; vehicles have not all answered yet</source>
        <translation>Bitte warten: noch haben nicht alle Fahrzeuge der Teile geantwortet</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="893"/>
        <source>Start all parts: upload every part first</source>
        <translation>Alle Teile starten: zuerst jeden Teil hochladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="897"/>
        <source>Every part is started already</source>
        <translation>Alle Teile sind bereits gestartet</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="934"/>
        <source>No vehicle selected</source>
        <translation>Kein Fahrzeug ausgewählt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Parallel track</source>
        <translation>Parallelsuche</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="281"/>
        <source>Track line</source>
        <translation>Streckensuche</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="290"/>
        <source>Pattern</source>
        <translation>Suchmuster</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="293"/>
        <source>Drones</source>
        <translation>Drohnen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="300"/>
        <source>Back along the other side of the route</source>
        <translation>Zurück auf der anderen Seite der Route</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="301"/>
        <source>Share the area among this many drones, each flying its own part</source>
        <translation>Das Gebiet auf so viele Drohnen aufteilen, jede fliegt ihren eigenen Teil</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="302"/>
        <source>Insert waypoint after</source>
        <translation>Wegpunkt danach einfügen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="303"/>
        <source>Delete item</source>
        <translation>Element löschen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="305"/>
        <source>Send the plan to the selected vehicle (a split plan&apos;s parts to the vehicles picked), then the geofence and rally points of an imported .plan</source>
        <translation>Den Plan an das ausgewählte Fahrzeug senden (die Teile eines geteilten Plans an die angehakten Fahrzeuge), danach Geozaun und Sammelpunkte eines importierten .plan</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="310"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="312"/>
        <location filename="../plan_panel.py" line="900"/>
        <source>Start all parts</source>
        <translation>Alle Teile starten</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="313"/>
        <source>Each vehicle that holds a part takes off and flies it</source>
        <translation>Jedes Fahrzeug mit einem Teil startet und fliegt ihn</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="314"/>
        <source>Items of</source>
        <translation>Elemente von</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="316"/>
        <location filename="../plan_panel.py" line="607"/>
        <source>part %1</source>
        <translation>Teil %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="362"/>
        <source>drawn route</source>
        <translation>gezeichnete Route</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="364"/>
        <source>Route not used: %1</source>
        <translation>Route nicht übernommen: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="386"/>
        <source>Route %1: %2 km</source>
        <translation>Route %1: %2 km</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="414"/>
        <source>Cannot import %1: it holds no area, route or point</source>
        <translation>%1 kann nicht importiert werden: die Datei enthält weder Gebiet noch Route noch Punkt</translation>
    </message>
    <message>
        <source>%1: its geofence (%2 shapes) and %3 rally points are drawn dotted: not on any vehicle yet</source>
        <translation type="vanished">%1: sein Geozaun (%2 Formen) und %3 Sammelpunkte sind gepunktet gezeichnet: noch auf keinem Fahrzeug</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="427"/>
        <source>Import a search area, route or datum</source>
        <translation>Suchgebiet, Route oder Datum importieren</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="428"/>
        <source>Areas and routes (*.kml *.geojson *.json *.plan)</source>
        <translation>Gebiete und Routen (*.kml *.geojson *.json *.plan)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="441"/>
        <source>Route: not set</source>
        <translation>Route: nicht festgelegt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="442"/>
        <source>Route: %1 (%2 km)</source>
        <translation>Route: %1 (%2 km)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="478"/>
        <source>Part %1: %2</source>
        <translation>Teil %1: %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="544"/>
        <source>Edited mission: %1 items, not uploaded yet</source>
        <translation>Bearbeitete Mission: %1 Elemente, noch nicht hochgeladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="564"/>
        <source>%1 m up, tracks %2 m apart, area shared among %3 drones</source>
        <translation>%1 m hoch, Bahnen %2 m auseinander, Gebiet auf %3 Drohnen aufgeteilt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Track</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Flight</source>
        <translation>Flug</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="567"/>
        <source>none picked</source>
        <translation>keines ausgewählt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="641"/>
        <source>Item %1: altitude %2 m</source>
        <translation>Element %1: Höhe %2 m</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="644"/>
        <source>Item %1: speed %2 m/s</source>
        <translation>Element %1: Geschwindigkeit %2 m/s</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="647"/>
        <source>Not changed: %1</source>
        <translation>Nicht geändert: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="658"/>
        <source>Select the item to delete first</source>
        <translation>Zuerst das zu löschende Element auswählen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="661"/>
        <source>Item %1 deleted</source>
        <translation>Element %1 gelöscht</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="669"/>
        <source>Select the item to insert after first</source>
        <translation>Zuerst das Element auswählen, nach dem eingefügt wird</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="674"/>
        <source>No waypoint inserted: %1</source>
        <translation>Kein Wegpunkt eingefügt: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="676"/>
        <source>Waypoint %1 inserted</source>
        <translation>Wegpunkt %1 eingefügt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="682"/>
        <source>Add waypoint here</source>
        <translation>Wegpunkt hier hinzufügen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="692"/>
        <source>Waypoint %1 added at %2, %3</source>
        <translation>Wegpunkt %1 bei %2, %3 hinzugefügt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="697"/>
        <source>Item %1 moved to %2, %3</source>
        <translation>Element %1 nach %2, %3 verschoben</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="739"/>
        <source>Plan written to %1</source>
        <translation>Plan gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="741"/>
        <source>%1 parts written: %2</source>
        <translation>%1 Teile gespeichert: %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="746"/>
        <source>Plans (*.plan *.kml *.geojson)</source>
        <translation>Pläne (*.plan *.kml *.geojson)</translation>
    </message>
    <message>
        <source>vehicle %1: %2 FAILED: %3 (the vehicle keeps what it held before)</source>
        <translation type="vanished">Fahrzeug %1: %2 FEHLGESCHLAGEN: %3 (das Fahrzeug behält, was es vorher hatte)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="996"/>
        <source>geofence upload</source>
        <translation>Geozaun hochladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="997"/>
        <source>rally points upload</source>
        <translation>Sammelpunkte hochladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="292"/>
        <source>Radius</source>
        <translation>Radius</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="311"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Sector</source>
        <translation>Sektor</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="291"/>
        <source>Side overlap</source>
        <translation>Querüberlappung</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="290"/>
        <source>Sized by</source>
        <translation>Bemessen nach</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="309"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="880"/>
        <source>Start mission: vehicle %1</source>
        <translation>Mission starten: Fahrzeug %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="304"/>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="772"/>
        <location filename="../plan_panel.py" line="793"/>
        <source>Upload refused: %1</source>
        <translation>Hochladen abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="767"/>
        <source>Upload: no plan yet: set a datum or an area first</source>
        <translation>Hochladen: noch kein Plan: zuerst Datum oder Gebiet setzen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="548"/>
        <source>Vehicle %1&apos;s mission: %2 items</source>
        <translation>Mission von Fahrzeug %1: %2 Elemente</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="360"/>
        <source>drawn area</source>
        <translation>gezeichnetes Gebiet</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="901"/>
        <source>Arm the vehicles holding a part (%1) and fly each its part? They take off at once.</source>
        <translation>Die Fahrzeuge mit einem Teil (%1) scharfschalten und jedes seinen Teil fliegen lassen? Sie starten alle zugleich.</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="957"/>
        <source>%1 FAILED: %2</source>
        <translation>%1 FEHLGESCHLAGEN: %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="971"/>
        <source>vehicle %1: %2</source>
        <translation>Fahrzeug %1: %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="991"/>
        <source>upload of part %1</source>
        <translation>Hochladen von Teil %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="993"/>
        <source>start of part %1</source>
        <translation>Start von Teil %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="994"/>
        <source>mission download</source>
        <translation>Mission herunterladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="995"/>
        <source>mission pause</source>
        <translation>Mission anhalten</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="996"/>
        <source>mission resume</source>
        <translation>Mission fortsetzen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="995"/>
        <source>mission start</source>
        <translation>Mission starten</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="994"/>
        <source>mission upload</source>
        <translation>Mission hochladen</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="727"/>
        <source>there is no plan to export</source>
        <translation>es gibt keinen Plan zum Exportieren</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="729"/>
        <source>unknown file type .%1; use .plan, .kml or .geojson</source>
        <translation>unbekannter Dateityp .%1; .plan, .kml oder .geojson verwenden</translation>
    </message>
    <message>
        <source>vehicle %1: %2 FAILED: %3</source>
        <translation type="vanished">Fahrzeug %1: %2 FEHLGESCHLAGEN: %3</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="985"/>
        <source>vehicle %1: %2 done</source>
        <translation>Fahrzeug %1: %2 erledigt</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="954"/>
        <source>vehicle %1: %2 not sent: %3</source>
        <translation>Fahrzeug %1: %2 nicht gesendet: %3</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="956"/>
        <source>vehicle %1: %2…</source>
        <translation>Fahrzeug %1: %2…</translation>
    </message>
</context>
<context>
    <name>PrefetchDialog</name>
    <message>
        <location filename="../prefetch_dialog.py" line="103"/>
        <source>Prefetch map area</source>
        <translation>Kartengebiet vorladen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="104"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="105"/>
        <source>Area:</source>
        <translation>Gebiet:</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="106"/>
        <source>Zoom levels:</source>
        <translation>Zoomstufen:</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="107"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="108"/>
        <source>Draw on map</source>
        <translation>Auf der Karte zeichnen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="109"/>
        <source>Use map view</source>
        <translation>Kartenausschnitt nehmen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="110"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="111"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="112"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="113"/>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene erneut</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="114"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="145"/>
        <source>Not drawn yet: draw it on the map or use the map view</source>
        <translation>Noch nicht gezeichnet: auf der Karte zeichnen oder den Kartenausschnitt nehmen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="156"/>
        <source>%1 tiles, %2 already cached, about %3 to download</source>
        <translation>%1 Kacheln, %2 schon gespeichert, etwa %3 herunterzuladen</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="215"/>
        <source>ready</source>
        <translation>bereit</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="215"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="215"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="216"/>
        <source>finished</source>
        <translation>fertig</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="216"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="217"/>
        <source>%1: %2 downloaded, %3 already cached, %4 failed (%5)</source>
        <translation>%1: %2 geladen, %3 schon gespeichert, %4 fehlgeschlagen (%5)</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <location filename="../replay_bar.py" line="59"/>
        <source>Where the replay is in the log: drag to go to another moment</source>
        <translation>Stelle der Wiedergabe im Protokoll: ziehen, um zu einem anderen Zeitpunkt zu springen</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="60"/>
        <source>Replay speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="74"/>
        <source>Replay %1</source>
        <translation>Wiedergabe %1</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="75"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="75"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="79"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>RobotPanel</name>
    <message>
        <source>Robots</source>
        <translation type="vanished">Roboter</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="236"/>
        <source>serial:/dev/ttyUSB0:115200 or zmq:tcp://HOST:PORT</source>
        <translation>serial:/dev/ttyUSB0:115200 oder zmq:tcp://HOST:PORT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="237"/>
        <source>robot public key (.key), CURVE only</source>
        <translation>öffentlicher Schlüssel des Roboters (.key), nur CURVE</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="238"/>
        <source>station secret key (.key_secret), CURVE only</source>
        <translation>geheimer Schlüssel der Station (.key_secret), nur CURVE</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="239"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="240"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="241"/>
        <source>Set limits</source>
        <translation>Grenzen setzen</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="242"/>
        <location filename="../robot_panel.py" line="355"/>
        <source>EMERGENCY STOP</source>
        <translation>NOT-HALT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="243"/>
        <source>Stops the selected robot and latches until released (Space)</source>
        <translation>Hält den gewählten Roboter an und bleibt verriegelt, bis er entriegelt wird (Leertaste)</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="244"/>
        <source>Release e-stop…</source>
        <translation>Not-Halt entriegeln…</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="245"/>
        <source>Robot:</source>
        <translation>Roboter:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="245"/>
        <source>Limits:</source>
        <translation>Grenzen:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="245"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="246"/>
        <source>Turn</source>
        <translation>Drehung</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="246"/>
        <source>Link:</source>
        <translation>Verbindung:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="246"/>
        <source>Battery:</source>
        <translation>Akku:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="247"/>
        <source>E-stop:</source>
        <translation>Not-Halt:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="247"/>
        <source>Deadman:</source>
        <translation>Totmann:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="247"/>
        <source>Input:</source>
        <translation>Eingabe:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="248"/>
        <source>Gamepad:</source>
        <translation>Gamepad:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="249"/>
        <source>Last event:</source>
        <translation>Letztes Ereignis:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="249"/>
        <source>Video:</source>
        <translation>Video:</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="334"/>
        <source>{0:+.2f} m/s (asked {1:+.0%})</source>
        <translation>{0:+.2f} m/s (gefordert {1:+.0%})</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="336"/>
        <source>{0:+.2f} rad/s</source>
        <translation>{0:+.2f} rad/s</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="338"/>
        <source>{0} (asked {1:+.0%})</source>
        <translation>{0} (gefordert {1:+.0%})</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="339"/>
        <source>, quality {0:.0%}</source>
        <translation>, Qualität {0:.0%}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="339"/>
        <source>, NOT HEARD</source>
        <translation>, KEIN SIGNAL</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="345"/>
        <source>LATCHED by this station</source>
        <translation>VERRIEGELT von dieser Station</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="345"/>
        <source>, robot confirms</source>
        <translation>, vom Roboter bestätigt</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="346"/>
        <source>, waiting for the robot</source>
        <translation>, warte auf den Roboter</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="348"/>
        <source>releasing…</source>
        <translation>wird entriegelt…</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="350"/>
        <source>ENGAGED on the robot</source>
        <translation>AM ROBOTER AUSGELÖST</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="352"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="355"/>
        <source>E-STOP LATCHED</source>
        <translation>NOT-HALT VERRIEGELT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="358"/>
        <source>ROBOT STOPPED ITSELF: its commands stopped arriving</source>
        <translation>ROBOTER HAT SELBST ANGEHALTEN: seine Befehle kamen nicht mehr an</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="359"/>
        <source>engaged, waiting for a driver</source>
        <translation>aktiv, wartet auf einen Fahrer</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="360"/>
        <source>armed (stops by itself if commands stop)</source>
        <translation>scharf (hält selbst an, wenn Befehle ausbleiben)</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="361"/>
        <source>station side only (neutral sticks when input stops)</source>
        <translation>nur stationsseitig (Knüppel neutral, wenn die Eingabe ausbleibt)</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="362"/>
        <source>no fresh input: sending stop</source>
        <translation>keine aktuelle Eingabe: Stopp wird gesendet</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="362"/>
        <source>driving</source>
        <translation>fährt</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="405"/>
        <source>none announced</source>
        <translation>keines gemeldet</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="407"/>
        <source>cannot open {0}: {1}</source>
        <translation>{0} lässt sich nicht öffnen: {1}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="412"/>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="412"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="413"/>
        <source>reconnecting</source>
        <translation>verbinde neu</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="413"/>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="414"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="415"/>
        <source>{0}: {1}, {2} frames</source>
        <translation>{0}: {1}, {2} Bilder</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="440"/>
        <location filename="../robot_panel.py" line="489"/>
        <source>drive: {0}</source>
        <translation>Fahren: {0}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="498"/>
        <source>no gamepad</source>
        <translation>kein Gamepad</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="500"/>
        <source>{0}: forward {1:+.0%}, turn {2:+.0%}</source>
        <translation>{0}: vorwärts {1:+.0%}, Drehung {2:+.0%}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="547"/>
        <source>e-stop</source>
        <translation>Not-Halt</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="557"/>
        <source>Release e-stop</source>
        <translation>Not-Halt entriegeln</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="558"/>
        <source>Release the e-stop of {0}? It stays still until driven again.</source>
        <translation>Not-Halt von {0} entriegeln? Er bleibt stehen, bis er wieder gefahren wird.</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="563"/>
        <source>release e-stop</source>
        <translation>Not-Halt entriegeln</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="568"/>
        <source>connect: give the robot&apos;s address first</source>
        <translation>Verbinden: zuerst die Adresse des Roboters angeben</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="573"/>
        <location filename="../robot_panel.py" line="600"/>
        <source>connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="580"/>
        <source>disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="587"/>
        <source>speed limits</source>
        <translation>Geschwindigkeitsgrenzen</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="592"/>
        <source>{0}: sent…</source>
        <translation>{0}: gesendet…</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="597"/>
        <source>{0} FAILED: {1}</source>
        <translation>{0} FEHLGESCHLAGEN: {1}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="599"/>
        <source>{0}: done</source>
        <translation>{0}: ausgeführt</translation>
    </message>
</context>
<context>
    <name>RobotsLayer</name>
    <message>
        <location filename="../robot_panel.py" line="656"/>
        <source>E-STOP</source>
        <translation>NOT-HALT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="658"/>
        <source>DEADMAN STOP</source>
        <translation>TOTMANN-STOPP</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="659"/>
        <source>NOT HEARD</source>
        <translation>KEIN SIGNAL</translation>
    </message>
</context>
<context>
    <name>TelemetryPanel</name>
    <message>
        <location filename="../telemetry_panel.py" line="58"/>
        <source>Selected vehicle</source>
        <translation>Gewähltes Fahrzeug</translation>
    </message>
</context>
<context>
    <name>TelemetryPlots</name>
    <message>
        <location filename="../telemetry_plot.py" line="34"/>
        <source>Altitude</source>
        <translation>Höhe</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="34"/>
        <source>Speed</source>
        <translation>Geschwindigkeit</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="34"/>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="35"/>
        <source>Link quality</source>
        <translation>Verbindungsqualität</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="73"/>
        <source>%1 to %2 %3, last %4 min</source>
        <translation>%1 bis %2 %3, letzte %4 min</translation>
    </message>
</context>
<context>
    <name>TransferText</name>
    <message>
        <location filename="../failure_text.py" line="22"/>
        <source>mission</source>
        <translation>Mission</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="23"/>
        <source>geofence</source>
        <translation>Geozaun</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="24"/>
        <source>rally points</source>
        <translation>Sammelpunkte</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="30"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="31"/>
        <source>no space</source>
        <translation>kein Platz</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="32"/>
        <source>denied</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="33"/>
        <source>invalid sequence</source>
        <translation>ungültige Reihenfolge</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="34"/>
        <source>operation cancelled</source>
        <translation>Vorgang abgebrochen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="35"/>
        <source>unsupported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="45"/>
        <source>%1 upload refused by the vehicle: %2</source>
        <translation>%1: Hochladen vom Fahrzeug abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="48"/>
        <source>%1 download refused by the vehicle: %2</source>
        <translation>%1: Herunterladen vom Fahrzeug abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="51"/>
        <source>clearing the %1 refused by the vehicle: %2</source>
        <translation>%1: Löschen vom Fahrzeug abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="54"/>
        <source>%1 download aborted by the vehicle: %2</source>
        <translation>%1: Herunterladen vom Fahrzeug abgebrochen: %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="57"/>
        <source>%1 upload: the vehicle accepted after only %2 of %3 items</source>
        <translation>%1: Hochladen vom Fahrzeug schon nach %2 von %3 Elementen angenommen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="61"/>
        <source>%1 upload: the vehicle asked for item %2 of %3</source>
        <translation>%1: Hochladen: das Fahrzeug fragte nach Element %2 von %3</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="64"/>
        <source>%1 upload: no answer from the vehicle while sending item %2 of %3 (%4 tries in %5 s); transfer cancelled</source>
        <translation>%1: keine Antwort vom Fahrzeug beim Senden von Element %2 von %3 (%4 Versuche in %5 s); Übertragung abgebrochen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="68"/>
        <source>%1 download: no answer from the vehicle while asking for the count (%2 tries in %3 s); transfer cancelled</source>
        <translation>%1: keine Antwort vom Fahrzeug auf die Frage nach der Anzahl (%2 Versuche in %3 s); Übertragung abgebrochen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="72"/>
        <source>%1 download: no answer from the vehicle while receiving item %2 of %3 (%4 tries in %5 s); transfer cancelled</source>
        <translation>%1: keine Antwort vom Fahrzeug beim Empfang von Element %2 von %3 (%4 Versuche in %5 s); Übertragung abgebrochen</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="76"/>
        <source>clearing the %1: no answer from the vehicle (%2 tries in %3 s); clearing cancelled</source>
        <translation>%1: keine Antwort vom Fahrzeug beim Löschen (%2 Versuche in %3 s); Löschen abgebrochen</translation>
    </message>
</context>
<context>
    <name>VehiclePicks</name>
    <message>
        <location filename="../plan_parts.py" line="95"/>
        <source>to vehicles:</source>
        <translation>an Fahrzeuge:</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="97"/>
        <source>Upload a part to vehicle %1</source>
        <translation>Einen Teil an Fahrzeug %1 hochladen</translation>
    </message>
</context>
<context>
    <name>VehicleText</name>
    <message>
        <location filename="../vehicle_text.py" line="44"/>
        <source>no GPS</source>
        <translation>kein GPS</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="44"/>
        <source>no fix</source>
        <translation>kein Fix</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="46"/>
        <source>static</source>
        <translation>statisch</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="48"/>
        <source>Plane</source>
        <translation>Flugzeug</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="49"/>
        <source>Rover</source>
        <translation>Rover</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="50"/>
        <source>Boat</source>
        <translation>Boot</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="51"/>
        <source>Heli</source>
        <translation>Heli</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="53"/>
        <source>undefined</source>
        <translation>unbestimmt</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="54"/>
        <source>on ground</source>
        <translation>am Boden</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="55"/>
        <source>in air</source>
        <translation>in der Luft</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="56"/>
        <source>takeoff</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="57"/>
        <source>landing</source>
        <translation>Landung</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="59"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="59"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="60"/>
        <location filename="../vehicle_text.py" line="66"/>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="60"/>
        <source>Armed</source>
        <translation>Scharf</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="61"/>
        <location filename="../vehicle_text.py" line="69"/>
        <source>Battery</source>
        <translation>Akku</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="61"/>
        <location filename="../vehicle_text.py" line="69"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="62"/>
        <location filename="../vehicle_text.py" line="70"/>
        <source>Link</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="62"/>
        <location filename="../vehicle_text.py" line="71"/>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="66"/>
        <source>Vehicle</source>
        <translation>Fahrzeug</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="67"/>
        <source>Alt rel / AMSL</source>
        <translation>Höhe rel / NN</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="67"/>
        <source>Speed / climb</source>
        <translation>Geschw. / Steigen</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="68"/>
        <source>Heading</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="68"/>
        <source>Roll / pitch</source>
        <translation>Rollen / Nicken</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="70"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="71"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="109"/>
        <source>ARMED</source>
        <translation>SCHARF</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="109"/>
        <source>disarmed</source>
        <translation>entschärft</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="114"/>
        <source>the vehicle does not report its charge</source>
        <translation>das Fahrzeug meldet seinen Ladestand nicht</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="116"/>
        <source>battery low</source>
        <translation>Akku schwach</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="122"/>
        <source>no 3D fix: position not trustworthy</source>
        <translation>kein 3D-Fix: Position nicht verlässlich</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="127"/>
        <source>LOST</source>
        <translation>VERLOREN</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="127"/>
        <source>no heartbeat from this vehicle</source>
        <translation>kein Lebenszeichen von diesem Fahrzeug</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="130"/>
        <source>frames are being lost</source>
        <translation>Rahmen gehen verloren</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="135"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="137"/>
        <source>unhealthy sensors: %1</source>
        <translation>gestörte Sensoren: %1</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="154"/>
        <source>%1 on %2</source>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="173"/>
        <source>%1 sats</source>
        <translation>%1 Sat.</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../video_panel.py" line="253"/>
        <source>White-hot</source>
        <translation>Weiß-heiß</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="253"/>
        <source>Black-hot</source>
        <translation>Schwarz-heiß</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="254"/>
        <source>Ironbow</source>
        <translation>Eisenbogen</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="254"/>
        <source>Rainbow</source>
        <translation>Regenbogen</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="257"/>
        <source>Search span</source>
        <translation>Suchbereich</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="257"/>
        <source>Fire span</source>
        <translation>Brandbereich</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="261"/>
        <source>%1: %2 to %3 °C</source>
        <translation>%1: %2 bis %3 °C</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="262"/>
        <source>Thermal camera of the selected vehicle</source>
        <translation>Wärmebildkamera des gewählten Fahrzeugs</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="262"/>
        <source>Thermal camera</source>
        <translation>Wärmebildkamera</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="263"/>
        <source>Colour camera of the selected vehicle</source>
        <translation>Farbkamera des gewählten Fahrzeugs</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="263"/>
        <source>Colour camera</source>
        <translation>Farbkamera</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="264"/>
        <source>Video stream from a URL</source>
        <translation>Videostream von einer URL</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="264"/>
        <source>Stream (URL)</source>
        <translation>Stream (URL)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="267"/>
        <source>Picture in picture</source>
        <translation>Bild im Bild</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="268"/>
        <source>The other camera in the corner: the colour or typed-in stream over the thermal camera, the thermal camera over the stream</source>
        <translation>Die andere Kamera in der Ecke: der Farb- oder eingegebene Stream über der Wärmebildkamera, die Wärmebildkamera über dem Stream</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="270"/>
        <source>Open stream</source>
        <translation>Stream öffnen</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="271"/>
        <source>An H.264 or H.265 stream: udp:// (MPEG-TS), rtp://, rtsp://, or a file</source>
        <translation>Ein H.264- oder H.265-Stream: udp:// (MPEG-TS), rtp://, rtsp:// oder eine Datei</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="278"/>
        <source>Camera of: none (boxes only)</source>
        <translation>Kamera von: keinem (nur Rahmen)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="279"/>
        <source>Camera of vehicle %1 (link lost)</source>
        <translation>Kamera von Fahrzeug %1 (Verbindung verloren)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="280"/>
        <source>Camera of vehicle %1</source>
        <translation>Kamera von Fahrzeug %1</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="281"/>
        <source>Whose camera the typed-in stream is. With a vehicle, what is detected in it becomes findings, placed with that vehicle&apos;s position and gimbal at each frame&apos;s time; with none, only the boxes are shown.</source>
        <translation>Von wessen Kamera der eingegebene Stream kommt. Mit einem Fahrzeug wird, was darin erkannt wird, zu Funden, verortet mit Position und Gimbal dieses Fahrzeugs zum Zeitpunkt jedes Bildes; ohne Fahrzeug werden nur die Rahmen gezeigt.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="314"/>
        <source>Type the address of a video stream first.</source>
        <translation>Geben Sie zuerst die Adresse eines Videostreams ein.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="419"/>
        <location filename="../video_panel.py" line="439"/>
        <location filename="../video_panel.py" line="473"/>
        <source>No vehicle selected.</source>
        <translation>Kein Fahrzeug ausgewählt.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="421"/>
        <source>Vehicle %1 has shown no colour camera.</source>
        <translation>Fahrzeug %1 hat keine Farbkamera gemeldet.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="423"/>
        <source>Cannot open the colour camera of vehicle %1 (%2): %3</source>
        <translation>Farbkamera von Fahrzeug %1 (%2) lässt sich nicht öffnen: %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="474"/>
        <source>No thermal video from vehicle %1 yet.</source>
        <translation>Noch kein Wärmebild von Fahrzeug %1.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="491"/>
        <source>%1 %2% %3</source>
        <translation>%1 %2 % %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="485"/>
        <source>Vehicle %1: thermal frame %2, %3 detection(s)</source>
        <translation>Fahrzeug %1: Wärmebild %2, %3 Erkennung(en)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="509"/>
        <source>Type the address of a video stream and open it.</source>
        <translation>Geben Sie die Adresse eines Videostreams ein und öffnen Sie ihn.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="520"/>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="520"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="521"/>
        <source>reconnecting</source>
        <translation>verbinde neu</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="521"/>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="521"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="522"/>
        <source>%1: %2, %3 frames</source>
        <translation>%1: %2, %3 Bilder</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="533"/>
        <source>no findings: %1</source>
        <translation>keine Funde: %1</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="554"/>
        <source>no position of vehicle %1 at the frame&apos;s time</source>
        <translation>keine Position von Fahrzeug %1 zum Zeitpunkt des Bildes</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="555"/>
        <source>no gimbal attitude from vehicle %1</source>
        <translation>keine Gimbal-Lage von Fahrzeug %1</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="556"/>
        <source>vehicle %1 advertises no field of view for this stream</source>
        <translation>Fahrzeug %1 meldet kein Sichtfeld für diesen Stream</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="557"/>
        <source>frames could not be placed on the ground</source>
        <translation>Bilder konnten nicht am Boden verortet werden</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="568"/>
        <location filename="../video_panel.py" line="576"/>
        <source>Point at the video to read the temperature there.</source>
        <translation>Zeigen Sie auf das Video, um dort die Temperatur abzulesen.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="570"/>
        <source>This video carries no temperatures (it is not radiometric).</source>
        <translation>Dieses Video enthält keine Temperaturen (es ist nicht radiometrisch).</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="579"/>
        <source>No reading at pixel %1, %2 (dead pixel).</source>
        <translation>Kein Messwert an Pixel %1, %2 (toter Pixel).</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="581"/>
        <source>%1 °C at pixel %2, %3</source>
        <translation>%1 °C an Pixel %2, %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="286"/>
        <source>No detection</source>
        <translation>Keine Erkennung</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="286"/>
        <source>Persons in white-hot thermal</source>
        <translation>Personen im Weiß-heiß-Wärmebild</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="287"/>
        <source>Persons in colour</source>
        <translation>Personen in Farbe</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="287"/>
        <source>Hotspots in 8-bit thermal</source>
        <translation>Glutnester im 8-Bit-Wärmebild</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="293"/>
        <source>What to detect on the typed-in stream (it runs in the station, not in the window)</source>
        <translation>Was im eingegebenen Stream erkannt wird (die Erkennung läuft in der Station, nicht im Fenster)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="298"/>
        <source>%1 (not available)</source>
        <translation>%1 (nicht verfügbar)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="299"/>
        <location filename="../video_panel.py" line="302"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="321"/>
        <source>Cannot open %1 with %2: %3</source>
        <translation>%1 kann nicht mit %2 geöffnet werden: %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="338"/>
        <source>Cannot detect with %1: %2</source>
        <translation>Erkennung mit %1 nicht möglich: %2</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="526"/>
        <source>%1: %2 detections, %3 ms/frame, %4 frames dropped</source>
        <translation>%1: %2 Erkennungen, %3 ms/Bild, %4 Bilder verworfen</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="530"/>
        <source>findings: %1 new, %2 seen again</source>
        <translation>Funde: %1 neu, %2 erneut gesehen</translation>
    </message>
    <message>
        <source>%1 frame(s) not placed on the map, last because: %2</source>
        <translation type="vanished">%1 Bild(er) nicht auf der Karte verortet, zuletzt weil: %2</translation>
    </message>
</context>
<context>
    <name>WmtsDialog</name>
    <message>
        <location filename="../wmts_dialog.py" line="114"/>
        <source>Add a WMTS map layer</source>
        <translation>WMTS-Kartenebene hinzufügen</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="115"/>
        <source>Service address:</source>
        <translation>Dienstadresse:</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="116"/>
        <source>https://…/WMTSCapabilities.xml or the service&apos;s WMTS address</source>
        <translation>https://…/WMTSCapabilities.xml oder die WMTS-Adresse des Dienstes</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="117"/>
        <source>The address of the service&apos;s capabilities document, as the map agency publishes it; the station asks for GetCapabilities where it is missing</source>
        <translation>Die Adresse des Capabilities-Dokuments des Dienstes, wie die Vermessungsverwaltung sie veröffentlicht; fehlt GetCapabilities, ergänzt die Station es</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="119"/>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="120"/>
        <source>Layers:</source>
        <translation>Ebenen:</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="121"/>
        <source>Filter: words in the title or description</source>
        <translation>Filter: Wörter aus Titel oder Beschreibung</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="122"/>
        <source>Shows the layers whose title, identifier or description hold every word typed, in any case, with or without accents; Enter adds the only match</source>
        <translation>Zeigt die Ebenen, deren Titel, Kennung oder Beschreibung jedes eingegebene Wort enthält, gleich ob groß oder klein, mit oder ohne Akzente; Enter fügt den einzigen Treffer hinzu</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="125"/>
        <source>Source id:</source>
        <translation>Quellen-ID:</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="126"/>
        <source>Lower-case letters, digits, &apos;-&apos; and &apos;_&apos;; it names the layer&apos;s cache</source>
        <translation>Kleinbuchstaben, Ziffern, „-“ und „_“; benennt den Zwischenspeicher der Ebene</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="127"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="128"/>
        <source>Style:</source>
        <translation>Stil:</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="129"/>
        <source>Image format:</source>
        <translation>Bildformat:</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="130"/>
        <source>Add to the map</source>
        <translation>Zur Karte hinzufügen</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="145"/>
        <source>Paste the service&apos;s address first</source>
        <translation>Zuerst die Adresse des Dienstes einfügen</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="147"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="201"/>
        <source>%1 of %2 layers</source>
        <translation>%1 von %2 Ebenen</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="232"/>
        <source>terms: %1</source>
        <translation>Bedingungen: %1</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="240"/>
        <source>%1 (cannot be shown)</source>
        <translation>%1 (nicht darstellbar)</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="220"/>
        <location filename="../wmts_dialog.py" line="279"/>
        <source>The map cannot show this layer: %1</source>
        <translation>Die Karte kann diese Ebene nicht zeigen: %1</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="283"/>
        <source>%1 — zoom levels %2 to %3; %4</source>
        <translation>%1 — Zoomstufen %2 bis %3; %4</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="304"/>
        <source>Adding %1…</source>
        <translation>%1 wird hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="334"/>
        <source>%1 layers, %2 the map can show</source>
        <translation>%1 Ebenen, davon %2 auf der Karte darstellbar</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="338"/>
        <source>Added %1: the map shows it now</source>
        <translation>Quelle %1 hinzugefügt: die Karte zeigt sie jetzt</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="342"/>
        <source>Nothing added: %1</source>
        <translation>Nichts hinzugefügt: %1</translation>
    </message>
</context>
</TS>
