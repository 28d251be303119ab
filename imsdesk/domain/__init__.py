"""Pure-Python clinical core: atlas, segment reasoning, scoring and rules.

Imports nothing of Qt, SQLAlchemy, reportlab or matplotlib (checked by
import-linter), so every rule here is tested without a display or a database.
"""
