"""Alembic, driven from code: one environment for all services, revisions in each service."""
from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config

from peercoach.db import normalize_url
from peercoach.service import ServiceSpec


def alembic_config(spec: ServiceSpec, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", "peercoach:alembic")
    config.set_main_option("version_locations", str(files(spec.name) / "migrations"))
    config.set_main_option("path_separator", "os")
    config.set_main_option("sqlalchemy.url", normalize_url(database_url).replace("%", "%%"))
    config.attributes["metadata"] = spec.metadata
    return config


def upgrade(spec: ServiceSpec, database_url: str) -> None:
    command.upgrade(alembic_config(spec, database_url), "head")


def revision(spec: ServiceSpec, database_url: str, message: str) -> None:
    """Write a new revision from the difference between the models and a migrated database."""
    config = alembic_config(spec, database_url)
    command.upgrade(config, "head")
    command.revision(config, message=message, autogenerate=True)
