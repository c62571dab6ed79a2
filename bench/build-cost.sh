#!/usr/bin/env bash
# B1 build-50: what 50 declared networks cost a project's build, as a user with the package meets it.
#
#   bench/build-cost.sh [--rounds N] [--keep] [--server]
#
# Packs DslNet, then writes two console projects that reference the package: one declares 50 networks
# (20 MLPs, 15 CNNs, 10 LSTMs or simple RNNs, 5 transformers, sizes varied so no two are alike), the other
# holds the same classes without their attributes. Round by round, alternating the two, it times a clean
# build (restore done beforehand) and a rebuild after editing one unrelated file, and prints the medians,
# the ratios with/without, and how many lines the generator wrote. --keep leaves the projects in place.
# By default every build starts a cold compiler (-p:UseSharedCompilation=false, as this project's CI machines run).
# --server builds with the SDK's default instead, the shared compiler server, warmed by three untimed builds of each
# project: what a developer's machine does.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rounds=3 keep=0 server=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --server) server=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d /tmp/dslnet-build-cost.XXXXXX)
version="0.1.0-buildcost.$(date +%s)"
export NUGET_PACKAGES="$work/packages"
compiler=(-p:UseSharedCompilation=false) mode="a cold compiler per build"
if [ "$server" = 1 ]; then compiler=(-p:UseSharedCompilation=true) mode="the shared compiler server, warm"; fi
cleanup() {
  if [ "$server" = 1 ]; then dotnet build-server shutdown >/dev/null 2>&1 || true; fi
  if [ "$keep" = 1 ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "packing DslNet $version..." >&2
dotnet pack src/Runtime/DslNet.Runtime.csproj -c Release -o "$work/feed" -p:Version="$version" -v quiet -nologo >&2

cat >"$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="dslnet-local" value="$work/feed" />
  </packageSources>
</configuration>
EOF
# The registry the machine already uses serves DslNet's own dependency (System.Numerics.Tensors).
if [ -f "$HOME/.nuget/NuGet/NuGet.Config" ]; then
  python3 - "$HOME/.nuget/NuGet/NuGet.Config" "$work/nuget.config" <<'EOF'
import sys, xml.etree.ElementTree as ET
user, local = ET.parse(sys.argv[1]).getroot(), ET.parse(sys.argv[2])
sources = local.getroot().find("packageSources")
for add in user.iter("add"):
    if add.get("value", "").startswith(("http", "/")) and add.get("key") != "dslnet-local":
        sources.append(add)
local.write(sys.argv[2])
EOF
else
  sed -i 's|</packageSources>|  <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />\n  </packageSources>|' "$work/nuget.config"
fi

# The 50 networks, as C# source; --plain writes the same classes without the attributes.
python3 - "$work" <<'EOF'
import os, sys
work = sys.argv[1]

def networks():
    for i in range(20):
        yield f"Mlp{i}", [f"Network(Loss = LossKind.SoftmaxCrossEntropy)", f"Input({64 + 16 * i})",
                          f"Dense({96 + 8 * i}, Activation = Activation.ReLU)", f"Dense({32 + 4 * i}, Activation = Activation.ReLU)",
                          "Dense(10, Activation = Activation.Softmax)"]
    for i in range(15):
        yield f"Cnn{i}", ["Network(Loss = LossKind.SoftmaxCrossEntropy)", f"Input(1, {24 + 2 * (i % 5)}, {24 + 2 * (i % 5)})",
                          f"Conv2D({6 + 2 * i}, 3, Activation = Activation.ReLU)", "MaxPool2D(2)",
                          f"Conv2D({12 + 2 * i}, 3, Activation = Activation.ReLU)", "MaxPool2D(2)", "Flatten",
                          f"Dense({48 + 4 * i}, Activation = Activation.ReLU)", "Dense(10, Activation = Activation.Softmax)"]
    for i in range(10):
        cell = "Lstm" if i % 2 == 0 else "SimpleRnn"
        yield f"Rnn{i}", ["Network(Loss = LossKind.SoftmaxCrossEntropy)", f"SequenceInput({8 + 4 * i})",
                          f"{cell}({32 + 8 * i})", "Dense(10, Activation = Activation.Softmax)"]
    for i in range(5):
        d = 32 + 16 * i
        yield f"Transformer{i}", ["Network(Loss = LossKind.SoftmaxCrossEntropy)", "SequenceInput", f"Embedding(65, {d})",
                                  "PositionalEncoding", "TransformerBlock(4, Causal = true)", "Dense(65, Activation = Activation.Softmax)"]

for project, plain in (("WithNetworks", False), ("WithoutNetworks", True)):
    folder = os.path.join(work, project)
    os.makedirs(folder)
    lines = ["using DslNet;", "", "namespace BuildCost;", ""]
    for name, attributes in networks():
        if not plain:
            lines += [f"[{a}]" for a in attributes]
        lines += [f"public partial class {name} {{ }}", ""]
    open(os.path.join(folder, "Networks.cs"), "w").write("\n".join(lines))
    open(os.path.join(folder, "Unrelated.cs"), "w").write(
        "namespace BuildCost;\n\ninternal static class Unrelated\n{\n    public const int Edit = 0;\n}\n")
    open(os.path.join(folder, "Program.cs"), "w").write(
        "namespace BuildCost;\n\ninternal static class Program\n{\n"
        "    private static void Main() => System.Console.WriteLine(typeof(Mlp0).Assembly.GetTypes().Length + Unrelated.Edit);\n}\n")
    open(os.path.join(folder, f"{project}.csproj"), "w").write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EmitCompilerGeneratedFiles>{'false' if plain else 'true'}</EmitCompilerGeneratedFiles>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="DslNet" Version="{os.environ.get('DSLNET_VERSION', '')}" />
  </ItemGroup>
</Project>
""")
EOF
sed -i "s|Version=\"\"|Version=\"$version\"|" "$work"/*/*.csproj

for project in WithNetworks WithoutNetworks; do
  (cd "$work/$project" && dotnet restore --configfile "$work/nuget.config" -v quiet >&2)
done

# Seconds a command takes, to the millisecond.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; "$@" 2>&1 | tail -20 >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

results="$work/results.txt"
: >"$results"
if [ "$server" = 1 ]; then
  # One build left the server still speeding up for rounds after: its JIT tiers up over several compilations.
  for warm in 1 2 3; do
    for project in WithNetworks WithoutNetworks; do
      sed -i "s/Edit = [0-9]*/Edit = 10$warm/" "$work/$project/Unrelated.cs"
      (cd "$work/$project" && dotnet build -c Release --no-restore -nologo "${compiler[@]}" >/dev/null 2>&1)
    done
  done
fi
for round in $(seq 1 "$rounds"); do
  for project in WithNetworks WithoutNetworks; do
    folder="$work/$project"
    rm -rf "$folder/bin" "$folder/obj/Release"
    clean=$(cd "$folder" && seconds dotnet build -c Release --no-restore -nologo "${compiler[@]}")
    sed -i "s/Edit = [0-9]*/Edit = $round/" "$folder/Unrelated.cs"
    edit=$(cd "$folder" && seconds dotnet build -c Release --no-restore -nologo "${compiler[@]}")
    echo "$project $clean $edit" >>"$results"
    echo "round $round/$rounds $project: clean build ${clean} s, rebuild after an unrelated edit ${edit} s" >&2
  done
done

generated=$(find "$work/WithNetworks/obj/Release" -name '*.g.cs' -path '*DslNet.Generator*' -exec cat {} + | wc -l)
python3 - "$results" "$generated" "$rounds" "$mode" <<'EOF'
import json, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
median = lambda project, column: statistics.median(float(r[column]) for r in rows if r[0] == project)
clean_with, clean_without = median("WithNetworks", 1), median("WithoutNetworks", 1)
edit_with, edit_without = median("WithNetworks", 2), median("WithoutNetworks", 2)
print(json.dumps({"id": "B1", "name": "build-50", "rounds": int(sys.argv[3]), "compiler": sys.argv[4], "generated_lines": int(sys.argv[2]),
                  "clean_s": clean_with, "clean_plain_s": clean_without, "clean_ratio": round(clean_with / clean_without, 2),
                  "edit_s": edit_with, "edit_plain_s": edit_without, "edit_ratio": round(edit_with / edit_without, 2)}))
print(f"\n50 networks: {int(sys.argv[2]):,} generated lines, built with {sys.argv[4]}")
print(f"clean build            {clean_with:6.1f} s against {clean_without:5.1f} s without the networks: {clean_with / clean_without:.1f}x")
print(f"rebuild after an edit  {edit_with:6.1f} s against {edit_without:5.1f} s without the networks: {edit_with / edit_without:.1f}x")
EOF
