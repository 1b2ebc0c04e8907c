"""The wheel's build backend (PEP 517): builds the self-contained `whatif` executable with
SwiftPM and packs it, with the pure-Python package, into a platform wheel.

The executable is built in release mode with the Swift runtime linked statically
(`--static-swift-stdlib`) and with GSL linked statically: the linker is given a folder
holding only `libgsl.a` and `libgslcblas.a`, searched before the system folders, so
`-lgsl -lgslcblas` (from GSL's pkg-config file) resolve to the archives. The normal
`swift build` is untouched: the flags exist only on this command line, and the build goes
to its own scratch folder (`.build-wheel`, or $WHATIF_SCRATCH_PATH).
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sysconfig
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent          # Sources/python
PACKAGE_ROOT = HERE.parent.parent                       # the Swift package (Package.swift)
NAME = "whatif"
RESOURCES = "WhatIf_ModelCatalog.resources"             # the model catalog bundle SwiftPM makes


def _version() -> str:
    for line in (HERE / "pyproject.toml").read_text().splitlines():
        if line.startswith("version"):
            return line.split("=", 1)[1].strip().strip('"')
    raise RuntimeError("pyproject.toml has no version")


def _static_library_folder(scratch: Path) -> Path:
    """A folder holding only GSL's static archives, for the linker to search first."""
    folder = scratch / "static-libraries"
    folder.mkdir(parents=True, exist_ok=True)
    libdir = subprocess.run(["pkg-config", "--variable=libdir", "gsl"], capture_output=True, text=True).stdout.strip()
    candidates = [Path(libdir)] if libdir else []
    candidates += [Path("/usr/lib/x86_64-linux-gnu"), Path("/usr/lib64"), Path("/usr/lib"), Path("/usr/local/lib")]
    for archive in ("libgsl.a", "libgslcblas.a"):
        source = next((c / archive for c in candidates if (c / archive).exists()), None)
        if source is None:
            raise RuntimeError(f"{archive} not found (install libgsl-dev): the wheel links GSL statically")
        target = folder / archive
        if target.is_symlink() or target.exists():
            target.unlink()
        target.symlink_to(source)
    return folder


def build_executable() -> Path:
    """Builds the release executable; returns the folder holding it and its resource bundle."""
    scratch = Path(os.environ.get("WHATIF_SCRATCH_PATH", PACKAGE_ROOT / ".build-wheel"))
    archives = _static_library_folder(scratch)
    command = ["swift", "build", "-c", "release", "--product", NAME, "--static-swift-stdlib",
               "--scratch-path", str(scratch), "-Xlinker", "-L" + str(archives)]
    subprocess.run(command, cwd=PACKAGE_ROOT, check=True)
    folder = subprocess.run(command + ["--show-bin-path"], cwd=PACKAGE_ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    return Path(folder)


def _platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def _files(binaries: Path) -> list[tuple[str, bytes, int]]:
    """(path in the wheel, contents, Unix mode) of every file the wheel carries."""
    files = []
    for source in sorted((HERE / NAME).rglob("*.py")):
        files.append((f"{NAME}/{source.relative_to(HERE / NAME).as_posix()}", source.read_bytes(), 0o644))
    with tempfile.TemporaryDirectory() as scratch:
        stripped = Path(scratch) / NAME
        shutil.copyfile(binaries / NAME, stripped)
        if shutil.which("strip"):
            subprocess.run(["strip", str(stripped)], check=True)
        files.append((f"{NAME}/bin/{NAME}", stripped.read_bytes(), 0o755))
    for model in sorted((binaries / RESOURCES).iterdir()):
        files.append((f"{NAME}/bin/{RESOURCES}/{model.name}", model.read_bytes(), 0o644))
    return files


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None) -> str:
    """PEP 517: builds the executable and writes `whatif-VERSION-py3-none-PLATFORM.whl`."""
    version, tag = _version(), _platform_tag()
    files = _files(build_executable())
    info = f"{NAME}-{version}.dist-info"
    metadata = (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\n"
                "Summary: Causal simulation, counterfactuals and impact analysis from Python (the whatif engine)\n"
                "Requires-Python: >=3.9\nRequires-Dist: pandas\n").encode()
    wheel = f"Wheel-Version: 1.0\nGenerator: whatif_build\nRoot-Is-Purelib: false\nTag: py3-none-{tag}\n".encode()
    files += [(f"{info}/METADATA", metadata, 0o644), (f"{info}/WHEEL", wheel, 0o644)]
    record = "\n".join([_record_line(p, d) for p, d, _ in files] + [f"{info}/RECORD,,", ""]).encode()
    files.append((f"{info}/RECORD", record, 0o644))
    name = f"{NAME}-{version}-py3-none-{tag}.whl"
    with zipfile.ZipFile(Path(wheel_directory) / name, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data, mode in files:
            entry = zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = (0o100000 | mode) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return name


def get_requires_for_build_wheel(config_settings=None) -> list[str]:
    """PEP 517: nothing beyond the standard library (and Swift, GSL on the build machine)."""
    return []
