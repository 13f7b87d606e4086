<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <source>Status</source>
        <translation type="vanished">Statut</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation type="vanished">Vecteur</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="vanished">Vitesse</translation>
    </message>
    <message>
        <source>Link</source>
        <translation type="vanished">Liaison</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation type="vanished">Batterie</translation>
    </message>
</context>
<context>
    <name>AlertPanel</name>
    <message>
        <location filename="../alert_panel.py" line="64"/>
        <source>Vehicle %1: battery low (%2 %)</source>
        <translation>Vecteur %1 : batterie faible (%2 %)</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="66"/>
        <source>Vehicle %1: link lost</source>
        <translation>Vecteur %1 : liaison perdue</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="68"/>
        <source>Vehicle %1: geofence breach: %2</source>
        <translation>Vecteur %1 : sortie de la zone autorisée : %2</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="70"/>
        <source>Vehicle %1: failsafe: %2</source>
        <translation>Vecteur %1 : sécurité déclenchée : %2</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="72"/>
        <source>person</source>
        <translation>personne</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="72"/>
        <source>hotspot</source>
        <translation>point chaud</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="72"/>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="73"/>
        <source>New finding: %1</source>
        <translation>Nouvelle observation : %1</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="90"/>
        <source>%1 more alerts</source>
        <translation>%1 autres alertes</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="91"/>
        <source>Acknowledge all</source>
        <translation>Tout acquitter</translation>
    </message>
    <message>
        <location filename="../alert_panel.py" line="103"/>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../app.py" line="97"/>
        <source>groundstation — demo: simulated fleet near Schengen, %1x</source>
        <translation>groundstation — démo : flotte simulée près de Schengen, %1x</translation>
    </message>
</context>
<context>
    <name>CameraControls</name>
    <message>
        <location filename="../camera_controls.py" line="81"/>
        <source>Take photo</source>
        <translation>Prendre une photo</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="82"/>
        <source>Stop recording</source>
        <translation>Arrêter l&apos;enregistrement</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="82"/>
        <source>Start recording</source>
        <translation>Démarrer l&apos;enregistrement</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="83"/>
        <source>Clear ROI</source>
        <translation>Libérer la ROI</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="84"/>
        <source>Stop keeping the camera on a map point</source>
        <translation>Ne plus garder la caméra sur un point de la carte</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="88"/>
        <source>Pitch %1°</source>
        <translation>Tangage %1°</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="89"/>
        <source>Yaw %1°</source>
        <translation>Lacet %1°</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="93"/>
        <source>Point camera here</source>
        <translation>Pointer la caméra ici</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="126"/>
        <location filename="../camera_controls.py" line="155"/>
        <source>No vehicle selected</source>
        <translation>Aucun vecteur sélectionné</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="131"/>
        <source>vehicle %1: %2 not sent: %3</source>
        <translation>vecteur %1 : %2 non envoyé : %3</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="132"/>
        <source>vehicle %1: %2…</source>
        <translation>vecteur %1 : %2…</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="137"/>
        <source>vehicle %1: %2 FAILED: %3</source>
        <translation>vecteur %1 : %2 ÉCHEC : %3</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="139"/>
        <source>vehicle %1: %2 done</source>
        <translation>vecteur %1 : %2 terminé</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="142"/>
        <source>photo</source>
        <translation>photo</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="142"/>
        <source>start recording</source>
        <translation>début d&apos;enregistrement</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="142"/>
        <source>stop recording</source>
        <translation>fin d&apos;enregistrement</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="143"/>
        <source>gimbal pointing</source>
        <translation>orientation de la nacelle</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="143"/>
        <source>look at</source>
        <translation>visée d&apos;un point</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="144"/>
        <source>clear ROI</source>
        <translation>libération de la ROI</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="164"/>
        <source>camera %1</source>
        <translation>caméra %1</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="166"/>
        <source>%1 (thermal): %2</source>
        <translation>%1 (thermique) : %2</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="168"/>
        <source>%1, %2 photo(s)</source>
        <translation>%1, %2 photo(s)</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="170"/>
        <source>Vehicle %1 has shown no camera.</source>
        <translation>Le vecteur %1 n&apos;a montré aucune caméra.</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="173"/>
        <source>No gimbal attitude reported.</source>
        <translation>Aucune attitude de nacelle reçue.</translation>
    </message>
    <message>
        <location filename="../camera_controls.py" line="176"/>
        <source>Gimbal: pitch %1°, yaw %2°</source>
        <translation>Nacelle : tangage %1°, lacet %2°</translation>
    </message>
</context>
<context>
    <name>CommandPanel</name>
    <message>
        <location filename="../command_panel.py" line="69"/>
        <source>Commands</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="70"/>
        <source>Arm</source>
        <translation>Armer</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="71"/>
        <source>Disarm</source>
        <translation>Désarmer</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="72"/>
        <source>Take off</source>
        <translation>Décoller</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="73"/>
        <source>Land</source>
        <translation>Atterrir</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="74"/>
        <source>Hold</source>
        <translation>Stationnaire</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="75"/>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="76"/>
        <source>Go to…</source>
        <translation>Aller à…</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="77"/>
        <source>Click, then pick the target on the map</source>
        <translation>Cliquez, puis choisissez la cible sur la carte</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="82"/>
        <source>Take-off and go-to altitude above home</source>
        <translation>Hauteur de décollage et de déplacement au-dessus du point de départ</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="83"/>
        <source>Go to at current altitude</source>
        <translation>Aller à l&apos;altitude actuelle</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="84"/>
        <source>Altitude:</source>
        <translation>Hauteur :</translation>
    </message>
    <message>
        <location filename="../command_panel.py" line="85"/>
        <source>Flight mode:</source>
        <translation>Mode de vol :</translation>
    </message>
</context>
<context>
    <name>CommandText</name>
    <message>
        <location filename="../failure_text.py" line="87"/>
        <source>temporarily rejected</source>
        <translation>refusée pour l’instant</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="88"/>
        <source>denied</source>
        <translation>refusée</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="89"/>
        <source>unsupported</source>
        <translation>non prise en charge</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="90"/>
        <source>failed</source>
        <translation>échouée</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="91"/>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="92"/>
        <source>not ready</source>
        <translation>vecteur pas prêt</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="93"/>
        <source>no camera</source>
        <translation>pas de caméra</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="94"/>
        <source>no answer after %1 tries</source>
        <translation>pas de réponse après %1 essais</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="98"/>
        <source>%1: %2 (%3)</source>
        <translation>%1 : %2 (%3)</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="99"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="105"/>
        <source>no vehicle with system id %1</source>
        <translation>aucun vecteur d’identifiant système %1</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="106"/>
        <source>the vehicle has not shown a camera</source>
        <translation>le vecteur n’a signalé aucune caméra</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="107"/>
        <source>no home position yet</source>
        <translation>pas encore de point de départ</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="108"/>
        <source>unknown flight mode &apos;%1&apos;; modes: %2</source>
        <translation>mode de vol « %1 » inconnu ; modes : %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="109"/>
        <source>unknown flight mode &apos;%1&apos;; none known for this autopilot</source>
        <translation>mode de vol « %1 » inconnu ; aucun mode connu pour cet autopilote</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="111"/>
        <source>altitude %1 m out of range 1-1000 m</source>
        <translation>hauteur %1 m hors de la plage 1-1000 m</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="112"/>
        <source>position %1, %2 out of range</source>
        <translation>position %1, %2 hors plage</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="113"/>
        <source>pitch %1° out of -90..30°</source>
        <translation>tangage %1° hors de -90..30°</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="114"/>
        <source>yaw %1° out of -180..360°</source>
        <translation>lacet %1° hors de -180..360°</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="115"/>
        <source>item %1 is not in the mission</source>
        <translation>l’élément %1 n’est pas dans la mission</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="116"/>
        <source>item %1 is not in the mission of %2 items</source>
        <translation>l’élément %1 n’est pas dans la mission de %2 éléments</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="118"/>
        <source>started but never finished</source>
        <translation>commencée mais jamais terminée</translation>
    </message>
</context>
<context>
    <name>DrivePad</name>
    <message>
        <location filename="../robot_panel.py" line="150"/>
        <source>speed step {0}/{1} ({2:.0%})</source>
        <translation>cran de vitesse {0}/{1} ({2:.0%})</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="153"/>
        <source>DRIVING KEYS ACTIVE: arrows / WASD · 1-5, +/- {0} · Space E-STOP</source>
        <translation>TOUCHES DE CONDUITE ACTIVES : flèches / WASD · 1-5, +/- {0} · Espace ARRÊT D&apos;URGENCE</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="156"/>
        <source>Click here to drive with the keyboard ({0})</source>
        <translation>Cliquez ici pour conduire au clavier ({0})</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <location filename="../event_log.py" line="52"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <location filename="../event_text.py" line="35"/>
        <source>vehicle %1: appeared (%2 %3) on %4</source>
        <translation>vecteur %1 : apparu (%2 %3) sur %4</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="37"/>
        <source>vehicle %1: mode %2 → %3</source>
        <translation>vecteur %1 : mode %2 → %3</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="40"/>
        <source>vehicle %1: ARMED</source>
        <translation>vecteur %1 : ARMÉ</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="41"/>
        <source>vehicle %1: disarmed</source>
        <translation>vecteur %1 : désarmé</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="43"/>
        <source>vehicle %1: LINK LOST (silent %2 s)</source>
        <translation>vecteur %1 : LIAISON PERDUE (muet depuis %2 s)</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="46"/>
        <source>vehicle %1: link recovered after %2 s</source>
        <translation>vecteur %1 : liaison rétablie après %2 s</translation>
    </message>
    <message>
        <location filename="../event_text.py" line="50"/>
        <location filename="../event_text.py" line="53"/>
        <source>vehicle %1: %2</source>
        <translation>vecteur %1 : %2</translation>
    </message>
