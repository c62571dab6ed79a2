#!/usr/bin/env bash
# W10: W2's training step on N MPI ranks against 1 rank at the same global batch of 64, interleaved round by round
# (so both see the same machine load), then the ratio per round and its median.
#
#   bench/mpi.sh [--quick] [--rounds N] [--ranks N] [--btl self,vader|self,tcp] [--out FILE]
#
# Needs Open MPI (installs openmpi-bin when mpirun is missing). Each round runs
# `mpirun -np 1 ... --only W10` and `mpirun -np N ... --only W10`; every JSON line goes to FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=() rounds=3 ranks=2 btl=self,vader out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --ranks) ranks="$2"; shift 2 ;;
    --btl) btl="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="${TMPDIR:-/tmp}/dslnet-w10-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

if ! command -v mpirun >/dev/null; then
  echo "installing openmpi-bin..." >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y --no-install-recommends openmpi-bin >/dev/null
fi
echo "building bench/DslNet.Bench (Release)..." >&2
dotnet build bench/DslNet.Bench/DslNet.Bench.csproj -c Release -v quiet -nologo >&2
bench_dll=bench/DslNet.Bench/bin/Release/net10.0/DslNet.Bench.dll

# As root mpirun needs the two ALLOW variables; more ranks than cores need --oversubscribe.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_pml=ob1 OMPI_MCA_btl="$btl" TERM=dumb
oversubscribe=()
[ "$ranks" -le "$(getconf _NPROCESSORS_ONLN)" ] || oversubscribe=(--oversubscribe)

: >"$out"
for round in $(seq 1 "$rounds"); do
  for n in 1 "$ranks"; do
    echo "W10 round $round/$rounds: $n rank(s), load average $(cut -d' ' -f1 /proc/loadavg)" >&2
    mpirun -np "$n" "${oversubscribe[@]}" dotnet "$bench_dll" --only W10 "${quick[@]}" | grep '"id":"W10"' | tee -a "$out"
  done
done

# The ratio of each round's N-rank throughput to its 1-rank throughput.
/usr/bin/python3 - "$out" "$ranks" <<'PY'
import json, statistics, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ranks = int(sys.argv[2])
one = [l for l in lines if l["ranks"] == 1]
many = [l for l in lines if l["ranks"] == ranks]
ratios = [m["value"] / o["value"] for o, m in zip(one, many)]
print(f"W10 {ranks} ranks / 1 rank at global batch 64: median {statistics.median(ratios):.2f}x "
      f"(rounds: {', '.join(f'{r:.2f}x' for r in ratios)})")
for label, rows in (("1 rank", one), (f"{ranks} ranks", many)):
    print(f"  {label}: {statistics.median(r['value'] for r in rows):,.0f} samples/s, all-reduce "
          f"{statistics.median(r['allreduce_us_per_step'] for r in rows):.0f} µs per step within the steps "
          f"({statistics.median(r['allreduce_share_pct'] for r in rows):.1f} % of the step), "
          f"{statistics.median(r['allreduce_alone_us'] for r in rows):.0f} µs alone, hidden behind backward: 0 %")
PY
echo "results: $out" >&2
