"""Sphinx configuration for the flake8-sched-robustness documentation."""

from flake8_sched_robustness import __version__

project = "flake8-sched-robustness"
author = "flake8-sched-robustness developers"
copyright = "flake8-sched-robustness developers"
version = release = __version__

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# Headings get anchors so pages can link to a section, e.g. an option.
myst_heading_anchors = 3

html_theme = "furo"
html_title = f"{project} {release}"
