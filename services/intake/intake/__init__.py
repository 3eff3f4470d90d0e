"""Intake: teachers apply to a peer-coaching program."""