</context>
<context>
    <name>FenceLayer</name>
    <message>
        <source>Refresh fence</source>
        <translation type="vanished">Actualiser la géobarrière</translation>
    </message>
    <message>
        <source>Clear fence</source>
        <translation type="vanished">Effacer la géobarrière</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="63"/>
        <source>Refresh fence and rally points</source>
        <translation>Actualiser la géobarrière et les points de ralliement</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="66"/>
        <source>Clear fence and rally points</source>
        <translation>Effacer la géobarrière et les points de ralliement</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="108"/>
        <source>No vehicle selected: no fence to refresh</source>
        <translation>Aucun vecteur sélectionné : pas de géobarrière à actualiser</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="115"/>
        <source>No vehicle selected: no fence to clear</source>
        <translation>Aucun vecteur sélectionné : pas de géobarrière à effacer</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="117"/>
        <source>Clear fence and rally points: vehicle %1</source>
        <translation>Effacer la géobarrière et les points de ralliement : vecteur %1</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="118"/>
        <source>Remove every geofence area and rally point from vehicle %1? It then flies without them.</source>
        <translation>Retirer toutes les zones de la géobarrière et tous les points de ralliement du vecteur %1 ? Il volera ensuite sans eux.</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="136"/>
        <source>Fence and rally points of vehicle %1 not cleared: %2</source>
        <translation>Géobarrière et points de ralliement du vecteur %1 non effacés : %2</translation>
    </message>
    <message>
        <source>Rally points of vehicle %1 not cleared: %2</source>
        <translation type="vanished">Points de ralliement du vecteur %1 non effacés : %2</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="139"/>
        <source>Fence and rally points of vehicle %1 cleared</source>
        <translation>Géobarrière et points de ralliement du vecteur %1 effacés</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="92"/>
        <source>Rally points of vehicle %1 not read: %2</source>
        <translation>Points de ralliement du vecteur %1 non lus : %2</translation>
    </message>
    <message>
        <source>Clear fence: vehicle %1</source>
        <translation type="vanished">Effacer la géobarrière : vecteur %1</translation>
    </message>
    <message>
        <source>Remove every geofence area from vehicle %1? It then flies without them.</source>
        <translation type="vanished">Retirer toutes les zones de la géobarrière du vecteur %1 ? Il volera ensuite sans elles.</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="123"/>
        <source>Clearing the fence of vehicle %1…</source>
        <translation>Effacement de la géobarrière du vecteur %1…</translation>
    </message>
    <message>
        <source>Fence of vehicle %1 not cleared: %2</source>
        <translation type="vanished">Géobarrière du vecteur %1 non effacée : %2</translation>
    </message>
    <message>
        <source>Fence of vehicle %1 cleared</source>
        <translation type="vanished">Géobarrière du vecteur %1 effacée</translation>
    </message>
    <message>
        <location filename="../fence_layer.py" line="90"/>
        <location filename="../fence_layer.py" line="142"/>
        <source>Fence of vehicle %1 not read: %2</source>
        <translation>Géobarrière du vecteur %1 non lue : %2</translation>
    </message>
