"""Talking to hardware and the network: MAVLink, ground robots, video. No Qt here."""
