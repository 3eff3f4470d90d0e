"""What people do in timesheets: the coach's time log, the monthly timesheet, rates, payroll and billing.

A use case takes the session of one transaction (its unit of work), the acting principal where who
acts matters, and plain values; it returns rows or figures, or raises a refusal (peercoach.refusals).
Nothing here knows of Flask or HTTP.
"""