</context>
<context>
    <name>FieldOptions</name>
    <message>
        <location filename="../field_options.py" line="143"/>
        <source>Settings not saved: %1</source>
        <translation>Réglages non enregistrés : %1</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="220"/>
        <location filename="../field_options.py" line="231"/>
        <source>Import MBTiles</source>
        <translation>Importer des MBTiles</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="221"/>
        <source>MBTiles (*.mbtiles);;All files (*)</source>
        <translation>MBTiles (*.mbtiles);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="229"/>
        <source>Imported %1 tiles into %2 (%3 skipped)</source>
        <translation>%1 tuiles importées dans %2 (%3 ignorées)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="235"/>
        <location filename="../field_options.py" line="239"/>
        <source>Export MBTiles</source>
        <translation>Exporter en MBTiles</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="236"/>
        <source>MBTiles (*.mbtiles)</source>
        <translation>MBTiles (*.mbtiles)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="241"/>
        <source>Exported %1 tiles to %2</source>
        <translation>%1 tuiles exportées vers %2</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="246"/>
        <source>%1: working…</source>
        <translation>%1 : en cours…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="369"/>
        <source>&amp;Flight</source>
        <translation>&amp;Vol</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="370"/>
        <source>&amp;Map</source>
        <translation>&amp;Carte</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="371"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="372"/>
        <source>Arm…</source>
        <translation>Armer…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="372"/>
        <source>Disarm…</source>
        <translation>Désarmer…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="372"/>
        <source>Take off…</source>
        <translation>Décoller…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="373"/>
        <source>Land…</source>
        <translation>Atterrir…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="373"/>
        <source>Hold</source>
        <translation>Stationnaire</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="373"/>
        <source>Return to launch…</source>
        <translation>Retour au point de départ…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="374"/>
        <source>Go to (pick on map)</source>
        <translation>Aller à (choisir sur la carte)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="374"/>
        <source>Flight mode…</source>
        <translation>Mode de vol…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="377"/>
        <source>Offline mode (cached map only)</source>
        <translation>Mode hors ligne (carte en cache seulement)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="378"/>
        <source>Prefetch area…</source>
        <translation>Précharger une zone…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="379"/>
        <source>Add a WMTS layer…</source>
        <translation>Ajouter une couche WMTS…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="380"/>
        <source>Import MBTiles…</source>
        <translation>Importer des MBTiles…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="381"/>
        <source>Export MBTiles…</source>
        <translation>Exporter en MBTiles…</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="382"/>
        <source>Search a position</source>
        <translation>Rechercher une position</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="383"/>
        <source>Copy vehicle position</source>
        <translation>Copier la position du vecteur</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="384"/>
        <source>Daylight (high contrast)</source>
        <translation>Jour (contraste élevé)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="384"/>
        <source>Night (red, dimmable)</source>
        <translation>Nuit (rouge, atténuable)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="387"/>
        <source>Night brightness</source>
        <translation>Luminosité de nuit</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="388"/>
        <source>Large controls (gloves, touch)</source>
        <translation>Grandes commandes (gants, tactile)</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="389"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="391"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="392"/>
        <source>Coordinates</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="393"/>
        <source>Telemetry plots</source>
        <translation>Courbes de télémesure</translation>
    </message>
    <message>
        <location filename="../field_options.py" line="394"/>
        <source>Event log</source>
        <translation>Journal des événements</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../findings_panel.py" line="46"/>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="47"/>
        <source>Hotspot</source>
        <translation>Point chaud</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="48"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="52"/>
        <source>unconfirmed</source>
        <translation>non confirmée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="53"/>
        <location filename="../findings_panel.py" line="417"/>
        <source>confirmed</source>
        <translation>confirmée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="54"/>
        <location filename="../findings_panel.py" line="418"/>
        <source>dismissed</source>
        <translation>écartée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="55"/>
        <location filename="../findings_panel.py" line="419"/>
        <source>resolved</source>
        <translation>traitée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="63"/>
        <source>by hand</source>
        <translation>à la main</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="64"/>
        <source>marked by hand at station %1</source>
        <translation>marquée à la main à la station %1</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="66"/>
        <source>vehicle %1 of station %2</source>
        <translation>vecteur %1 de la station %2</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="68"/>
        <source>%1 of station %2</source>
        <translation>%1 de la station %2</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="135"/>
        <source>Vehicle</source>
        <translation>Vecteur</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="136"/>
        <source>Accuracy</source>
        <translation>Précision</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="136"/>
        <location filename="../findings_panel.py" line="141"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="137"/>
        <source>Confirm</source>
        <translation>Confirmer</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="138"/>
        <source>Dismiss…</source>
        <translation>Écarter…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="139"/>
        <source>Annotate…</source>
        <translation>Annoter…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="140"/>
        <source>Resolved…</source>
        <translation>Traitée…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="141"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="141"/>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="141"/>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="142"/>
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="142"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="142"/>
        <source>Reachable</source>
        <translation>Joignable</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="143"/>
        <source>Queued</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="143"/>
        <source>Sent</source>
        <translation>Envoyées</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="143"/>
        <source>Acknowledged</source>
        <translation>Acquittées</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="144"/>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="145"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="146"/>
        <source>Partners</source>
        <translation>Partenaires</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="247"/>
        <source>not tried yet</source>
        <translation>pas encore essayé</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="247"/>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="247"/>
        <source>NO</source>
        <translation>NON</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="269"/>
        <source>Select a finding in the list or on the map.</source>
        <translation>Sélectionnez une observation dans la liste ou sur la carte.</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="271"/>
        <location filename="../findings_panel.py" line="325"/>
        <source>No snapshot</source>
        <translation>Pas d&apos;image</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="282"/>
        <source>confidence {0:.0%}</source>
        <translation>confiance {0:.0%}</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="286"/>
        <source>seen {0} by {1}</source>
        <translation>vue le {0} par {1}</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="325"/>
        <source>Snapshot unreadable</source>
        <translation>Image illisible</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="330"/>
        <source>confirm</source>
        <translation>confirmer</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="336"/>
        <source>Dismiss finding</source>
        <translation>Écarter l&apos;observation</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="336"/>
        <source>Why is it dismissed? (optional)</source>
        <translation>Pourquoi est-elle écartée ? (facultatif)</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="339"/>
        <source>dismiss</source>
        <translation>écarter</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="345"/>
        <source>Annotate finding</source>
        <translation>Annoter l&apos;observation</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="345"/>
        <location filename="../findings_panel.py" line="405"/>
        <source>Note:</source>
        <translation>Note :</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="349"/>
        <source>annotate: a note needs some text; nothing was changed</source>
        <translation>annoter : une note doit contenir du texte ; rien n&apos;a été modifié</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="351"/>
        <source>annotate</source>
        <translation>annoter</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="357"/>
        <source>Mark finding resolved</source>
        <translation>Marquer l&apos;observation comme traitée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="357"/>
        <source>How was it resolved? (optional)</source>
        <translation>Comment a-t-elle été traitée ? (facultatif)</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="360"/>
        <source>resolve</source>
        <translation>marquer traitée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="368"/>
        <location filename="../findings_panel.py" line="382"/>
        <source>mark here</source>
        <translation>marquer ici</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="374"/>
        <source>{0}: sent…</source>
        <translation>{0} : envoyé…</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="379"/>
        <source>{0} FAILED: {1}</source>
        <translation>{0} ÉCHEC : {1}</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="381"/>
        <source>{0}: recorded</source>
        <translation>{0} : enregistré</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="397"/>
        <source>Mark here</source>
        <translation>Marquer ici</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="404"/>
        <source>Kind:</source>
        <translation>Type :</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="416"/>
        <source>created</source>
        <translation>créée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="420"/>
        <source>annotated</source>
        <translation>annotée</translation>
    </message>
    <message>
        <location filename="../findings_panel.py" line="421"/>
        <source>moved</source>
        <translation>déplacée</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="137"/>
        <location filename="../main_window.py" line="450"/>
        <source>Flight</source>
        <translation>Vol</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="375"/>
        <location filename="../main_window.py" line="453"/>
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <location filename="../main_window.py" line="449"/>
        <source>Vehicles</source>
        <translation>Vecteurs</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="180"/>
        <source> (down)</source>
        <translation> (coupé)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="182"/>
        <source>%1 frames, %2 bad</source>
        <translation>%1 trames, %2 erronées</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="209"/>
        <source>Arm vehicle %1? Its motors will start.</source>
        <translation>Armer le vecteur %1 ? Ses moteurs vont démarrer.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="214"/>
        <source>Vehicle %1 is IN THE AIR: disarming stops its motors. Disarm anyway?</source>
        <translation>Le vecteur %1 est EN VOL : le désarmer arrête ses moteurs. Désarmer quand même ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="216"/>
        <source>Disarm vehicle %1?</source>
        <translation>Désarmer le vecteur %1 ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>Take off vehicle %1 and climb to %2 m above home?</source>
        <translation>Faire décoller le vecteur %1 et monter à %2 m au-dessus du point de départ ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225"/>
        <source>Land vehicle %1 where it is now?</source>
        <translation>Faire atterrir le vecteur %1 là où il se trouve ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="228"/>
        <source>Return vehicle %1 to its launch point and land there?</source>
        <translation>Ramener le vecteur %1 à son point de départ et l&apos;y faire atterrir ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240"/>
        <source>Switch vehicle %1 from %2 to %3?</source>
        <translation>Passer le vecteur %1 de %2 à %3 ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="249"/>
        <source>at its current altitude</source>
        <translation>à sa hauteur actuelle</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="250"/>
        <source>at %1 m above home</source>
        <translation>à %1 m au-dessus du point de départ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="253"/>
        <source>(%1 m away)</source>
        <translation>(à %1 m)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>Fly vehicle %1 to %2%3 %4?</source>
        <translation>Envoyer le vecteur %1 vers %2%3 %4 ?</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="266"/>
        <source>%1: no vehicle selected</source>
        <translation>%1 : aucun vecteur sélectionné</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="269"/>
        <source>%1: vehicle %2</source>
        <translation>%1 : vecteur %2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="271"/>
        <source>vehicle %1: %2 cancelled</source>
        <translation>vecteur %1 : %2 annulé</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277"/>
        <source>vehicle %1: %2 not sent: %3</source>
        <translation>vecteur %1 : %2 non envoyé : %3</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <source>vehicle %1: %2 sent…</source>
        <translation>vecteur %1 : %2 envoyé…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="287"/>
        <source>vehicle %1: %2 FAILED: %3</source>
        <translation>vecteur %1 : %2 ÉCHEC : %3</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="290"/>
        <source>vehicle %1: %2 accepted</source>
        <translation>vecteur %1 : %2 accepté</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="296"/>
        <source>mode %1</source>
        <translation>mode %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>arm</source>
        <translation>armer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>disarm</source>
        <translation>désarmer</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>take off</source>
        <translation>décoller</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>land</source>
        <translation>atterrir</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>return</source>
        <translation>retour au point de départ</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>hold</source>
        <translation>stationnaire</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="299"/>
        <source>go to</source>
        <translation>aller à</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="313"/>
        <source>vehicle %1: click the go-to target on the map</source>
        <translation>vecteur %1 : cliquez la cible sur la carte</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="337"/>
        <source>Findings</source>
        <translation>Observations</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="344"/>
        <location filename="../main_window.py" line="452"/>
        <source>Robots</source>
        <translation>Robots</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="370"/>
        <location filename="../main_window.py" line="455"/>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="425"/>
        <source>Findings: {0} ({1} unconfirmed)</source>
        <translation>Observations : {0} ({1} non confirmées)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="336"/>
        <source>Mark here…</source>
        <translation>Marquer ici…</translation>
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
        <translation>Placer le datum sur la carte</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="40"/>
        <source>Draw area on map</source>
        <translation>Tracer la zone sur la carte</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="41"/>
        <source>Draw route on map</source>
        <translation>Tracer la route sur la carte</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="53"/>
        <source>Click the area&apos;s corners on the map, then press Draw area again to close it</source>
        <translation>Cliquez les sommets de la zone sur la carte, puis de nouveau sur Tracer la zone pour la fermer</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="55"/>
        <source>Click the route&apos;s points in order on the map, then press Draw route again to end it</source>
        <translation>Cliquez les points de la route dans l’ordre sur la carte, puis de nouveau sur Tracer la route pour la terminer</translation>
    </message>
    <message>
        <location filename="../plan_drawing.py" line="58"/>
        <source>Click the datum (last known position) on the map</source>
        <translation>Cliquez le datum (dernière position connue) sur la carte</translation>
    </message>
