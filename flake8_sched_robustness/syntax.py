"""Keep the old import path of ModuleFacts and ClassFacts for modules not yet moved.

Transitional: door.py, plugin.py, source_reader.py and astroid_backend.py
(branch sandbox) and callbacks.py and loaders.py (branch linear) still name
``syntax.ModuleFacts`` and ``syntax.ClassFacts``.  Once those branches are
merged, they import module_facts and class_facts, and this module goes.
"""

from flake8_sched_robustness.class_facts import ClassFacts
from flake8_sched_robustness.module_facts import ModuleFacts

__all__ = ["ClassFacts", "ModuleFacts"]
