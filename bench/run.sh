#!/usr/bin/env bash
# Runs DslNet.Bench and the PyTorch peer on the same workloads, interleaved workload by workload and
# round by round (so both see the same machine load), then prints DslNet/PyTorch ratios. W3 and W4 also
# have ONNX Runtime as a peer (their networks exported with OnnxExport; DslNet.Bench --only W3-ORT,W4-ORT),
# run in the same rounds right after PyTorch.
#
#   bench/run.sh [--quick] [--rounds N] [--only P0,W1,W2,W3,W4,W5,W6,W7,W8,W9,G1] [--threads N] [--out FILE]
#
# --threads N sets the threads of W7 and W8 (default 2) on both sides; every other workload runs on 1.
#
# Installs python3-torch (Debian's 1.13.1, the version of the reference figures) and OpenBLAS when
# missing: without OpenBLAS, Debian's torch multiplies matrices with the reference BLAS, several times
# slower than the reference figures assume. A benchmark dependency only; CI never runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=() rounds=2 only="P0,W1,W7,W2,W8,W3,W4,W5,W6,W9,G1" threads=2 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick); shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="${TMPDIR:-/tmp}/dslnet-bench-$(date -u +%Y%m%dT%H%M%SZ).jsonl"

# Debian's torch is built for the system interpreter, not for whatever python3 is first on PATH.
python=/usr/bin/python3
if ! "$python" -c "import torch" 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "installing python3-torch and OpenBLAS (benchmark-only dependencies)..." >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y python3-torch libopenblas0-pthread >/dev/null
fi

echo "building bench/DslNet.Bench (Release)..." >&2
dotnet build bench/DslNet.Bench/DslNet.Bench.csproj -c Release -v quiet -nologo >&2
bench_dll=bench/DslNet.Bench/bin/Release/net10.0/DslNet.Bench.dll

# One thread on the peer's side (OpenMP, OpenBLAS's own pool, MKL if present), but for W7 and W8.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
peer_threads() {
  case "$1" in W7|W8) echo "$threads" ;; *) echo 1 ;; esac
}

# The processor as lscpu names it, with its family and model (a virtual machine's model name is often just the brand)
# and whether it has AVX-512, which decides the widest vector path.
machine() {
  local avx512=no
  grep -qw avx512f /proc/cpuinfo && avx512=yes
  printf '{"id":"machine","nproc":%s,"cpu":"%s","cpu_family":"%s","cpu_model":"%s","avx512":"%s","load_average":"%s","date_utc":"%s"}\n' \
    "$(getconf _NPROCESSORS_ONLN)" "$(lscpu | sed -n 's/^Model name: *//p')" "$(lscpu | sed -n 's/^CPU family: *//p')" \
    "$(lscpu | sed -n 's/^Model: *//p')" "$avx512" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

: >"$out"
machine | tee -a "$out"
IFS=',' read -r -a ids <<<"$only"
for id in "${ids[@]}"; do
  case "$id" in
    W1|W2|W3|W4|W5|W6|W7|W8|W9)
      n=$(peer_threads "$id")
      for round in $(seq 1 "$rounds"); do
        echo "$id round $round/$rounds: DslNet, then PyTorch" >&2
        # W1's first round also times its products one by one (--breakdown): the "products at the peak" target.
        breakdown=(); if [ "$id" = W1 ] && [ "$round" = 1 ]; then breakdown=(--breakdown); fi
        dotnet "$bench_dll" --only "$id" --threads "$threads" "${quick[@]}" "${breakdown[@]}" | grep -v '"id":"env"' | tee -a "$out"
        OMP_NUM_THREADS=$n OPENBLAS_NUM_THREADS=$n MKL_NUM_THREADS=$n \
          "$python" bench/peers/pytorch_bench.py --only "$id" --threads "$threads" "${quick[@]}" | grep -v '"id":"env"' | tee -a "$out"
        case "$id" in
          W3|W4)
            echo "$id round $round/$rounds: ONNX Runtime" >&2
            dotnet "$bench_dll" --only "$id-ORT" "${quick[@]}" | grep -v '"id":"env"' | tee -a "$out" ;;
        esac
      done ;;
    *)
      dotnet "$bench_dll" --only "$id" --threads "$threads" "${quick[@]}" | grep -v '"id":"env"' | tee -a "$out" ;;
  esac
done
# A busy second core: W1 then W7 beside a thread spinning on the last processor, the median W7/W1 of 3 rounds
# (target: two threads never slower than one, W7 >= 0.95x W1). DslNet only: it is about DslNet's own two threads.
case ",$only," in
  *,W7,*)
    echo "W7/W1 beside a busy core" >&2
    # Only the ratio line: its W1 and W7 lines were measured beside the spinning thread, not like the table's.
    dotnet "$bench_dll" --busy-core --rounds 3 --threads "$threads" "${quick[@]}" | grep '"id":"W7/W1"' | tee -a "$out" ;;
esac
# The environment of each side, once.
dotnet "$bench_dll" --only NONE | tee -a "$out"
"$python" bench/peers/pytorch_bench.py --only NONE | grep '"id":"env"' | tee -a "$out"
machine | tee -a "$out"

"$python" bench/compare.py "$out"
echo "results: $out" >&2
