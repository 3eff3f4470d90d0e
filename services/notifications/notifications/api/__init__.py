"""The JSON API of notifications: the delivery log, for operators."""
from notifications.api.deliveries import blp

__all__ = ["blp"]
