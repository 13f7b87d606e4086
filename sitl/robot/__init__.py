"""The simulated ground robot: differential drive model, pty serial and ZeroMQ endpoints."""
