"""Start-up configuration: the one settings object every entry point reads once."""