</context>
<context>
    <name>MapPane</name>
    <message>
        <location filename="../map_pane.py" line="178"/>
        <source>Map:</source>
        <translation>Carte :</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="179"/>
        <source>Tile source shown under the map</source>
        <translation>Fond de carte affiché</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="181"/>
        <source>Offline</source>
        <translation>Hors ligne</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="182"/>
        <source>No network request at all: only cached map tiles are shown</source>
        <translation>Aucune requête réseau : seules les tuiles en cache sont affichées</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="183"/>
        <source>MGRS grid</source>
        <translation>Carroyage MGRS</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="184"/>
        <source>Draw the MGRS / UTMREF grid</source>
        <translation>Afficher le carroyage MGRS / UTMREF</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="185"/>
        <source>Measure</source>
        <translation>Mesurer</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="186"/>
        <source>Click points on the map: distance, and area from three points</source>
        <translation>Cliquez des points sur la carte : distance, et surface à partir de trois points</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="187"/>
        <source>Prefetch area…</source>
        <translation>Précharger une zone…</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="188"/>
        <source>Search: degrees, DMS, UTM or MGRS</source>
        <translation>Recherche : degrés, DMS, UTM ou MGRS</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="189"/>
        <source>For example 49.47 6.37, 49°28&apos;12&quot;N 6°22&apos;12&quot;E, 32U 326936 5481868 or 32U LV 26936 81868; Enter centres the map</source>
        <translation>Par exemple 49.47 6.37, 49°28&apos;12&quot;N 6°22&apos;12&quot;E, 32U 326936 5481868 ou 32U LV 26936 81868 ; Entrée centre la carte</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="191"/>
        <source>How positions are shown and copied</source>
        <translation>Format d&apos;affichage et de copie des positions</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="192"/>
        <source>Copy position</source>
        <translation>Copier la position</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="193"/>
        <source>Copy the selected vehicle&apos;s position in the chosen format</source>
        <translation>Copier la position du vecteur sélectionné dans le format choisi</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="216"/>
        <source>Add a WMTS layer…</source>
        <translation>Ajouter une couche WMTS…</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="219"/>
        <source>Demo scenario</source>
        <translation>Scénario de démonstration</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="264"/>
        <source>Centred on %1</source>
        <translation>Centré sur %1</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="269"/>
        <source>No vehicle with a position selected</source>
        <translation>Aucun vecteur avec une position n&apos;est sélectionné</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="276"/>
        <source>Copied %1</source>
        <translation>Copié : %1</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="285"/>
        <source>Copy %1</source>
        <translation>Copier %1</translation>
    </message>
    <message>
        <location filename="../map_pane.py" line="286"/>
        <source>Measure from here</source>
        <translation>Mesurer à partir d&apos;ici</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location filename="../map_view.py" line="125"/>
        <source>Fit fleet</source>
        <translation>Voir la flotte</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="126"/>
        <source>Zoom to show every vehicle and home</source>
        <translation>Zoomer pour voir tous les vecteurs et leurs points de départ</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="444"/>
        <source>Waiting for vehicles with a position…</source>
        <translation>En attente de vecteurs positionnés…</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="468"/>
        <source>go-to %1</source>
        <translation>cible %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="481"/>
        <source>Click the go-to target on the map  (Esc cancels)</source>
        <translation>Cliquez la cible sur la carte  (Échap pour annuler)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="485"/>
        <source>Drag a rectangle over the area to prefetch  (Esc cancels)</source>
        <translation>Tracez un rectangle sur la zone à précharger  (Échap pour annuler)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="598"/>
        <source>Click points to measure  (Backspace removes one, Esc ends)</source>
        <translation>Cliquez des points à mesurer  (Retour arrière en retire un, Échap termine)</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="599"/>
        <source>Distance %1</source>
        <translation>Distance %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="601"/>
        <source>Area %1</source>
        <translation>Surface %1</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="620"/>
        <source>OFFLINE: cached map only</source>
        <translation>HORS LIGNE : carte en cache seulement</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="704"/>
        <source>%1  LINK LOST</source>
        <translation>%1  LIAISON PERDUE</translation>
    </message>
    <message>
        <location filename="../map_view.py" line="722"/>
        <source>grid %1</source>
        <translation>grille %1</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../params_panel.py" line="119"/>
        <source>Download all</source>
        <translation>Tout télécharger</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="120"/>
        <source>Save…</source>
        <translation>Enregistrer…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="121"/>
        <source>Load…</source>
        <translation>Charger…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="122"/>
        <source>Search by name</source>
        <translation>Rechercher par nom</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="123"/>
        <source>Set</source>
        <translation>Appliquer</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="124"/>
        <source>new value</source>
        <translation>nouvelle valeur</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="125"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="125"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="125"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="153"/>
        <source>No parameters yet: select a vehicle and download them</source>
        <translation>Pas encore de paramètres : sélectionnez un vecteur et téléchargez-les</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="155"/>
        <source>Vehicle %1: %2 parameters</source>
        <translation>Vecteur %1 : %2 paramètres</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="192"/>
        <source>Wait: the last request to the vehicle has not finished</source>
        <translation>Patientez : la dernière demande au vecteur n’est pas terminée</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="200"/>
        <source>No vehicle selected</source>
        <translation>Aucun vecteur sélectionné</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="224"/>
        <source>Choose a parameter in the list first</source>
        <translation>Choisissez d’abord un paramètre dans la liste</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="232"/>
        <source>%1 takes a whole number, not “%2”; nothing sent</source>
        <translation>%1 attend un nombre entier, pas « %2 » ; rien n’a été envoyé</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="240"/>
        <source>%1 takes a number, not “%2”; nothing sent</source>
        <translation>%1 attend un nombre, pas « %2 » ; rien n’a été envoyé</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="248"/>
        <source>Nothing to save: download the parameters first</source>
        <translation>Rien à enregistrer : téléchargez d’abord les paramètres</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="253"/>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1 : %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="255"/>
        <source>%1 parameters saved to %2</source>
        <translation>%1 paramètres enregistrés dans %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="263"/>
        <source>Download the parameters first, then load a file onto them</source>
        <translation>Téléchargez d’abord les paramètres, puis chargez un fichier</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="268"/>
        <source>Could not load %1: %2; nothing sent</source>
        <translation>Impossible de charger %1 : %2 ; rien n’a été envoyé</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="294"/>
        <source>File loaded: %1 values changed, %2 names not on this vehicle</source>
        <translation>Fichier chargé : %1 valeurs modifiées, %2 noms absents de ce vecteur</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="297"/>
        <source>%1 failed: %2</source>
        <translation>%1 en échec : %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="301"/>
        <source>Save parameters</source>
        <translation>Enregistrer les paramètres</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="302"/>
        <location filename="../params_panel.py" line="308"/>
        <source>QGroundControl parameters (*.params)</source>
        <translation>Paramètres QGroundControl (*.params)</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="307"/>
        <source>Load parameters</source>
        <translation>Charger des paramètres</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="318"/>
        <source>vehicle %1: not sent: %2</source>
        <translation>vecteur %1 : non envoyé : %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="322"/>
        <source>vehicle %1: downloading parameters…</source>
        <translation>vecteur %1 : téléchargement des paramètres…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="323"/>
        <source>vehicle %1: setting %2…</source>
        <translation>vecteur %1 : réglage de %2…</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="333"/>
        <source>vehicle %1: parameter download FAILED: %2</source>
        <translation>vecteur %1 : ÉCHEC du téléchargement des paramètres : %2</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="342"/>
        <source>vehicle %1: %2 parameters downloaded</source>
        <translation>vecteur %1 : %2 paramètres téléchargés</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="360"/>
        <source>vehicle %1: setting %2 FAILED: %3</source>
        <translation>vecteur %1 : ÉCHEC du réglage de %2 : %3</translation>
    </message>
    <message>
        <location filename="../params_panel.py" line="363"/>
        <source>vehicle %1: %2 is now %3</source>
        <translation>vecteur %1 : %2 vaut maintenant %3</translation>
    </message>
</context>
<context>
    <name>PartsStart</name>
    <message>
        <source>part %1 on vehicle %2 FAILED: %3</source>
        <translation type="vanished">partie %1 sur le vecteur %2 ÉCHEC : %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="65"/>
        <source>part %1 on vehicle %2: %3</source>
        <translation>partie %1 sur le vecteur %2 : %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="68"/>
        <source>part %1 on vehicle %2</source>
        <translation>partie %1 sur le vecteur %2</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="76"/>
        <source>Not all parts started: %1</source>
        <translation>Toutes les parties n’ont pas démarré : %1</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="77"/>
        <source>Parts started: %1</source>
        <translation>Parties démarrées : %1</translation>
    </message>
</context>
<context>
    <name>PartsUpload</name>
    <message>
        <source>part %1 to vehicle %2 FAILED: %3</source>
        <translation type="vanished">partie %1 vers le vecteur %2 ÉCHEC : %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="36"/>
        <source>part %1 to vehicle %2: %3</source>
        <translation>partie %1 vers le vecteur %2 : %3</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="39"/>
        <source>part %1 to vehicle %2</source>
        <translation>partie %1 vers le vecteur %2</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="45"/>
        <source>Parts upload FAILED: %1</source>
        <translation>Envoi des parties ÉCHEC : %1</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="46"/>
        <source>Parts uploaded: %1</source>
        <translation>Parties envoyées : %1</translation>
    </message>
