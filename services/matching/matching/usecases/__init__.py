"""What people do in matching, one module per subject.

A use case takes the session of one transaction (its unit of work), the acting principal and plain
values; it returns rows or figures, or raises a refusal (peercoach.refusals). Nothing here knows of
Flask or HTTP: the JSON API, the pages, a worker or a test call the same functions.
"""
