from imsdesk.cli import main

raise SystemExit(main())
