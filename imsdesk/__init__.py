"""imsdesk: charting for Gunn IMS physiotherapy clinics."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("imsdesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
