"""Imported first by every benchmark: keeps bench/ off the import path.

A script's folder is put first on `sys.path`, and bench/intake.py, bench/matching.py and
bench/notifications.py are named like the packages they measure; without this, importing
`intake` (or starting a worker that does) would find the benchmark instead of the service.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
