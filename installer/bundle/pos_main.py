"""The bundle's entry point: the same ``pos`` command as an installed checkout."""

from ui.cli import main

raise SystemExit(main())
