"""The build hook (``hatch_build.py``): the C table is compiled where it can be, and a
machine that cannot compile it still gets a pure-Python build."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _compiling_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests say when a pure build is asked for: one asked for by the environment that
    runs them (a pure-Python test run) would make every compiling test fail."""
    monkeypatch.delenv("TRANSLITNORM_PURE_PYTHON", raising=False)


def _hook_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", REPO / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _build_data() -> dict[str, Any]:
    return {"force_include": {}, "pure_python": True, "infer_tag": False}


def _hook(module: ModuleType, root: Path, tmp_path: Path) -> Any:
    return module.AcceleratorsBuildHook(str(root), {}, None, None, str(tmp_path), "wheel")


@pytest.mark.slow
def test_a_wheel_build_compiles_the_table_and_tags_the_wheel(tmp_path: Path) -> None:
    module = _hook_module()
    hook = _hook(module, REPO, tmp_path)
    data = _build_data()
    hook.initialize("standard", data)
    try:
        assert data["pure_python"] is False and data["infer_tag"] is True
        built = data["force_include"]
        assert sorted(Path(target).stem.split(".")[0] for target in built.values()) == [
            "_asciifold", "_chunkkinds", "_keylines"]
        assert all(Path(path).is_file() for path in built)
    finally:
        hook.finalize("standard", data, "")
    assert not any(Path(path).exists() for path in built)  # the temporary directory is gone


@pytest.mark.slow
def test_an_accelerator_that_fails_alone_is_left_out_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    module = _hook_module()
    real = module.compile_command

    def only_the_chunk_table(source: Path, output: Path) -> list[str] | None:
        if source.name == "_asciifold.c":
            return [sys.executable, "-c", "raise SystemExit(1)"]
        return real(source, output)  # type: ignore[no-any-return]

    monkeypatch.setattr(module, "compile_command", only_the_chunk_table)
    data = _build_data()
    hook = _hook(module, REPO, tmp_path)
    hook.initialize("standard", data)
    try:
        assert data["pure_python"] is False
        assert [Path(t).name.split(".")[0] for t in data["force_include"].values()] == [
            "_chunkkinds", "_keylines"]
    finally:
        hook.finalize("standard", data, "")
    assert "without the C accelerator _asciifold.c" in capsys.readouterr().err


def test_a_failed_compilation_gives_a_pure_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    module = _hook_module()
    monkeypatch.setattr(module, "compile_command",
                        lambda source, output: [sys.executable, "-c", "raise SystemExit(1)"])
    data = _build_data()
    hook = _hook(module, REPO, tmp_path)
    hook.initialize("standard", data)
    hook.finalize("standard", data, "")
    assert data == _build_data()
    assert "without the C accelerator" in capsys.readouterr().err


def test_no_compiler_at_all_gives_a_pure_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    module = _hook_module()
    monkeypatch.setattr(module, "compile_command",
                        lambda source, output: [str(tmp_path / "no-such-compiler")])
    data = _build_data()
    hook = _hook(module, REPO, tmp_path)
    hook.initialize("editable", data)
    assert data == _build_data()
    assert "no-such-compiler" in capsys.readouterr().err


def test_the_environment_can_ask_for_a_pure_build(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    module = _hook_module()
    monkeypatch.setenv("TRANSLITNORM_PURE_PYTHON", "1")
    data = _build_data()
    _hook(module, REPO, tmp_path).initialize("standard", data)
    assert data == _build_data()
