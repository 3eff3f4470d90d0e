"""Timesheets: the coach's time log, monthly timesheets, billing and payroll exports."""
