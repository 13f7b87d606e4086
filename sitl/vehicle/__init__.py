"""Built-in PX4-dialect multicopter simulator: MAVLink over UDP, PX4 modes, commands and rates."""
from .fleet import DEFAULT_HOME, SimulatedFleet
from .link import Faults
from .multicopter import Px4Parameters
from .vehicle import SimulatedVehicle, VehicleTruth

__all__ = ["DEFAULT_HOME", "Faults", "Px4Parameters", "SimulatedFleet", "SimulatedVehicle", "VehicleTruth"]
