"""Matching: the coach roster, the panel review and the pairing of teacher and coach."""
