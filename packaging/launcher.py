"""Entry point of the frozen app: the same `imsdesk` command a pip install provides."""

from imsdesk.cli import main

raise SystemExit(main())
