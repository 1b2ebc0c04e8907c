"""Running the bundled `whatif` executable: where it is, its temporary folder, its errors."""

from __future__ import annotations

import numbers
import os
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Sequence

import pandas as pd

ERROR_PREFIX = "whatif: error: "
MODEL_FILE = "model.scm"


class WhatIfError(Exception):
    """A failure of the `whatif` engine, carrying its one-line message (without the
    "whatif: error: " prefix), e.g. "model.scm, line 2, column 9: unknown variable 'x'"."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.message = message
        self.status = status


def executable() -> str:
    """The path of the `whatif` executable: $WHATIF_EXECUTABLE when set (a development
    build), otherwise the one bundled in this package."""
    override = os.environ.get("WHATIF_EXECUTABLE")
    if override:
        return override
    bundled = Path(__file__).resolve().parent / "bin" / "whatif"
    if not bundled.exists():
        raise WhatIfError(f"the bundled whatif executable is missing ({bundled}); reinstall the wheel")
    return str(bundled)


@contextmanager
def workspace() -> Iterator[Path]:
    """A private temporary folder for one call's files, removed on the way out whatever happens."""
    with tempfile.TemporaryDirectory(prefix="whatif-") as folder:
        yield Path(folder)


def run(arguments: Sequence[str], folder: Path, capture_bytes: bool = False) -> subprocess.CompletedProcess:
    """Runs `whatif ARGUMENTS` in `folder` (so a model file written there is named as
    `model.scm` in messages); raises WhatIfError with the CLI's message when it fails."""
    completed = subprocess.run([executable(), *arguments], cwd=folder, capture_output=True,
                               text=not capture_bytes)
    if completed.returncode != 0:
        stderr = completed.stderr.decode(errors="replace") if capture_bytes else completed.stderr
        raise WhatIfError(error_message(stderr, completed.returncode), completed.returncode)
    return completed


def error_message(stderr: str, status: int) -> str:
    """The CLI's one-line message from its standard error."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(ERROR_PREFIX):
            return line[len(ERROR_PREFIX):]
    return lines[-1] if lines else f"whatif exited with status {status}"


def model_argument(model: str, folder: Path) -> str:
    """The command-line form of a model: model text (anything with a line break or an
    equation) is written to `model.scm` in `folder`; an existing file becomes an absolute
    path; anything else is passed on as a catalog name."""
    if "\n" in model or "=" in model or "~" in model:
        (folder / MODEL_FILE).write_text(model if model.endswith("\n") else model + "\n")
        return MODEL_FILE
    if os.sep in model or model.endswith((".scm", ".bif")) or os.path.exists(model):
        return os.path.abspath(model)
    return model


def path_argument(path: str) -> str:
    """A user's file name as the CLI, run in its own folder, must see it."""
    return os.path.abspath(os.fspath(path))


def assignments(values: Optional[dict]) -> list[str]:
    """`{"T": 1, "Z": 0.5}` as "T=1,Z=0.5" (repr keeps every digit of a float)."""
    return [",".join(f"{name}={number(value)}" for name, value in values.items())] if values else []


def number(value) -> str:
    """A number as the CLI reads it exactly (repr of a float is its shortest round-trip text)."""
    if isinstance(value, numbers.Integral):
        return str(int(value))
    return repr(float(value))


def write_frame(frame: pd.DataFrame, path: Path, index: bool = False) -> None:
    """Writes a DataFrame as CSV with every float digit that matters (%.17g reads back exactly)."""
    frame.to_csv(path, index=index, float_format="%.17g")


def run_reading_csv(arguments: Sequence[str], folder: Path) -> pd.DataFrame:
    """Runs `whatif ARGUMENTS` (which writes CSV to standard output) and reads the CSV exactly.
    With pyarrow, its multithreaded parser reads the pipe while the CLI is still writing
    (no file between them); otherwise the CSV goes through a file and pandas' C parser with
    exact float parsing."""
    try:
        import pyarrow.csv as arrow_csv
    except ImportError:
        run([*arguments, "--output", "output.csv"], folder)
        # pandas 3 parses floats exactly by default (and deprecates the option); earlier ones need it.
        exact = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}
        return pd.read_csv(folder / "output.csv", **exact)
    with (folder / "stderr.txt").open("w+") as errors:
        process = subprocess.Popen([executable(), *arguments], cwd=folder, stdout=subprocess.PIPE, stderr=errors)
        table, failure = None, None
        try:
            table = arrow_csv.read_csv(process.stdout)
        except Exception as error:  # a failed run leaves no CSV: its own message says why
            failure = error
        finally:
            process.stdout.close()
        status = process.wait()
        if status != 0:
            errors.seek(0)
            raise WhatIfError(error_message(errors.read(), status), status)
    if table is None:
        raise WhatIfError(f"the CSV that whatif wrote could not be read: {failure}")
    return table.to_pandas()
