"""Errors the store raises with a message fit to show a person, one line each."""


class StoreError(Exception):
    """The database cannot be opened or used; the message says why and what to do."""
