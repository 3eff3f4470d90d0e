"""Web plumbing every service shares."""
