"""Build hook: compiles the optional C accelerators in ``src/translitnorm/`` (``SOURCES``:
the chunk table of the fast scan, ``_chunkkinds.c``, the ASCII folding of a glossary's
words, ``_asciifold.c``, and the key tables of a slice of spellings, ``_keylines.c``).

translitnorm works without them (each has a pure-Python path that gives the same results),
so a machine without a C compiler or Python headers still gets a working, pure-Python
install: the hook then says why on stderr and builds a pure wheel. An accelerator that
fails to compile alone is left out the same way. ``TRANSLITNORM_PURE_PYTHON=1`` skips the
compilation.

* a wheel: the extensions are compiled into a temporary directory and added to the wheel,
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

SOURCES = (Path("src", "translitnorm", "_chunkkinds.c"),
           Path("src", "translitnorm", "_asciifold.c"),
           Path("src", "translitnorm", "_keylines.c"))


def compile_command(source: Path, output: Path) -> list[str] | None:
    """The compiler command for this interpreter, or None where sysconfig gives none."""
    ldshared = sysconfig.get_config_var("LDSHARED")
    include = sysconfig.get_paths().get("include")
    if not ldshared or not include:
        return None
    return [*shlex.split(ldshared), "-O2", "-fPIC", f"-I{include}", str(source),
            "-o", str(output)]


class AcceleratorsBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._tmp: str | None = None
        if os.environ.get("TRANSLITNORM_PURE_PYTHON"):
            return
        if version != "editable":
            self._tmp = tempfile.mkdtemp(prefix="translitnorm-build-")
        built = 0
        for source in SOURCES:
            output = self._compile(Path(self.root, source), version)
            if output is None:
                continue
            built += 1
            if version != "editable":
                build_data["force_include"][str(output)] = f"translitnorm/{output.name}"
        if built:
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def _compile(self, source: Path, version: str) -> Path | None:
        """Compile one accelerator; its file, or None (and a line on stderr saying why)."""
        name = source.stem + (sysconfig.get_config_var("EXT_SUFFIX") or ".so")
        output = source.with_name(name) if self._tmp is None else Path(self._tmp, name)
        command = compile_command(source, output)
        if command is None:
            self._skip(source, "this Python gives no compiler command (sysconfig LDSHARED)")
            return None
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                  check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            self._skip(source, f"{command[0]}: {exc}")
            return None
        if done.returncode != 0 or not output.is_file():
            last = (done.stderr.strip().splitlines() or ["(no output)"])[-1]
            self._skip(source, f"{command[0]} failed: {last}")
            return None
        return output

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _skip(self, source: Path, why: str) -> None:
        print(f"translitnorm: building without the C accelerator {source.name} ({why}); "
              "its pure-Python path is used instead", file=sys.stderr)
