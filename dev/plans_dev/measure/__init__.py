"""Measures of how well the pipeline does: word error rate, linking figures."""
