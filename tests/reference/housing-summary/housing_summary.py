"""statsmodels' OLS summary (and its HC0 standard errors) on the training rows export.cs writes: the second reference
for the library's Summary() (compare.sh). Run with Debian's /usr/bin/python3 (python3-statsmodels)."""
import csv
import sys

import numpy as np
import statsmodels.api as sm

d = sys.argv[1] if len(sys.argv) > 1 else "."
with open(f"{d}/train.csv") as f:
    rows = list(csv.reader(f))
names, data = rows[0], np.array(rows[1:], dtype=float)
X, y = sm.add_constant(data[:, :-1]), data[:, -1]
res = sm.OLS(y, X).fit(method="qr")
print(res.summary(xname=["(Intercept)"] + names[:-1]))
ci = res.conf_int(0.05)
hc0 = sm.OLS(y, X).fit().HC0_se  # statsmodels 0.13's HC0 needs the pinv fit (its QR fit has no pinv_wexog)
with open(f"{d}/statsmodels.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "estimate", "se", "t", "p", "lower", "upper", "hc0"])
    for j, n in enumerate(["(Intercept)"] + names[:-1]):
        w.writerow([n] + [repr(float(v)) for v in (res.params[j], res.bse[j], res.tvalues[j], res.pvalues[j], ci[j, 0], ci[j, 1], hc0[j])])
    w.writerow(["sigma", repr(float(np.sqrt(res.scale))), "", "", "", "", "", ""])
    w.writerow(["r.squared", repr(float(res.rsquared)), "", "", "", "", "", ""])
    w.writerow(["adj.r.squared", repr(float(res.rsquared_adj)), "", "", "", "", "", ""])
    w.writerow(["F", repr(float(res.fvalue)), "", "", repr(float(res.f_pvalue)), "", "", ""])
