"""Shared library of the peer-coaching services."""
