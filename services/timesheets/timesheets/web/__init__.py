"""Timesheets' HTML pages, beside its JSON API, under /pages/."""
