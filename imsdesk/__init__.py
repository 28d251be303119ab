"""imsdesk: charting for Gunn IMS physiotherapy clinics."""


def __getattr__(name: str) -> str:
    # Read on demand: importlib.metadata costs start-up time the first screen does not need.
    if name != "__version__":
        raise AttributeError(f"module 'imsdesk' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("imsdesk")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"
