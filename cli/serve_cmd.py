"""Placeholder: commands of this module are not built yet."""

COMMANDS: list = []
