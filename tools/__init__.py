"""Project tools run by nox sessions (and by tests, without nox)."""
