"""Allow ``python -m cultureclient``."""

from cultureclient.cli import main

raise SystemExit(main())
