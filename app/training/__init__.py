"""Training mode: a sandbox till on its own database with simulated devices, and guided
exercises scored against what the trainee actually did there."""
