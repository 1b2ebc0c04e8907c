"""Each API call returns exactly what the CLI returns for the same arguments."""

import csv
import io
import json
import math
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

import whatif
from conftest import EXAMPLES, cli, cli_json, without_timings

BAD_MODEL = "x = Normal(0, 1)\ny = 2 * z + Normal(0, 1)\n"
TEN_VARIABLES = "\n".join(["x0 = Normal(0, 1)"] + [f"x{i} = 0.5 * x{i - 1} + Normal({i}, 1)" for i in range(1, 10)]) + "\n"


def csv_rows(text: str):
    """The CLI's CSV parsed by Python's csv module and float(): header and rows of numbers."""
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [[float(cell) for cell in row] for row in rows[1:]]


def test_models_lists_the_catalog():
    listing = whatif.models()
    lines = [line.split(None, 1) for line in cli("models").stdout.splitlines() if line.strip()]
    assert listing["name"].tolist() == [line[0] for line in lines]
    assert listing["description"].tolist() == [line[1].strip() for line in lines]
    assert "banner" in listing["name"].tolist()
    assert whatif.model_text("banner") == cli("models", "banner").stdout


def test_sample_equals_the_cli_csv_value_for_value():
    frame = whatif.sample("banner", rows=3000, seed=5, do={"banner": 1})
    header, rows = csv_rows(cli("sample", "banner", "--rows", 3000, "--seed", 5, "--do", "banner=1").stdout)
    assert frame.columns.tolist() == header
    assert frame.to_numpy(dtype=float).tolist() == rows


def test_sample_without_pyarrow_reads_the_same_values(monkeypatch):
    with_arrow = whatif.sample("banner", rows=2000, seed=12)
    monkeypatch.setitem(sys.modules, "pyarrow.csv", None)  # import pyarrow.csv now raises ImportError
    without = whatif.sample("banner", rows=2000, seed=12)
    assert without.columns.tolist() == with_arrow.columns.tolist()
    assert without.to_numpy(dtype=float).tolist() == with_arrow.to_numpy(dtype=float).tolist()


def test_sample_potential_outcomes_and_truth_equal_the_cli():
    frame, truth = whatif.sample("banner", rows=500, seed=2, potential_outcomes=("banner", "spend"), truth=True)
    with tempfile.TemporaryDirectory() as folder:
        truth_path = Path(folder) / "truth.json"
        out = cli("sample", "banner", "--rows", 500, "--seed", 2, "--potential-outcomes", "banner:spend",
                  "--truth", truth_path).stdout
        expected_truth = json.loads(truth_path.read_text())
    header, rows = csv_rows(out)
    assert frame.columns.tolist() == header and "spend_0" in header and "spend_1" in header
    assert frame.to_numpy(dtype=float).tolist() == rows
    assert truth == expected_truth


def test_model_text_and_a_model_path_sample_as_the_file_does(tmp_path):
    path = tmp_path / "ten.scm"
    path.write_text(TEN_VARIABLES)
    header, rows = csv_rows(cli("sample", path, "--rows", 200, "--seed", 9).stdout)
    for model in (TEN_VARIABLES, str(path)):
        frame = whatif.sample(model, rows=200, seed=9)
        assert frame.columns.tolist() == header
        assert frame.to_numpy(dtype=float).tolist() == rows


def test_graph_equals_the_cli():
    graph = whatif.graph("banner")
    assert graph.data == json.loads(cli("graph", "banner", "--format", "json").stdout)
    expected = json.loads(cli("graph", "banner", "--format", "json", "--adjustment-sets", "banner", "spend").stdout)
    assert graph.adjustment_sets("banner", "spend") == expected["adjustmentSets"] == [["engagement"]]
    assert graph.to_dot() == cli("graph", "banner", "--format", "dot").stdout
    svg = graph.to_svg()
    assert svg == cli("graph", "banner", "--format", "svg").stdout and "<svg" in svg
    assert ("engagement", "banner") in graph.edges


def test_counterfactual_equals_the_cli_json():
    result = whatif.counterfactual("banner", observe={"banner": 1, "spend": 60}, do={"banner": 0}, query="spend")
    expected = json.loads(cli("counterfactual", "banner", "--observe", "banner=1,spend=60", "--do", "banner=0",
                              "--query", "spend", "--json").stdout)
    assert result.data == expected
    assert result.expectation == expected["expectation"] and result.standard_error == expected["standardError"]
    # The additive-noise outcome: spend had the banner not been shown is 5 less, exactly.
    assert result.expectation == 55


def test_impact_equals_the_cli_json_report_and_plot(tmp_path):
    source = EXAMPLES / "impact-canonical.csv"
    frame = pd.read_csv(source)
    result = whatif.impact(frame, pre=(1, 70), post=(71, 100), seed=3, niter=300)
    svg_path, json_path = tmp_path / "plot.svg", tmp_path / "result.json"
    run = cli("impact", source, "--pre", "1:70", "--post", "71:100", "--seed", 3, "--niter", 300, "--json", json_path,
              "--plot", svg_path, "--report")
    expected = json.loads(json_path.read_text())
    assert result.data == expected
    assert result.report == run.stdout
    assert result.plot() == svg_path.read_text() and result.plot()._repr_svg_() == svg_path.read_text()
    summary = result.summary
    assert summary.loc["average", "absolute_effect"] == expected["average"]["absoluteEffect"]["mean"]
    assert summary.loc["cumulative", "predicted_upper"] == expected["cumulative"]["predicted"]["upper"]
    series = result.series
    assert len(series) == len(frame)
    for name, values in expected["series"].items():
        column = "".join("_" + c.lower() if c.isupper() else c for c in name)
        assert [None if math.isnan(v) else v for v in series[column]] == values


