"""A package whose templates live in one module and are raised in another."""
