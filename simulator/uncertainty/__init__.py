"""Uncertainty: assumption paths, sensitivity (tornado, two-way), goal seek and Monte Carlo."""
