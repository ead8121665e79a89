"""The document the editor test opens: one finding per rule family.

The markers say what an editor must show on each line.  The exception
classes live in errors.py, so the SRB101 lines need the cross-module answer
even when the editor sends this buffer through standard input.
"""

import stevedore.driver

from stormcell import errors

WEIGHERS = "stormcell.weighers"


def pick_cell(cells):
    if not cells:
        raise errors.NoCellAvailable()  # ok: SRB101
    if len(cells) > 1:
        raise errors.CellBusy()  # expect: SRB101
    return cells[0]


def refresh_cells(ctxt, cells):  # expect: SRB202
    return [cell.weigh(context=None) for cell in cells]


def load_weigher(name):
    return stevedore.driver.DriverManager(WEIGHERS, name)  # expect: SRB302
