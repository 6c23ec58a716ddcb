"""Settings package: base (shared), dev (the default), test, prod."""
