"""The public form's limits raised, for the tests and benchmarks that flood it on purpose.

The same names serve as environment variables (processes) and as Flask config (apps in tests).
"""
RAISED_LIMITS = {"RATE_LIMIT_PER_ADDRESS": "1000000 per minute", "RATE_LIMIT_PER_EMAIL": "1000000 per minute"}
