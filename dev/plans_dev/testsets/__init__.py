"""Test sets built from the shared corpus and the synthetic plans, for the stages they judge."""
