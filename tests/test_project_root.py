"""The project root is the top of the contiguous chain of packages (issue 14)."""

from __future__ import annotations

import lintrun
from flake8_sched_robustness import locations


def test_stray_init_above_the_root_does_not_move_the_root(tmp_path):
    project = tmp_path / "stray" / "project"
    (project / "pkg" / "ns").mkdir(parents=True)
    (tmp_path / "stray" / "__init__.py").write_text("")
    (project / "pkg" / "__init__.py").write_text("")
    (project / "pkg" / "errors.py").write_text("class Boom(Exception):\n    pass\n")
    linted = project / "pkg" / "mod.py"
    linted.write_text("from pkg import errors\n\n\ndef fail():\n    raise errors.Boom()\n")
    (project / "pkg" / "ns" / "leaf.py").write_text("")

    location = locations.locate_module(str(linted))
    assert location is not None
    assert (location.root, location.name) == (str(project), "pkg.mod")
    # A directory without __init__.py right above the file is still a portion
    # of the package (cinder's volume/drivers/datacore).
    leaf = locations.locate_module(str(project / "pkg" / "ns" / "leaf.py"))
    assert leaf is not None and (leaf.root, leaf.name) == (str(project), "pkg.ns.leaf")
    run = lintrun.flake8([linted], "--select=SRB1")
    run.assert_clean()
    assert run.codes == {"SRB101"}
