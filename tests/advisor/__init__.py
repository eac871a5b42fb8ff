"""Tests of the advisor core (knowledge, walk, recommendation, command line)."""
