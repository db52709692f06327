"""``python -m matcher`` is the same as the ``banenmatch`` command."""

from __future__ import annotations

from matcher.cli import main

raise SystemExit(main())
