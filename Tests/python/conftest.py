"""Shared helpers of the Python package's tests: run the bundled CLI the way a user would,
and compare its output with the API's."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

import whatif

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"


def cli(*arguments, cwd=None, check=True) -> subprocess.CompletedProcess:
    """Runs the wheel's own `whatif` executable with `arguments`."""
    completed = subprocess.run([whatif.executable(), *map(str, arguments)], capture_output=True, text=True, cwd=cwd)
    if check and completed.returncode != 0:
        raise AssertionError(f"whatif {' '.join(map(str, arguments))} failed: {completed.stderr}")
    return completed


def cli_json(*arguments) -> dict:
    """The JSON document the CLI writes with `--json FILE` for `arguments`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.json"
        cli(*arguments, "--json", path)
        return json.loads(path.read_text())


def without_timings(value):
    """A document without its wall-clock fields ("seconds"), which differ from run to run."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


@pytest.fixture
def empty_temporary_folder(tmp_path, monkeypatch):
    """Points every temporary file of the API at a fresh, empty folder."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
