"""The JSON API of intake (flask-smorest: validated, and documented in /openapi.json)."""
from flask_smorest import abort

from intake.refusals import Refused


def refuse(refusal: Refused):
    """Turn a refusal into the JSON error every service answers with."""
    abort(refusal.status, message=refusal.message, code=refusal.code)
