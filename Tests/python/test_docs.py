"""docs/python.md's examples run unchanged, and the Python notebook tells its story."""

import os
import re
import subprocess
import sys

from conftest import ROOT


def test_the_python_page_runs_unchanged(tmp_path):
    page = (ROOT / "docs" / "python.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) >= 6
    (tmp_path / "docs").symlink_to(ROOT / "docs")
    script = tmp_path / "page.py"
    script.write_text("\n".join(blocks))
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                         env={**os.environ, "PYSPARK_PYTHON": sys.executable})
    assert run.returncode == 0, run.stderr[-3000:]
    assert "model.scm:2:9: variable 'y': unknown variable 'z'" in run.stdout


def test_the_banner_notebook_scores_the_estimators_against_the_truth():
    notebook = ROOT / "Notebooks-as-scripts" / "Python" / "banner_estimators.py"
    run = subprocess.run([sys.executable, str(notebook), "--quick"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    truth = float(re.search(r"^truth ate: (\S+)$", run.stdout, flags=re.M).group(1))
    assert truth == 5  # the banner model's stated constant effect
    estimates = {name: (float(value), float(se)) for name, value, se in
                 re.findall(r"^estimate (\w+): (\S+) \[.*\] se (\S+)$", run.stdout, flags=re.M)}
    assert set(estimates) == {"naive", "regression", "ipw", "stratification"}
    naive, se = estimates.pop("naive")
    assert (naive - truth) / se > 4.4, "the naive contrast should overstate the effect"
    for name, (value, se) in estimates.items():
        assert abs(value - truth) <= 4.4 * se, f"{name}: {value} ± {se} against {truth}"
