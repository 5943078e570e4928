"""Hypothesis profiles.

* ``default``: random examples, as many as each test asks for;
* ``ci`` (chosen when the ``CI`` environment variable is set): the same examples on every
  run (``derandomize``), so a landing is never decided by a lucky or unlucky draw; random
  exploration happens on developers' machines;
* ``stress`` (``--hypothesis-profile=stress``): 20x the examples, for hunting bugs.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("stress", max_examples=2000, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
