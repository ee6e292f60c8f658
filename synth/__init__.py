"""Deterministic synthetic corpus of written questions and answers (see synth.generator)."""
