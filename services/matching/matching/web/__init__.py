"""Matching's HTML pages (under /pages/), calling the same use cases as its JSON API."""
