"""Ground-robot protocol over serial and ZeroMQ."""
