"""The agreement, in correct significant digits (LRE, capped at 15), between the library's summary and R's and
statsmodels' on the same rows (compare.sh)."""
import csv
import math
import sys

d = sys.argv[1] if len(sys.argv) > 1 else "."


def load(name):
    with open(f"{d}/{name}") as f:
        return {r["name"].strip().strip("`"): r for r in csv.DictReader(f)}


def lre(x, c):
    x, c = float(x), float(c)
    if x == c:
        return 15.0
    err = abs(x - c) / abs(c) if c != 0 else abs(x)
    return max(0.0, min(15.0, -math.log10(err)))


ours, r, sm = load("linreg.csv"), load("r.csv"), load("statsmodels.csv")
print(f"{'quantity':<30}{'min LRE vs R':>14}{'vs statsmodels':>16}")
for col in ["estimate", "se", "t", "p", "lower", "upper"]:
    rows = [n for n in ours if ours[n].get(col, "").strip() not in ("", "NA")]
    a = min(lre(ours[n][col], r[n][col]) for n in rows)
    b = min(lre(ours[n][col], sm[n][col]) for n in rows)
    print(f"{col + ' (' + str(len(rows)) + ')':<30}{a:>14.1f}{b:>16.1f}")
    if col == "p":
        for n in rows:
            print(f"   p {n:<27}{lre(ours[n][col], r[n][col]):>14.1f}{lre(ours[n][col], sm[n][col]):>16.1f}   ours {float(ours[n][col]):.6g}")
for n in ["sigma", "r.squared", "adj.r.squared", "F"]:
    print(f"{n:<30}{lre(ours[n]['estimate'], r[n]['estimate']):>14.1f}{lre(ours[n]['estimate'], sm[n]['estimate']):>16.1f}")
print(f"{'HC0 SEs: R vs statsmodels':<30}{min(lre(r[n]['hc0'], sm[n]['hc0']) for n in r if r[n]['hc0'].strip() not in ('', 'NA')):>14.1f}")
print("HC0 / classical SE (R):")
for n in r:
    if r[n]["hc0"].strip() not in ("", "NA"):
        print(f"   {n:<27}{float(r[n]['hc0']) / float(r[n]['se']):>8.3f}   hc0 {float(r[n]['hc0']):.10g}")
