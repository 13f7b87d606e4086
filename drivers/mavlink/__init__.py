"""MAVLink links, vehicle sessions and microservices (pymavlink framing)."""
