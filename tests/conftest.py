"""Hypothesis profiles. None of them has a deadline: a property test checks results, and
speed is measured in ``benchmarks/`` (a per-example deadline fails at random on a busy
machine, as a first example that imports or compiles something took 631 ms in CI).

* ``dev`` (the default): random examples, as many as each test asks for;
* ``ci`` (chosen when the ``CI`` environment variable is set): the same examples on every
  run (``derandomize``), so a landing is never decided by a lucky or unlucky draw; random
  exploration happens on developers' machines;
* ``stress`` (``--hypothesis-profile=stress``): 20x the examples, for hunting bugs.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", deadline=None)
dev = settings.get_profile("dev")
settings.register_profile("ci", dev, derandomize=True, print_blob=True)
settings.register_profile("stress", dev, max_examples=2000)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
