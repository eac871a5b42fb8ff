"""Tests of Compute Target Advisor."""
