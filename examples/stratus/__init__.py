# options: --select=SRB1,SRB2
"""A small service modeled on the Nova Stein scheduler that the review read.

Everything here is written for the test suite; it only has the same shape:
exception classes with translated default messages in one module, a
scheduler manager in another that drops request contexts, loads its driver
by a configured name and raises a NoValidHost without a reason.
"""