</context>
<context>
    <name>PlanItemList</name>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>Item</source>
        <translation>Élément</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>Latitude</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="39"/>
        <source>Longitude</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="40"/>
        <source>Altitude</source>
        <translation>Altitude</translation>
    </message>
    <message>
        <location filename="../plan_item_list.py" line="40"/>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <location filename="../plan_panel.py" line="551"/>
        <source>%1 m up, tracks %2 m apart, track %3 km, flight %4 min, battery %5 %</source>
        <translation>%1 m de haut, traces espacées de %2 m, parcours %3 km, vol %4 min, batterie %5 %</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="294"/>
        <source>Advance direction</source>
        <translation>Direction de progression</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="286"/>
        <source>Altitude</source>
        <translation>Altitude</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="379"/>
        <source>Area %1: %2 ha</source>
        <translation>Zone %1 : %2 ha</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="364"/>
        <source>Area not used: %1</source>
        <translation>Zone non retenue : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="439"/>
        <source>Area: %1 (%2 ha)</source>
        <translation>Zone : %1 (%2 ha)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="438"/>
        <source>Area: not set</source>
        <translation>Zone : non définie</translation>
    </message>
    <message>
        <source>Areas (*.kml *.geojson *.json *.plan)</source>
        <translation type="vanished">Zones (*.kml *.geojson *.json *.plan)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="881"/>
        <source>Arm vehicle %1 and fly its uploaded mission?</source>
        <translation>Armer le vecteur %1 et lui faire voler la mission chargée ?</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="398"/>
        <source>Cannot import %1: %2</source>
        <translation>Import de %1 impossible : %2</translation>
    </message>
    <message>
        <source>Cannot import %1: it holds no area and no point</source>
        <translation type="vanished">Import de %1 impossible : le fichier ne contient ni zone ni point</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="555"/>
        <source>Coverage %1 % of %2 ha</source>
        <translation>Couverture %1 % de %2 ha</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Creeping line</source>
        <translation>Ligne rampante</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="292"/>
        <source>Cruise speed</source>
        <translation>Vitesse de croisière</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="372"/>
        <source>Datum set at %1, %2</source>
        <translation>Datum placé en %1, %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="436"/>
        <source>Datum: %1, %2</source>
        <translation>Datum : %1, %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="435"/>
        <source>Datum: not set</source>
        <translation>Datum : non défini</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="290"/>
        <source>Detection camera</source>
        <translation>Caméra de détection</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="307"/>
        <source>Download</source>
        <translation>Télécharger</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="292"/>
        <source>Endurance</source>
        <translation>Autonomie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Expanding square</source>
        <translation>Carré croissant</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="736"/>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;export : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="745"/>
        <source>Export the plan</source>
        <translation>Exporter le plan</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="308"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="295"/>
        <source>First leg heading</source>
        <translation>Cap de la première branche</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="291"/>
        <source>Front overlap</source>
        <translation>Recouvrement longitudinal</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="286"/>
        <source>Ground resolution</source>
        <translation>Résolution au sol</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="559"/>
        <source>Ground seen %1 ha</source>
        <translation>Sol vu %1 ha</translation>
    </message>
    <message>
        <source>Import a search area or datum</source>
        <translation type="vanished">Importer une zone de recherche ou un datum</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="299"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="291"/>
        <source>Legs</source>
        <translation>Branches</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="420"/>
        <source>%1: its geofence (%2 shapes) and %3 rally points are drawn dotted: not on any vehicle yet; Upload sends them</source>
        <translation>%1 : sa géobarrière (%2 formes) et %3 points de ralliement sont tracés en pointillés : sur aucun vecteur pour l’instant ; « Envoyer » les transmet</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="481"/>
        <source>No plan: %1</source>
        <translation>Pas de plan : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="753"/>
        <source>Wait: the parts are still going up</source>
        <translation>Patientez : les parties sont encore en cours d’envoi</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="756"/>
        <source>Wait: the geofence and rally points are still going up</source>
        <translation>Patientez : la géobarrière et les points de ralliement sont encore en cours d’envoi</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="787"/>
        <source>Upload refused: %1 parts but %2 vehicles picked; pick one vehicle per part</source>
        <translation>Envoi refusé : %1 parties mais %2 vecteurs choisis ; choisissez un vecteur par partie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="842"/>
        <source>mission</source>
        <translation>mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="842"/>
        <source>geofence</source>
        <translation>géobarrière</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="842"/>
        <source>rally points</source>
        <translation>points de ralliement</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="843"/>
        <source>Uploaded to vehicle %1: %2</source>
        <translation>Envoyé au vecteur %1 : %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="859"/>
        <source>vehicle %1: %2 (the vehicle keeps what it held before)</source>
        <translation>vecteur %1 : %2 (le vecteur garde ce qu’il avait avant)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="890"/>
        <source>Wait: the parts&apos; vehicles have not all answered yet</source>
        <translation>Patientez : les vecteurs des parties n’ont pas encore tous répondu</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="893"/>
        <source>Start all parts: upload every part first</source>
        <translation>Démarrer toutes les parties : envoyez d’abord chaque partie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="897"/>
        <source>Every part is started already</source>
        <translation>Toutes les parties sont déjà démarrées</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="934"/>
        <source>No vehicle selected</source>
        <translation>Aucun vecteur sélectionné</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Parallel track</source>
        <translation>Traces parallèles</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="281"/>
        <source>Track line</source>
        <translation>Recherche sur route</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="290"/>
        <source>Pattern</source>
        <translation>Schéma</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="293"/>
        <source>Drones</source>
        <translation>Drones</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="300"/>
        <source>Back along the other side of the route</source>
        <translation>Retour par l’autre côté de la route</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="301"/>
        <source>Share the area among this many drones, each flying its own part</source>
        <translation>Partager la zone entre ce nombre de drones, chacun volant sa propre partie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="302"/>
        <source>Insert waypoint after</source>
        <translation>Insérer un point de passage après</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="303"/>
        <source>Delete item</source>
        <translation>Supprimer l&apos;élément</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="305"/>
        <source>Send the plan to the selected vehicle (a split plan&apos;s parts to the vehicles picked), then the geofence and rally points of an imported .plan</source>
        <translation>Envoyer le plan au vecteur sélectionné (les parties d’un plan partagé aux vecteurs cochés), puis la géobarrière et les points de ralliement d’un .plan importé</translation>
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
        <translation>Démarrer toutes les parties</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="313"/>
        <source>Each vehicle that holds a part takes off and flies it</source>
        <translation>Chaque vecteur qui détient une partie décolle et l’effectue</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="314"/>
        <source>Items of</source>
        <translation>Éléments de la</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="316"/>
        <location filename="../plan_panel.py" line="607"/>
        <source>part %1</source>
        <translation>partie %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="362"/>
        <source>drawn route</source>
        <translation>route tracée</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="364"/>
        <source>Route not used: %1</source>
        <translation>Route non retenue : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="386"/>
        <source>Route %1: %2 km</source>
        <translation>Route %1 : %2 km</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="414"/>
        <source>Cannot import %1: it holds no area, route or point</source>
        <translation>Import de %1 impossible : le fichier ne contient ni zone, ni route, ni point</translation>
    </message>
    <message>
        <source>%1: its geofence (%2 shapes) and %3 rally points are drawn dotted: not on any vehicle yet</source>
        <translation type="vanished">%1 : sa géobarrière (%2 formes) et %3 points de ralliement sont tracés en pointillés : sur aucun vecteur pour l’instant</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="427"/>
        <source>Import a search area, route or datum</source>
        <translation>Importer une zone de recherche, une route ou un datum</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="428"/>
        <source>Areas and routes (*.kml *.geojson *.json *.plan)</source>
        <translation>Zones et routes (*.kml *.geojson *.json *.plan)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="441"/>
        <source>Route: not set</source>
        <translation>Route : non définie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="442"/>
        <source>Route: %1 (%2 km)</source>
        <translation>Route : %1 (%2 km)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="478"/>
        <source>Part %1: %2</source>
        <translation>Partie %1 : %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="544"/>
        <source>Edited mission: %1 items, not uploaded yet</source>
        <translation>Mission modifiée : %1 éléments, pas encore envoyée</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="564"/>
        <source>%1 m up, tracks %2 m apart, area shared among %3 drones</source>
        <translation>%1 m de haut, traces espacées de %2 m, zone partagée entre %3 drones</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Part</source>
        <translation>Partie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Track</source>
        <translation>Parcours</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Flight</source>
        <translation>Vol</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="566"/>
        <source>Vehicle</source>
        <translation>Vecteur</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="567"/>
        <source>none picked</source>
        <translation>aucun choisi</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="641"/>
        <source>Item %1: altitude %2 m</source>
        <translation>Élément %1 : altitude %2 m</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="644"/>
        <source>Item %1: speed %2 m/s</source>
        <translation>Élément %1 : vitesse %2 m/s</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="647"/>
        <source>Not changed: %1</source>
        <translation>Non modifié : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="658"/>
        <source>Select the item to delete first</source>
        <translation>Sélectionnez d&apos;abord l&apos;élément à supprimer</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="661"/>
        <source>Item %1 deleted</source>
        <translation>Élément %1 supprimé</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="669"/>
        <source>Select the item to insert after first</source>
        <translation>Sélectionnez d&apos;abord l&apos;élément après lequel insérer</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="674"/>
        <source>No waypoint inserted: %1</source>
        <translation>Aucun point de passage inséré : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="676"/>
        <source>Waypoint %1 inserted</source>
        <translation>Point de passage %1 inséré</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="682"/>
        <source>Add waypoint here</source>
        <translation>Ajouter un point de passage ici</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="692"/>
        <source>Waypoint %1 added at %2, %3</source>
        <translation>Point de passage %1 ajouté en %2, %3</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="697"/>
        <source>Item %1 moved to %2, %3</source>
        <translation>Élément %1 déplacé en %2, %3</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="739"/>
        <source>Plan written to %1</source>
        <translation>Plan enregistré dans %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="741"/>
        <source>%1 parts written: %2</source>
        <translation>%1 parties enregistrées : %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="746"/>
        <source>Plans (*.plan *.kml *.geojson)</source>
        <translation>Plans (*.plan *.kml *.geojson)</translation>
    </message>
    <message>
        <source>vehicle %1: %2 FAILED: %3 (the vehicle keeps what it held before)</source>
        <translation type="vanished">vecteur %1 : %2 ÉCHEC : %3 (le vecteur garde ce qu’il avait avant)</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="996"/>
        <source>geofence upload</source>
        <translation>envoi de la géobarrière</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="997"/>
        <source>rally points upload</source>
        <translation>envoi des points de ralliement</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="292"/>
        <source>Radius</source>
        <translation>Rayon</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="311"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="280"/>
        <source>Sector</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="291"/>
        <source>Side overlap</source>
        <translation>Recouvrement latéral</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="290"/>
        <source>Sized by</source>
        <translation>Dimensionné par</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="309"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="880"/>
        <source>Start mission: vehicle %1</source>
        <translation>Démarrer la mission : vecteur %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="304"/>
        <source>Upload</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="772"/>
        <location filename="../plan_panel.py" line="793"/>
        <source>Upload refused: %1</source>
        <translation>Envoi refusé : %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="767"/>
        <source>Upload: no plan yet: set a datum or an area first</source>
        <translation>Envoi : pas encore de plan : placez d&apos;abord un datum ou une zone</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="548"/>
        <source>Vehicle %1&apos;s mission: %2 items</source>
        <translation>Mission du vecteur %1 : %2 éléments</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="360"/>
        <source>drawn area</source>
        <translation>zone tracée</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="901"/>
        <source>Arm the vehicles holding a part (%1) and fly each its part? They take off at once.</source>
        <translation>Armer les vecteurs qui détiennent une partie (%1) et faire voler à chacun sa partie ? Ils décollent tous ensemble.</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="957"/>
        <source>%1 FAILED: %2</source>
        <translation>%1 ÉCHEC : %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="971"/>
        <source>vehicle %1: %2</source>
        <translation>vecteur %1 : %2</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="991"/>
        <source>upload of part %1</source>
        <translation>envoi de la partie %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="993"/>
        <source>start of part %1</source>
        <translation>démarrage de la partie %1</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="994"/>
        <source>mission download</source>
        <translation>téléchargement de la mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="995"/>
        <source>mission pause</source>
        <translation>pause de la mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="996"/>
        <source>mission resume</source>
        <translation>reprise de la mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="995"/>
        <source>mission start</source>
        <translation>démarrage de la mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="994"/>
        <source>mission upload</source>
        <translation>envoi de la mission</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="727"/>
        <source>there is no plan to export</source>
        <translation>il n&apos;y a pas de plan à exporter</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="729"/>
        <source>unknown file type .%1; use .plan, .kml or .geojson</source>
        <translation>type de fichier .%1 inconnu ; utilisez .plan, .kml ou .geojson</translation>
    </message>
    <message>
        <source>vehicle %1: %2 FAILED: %3</source>
        <translation type="vanished">vecteur %1 : %2 ÉCHEC : %3</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="985"/>
        <source>vehicle %1: %2 done</source>
        <translation>vecteur %1 : %2 terminé</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="954"/>
        <source>vehicle %1: %2 not sent: %3</source>
        <translation>vecteur %1 : %2 non envoyé : %3</translation>
    </message>
    <message>
        <location filename="../plan_panel.py" line="956"/>
        <source>vehicle %1: %2…</source>
        <translation>vecteur %1 : %2…</translation>
    </message>
