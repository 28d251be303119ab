"""Use cases the GUI and the CLI share: Qt-free, one transaction each."""
