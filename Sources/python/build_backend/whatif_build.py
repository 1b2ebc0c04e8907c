"""The wheel's build backend (PEP 517): builds the self-contained `whatif` executable with
SwiftPM and packs it, with the pure-Python package, into a platform wheel.

The executable is built in release mode with the Swift runtime linked statically
(`--static-swift-stdlib`) and with GSL linked statically: this build alone sees a `gsl.pc`
(through PKG_CONFIG_PATH) whose only library folder holds `libgsl.a` and `libgslcblas.a`,
so `-lgsl -lgslcblas` resolve to the archives. The normal `swift build` is untouched: the
change lives in this build's environment, and the build goes to its own scratch folder
(`.build-wheel`, or $WHATIF_SCRATCH_PATH).
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


def _static_gsl_pkg_config(scratch: Path) -> Path:
    """A pkg-config folder whose `gsl.pc` points the linker at a folder holding only GSL's
    static archives (SwiftPM reads it through PKG_CONFIG_PATH for the CGSL target)."""
    archives = scratch / "static-libraries"
    archives.mkdir(parents=True, exist_ok=True)
    query = subprocess.run(["pkg-config", "--variable=libdir", "gsl"], capture_output=True, text=True)
    include = subprocess.run(["pkg-config", "--variable=includedir", "gsl"], capture_output=True, text=True).stdout.strip()
    candidates = [Path(query.stdout.strip())] if query.stdout.strip() else []
    candidates += [Path("/usr/lib/x86_64-linux-gnu"), Path("/usr/lib64"), Path("/usr/lib"), Path("/usr/local/lib")]
    for archive in ("libgsl.a", "libgslcblas.a"):
        source = next((c / archive for c in candidates if (c / archive).exists()), None)
        if source is None:
            raise RuntimeError(f"{archive} not found (install libgsl-dev): the wheel links GSL statically")
        target = archives / archive
        if target.is_symlink() or target.exists():
            target.unlink()
        target.symlink_to(source)
    folder = scratch / "pkgconfig"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gsl.pc").write_text(
        f"Name: GSL\nDescription: GNU Scientific Library, static archives\nVersion: 2\n"
        f"Libs: -L{archives} -lgsl -lgslcblas -lm\nCflags: -I{include or '/usr/include'}\n")
    return folder


def build_executable() -> Path:
    """Builds the release executable; returns the folder holding it and its resource bundle."""
    scratch = Path(os.environ.get("WHATIF_SCRATCH_PATH", PACKAGE_ROOT / ".build-wheel"))
    environment = dict(os.environ)
    environment["PKG_CONFIG_PATH"] = os.pathsep.join(
        [str(_static_gsl_pkg_config(scratch))] + ([environment["PKG_CONFIG_PATH"]] if environment.get("PKG_CONFIG_PATH") else []))
    command = ["swift", "build", "-c", "release", "--product", NAME, "--static-swift-stdlib", "--scratch-path", str(scratch)]
    subprocess.run(command, cwd=PACKAGE_ROOT, env=environment, check=True)
    folder = subprocess.run(command + ["--show-bin-path"], cwd=PACKAGE_ROOT, env=environment, check=True,
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


def _metadata() -> dict:
    """The dist-info files but RECORD: name → contents."""
    version, tag = _version(), _platform_tag()
    metadata = (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {version}\n"
                "Summary: Causal simulation, counterfactuals and impact analysis from Python (the whatif engine)\n"
                "Requires-Python: >=3.9\nRequires-Dist: pandas\n"
                "Provides-Extra: fast\nRequires-Dist: pyarrow; extra == \"fast\"\n").encode()
    wheel = f"Wheel-Version: 1.0\nGenerator: whatif_build\nRoot-Is-Purelib: false\nTag: py3-none-{tag}\n".encode()
    return {"METADATA": metadata, "WHEEL": wheel}


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None) -> str:
    """PEP 517: the metadata alone, without building the executable."""
    info = f"{NAME}-{_version()}.dist-info"
    folder = Path(metadata_directory) / info
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in _metadata().items():
        (folder / name).write_bytes(data)
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None) -> str:
    """PEP 517: builds the executable and writes `whatif-VERSION-py3-none-PLATFORM.whl`."""
    version, tag = _version(), _platform_tag()
    files = _files(build_executable())
    info = f"{NAME}-{version}.dist-info"
    files += [(f"{info}/{name}", data, 0o644) for name, data in _metadata().items()]
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