def test_impact_with_a_date_index_takes_periods_in_dates(tmp_path):
    source = EXAMPLES / "daily-sales.csv"
    frame = pd.read_csv(source, parse_dates=["date"]).set_index("date")
    result = whatif.impact(frame, pre=(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-31")),
                           post=("2024-04-01", "2024-04-30"), seed=1, niter=200, seasons=7)
    expected = cli_json("impact", source, "--pre", "2024-01-01:2024-03-31", "--post", "2024-04-01:2024-04-30",
                        "--seed", 1, "--niter", 200, "--seasons", 7)
    assert result.data == expected
    assert result.series.index.equals(frame.index)


def test_impact_by_equals_the_cli_by():
    source = EXAMPLES / "store-sales.csv"
    table = whatif.impact_by(pd.read_csv(source), "store", pre=(1, 70), post=(71, 100), seed=2, niter=150)
    expected = json.loads(cli("impact", source, "--by", "store", "--pre", "1:70", "--post", "71:100", "--seed", 2,
                              "--niter", 150, "--json", "-").stdout)
    assert table["key"].tolist() == [s["key"] for s in expected["series"]] == ["north", "south", "east", "west"]
    assert table["result"].tolist() == [s.get("result") for s in expected["series"]]
    assert table["error"].tolist() == [s.get("error") for s in expected["series"]]
    assert table["error"].iloc[3] is not None and table["result"].iloc[3] is None


def test_benchmark_equals_the_cli_json():
    scores = whatif.benchmark("banner", "banner", "spend", rows=300, replications=4, seed=8,
                              estimators=["ipw", "aipw"], truth_units=20000)
    expected = cli_json("benchmark", "banner", "--treatment", "banner", "--outcome", "spend", "--rows", 300,
                        "--replications", 4, "--seed", 8, "--estimators", "ipw,aipw", "--truth-units", 20000)
    assert without_timings(scores.data) == without_timings(expected)
    assert scores.index.tolist() == [e["name"] for e in expected["estimators"]]
    assert scores["meanEstimate"].tolist() == [e["meanEstimate"] for e in expected["estimators"]]
    assert scores.data["truth"]["ate"] == 5


def test_the_analyses_equal_the_cli_json():
    logged = EXAMPLES / "logged-rounds.csv"
    ope = whatif.ope(pd.read_csv(logged), "action", "reward", propensity="pscore", target_prefix="eval_prob_a",
                     reward_model_prefix="q_hat_a")
    assert ope.data == cli_json("ope", logged, "--action", "action", "--reward", "reward", "--propensity", "pscore",
                                "--target-prefix", "eval_prob_a", "--reward-model-prefix", "q_hat_a")
    assert ope.table("estimators")["name"].tolist() == [e["name"] for e in ope.data["estimators"]]
    experiment = EXAMPLES / "uplift-experiment.csv"
    uplift = whatif.uplift(str(experiment), "treatment", "y", "score", true_effect="true_uplift")
    assert uplift.data == cli_json("uplift", experiment, "--treatment", "treatment", "--outcome", "y", "--score",
                                   "score", "--true-effect", "true_uplift")
    data = whatif.sample("banner", rows=400, seed=4)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "banner.csv"
        cli("sample", "banner", "--rows", 400, "--seed", 4, "--output", path)
        sensitivity = whatif.sensitivity(data, "banner", "spend", covariates="engagement", benchmark="engagement")
        assert sensitivity.data == cli_json("sensitivity", path, "--treatment", "banner", "--outcome", "spend",
                                            "--covariates", "engagement", "--benchmark", "engagement")
        refute = whatif.refute(data, "banner", "spend", seed=3, simulations=5)
        assert without_timings(refute.data) == without_timings(cli_json(
            "refute", path, "--treatment", "banner", "--outcome", "spend", "--seed", 3, "--simulations", 5))
    power = whatif.power("banner", "banner", "spend", rows=[100, 200], effect=[0, 5], replications=40, seed=6)
    assert without_timings(power.data) == without_timings(cli_json(
        "power", "banner", "--treatment", "banner", "--outcome", "spend", "--rows", "100,200", "--effect", "0,5",
        "--replications", 40, "--seed", 6))
    assert len(power.table("points")) == 4


def test_a_bad_model_raises_with_its_line_and_column(tmp_path):
    with pytest.raises(whatif.WhatIfError) as raised:
        whatif.sample(BAD_MODEL, rows=3)
    path = tmp_path / "model.scm"
    path.write_text(BAD_MODEL)
    run = cli("sample", "model.scm", "--rows", 3, cwd=tmp_path, check=False)
    assert run.returncode == 1
    assert raised.value.message == run.stderr.strip().removeprefix("whatif: error: ")
    assert "model.scm:2:9" in raised.value.message and "'z'" in raised.value.message
    with pytest.raises(whatif.WhatIfError, match="neither a catalog model nor a file"):
        whatif.graph("no_such_model")


def test_nothing_is_left_in_the_temporary_folder(empty_temporary_folder):
    whatif.sample(TEN_VARIABLES, rows=10)
    whatif.sample("banner", rows=10, potential_outcomes=("banner", "spend"), truth=True)
    whatif.graph(TEN_VARIABLES).to_dot()
    whatif.impact(pd.read_csv(EXAMPLES / "impact-canonical.csv"), pre=(1, 70), post=(71, 100), niter=50)
    for call in (lambda: whatif.sample(BAD_MODEL, rows=3), lambda: whatif.counterfactual("banner", {}, {"x": 1}, "y")):
        with pytest.raises(whatif.WhatIfError):
            call()
    assert list(empty_temporary_folder.iterdir()) == []
