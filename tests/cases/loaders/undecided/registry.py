"""A table only inference can read: built by a call, not written as a literal."""
DRIVERS = dict(fast="undecided.drivers.Fast", slow="undecided.drivers.Slow")
