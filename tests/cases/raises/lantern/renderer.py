"""A module that raises the classes another module catches: not caught here,
so an operator may read them."""
from lantern import errors


def render(page):
    if page is None:
        raise errors.BadHeader()  # expect: SRB101
    if page == "":
        raise errors.Offline()  # expect: SRB101
    return page

