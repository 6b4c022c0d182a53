"""Batch jobs: persistent queue, background worker."""
