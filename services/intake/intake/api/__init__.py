"""The JSON API of intake (flask-smorest: validated, and documented in /openapi.json)."""
