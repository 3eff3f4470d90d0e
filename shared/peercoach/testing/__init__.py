"""Test support shared by every service's tests (a pytest plugin, see fixtures.py)."""
