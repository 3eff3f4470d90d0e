"""CSV cells that a spreadsheet opens as text, never runs as a formula.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets; a leading apostrophe makes it plain text. Numbers
(Decimal, int) are written as they are, so a negative amount stays a number. Every CSV the
services produce passes its rows through `inert_row`.
"""
from __future__ import annotations

from typing import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(cell):
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def inert_row(row: Iterable) -> list:
    return [inert(cell) for cell in row]
