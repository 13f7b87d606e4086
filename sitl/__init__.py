"""Hardware-free worlds: the built-in vehicle simulator and the real PX4 SITL launcher."""
