"""A driver package whose modules end each other's signals, side by side."""