</context>
<context>
    <name>PrefetchDialog</name>
    <message>
        <location filename="../prefetch_dialog.py" line="103"/>
        <source>Prefetch map area</source>
        <translation>Précharger une zone de carte</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="104"/>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="105"/>
        <source>Area:</source>
        <translation>Zone :</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="106"/>
        <source>Zoom levels:</source>
        <translation>Niveaux de zoom :</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="107"/>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="108"/>
        <source>Draw on map</source>
        <translation>Tracer sur la carte</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="109"/>
        <source>Use map view</source>
        <translation>Vue actuelle</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="110"/>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="111"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="112"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="113"/>
        <source>Retry failed</source>
        <translation>Réessayer les échecs</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="114"/>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="145"/>
        <source>Not drawn yet: draw it on the map or use the map view</source>
        <translation>Pas encore tracée : tracez-la sur la carte ou prenez la vue actuelle</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="156"/>
        <source>%1 tiles, %2 already cached, about %3 to download</source>
        <translation>%1 tuiles, %2 déjà en cache, environ %3 à télécharger</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="215"/>
        <source>ready</source>
        <translation>prêt</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="215"/>
        <source>running</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="215"/>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="216"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="216"/>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location filename="../prefetch_dialog.py" line="217"/>
        <source>%1: %2 downloaded, %3 already cached, %4 failed (%5)</source>
        <translation>%1 : %2 téléchargées, %3 déjà en cache, %4 en échec (%5)</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <location filename="../replay_bar.py" line="59"/>
        <source>Where the replay is in the log: drag to go to another moment</source>
        <translation>Position de la relecture dans le journal : faites glisser pour aller à un autre moment</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="60"/>
        <source>Replay speed</source>
        <translation>Vitesse de relecture</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="74"/>
        <source>Replay %1</source>
        <translation>Relecture %1</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="75"/>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="75"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../replay_bar.py" line="79"/>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
</context>
<context>
    <name>RobotPanel</name>
    <message>
        <source>Robots</source>
        <translation type="vanished">Robots</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="236"/>
        <source>serial:/dev/ttyUSB0:115200 or zmq:tcp://HOST:PORT</source>
        <translation>serial:/dev/ttyUSB0:115200 ou zmq:tcp://HÔTE:PORT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="237"/>
        <source>robot public key (.key), CURVE only</source>
        <translation>clé publique du robot (.key), CURVE uniquement</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="238"/>
        <source>station secret key (.key_secret), CURVE only</source>
        <translation>clé secrète de la station (.key_secret), CURVE uniquement</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="239"/>
        <source>Connect</source>
        <translation>Connecter</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="240"/>
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="241"/>
        <source>Set limits</source>
        <translation>Appliquer les limites</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="242"/>
        <location filename="../robot_panel.py" line="355"/>
        <source>EMERGENCY STOP</source>
        <translation>ARRÊT D&apos;URGENCE</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="243"/>
        <source>Stops the selected robot and latches until released (Space)</source>
        <translation>Arrête le robot sélectionné et reste verrouillé jusqu&apos;au déverrouillage (Espace)</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="244"/>
        <source>Release e-stop…</source>
        <translation>Déverrouiller l&apos;arrêt d&apos;urgence…</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="245"/>
        <source>Robot:</source>
        <translation>Robot :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="245"/>
        <source>Limits:</source>
        <translation>Limites :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="245"/>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="246"/>
        <source>Turn</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="246"/>
        <source>Link:</source>
        <translation>Liaison :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="246"/>
        <source>Battery:</source>
        <translation>Batterie :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="247"/>
        <source>E-stop:</source>
        <translation>Arrêt d&apos;urgence :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="247"/>
        <source>Deadman:</source>
        <translation>Homme mort :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="247"/>
        <source>Input:</source>
        <translation>Commande :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="248"/>
        <source>Gamepad:</source>
        <translation>Manette :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="249"/>
        <source>Last event:</source>
        <translation>Dernier événement :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="249"/>
        <source>Video:</source>
        <translation>Vidéo :</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="334"/>
        <source>{0:+.2f} m/s (asked {1:+.0%})</source>
        <translation>{0:+.2f} m/s (demandé {1:+.0%})</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="336"/>
        <source>{0:+.2f} rad/s</source>
        <translation>{0:+.2f} rad/s</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="338"/>
        <source>{0} (asked {1:+.0%})</source>
        <translation>{0} (demandé {1:+.0%})</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="339"/>
        <source>, quality {0:.0%}</source>
        <translation>, qualité {0:.0%}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="339"/>
        <source>, NOT HEARD</source>
        <translation>, SANS SIGNAL</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="345"/>
        <source>LATCHED by this station</source>
        <translation>VERROUILLÉ par cette station</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="345"/>
        <source>, robot confirms</source>
        <translation>, confirmé par le robot</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="346"/>
        <source>, waiting for the robot</source>
        <translation>, en attente du robot</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="348"/>
        <source>releasing…</source>
        <translation>déverrouillage…</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="350"/>
        <source>ENGAGED on the robot</source>
        <translation>ENCLENCHÉ sur le robot</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="352"/>
        <source>off</source>
        <translation>inactif</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="355"/>
        <source>E-STOP LATCHED</source>
        <translation>ARRÊT D&apos;URGENCE VERROUILLÉ</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="358"/>
        <source>ROBOT STOPPED ITSELF: its commands stopped arriving</source>
        <translation>LE ROBOT S&apos;EST ARRÊTÉ : ses commandes n&apos;arrivaient plus</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="359"/>
        <source>engaged, waiting for a driver</source>
        <translation>enclenché, en attente d&apos;un conducteur</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="360"/>
        <source>armed (stops by itself if commands stop)</source>
        <translation>armé (s&apos;arrête seul si les commandes cessent)</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="361"/>
        <source>station side only (neutral sticks when input stops)</source>
        <translation>côté station seulement (manches au neutre si la commande cesse)</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="362"/>
        <source>no fresh input: sending stop</source>
        <translation>pas de commande récente : arrêt envoyé</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="362"/>
        <source>driving</source>
        <translation>en conduite</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="405"/>
        <source>none announced</source>
        <translation>aucune annoncée</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="407"/>
        <source>cannot open {0}: {1}</source>
        <translation>impossible d’ouvrir {0} : {1}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="412"/>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="412"/>
        <source>live</source>
        <translation>en direct</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="413"/>
        <source>reconnecting</source>
        <translation>reconnexion</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="413"/>
        <source>ended</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="414"/>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="415"/>
        <source>{0}: {1}, {2} frames</source>
        <translation>{0} : {1}, {2} images</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="440"/>
        <location filename="../robot_panel.py" line="489"/>
        <source>drive: {0}</source>
        <translation>conduite : {0}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="498"/>
        <source>no gamepad</source>
        <translation>aucune manette</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="500"/>
        <source>{0}: forward {1:+.0%}, turn {2:+.0%}</source>
        <translation>{0} : avance {1:+.0%}, virage {2:+.0%}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="547"/>
        <source>e-stop</source>
        <translation>arrêt d&apos;urgence</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="557"/>
        <source>Release e-stop</source>
        <translation>Déverrouiller l&apos;arrêt d&apos;urgence</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="558"/>
        <source>Release the e-stop of {0}? It stays still until driven again.</source>
        <translation>Déverrouiller l&apos;arrêt d&apos;urgence de {0} ? Il reste immobile jusqu&apos;à la prochaine commande de conduite.</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="563"/>
        <source>release e-stop</source>
        <translation>déverrouiller l&apos;arrêt d&apos;urgence</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="568"/>
        <source>connect: give the robot&apos;s address first</source>
        <translation>connecter : indiquez d&apos;abord l&apos;adresse du robot</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="573"/>
        <location filename="../robot_panel.py" line="600"/>
        <source>connect</source>
        <translation>connecter</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="580"/>
        <source>disconnect</source>
        <translation>déconnecter</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="587"/>
        <source>speed limits</source>
        <translation>limites de vitesse</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="592"/>
        <source>{0}: sent…</source>
        <translation>{0} : envoyé…</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="597"/>
        <source>{0} FAILED: {1}</source>
        <translation>{0} ÉCHEC : {1}</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="599"/>
        <source>{0}: done</source>
        <translation>{0} : effectué</translation>
    </message>
