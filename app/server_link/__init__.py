"""Whether the till's database answers: the probe the counter runs while it does not."""
