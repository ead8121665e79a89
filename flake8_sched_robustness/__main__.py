"""``python -m flake8_sched_robustness``: the command line (see cli)."""

from flake8_sched_robustness import cli

raise SystemExit(cli.main())
