#!/usr/bin/env bash
# Reruns the samples whose results the top-level README quotes, with the options the README names, and prints
# each sample's own summary lines beside its wall time and the machine's load, so the README's figures are copied
# from a run, not typed. The package and NativeAOT sizes are measured the same way (pack, publish, stat).
#
# Usage: samples/figures.sh [--long] [--only NAME,NAME...] [--log FOLDER]
#   default    every sample that finishes in about a minute or less (Fashion-MNIST too when its data is installed)
#   --long     also the runs of several minutes to an hour: CharTransformer (~10 min), Fashion-MNIST's large
#              configuration (~20 min), ResNet (~40 min), CharLstm (~1 h)
#   --only     just these (names as printed, e.g. --only Clips,LongMemory,package; a long run named here runs)
#   --log      keep every run's full output in FOLDER (default: a temporary folder, printed at the end)
set -uo pipefail
cd "$(dirname "$0")/.."
repository=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

long=false
only=""
log=""
while [ $# -gt 0 ]; do
  case $1 in
    --long) long=true; shift ;;
    --only) only=${2:?--only needs a comma-separated list of names}; shift 2 ;;
    --log) log=${2:?--log needs a folder}; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option '$1'. Expected --long, --only NAME,NAME... or --log FOLDER (see --help)." >&2; exit 2 ;;
  esac
done
names=Digits,FashionMnist,FashionMnistLarge,ResNet,Autoencoder,Vae,Gan,ImageRegression,Segmentation,SegmentationUNet,Localization,LongMemory
names+=,Clips,ReverseDigits,CharTransformer,CharLstm,package,DigitsAot
for name in ${only//,/ }; do
  if [[ ",$names," != *",$name,"* ]]; then
    echo "Unknown name '$name' in --only. Expected some of: $names." >&2
    exit 2
  fi
done
[ -n "$log" ] || log=$(mktemp -d /tmp/dslnet-figures.XXXXXX)
mkdir -p "$log"
log=$(cd "$log" && pwd)

wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
# A long run runs with --long, or when --only names it.
long_wanted() { $long || [[ ",$only," == *",$1,"* ]]; }
load() { cut -d' ' -f1 /proc/loadavg; }

# figure NAME PROJECT PATTERN [ARGS...]: builds PROJECT, runs it with ARGS, prints the lines of its output that
# match the extended regular expression PATTERN, its wall time and the load average before and after.
figure() {
  local name=$1 project=$2 pattern=$3
  shift 3
  wanted "$name" || return 0
  echo "== $name: dotnet run --project $project -c Release${*:+ -- $*}"
  if ! dotnet build "$project" -c Release >"$log/$name.build.log" 2>&1; then
    echo "   build FAILED (see $log/$name.build.log)"
    return 0
  fi
  local before start status
  before=$(load)
  start=$(date +%s.%N)
  # From the log folder, so the charts and pictures the samples write land beside the logs.
  (cd "$log" && dotnet run --project "$repository/$project" -c Release --no-build -- "$@") </dev/null >"$log/$name.log" 2>&1
  status=$?
  grep -E -- "$pattern" "$log/$name.log" | sed 's/^/   /'
  printf '   (exit %d; %.1f s wall time including start-up; load average %s before, %s after; %s)\n' \
    "$status" "$(awk -v start="$start" -v end="$(date +%s.%N)" 'BEGIN { print end - start }')" "$before" "$(load)" "$(date -u '+%Y-%m-%d %H:%M UTC')"
}

fashion_installed() {
  [ -d /usr/share/dataset-fashion-mnist ] || dpkg -s dataset-fashion-mnist >/dev/null 2>&1
}

# README "Two commands" and "Samples".
figure Digits samples/Digits '^Test accuracy'
# README "Fashion-MNIST (A2 recipe, W2 network)"; its PyTorch peer is bench/peers/pytorch_fashion.py.
if fashion_installed; then
  figure FashionMnist samples/FashionMnist '^Test accuracy'
  long_wanted FashionMnistLarge && figure FashionMnistLarge samples/FashionMnist '^Test accuracy|^epoch +(9|10)/' --config large --augment
  # README "A residual network".
  long_wanted ResNet && figure ResNet samples/ResNet '^Test accuracy|^epoch +[0-9]+/'
elif wanted FashionMnist || wanted ResNet; then
  echo "== FashionMnist: skipped, the data is not installed (sudo apt-get install dataset-fashion-mnist)"
fi
# README "Generative models".
figure Autoencoder samples/Autoencoder '^Held-out'
figure Vae samples/Vae '^epoch +1/|^Held-out ELBO'
figure Gan samples/Gan '^epoch 150/|^Trained in'
# README "Other heads".
figure ImageRegression samples/ImageRegression '^Test mean absolute error'
figure Segmentation samples/Segmentation '^Test pixel accuracy|^  IoU'
figure SegmentationUNet samples/Segmentation '^Test pixel accuracy|^  IoU' --model unet
figure Localization samples/Localization '^Test class accuracy'
# README "Recurrent networks" (LongMemory: the table shows from which epoch the Lstm and the Gru are right).
figure LongMemory samples/LongMemory '^ *[0-9]+ +[0-9.]+ % +[0-9.]+ % +[0-9.]+ %$|^After'
# README "Clips: a sequence of images".
figure Clips samples/Clips '^Test accuracy|^By clip length|^Single-frame'
# README "Transformers".
figure ReverseDigits samples/ReverseDigits '^Test:'
long_wanted CharTransformer && figure CharTransformer samples/CharTransformer '^ *[0-9]+ +[0-9.]+ +[0-9]+ s|^After'
long_wanted CharLstm && figure CharLstm samples/CharLstm '^epoch [0-9]+/|^Validation loss'

# README "NativeAOT" table: the package and the published binary.
if wanted package; then
  echo "== package: dotnet pack src/Runtime/DslNet.Runtime.csproj -c Release"
  rm -rf "$log/package"
  if dotnet pack src/Runtime/DslNet.Runtime.csproj -c Release -o "$log/package" >"$log/package.log" 2>&1; then
    for nupkg in "$log"/package/*.nupkg; do
      printf '   %s: %s bytes\n' "$(basename "$nupkg")" "$(stat -c %s "$nupkg")"
      unzip -l "$nupkg" | awk '$4 ~ /\.dll$/ { printf "   %s: %s bytes\n", $4, $1 }'
    done
  else
    echo "   pack FAILED (see $log/package.log)"
  fi
fi
if wanted DigitsAot; then
  echo "== DigitsAot: dotnet publish samples/DigitsAot -c Release -r linux-x64"
  rm -rf "$log/aot"
  if dotnet publish samples/DigitsAot -c Release -r linux-x64 -o "$log/aot" >"$log/aot.log" 2>&1; then
    printf '   DigitsAot: %s bytes\n' "$(stat -c %s "$log/aot/DigitsAot")"
    "$log/aot/DigitsAot" </dev/null 2>&1 | grep -Ei '^test accuracy' | sed 's/^/   /'
  else
    echo "   publish FAILED (see $log/aot.log)"
  fi
fi
echo "Full outputs: $log"
