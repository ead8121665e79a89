"""A flake8 plugin for robustness and security defects in service code."""

__version__ = "0.1.0"
