"""Further reference answers for the Estimators tests, beyond shared/reference/estimators:
designs the shared set does not exercise (fuzzy and mass-point discontinuities, an unbalanced
panel, 2SLS with a covariate, a cluster-robust 2x2 difference in differences).

Made with rdrobust 2.1.1, linearmodels 7.1 and statsmodels 0.15.0 (pip), NumPy's
default_rng(4052). Run as: python make_extra_reference.py FOLDER (writes CSVs and
extra_results.json into FOLDER)."""
import json, sys
import numpy as np, pandas as pd
import statsmodels.api as sm
from linearmodels.iv import IV2SLS
from linearmodels.panel import PanelOLS
from rdrobust import rdrobust

out = sys.argv[1]
rng = np.random.default_rng(4052)
res = {}

def rd_numbers(r):
    return {"h": float(r.bws.iloc[0, 0]), "b": float(r.bws.iloc[1, 0]),
            "estimate_conventional": float(r.coef.iloc[0, 0]), "se_conventional": float(r.se.iloc[0, 0]),
            "estimate_bias_corrected": float(r.coef.iloc[1, 0]), "se_robust": float(r.se.iloc[2, 0])}

# 1. Fuzzy discontinuity at 0: P(T = 1) jumps from 0.25 to 0.75, complier effect 2.
n = 2500
x = rng.uniform(-1, 1, n)
t = (rng.random(n) < np.where(x >= 0, 0.75, 0.25)).astype(float)
y = 1 + 1.5 * x - x ** 2 + 2 * t + rng.normal(0, 0.7, n)
pd.DataFrame({"y": y, "t": t, "x": x}).to_csv(f"{out}/rdd_fuzzy.csv", index=False)
res["rdd_fuzzy"] = rd_numbers(rdrobust(y, x, c=0, fuzzy=t))
res["rdd_fuzzy"]["tool"] = "rdrobust 2.1.1 rdrobust(y, x, c=0, fuzzy=t), defaults"

# 2. Sharp discontinuity with a discrete score (mass points: 61 values), cutoff 30.
n = 3000
score = rng.integers(0, 61, n).astype(float)
y = 0.2 * score + 3 * (score >= 30) + rng.normal(0, 2, n)
pd.DataFrame({"y": y, "score": score}).to_csv(f"{out}/rdd_masspoints.csv", index=False)
res["rdd_masspoints"] = rd_numbers(rdrobust(y, score, c=30))
res["rdd_masspoints"]["tool"] = "rdrobust 2.1.1 rdrobust(y, score, c=30), defaults (masspoints='adjust')"

# 3. Unbalanced panel: 150 units x 5 periods, 12% of rows dropped, staggered-free treatment.
units, periods = 150, 5
rows = []
alpha = rng.normal(0, 1.5, units)
for i in range(units):
    g = int(i % 3 == 0)
    for p in range(periods):
        if rng.random() < 0.12:
            continue
        d = g * int(p >= 2)
        rows.append({"unit": f"u{i}", "period": p, "d": d, "x": rng.normal(),
                     "y": alpha[i] + 0.3 * p + 2.0 * d + rng.normal()})
pn = pd.DataFrame(rows)
pn["y"] = pn["y"] + 0.5 * pn["x"]
pn.to_csv(f"{out}/panel_unbalanced.csv", index=False)
pi = pn.set_index(["unit", "period"])
tw = PanelOLS(pi.y, pi[["d", "x"]], entity_effects=True, time_effects=True).fit(cov_type="clustered", cluster_entity=True)
tw_u = PanelOLS(pi.y, pi[["d", "x"]], entity_effects=True, time_effects=True).fit(cov_type="unadjusted")
res["panel_unbalanced"] = {"twfe": float(tw.params["d"]), "se_clustered_by_unit": float(tw.std_errors["d"]),
                           "se_unadjusted": float(tw_u.std_errors["d"]),
                           "tool": "linearmodels 7.1 PanelOLS(y, [d, x], entity_effects, time_effects)"}

# 4. 2x2 difference in differences on the shared did_panel.csv with CR1 errors clustered by unit.
did = pd.read_csv(f"{out}/did_panel.csv")
X = sm.add_constant(np.column_stack([did.treated, did.post, did.treated * did.post]))
fit = sm.OLS(did.y, X).fit(cov_type="cluster", cov_kwds={"groups": did.unit})
res["did_2x2_cluster"] = {"estimate": float(fit.params.iloc[3]), "se_cluster_cr1": float(fit.bse.iloc[3]),
                          "tool": "statsmodels 0.15.0 OLS y ~ 1 + G + P + G:P, cov_type='cluster' by unit"}

# 5. 2SLS with an exogenous covariate.
n = 1500
w, z, u = rng.normal(0, 1, n), rng.normal(0, 1, n), rng.normal(0, 1, n)
x = 0.6 * z + 0.5 * w + u + rng.normal(0, 1, n)
y = 1 + 0.8 * x - 0.4 * w + u + rng.normal(0, 1, n)
df = pd.DataFrame({"y": y, "x": x, "w": w, "z": z})
df.to_csv(f"{out}/iv_covariate.csv", index=False)
df["const"] = 1.0
iv_u = IV2SLS(df.y, df[["const", "w"]], df.x, df.z).fit(cov_type="unadjusted")
iv_r = IV2SLS(df.y, df[["const", "w"]], df.x, df.z).fit(cov_type="robust")
res["iv_covariate"] = {"params": [float(iv_u.params[k]) for k in ("const", "w", "x")],
                       "se_unadjusted": [float(iv_u.std_errors[k]) for k in ("const", "w", "x")],
                       "se_robust": [float(iv_r.std_errors[k]) for k in ("const", "w", "x")],
                       "first_stage_f": float(iv_u.first_stage.diagnostics["f.stat"].iloc[0]),
                       "tool": "linearmodels 7.1 IV2SLS(y, [const, w], x, z)"}

# 6. Logistic regression with heteroskedasticity-robust (sandwich) errors on the shared logit.csv.
lg = pd.read_csv(f"{out}/logit.csv")
fit = sm.Logit(lg.t, sm.add_constant(lg[["a", "b"]])).fit(disp=0, cov_type="HC0")
res["logit_robust"] = {"se_hc0": [float(v) for v in fit.bse],
                       "tool": "statsmodels 0.15.0 Logit t ~ 1 + a + b, cov_type='HC0' (HC1 gives the same for Logit)"}

json.dump(res, open(f"{out}/extra_results.json", "w"), indent=1)
print(json.dumps(res, indent=1))
