"""Built-in PX4-dialect multicopter simulator: MAVLink over UDP, PX4 modes, commands and rates,
mission/fence/rally, parameters, camera and gimbal, signing."""
from .fleet import DEFAULT_HOME, SimulatedFleet
from .link import Faults, MissionFault
from .mission_protocol import MissionLimits
from .multicopter import Px4Parameters
from .vehicle import SimulatedVehicle, VehicleTruth

__all__ = ["DEFAULT_HOME", "Faults", "MissionFault", "MissionLimits", "Px4Parameters", "SimulatedFleet",
           "SimulatedVehicle", "VehicleTruth"]
