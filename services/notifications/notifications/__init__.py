"""Notifications: email to the people in a pairing, once each, and nobody else."""
