"""A package whose exceptions live apart from the code that raises them."""