</context>
<context>
    <name>RobotsLayer</name>
    <message>
        <location filename="../robot_panel.py" line="656"/>
        <source>E-STOP</source>
        <translation>ARRÊT D&apos;URGENCE</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="658"/>
        <source>DEADMAN STOP</source>
        <translation>ARRÊT HOMME MORT</translation>
    </message>
    <message>
        <location filename="../robot_panel.py" line="659"/>
        <source>NOT HEARD</source>
        <translation>SANS SIGNAL</translation>
    </message>
</context>
<context>
    <name>TelemetryPanel</name>
    <message>
        <location filename="../telemetry_panel.py" line="58"/>
        <source>Selected vehicle</source>
        <translation>Vecteur sélectionné</translation>
    </message>
</context>
<context>
    <name>TelemetryPlots</name>
    <message>
        <location filename="../telemetry_plot.py" line="34"/>
        <source>Altitude</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="34"/>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="34"/>
        <source>Battery</source>
        <translation>Batterie</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="35"/>
        <source>Link quality</source>
        <translation>Qualité de liaison</translation>
    </message>
    <message>
        <location filename="../telemetry_plot.py" line="73"/>
        <source>%1 to %2 %3, last %4 min</source>
        <translation>%1 à %2 %3, dernières %4 min</translation>
    </message>
</context>
<context>
    <name>TransferText</name>
    <message>
        <location filename="../failure_text.py" line="22"/>
        <source>mission</source>
        <translation>mission</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="23"/>
        <source>geofence</source>
        <translation>géobarrière</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="24"/>
        <source>rally points</source>
        <translation>points de ralliement</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="30"/>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="31"/>
        <source>no space</source>
        <translation>plus de place</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="32"/>
        <source>denied</source>
        <translation>non autorisé</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="33"/>
        <source>invalid sequence</source>
        <translation>séquence invalide</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="34"/>
        <source>operation cancelled</source>
        <translation>opération annulée</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="35"/>
        <source>unsupported</source>
        <translation>non pris en charge</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="45"/>
        <source>%1 upload refused by the vehicle: %2</source>
        <translation>%1 : envoi refusé par le vecteur : %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="48"/>
        <source>%1 download refused by the vehicle: %2</source>
        <translation>%1 : téléchargement refusé par le vecteur : %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="51"/>
        <source>clearing the %1 refused by the vehicle: %2</source>
        <translation>%1 : effacement refusé par le vecteur : %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="54"/>
        <source>%1 download aborted by the vehicle: %2</source>
        <translation>%1 : téléchargement interrompu par le vecteur : %2</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="57"/>
        <source>%1 upload: the vehicle accepted after only %2 of %3 items</source>
        <translation>%1 : envoi accepté par le vecteur après seulement %2 éléments sur %3</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="61"/>
        <source>%1 upload: the vehicle asked for item %2 of %3</source>
        <translation>%1 : envoi : le vecteur a demandé l’élément %2 sur %3</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="64"/>
        <source>%1 upload: no answer from the vehicle while sending item %2 of %3 (%4 tries in %5 s); transfer cancelled</source>
        <translation>%1 : pas de réponse du vecteur à l’envoi de l’élément %2 sur %3 (%4 essais en %5 s) ; transfert annulé</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="68"/>
        <source>%1 download: no answer from the vehicle while asking for the count (%2 tries in %3 s); transfer cancelled</source>
        <translation>%1 : pas de réponse du vecteur à la demande du nombre d’éléments (%2 essais en %3 s) ; transfert annulé</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="72"/>
        <source>%1 download: no answer from the vehicle while receiving item %2 of %3 (%4 tries in %5 s); transfer cancelled</source>
        <translation>%1 : pas de réponse du vecteur à la réception de l’élément %2 sur %3 (%4 essais en %5 s) ; transfert annulé</translation>
    </message>
    <message>
        <location filename="../failure_text.py" line="76"/>
        <source>clearing the %1: no answer from the vehicle (%2 tries in %3 s); clearing cancelled</source>
        <translation>%1 : pas de réponse du vecteur à l’effacement (%2 essais en %3 s) ; effacement annulé</translation>
    </message>
</context>
<context>
    <name>VehiclePicks</name>
    <message>
        <location filename="../plan_parts.py" line="95"/>
        <source>to vehicles:</source>
        <translation>vers les vecteurs :</translation>
    </message>
    <message>
        <location filename="../plan_parts.py" line="97"/>
        <source>Upload a part to vehicle %1</source>
        <translation>Envoyer une partie au vecteur %1</translation>
    </message>
