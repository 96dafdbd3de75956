#!/usr/bin/python3
"""The peers a learner would pick instead of this library, on the benchmark suite's workloads.

Run by hand (never by CI), right after the .NET benchmarks, so that the ratios come from one sitting:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 tests/LinReg.Benchmarks/peers/peers.py --out /tmp/peers.json

Timing workloads (n = 1e6, d = 100, float64, the recipe of tests/LinReg.Benchmarks/Workload.cs: x ~ N(0, I),
y = Xw + 0.5 + 0.1 e, w ~ N(0, I); numpy's generator, so the digits differ, not the shape):
  * one SGD epoch at batch 32 with the chapter's DataLoader(TensorDataset(X, y), shuffle=True), nn.Linear, nn.MSELoss,
    torch.optim.SGD, and the same epoch with a hand-indexed torch.randperm loop;
  * least squares with an intercept: numpy.linalg.lstsq (LAPACK gelsd), numpy normal equations (X'X solve),
    scikit-learn LinearRegression.
Accuracy: the NIST StRD linear least-squares sets in data/nist (certified values to 15 digits): the smallest log
relative error (LRE, correct significant digits) over each set's certified coefficients for numpy lstsq, numpy normal
equations, scikit-learn, statsmodels OLS (pinv, its default, and qr) and R lm (Rscript).
"""
import argparse
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

NIST_SETS = ["Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
             "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"]
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


# ---------------------------------------------------------------- NIST StRD files

def load_nist(name):
    """Parses a NIST StRD linear least-squares file: data, certified coefficients, intercept, polynomial degree."""
    with open(os.path.join(ROOT, "data", "nist", name + ".dat")) as f:
        lines = f.read().splitlines()
    text = "\n".join(lines)
    first, last = map(int, re.search(r"Data\s+\(lines\s+(\d+)\s+to\s+(\d+)\)", text).groups())
    predictors = int(re.search(r"(\d+)\s+Predictor Variable", text).group(1))
    certified = [float(m.group(2)) for m in re.finditer(r"^\s*B(\d+)\s+(\S+)\s+\S+\s*$", text, re.M)]
    intercept = re.search(r"^\s*y\s*=\s*(B\d+)", text, re.M).group(1) == "B0"   # the model line: "y = B0 + B1*x ..." or "y = B1*x + e"
    rows = [list(map(float, lines[i - 1].split())) for i in range(first, last + 1)]
    data = np.array(rows)
    y, x = data[:, 0], data[:, 1:]
    unknowns = len(certified)
    if predictors == 1:
        degree = unknowns - (1 if intercept else 0)
        x = np.column_stack([x[:, 0] ** k for k in range(1, degree + 1)])
    return {"name": name, "x": x, "y": y, "certified": np.array(certified), "intercept": intercept}


def lre(estimates, certified):
    """Smallest log relative error over the coefficients (15 = every certified digit, 0 = not even the first)."""
    worst = 15.0
    for e, c in zip(estimates, certified):
        if e is None or not math.isfinite(e):
            return 0.0
        rel = abs(e - c) / abs(c) if c != 0 else abs(e)
        v = 15.0 if rel == 0 else -math.log10(rel)
        worst = min(worst, max(0.0, min(15.0, v)))
    return worst


def design(ds):
    return np.column_stack([np.ones(len(ds["y"])), ds["x"]]) if ds["intercept"] else ds["x"]


def fit_numpy_lstsq(ds):
    return np.linalg.lstsq(design(ds), ds["y"], rcond=None)[0]


def fit_numpy_normal(ds):
    a = design(ds)
    return np.linalg.solve(a.T @ a, a.T @ ds["y"])


def fit_sklearn(ds):
    from sklearn.linear_model import LinearRegression
    m = LinearRegression(fit_intercept=ds["intercept"]).fit(ds["x"], ds["y"])
    return ([m.intercept_] if ds["intercept"] else []) + list(m.coef_)


def fit_statsmodels(ds, method):
    import statsmodels.api as sm
    return sm.OLS(ds["y"], design(ds)).fit(method=method).params


