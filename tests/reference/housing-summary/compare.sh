#!/usr/bin/env bash
# One-time comparison of the library's Summary() with R's summary(lm) and statsmodels on the housing model of
# notebooks 10 and 16 (README.md here records the result). Needs R (Debian r-base-core) and /usr/bin/python3 with
# python3-statsmodels; the tests do NOT need them. Run from anywhere; writes into a temporary folder.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
cd "$here"
dotnet run export.cs -- "$out" > "$out/linreg.txt"
Rscript housing_summary.R "$out" > "$out/r.txt"
/usr/bin/python3 housing_summary.py "$out" > "$out/statsmodels.txt"
cat "$out/linreg.txt" "$out/r.txt"
/usr/bin/python3 compare.py "$out"
echo "(outputs in $out)"
