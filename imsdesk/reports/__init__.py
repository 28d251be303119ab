"""Printed documents built from plain data; reportlab and matplotlib load lazily."""
