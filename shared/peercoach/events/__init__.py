"""Event envelope and the versioned contracts of every routing key."""
