#!/usr/bin/env bash
# Regenerates onnx.proto3 and Onnx.cs in this folder (both committed, so a build needs neither Python nor protoc).
#
# onnx.proto3 is ONNX's own schema (Apache-2.0, its SPDX line kept), made the way ONNX makes it: ONNX's gen_proto.py
# translates onnx.in.proto to proto3 (without the ONNX-ML parts). Both come with Debian's python3-onnx
# (`apt-get install python3-onnx`). One line is added: the C# namespace. protoc is the one in the NuGet package
# Google.Protobuf.Tools, at the version of the Google.Protobuf runtime the project references (Directory.Packages.props);
# restore the project first so the package is in the NuGet cache. The generated classes are internal.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version=3.36.2
protoc="${NUGET_PACKAGES:-$HOME/.nuget/packages}/google.protobuf.tools/$version/tools/linux_x64/protoc"
[ -x "$protoc" ] || { echo "protoc not found at $protoc: restore src/Onnx first (Google.Protobuf.Tools $version)" >&2; exit 1; }

/usr/bin/python3 - "$here/onnx.proto3" <<'PY'
import os, sys
import onnx
from onnx import gen_proto
source = os.path.join(os.path.dirname(onnx.__file__), "onnx.in.proto")
with open(source) as f:
    text = gen_proto.translate(f.read(), proto=3, onnx_ml=False, package_name="onnx")
marker = "package onnx;\n"
assert marker in text, "onnx.in.proto no longer declares 'package onnx;'"
text = text.replace(marker, marker + '\n// Added by DslNet (src/Onnx/Protobuf/regenerate.sh): the generated C# classes\' namespace.\noption csharp_namespace = "DslNet.Onnx.Protobuf";\n', 1)
with open(sys.argv[1], "w", newline="") as f:
    f.write(gen_proto.autogen_header + text)
print("onnx", onnx.__version__, "->", sys.argv[1])
PY

"$protoc" --proto_path="$here" --csharp_out="$here" --csharp_opt=internal_access,file_extension=.cs "$here/onnx.proto3"
echo "wrote $here/Onnx.cs"