</context>
<context>
    <name>VehicleText</name>
    <message>
        <location filename="../vehicle_text.py" line="44"/>
        <source>no GPS</source>
        <translation>pas de GPS</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="44"/>
        <source>no fix</source>
        <translation>pas de fix</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="46"/>
        <source>static</source>
        <translation>statique</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="48"/>
        <source>Plane</source>
        <translation>Avion</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="49"/>
        <source>Rover</source>
        <translation>Rover</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="50"/>
        <source>Boat</source>
        <translation>Bateau</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="51"/>
        <source>Heli</source>
        <translation>Hélico</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="53"/>
        <source>undefined</source>
        <translation>indéfini</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="54"/>
        <source>on ground</source>
        <translation>au sol</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="55"/>
        <source>in air</source>
        <translation>en vol</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="56"/>
        <source>takeoff</source>
        <translation>décollage</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="57"/>
        <source>landing</source>
        <translation>atterrissage</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="59"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="59"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="60"/>
        <location filename="../vehicle_text.py" line="66"/>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="60"/>
        <source>Armed</source>
        <translation>Armé</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="61"/>
        <location filename="../vehicle_text.py" line="69"/>
        <source>Battery</source>
        <translation>Batterie</translation>
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
        <translation>Liaison</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="62"/>
        <location filename="../vehicle_text.py" line="71"/>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="66"/>
        <source>Vehicle</source>
        <translation>Vecteur</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="67"/>
        <source>Alt rel / AMSL</source>
        <translation>Haut. rel / alt.</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="67"/>
        <source>Speed / climb</source>
        <translation>Vitesse / montée</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="68"/>
        <source>Heading</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="68"/>
        <source>Roll / pitch</source>
        <translation>Roulis / tangage</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="70"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="71"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="109"/>
        <source>ARMED</source>
        <translation>ARMÉ</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="109"/>
        <source>disarmed</source>
        <translation>désarmé</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="114"/>
        <source>the vehicle does not report its charge</source>
        <translation>le vecteur ne transmet pas sa charge</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="116"/>
        <source>battery low</source>
        <translation>batterie faible</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="122"/>
        <source>no 3D fix: position not trustworthy</source>
        <translation>pas de fix 3D : position peu fiable</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="127"/>
        <source>LOST</source>
        <translation>PERDUE</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="127"/>
        <source>no heartbeat from this vehicle</source>
        <translation>aucun signal de vie de ce vecteur</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="130"/>
        <source>frames are being lost</source>
        <translation>des trames se perdent</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="135"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="137"/>
        <source>unhealthy sensors: %1</source>
        <translation>capteurs en défaut : %1</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="154"/>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <location filename="../vehicle_text.py" line="173"/>
        <source>%1 sats</source>
        <translation>%1 sat.</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <location filename="../video_panel.py" line="253"/>
        <source>White-hot</source>
        <translation>Blanc-chaud</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="253"/>
        <source>Black-hot</source>
        <translation>Noir-chaud</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="254"/>
        <source>Ironbow</source>
        <translation>Ironbow</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="254"/>
        <source>Rainbow</source>
        <translation>Arc-en-ciel</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="257"/>
        <source>Search span</source>
        <translation>Plage recherche</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="257"/>
        <source>Fire span</source>
        <translation>Plage feu</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="261"/>
        <source>%1: %2 to %3 °C</source>
        <translation>%1 : %2 à %3 °C</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="262"/>
        <source>Thermal camera of the selected vehicle</source>
        <translation>Caméra thermique du vecteur sélectionné</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="262"/>
        <source>Thermal camera</source>
        <translation>Caméra thermique</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="263"/>
        <source>Colour camera of the selected vehicle</source>
        <translation>Caméra couleur du vecteur sélectionné</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="263"/>
        <source>Colour camera</source>
        <translation>Caméra couleur</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="264"/>
        <source>Video stream from a URL</source>
        <translation>Flux vidéo depuis une URL</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="264"/>
        <source>Stream (URL)</source>
        <translation>Flux (URL)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="267"/>
        <source>Picture in picture</source>
        <translation>Incrustation</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="268"/>
        <source>The other camera in the corner: the colour or typed-in stream over the thermal camera, the thermal camera over the stream</source>
        <translation>L&apos;autre caméra dans le coin : le flux couleur ou saisi sur la caméra thermique, la caméra thermique sur le flux</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="270"/>
        <source>Open stream</source>
        <translation>Ouvrir le flux</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="271"/>
        <source>An H.264 or H.265 stream: udp:// (MPEG-TS), rtp://, rtsp://, or a file</source>
        <translation>Un flux H.264 ou H.265 : udp:// (MPEG-TS), rtp://, rtsp:// ou un fichier</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="278"/>
        <source>Camera of: none (boxes only)</source>
        <translation>Caméra de : aucun (cadres seuls)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="279"/>
        <source>Camera of vehicle %1 (link lost)</source>
        <translation>Caméra du vecteur %1 (liaison perdue)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="280"/>
        <source>Camera of vehicle %1</source>
        <translation>Caméra du vecteur %1</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="281"/>
        <source>Whose camera the typed-in stream is. With a vehicle, what is detected in it becomes findings, placed with that vehicle&apos;s position and gimbal at each frame&apos;s time; with none, only the boxes are shown.</source>
        <translation>De quelle caméra vient le flux saisi. Avec un vecteur, ce qui y est détecté devient des observations, placées avec la position et la nacelle de ce vecteur à l&apos;instant de chaque image ; sans vecteur, seuls les cadres sont affichés.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="314"/>
        <source>Type the address of a video stream first.</source>
        <translation>Saisissez d’abord l’adresse d’un flux vidéo.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="419"/>
        <location filename="../video_panel.py" line="439"/>
        <location filename="../video_panel.py" line="473"/>
        <source>No vehicle selected.</source>
        <translation>Aucun vecteur sélectionné.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="421"/>
        <source>Vehicle %1 has shown no colour camera.</source>
        <translation>Le vecteur %1 n&apos;a annoncé aucune caméra couleur.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="423"/>
        <source>Cannot open the colour camera of vehicle %1 (%2): %3</source>
        <translation>Impossible d&apos;ouvrir la caméra couleur du vecteur %1 (%2) : %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="474"/>
        <source>No thermal video from vehicle %1 yet.</source>
        <translation>Pas encore de vidéo thermique du vecteur %1.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="491"/>
        <source>%1 %2% %3</source>
        <translation>%1 %2 % %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="485"/>
        <source>Vehicle %1: thermal frame %2, %3 detection(s)</source>
        <translation>Vecteur %1 : image thermique %2, %3 détection(s)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="509"/>
        <source>Type the address of a video stream and open it.</source>
        <translation>Saisissez l’adresse d’un flux vidéo et ouvrez-le.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="520"/>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="520"/>
        <source>live</source>
        <translation>en direct</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="521"/>
        <source>reconnecting</source>
        <translation>reconnexion</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="521"/>
        <source>ended</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="521"/>
        <source>stopped</source>
        <translation>arrêté</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="522"/>
        <source>%1: %2, %3 frames</source>
        <translation>%1 : %2, %3 images</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="533"/>
        <source>no findings: %1</source>
        <translation>aucune observation : %1</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="554"/>
        <source>no position of vehicle %1 at the frame&apos;s time</source>
        <translation>pas de position du vecteur %1 à l&apos;instant de l&apos;image</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="555"/>
        <source>no gimbal attitude from vehicle %1</source>
        <translation>pas d&apos;attitude de nacelle du vecteur %1</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="556"/>
        <source>vehicle %1 advertises no field of view for this stream</source>
        <translation>le vecteur %1 n&apos;annonce pas de champ de vision pour ce flux</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="557"/>
        <source>frames could not be placed on the ground</source>
        <translation>images impossibles à placer au sol</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="568"/>
        <location filename="../video_panel.py" line="576"/>
        <source>Point at the video to read the temperature there.</source>
        <translation>Pointez la vidéo pour y lire la température.</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="570"/>
        <source>This video carries no temperatures (it is not radiometric).</source>
        <translation>Cette vidéo ne porte pas de températures (elle n’est pas radiométrique).</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="579"/>
        <source>No reading at pixel %1, %2 (dead pixel).</source>
        <translation>Pas de mesure au pixel %1, %2 (pixel mort).</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="581"/>
        <source>%1 °C at pixel %2, %3</source>
        <translation>%1 °C au pixel %2, %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="286"/>
        <source>No detection</source>
        <translation>Aucune détection</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="286"/>
        <source>Persons in white-hot thermal</source>
        <translation>Personnes en thermique blanc-chaud</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="287"/>
        <source>Persons in colour</source>
        <translation>Personnes en couleur</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="287"/>
        <source>Hotspots in 8-bit thermal</source>
        <translation>Points chauds en thermique 8 bits</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="293"/>
        <source>What to detect on the typed-in stream (it runs in the station, not in the window)</source>
        <translation>Ce qu’il faut détecter dans le flux saisi (la détection tourne dans la station, pas dans la fenêtre)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="298"/>
        <source>%1 (not available)</source>
        <translation>%1 (indisponible)</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="299"/>
        <location filename="../video_panel.py" line="302"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="321"/>
        <source>Cannot open %1 with %2: %3</source>
        <translation>Impossible d’ouvrir %1 avec %2 : %3</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="338"/>
        <source>Cannot detect with %1: %2</source>
        <translation>Détection impossible avec %1 : %2</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="526"/>
        <source>%1: %2 detections, %3 ms/frame, %4 frames dropped</source>
        <translation>%1 : %2 détections, %3 ms/image, %4 images abandonnées</translation>
    </message>
    <message>
        <location filename="../video_panel.py" line="530"/>
        <source>findings: %1 new, %2 seen again</source>
        <translation>observations : %1 nouvelles, %2 revues</translation>
    </message>
    <message>
        <source>%1 frame(s) not placed on the map, last because: %2</source>
        <translation type="vanished">%1 image(s) non placée(s) sur la carte, la dernière parce que : %2</translation>
    </message>
</context>
<context>
    <name>WmtsDialog</name>
    <message>
        <location filename="../wmts_dialog.py" line="114"/>
        <source>Add a WMTS map layer</source>
        <translation>Ajouter une couche de carte WMTS</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="115"/>
        <source>Service address:</source>
        <translation>Adresse du service :</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="116"/>
        <source>https://…/WMTSCapabilities.xml or the service&apos;s WMTS address</source>
        <translation>https://…/WMTSCapabilities.xml ou l&apos;adresse WMTS du service</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="117"/>
        <source>The address of the service&apos;s capabilities document, as the map agency publishes it; the station asks for GetCapabilities where it is missing</source>
        <translation>L&apos;adresse du document de capacités du service, telle que l&apos;agence cartographique la publie ; la station demande GetCapabilities si elle ne le fait pas</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="119"/>
        <source>Read</source>
        <translation>Lire</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="120"/>
        <source>Layers:</source>
        <translation>Couches :</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="121"/>
        <source>Filter: words in the title or description</source>
        <translation>Filtrer : mots du titre ou de la description</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="122"/>
        <source>Shows the layers whose title, identifier or description hold every word typed, in any case, with or without accents; Enter adds the only match</source>
        <translation>Montre les couches dont le titre, l&apos;identifiant ou la description contiennent chacun des mots tapés, en majuscules ou minuscules, avec ou sans accents ; Entrée ajoute la seule couche trouvée</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="125"/>
        <source>Source id:</source>
        <translation>Identifiant de la source :</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="126"/>
        <source>Lower-case letters, digits, &apos;-&apos; and &apos;_&apos;; it names the layer&apos;s cache</source>
        <translation>Minuscules, chiffres, « - » et « _ » ; il nomme le cache de la couche</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="127"/>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="128"/>
        <source>Style:</source>
        <translation>Style :</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="129"/>
        <source>Image format:</source>
        <translation>Format d&apos;image :</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="130"/>
        <source>Add to the map</source>
        <translation>Ajouter à la carte</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="145"/>
        <source>Paste the service&apos;s address first</source>
        <translation>Collez d&apos;abord l&apos;adresse du service</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="147"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="201"/>
        <source>%1 of %2 layers</source>
        <translation>%1 couches sur %2</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="232"/>
        <source>terms: %1</source>
        <translation>conditions : %1</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="240"/>
        <source>%1 (cannot be shown)</source>
        <translation>%1 (ne peut pas être affichée)</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="220"/>
        <location filename="../wmts_dialog.py" line="279"/>
        <source>The map cannot show this layer: %1</source>
        <translation>La carte ne peut pas afficher cette couche : %1</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="283"/>
        <source>%1 — zoom levels %2 to %3; %4</source>
        <translation>%1 — niveaux de zoom %2 à %3 ; %4</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="304"/>
        <source>Adding %1…</source>
        <translation>Ajout de %1…</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="334"/>
        <source>%1 layers, %2 the map can show</source>
        <translation>%1 couches, dont %2 affichables sur la carte</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="338"/>
        <source>Added %1: the map shows it now</source>
        <translation>Source %1 ajoutée : la carte l&apos;affiche maintenant</translation>
    </message>
    <message>
        <location filename="../wmts_dialog.py" line="342"/>
        <source>Nothing added: %1</source>
        <translation>Rien n&apos;a été ajouté : %1</translation>
    </message>
</context>
</TS>
