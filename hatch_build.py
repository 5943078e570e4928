"""Build hook: compiles the optional C accelerator ``src/translitnorm/_chunkkinds.c``.

translitnorm works without it (the scanner falls back to its pure-Python chunk pass), so a
machine without a C compiler or Python headers still gets a working, pure-Python install:
the hook then says why on stderr and builds a pure wheel. ``TRANSLITNORM_PURE_PYTHON=1``
skips the compilation.

* a wheel: the extension is compiled into a temporary directory and added to the wheel,
  which is then tagged for this interpreter and platform;
* an editable install (``pip install -e .``): it is compiled next to its source, in
  ``src/translitnorm/`` (ignored by git), where the editable install imports it from.
  Re-run ``pip install -e .`` after changing the C source.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SOURCE = Path("src", "translitnorm", "_chunkkinds.c")


def compile_command(source: Path, output: Path) -> list[str] | None:
    """The compiler command for this interpreter, or None where sysconfig gives none."""
    ldshared = sysconfig.get_config_var("LDSHARED")
    include = sysconfig.get_paths().get("include")
    if not ldshared or not include:
        return None
    return [*shlex.split(ldshared), "-O2", "-fPIC", f"-I{include}", str(source),
            "-o", str(output)]


class ChunkKindsBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._tmp: str | None = None
        if os.environ.get("TRANSLITNORM_PURE_PYTHON"):
            return
        source = Path(self.root, SOURCE)
        name = "_chunkkinds" + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        if version == "editable":
            output = source.with_name(name)
        else:
            self._tmp = tempfile.mkdtemp(prefix="translitnorm-build-")
            output = Path(self._tmp, name)
        command = compile_command(source, output)
        if command is None:
            self._skip("this Python gives no compiler command (sysconfig LDSHARED)")
            return
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                  check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            self._skip(f"{command[0]}: {exc}")
            return
        if done.returncode != 0 or not output.is_file():
            last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
            self._skip(f"{command[0]} failed: {last}")
            return
        if version != "editable":
            build_data["force_include"][str(output)] = f"translitnorm/{name}"
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _skip(self, why: str) -> None:
        print(f"translitnorm: building without the C accelerator ({why}); the pure-Python "
              "scan is used instead", file=sys.stderr)
