"""The build engine's benchmark: ``nox -s bench`` (see README, "Performance")."""
