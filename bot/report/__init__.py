"""Progress summary, charts (PNG) and the report documents."""
