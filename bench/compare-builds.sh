#!/usr/bin/env bash
# Runs two builds of DslNet.Bench (for example main's and a branch's) interleaved, round by round and workload by
# workload, so both see the same machine load; then prints, per figure, each build's median and the ratio of the
# medians with the spread of the per-round ratios.
#
#   bench/compare-builds.sh BEFORE.dll AFTER.dll [--rounds N] [--only W1,W3,W6] [--breakdown] [--out FILE]
#
# Build each side first, e.g. from a copy of the other commit:
#   git archive <commit> | tar -x -C /tmp/before && dotnet build /tmp/before/bench/DslNet.Bench -c Release
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,9p' "$0"; exit 2; }
before="$1" after="$2"; shift 2
rounds=5 only="W1,W3,W6" breakdown=() out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --breakdown) breakdown=(--breakdown); shift ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="${TMPDIR:-/tmp}/dslnet-ab-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
: >"$out"
IFS=',' read -r -a ids <<<"$only"
for round in $(seq 1 "$rounds"); do
  for id in "${ids[@]}"; do
    # Alternate which build goes first, so neither always runs on the warmer (or busier) machine.
    if [ $((round % 2)) -eq 1 ]; then order=(before after); else order=(after before); fi
    for side in "${order[@]}"; do
      dll=$before; [ "$side" = after ] && dll=$after
      echo "round $round/$rounds $id: $side" >&2
      dotnet "$dll" --only "$id" "${breakdown[@]}" 2>/dev/null | grep -v '"id":"env"' |
        sed "s/^{/{\"build\":\"$side\",\"round\":$round,/" >>"$out"
    done
  done
done
python3 "$(dirname "$0")/compare_builds.py" "$out"
echo "results: $out" >&2