def fit_r_lm(ds):
    """R's lm on the same columns (written with 17 significant digits); NA (an aliased column) counts as LRE 0."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "d.csv")
        cols = ["x%d" % (j + 1) for j in range(ds["x"].shape[1])]
        np.savetxt(path, np.column_stack([ds["y"], ds["x"]]), delimiter=",", fmt="%.17g",
                   header=",".join(["y"] + cols), comments="")
        formula = "y ~ ." if ds["intercept"] else "y ~ . - 1"
        script = "d <- read.csv('%s'); m <- lm(%s, data = d); cat(format(coef(m), digits = 17), sep = '\\n')" % (path, formula)
        out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True).stdout
    return [None if v.strip() == "NA" else float(v) for v in out.split()]


def nist_table():
    peers = {
        "numpy lstsq (gelsd)": fit_numpy_lstsq,
        "numpy normal equations": fit_numpy_normal,
        "scikit-learn LinearRegression": fit_sklearn,
        "statsmodels OLS (pinv)": lambda ds: fit_statsmodels(ds, "pinv"),
        "statsmodels OLS (qr)": lambda ds: fit_statsmodels(ds, "qr"),
        "R lm": fit_r_lm,
    }
    table = {}
    for peer, fit in peers.items():
        row = {}
        for name in NIST_SETS:
            ds = load_nist(name)
            try:
                row[name] = round(lre(list(fit(ds)), ds["certified"]), 1)
            except (np.linalg.LinAlgError, subprocess.CalledProcessError) as e:
                row[name] = 0.0
                print("  %s on %s failed: %s" % (peer, name, str(e).splitlines()[0]), file=sys.stderr)
        table[peer] = row
        print("  NIST %-30s min LRE %4.1f  (Filip %4.1f)" % (peer, min(row.values()), row["Filip"]), file=sys.stderr)
    return table


# ---------------------------------------------------------------- timing workloads

def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def workload(n, d):
    rng = np.random.default_rng(42)
    w = np.random.default_rng(1).standard_normal(d)
    x = rng.standard_normal((n, d))
    y = x @ w + 0.5 + 0.1 * rng.standard_normal(n)
    return x, y


def timings(n, d, repeats):
    import torch
    from torch import nn
    from torch.utils.data import DataLoader, TensorDataset
    torch.set_num_threads(os.cpu_count())
    x, y = workload(n, d)
    results = {}

    def record(name, seconds, reached):
        results[name] = {"seconds": seconds, "reached": reached}
        print("  %-45s %8.3f s  %s" % (name, seconds, reached), file=sys.stderr)

    xt = torch.from_numpy(x)
    yt = torch.from_numpy(y).reshape(-1, 1)

    def rmse(model):
        with torch.no_grad():
            return float(torch.sqrt(torch.mean((model(xt) - yt) ** 2)))

    def sgd_epoch(loop):
        torch.manual_seed(0)
        model = nn.Linear(d, 1).double()
        loss_fn = nn.MSELoss()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.03)
        if loop == "dataloader":
            loader = DataLoader(TensorDataset(xt, yt), batch_size=32, shuffle=True)
            for xb, yb in loader:
                loss = loss_fn(model(xb), yb)
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        else:
            perm = torch.randperm(n)
            for s in range(0, n, 32):
                idx = perm[s:s + 32]
                loss = loss_fn(model(xt[idx]), yt[idx])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
        return model

    t, m = best_of(lambda: sgd_epoch("dataloader"), 1)
    record("PyTorch SGD epoch, DataLoader (the chapter's)", t, "RMSE %.4f" % rmse(m))
    t, m = best_of(lambda: sgd_epoch("randperm"), repeats)
    record("PyTorch SGD epoch, hand-indexed randperm", t, "RMSE %.4f" % rmse(m))

    a = np.column_stack([np.ones(n), x])
    reference = None

    def maxdiff(beta):
        return "max|Δ| vs lstsq %.1e" % float(np.max(np.abs(np.asarray(beta) - reference)))

    t, beta = best_of(lambda: np.linalg.lstsq(a, y, rcond=None)[0], 1)
    reference = beta
    record("numpy lstsq (gelsd)", t, "RMSE %.4f" % math.sqrt(np.mean((a @ beta - y) ** 2)))
    t, beta = best_of(lambda: np.linalg.solve(a.T @ a, a.T @ y), repeats)
    record("numpy normal equations", t, maxdiff(beta))
    from sklearn.linear_model import LinearRegression
    t, m = best_of(lambda: LinearRegression().fit(x, y), 1)
    record("scikit-learn LinearRegression", t, maxdiff([m.intercept_] + list(m.coef_)))
    return results


def blas():
    try:
        out = subprocess.run(["update-alternatives", "--query", "libblas.so.3-x86_64-linux-gnu"], capture_output=True, text=True).stdout
        return re.search(r"Value:\s*(\S+)", out).group(1)
    except (OSError, AttributeError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs for the fast workloads")
    parser.add_argument("--skip-timings", action="store_true")
    parser.add_argument("--skip-nist", action="store_true")
    args = parser.parse_args()
    for var in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if var in os.environ:
            sys.exit("unset %s for this command (env -u %s ...): it makes OpenBLAS pick a slower kernel" % (var, var))
    import sklearn
    import statsmodels
    import torch
    info = {
        "python": platform.python_version(), "numpy": np.__version__, "torch": torch.__version__,
        "sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__, "blas": blas(),
        "cpus": os.cpu_count(), "load_average": os.getloadavg()[0], "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "rows": args.rows, "features": args.features,
    }
    r_version = subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True, text=True).stdout
    info["R"] = r_version.strip()
    print("peers: " + ", ".join("%s %s" % kv for kv in info.items()), file=sys.stderr)
    result = {"machine": info}
    if not args.skip_timings:
        result["timings"] = timings(args.rows, args.features, args.repeats)
    if not args.skip_nist:
        result["nist_min_lre"] = nist_table()
    text = json.dumps(result, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
