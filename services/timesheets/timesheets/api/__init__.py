"""The JSON API of timesheets, one blueprint per resource."""
from timesheets.api import billing, entries, hours, payroll, rates, timesheets

BLUEPRINTS = [entries.blp, hours.blp, timesheets.blp, rates.blp, payroll.blp, billing.blp]
