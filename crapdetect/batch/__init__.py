"""Checking link lists: inputs, the runner, rows and reports."""
