# Sourced by .ci/consumer-test: runs a Markdown page as a newcomer would paste it, so the page cannot drift from
# what works. Each fenced block of the page is preceded by an HTML comment (invisible when rendered) that says
# what the test does with it:
#
#   <!-- consumer-test: run -->                  the next block is shell: run it in the project folder (a `cd` in it
#                                                carries over to the next block, as in a terminal); it must succeed
#   <!-- consumer-test: run, fails -->           the same, but it must fail (a build with a documented error)
#   <!-- consumer-test: run in repository -->    the next block runs at the repository's root (packing the package)
#   <!-- consumer-test: file NAME -->            the next block is written to NAME in the project folder; a second
#                                                block for the same NAME is appended ("add to the end of ...")
#   <!-- consumer-test: output -->               every line of the next block must appear in the output of the
#                                                last run (a line of the output may hold more, e.g. a full path)
#   <!-- consumer-test: not run (why) -->        the next block is not run (an alternative, an illustration)
#   <!-- consumer-test: command, fails CMD -->   no block: run CMD as a step (`command CMD` must succeed), for pages
#                                                that show code and its output but not the command (the package README)
#
# A block without a comment fails the test: every block says whether it is checked.
#
# Run blocks run with HOME set to a scratch folder (doc_home), so `~` and `$HOME` in them mean what they mean to a
# user, the user's own home stays untouched, and a path that only works by accident (a `~` NuGet does not expand)
# fails here too; NUGET_PACKAGES, DOTNET_CLI_HOME and NuGet's user configuration stay the machine's, so restore
# sees the same sources and cache as any other build. The block's text is run as written except for:
#   the version 0.1.0 -> a version of this run (NuGet's global cache never serves a package packed earlier),
#   and, with --no-build, `--no-build` added to `dotnet pack` (the CI has just built the solution).

# doc_steps_extract PAGE OUT: writes one file per block to OUT and the list of steps to OUT/steps
# (kind TAB block file or - TAB argument; the argument last, as it may be empty), in the page's order; a block without a comment gets the kind "unmarked".
doc_steps_extract() {
  local page=$1 out=$2
  mkdir -p "$out"
  awk -v out="$out" '
    function step(kind, arg, file) { printf "%s\t%s\t%s\n", kind, (file == "" ? "-" : file), arg > (out "/steps") }
    /^[ \t]*<!-- consumer-test: / {
      marker = $0
      sub(/^[ \t]*<!-- consumer-test: /, "", marker)
      sub(/[ \t]*-->[ \t]*$/, "", marker)
      if (marker ~ /^command, fails /) { step("command-fails", substr(marker, 16), ""); marker = ""; next }
      if (marker ~ /^command /) { step("command", substr(marker, 9), ""); marker = ""; next }
      pending = marker
      next
    }
    !inside && /^```/ {
      inside = 1
      blocks++
      file = sprintf("%s/block-%03d", out, blocks)
      printf "" > file
      if (pending == "") step("unmarked", "line " NR, file)
      else if (pending ~ /^file /) step("file", substr(pending, 6), file)
      else if (pending ~ /^not run/) step("not-run", "", file)
      else if (pending == "run") step("run", "", file)
      else if (pending == "run, fails") step("run-fails", "", file)
      else if (pending == "run in repository") step("run-repository", "", file)
      else if (pending == "output") step("output", "", file)
      else step("unknown", pending, file)
      pending = ""
      next
    }
    inside && /^```/ { inside = 0; close(file); next }
    inside { print > file; next }
    NF > 0 { pending = "" }
  ' "$page"
}

# doc_steps_substitute TEXT: the run block with the substitutions listed above.
doc_steps_substitute() {
  local text=$1
  text=${text//0.1.0/$doc_version}
  if [ -n "$doc_pack_flags" ]; then
    text=${text//dotnet pack /dotnet pack $doc_pack_flags }
  fi
  printf '%s\n' "$text"
}

# doc_steps_run NAME PAGE START_FOLDER: extracts PAGE's blocks and performs them in order, one check per step.
# Needs: doc_home (the HOME of the run blocks), doc_version, doc_pack_flags (may be empty), repository (the
# repository root), work (a scratch folder).
# Leaves doc_folder set to the folder the last run block ended in.
doc_steps_run() {
  local name=$1 page=$2
  doc_folder=$3
  local out="$work/steps-$name" last_output="" written=" " kind arg block status n=0
  doc_steps_extract "$page" "$out"
  check "$name: the page has steps" test -s "$out/steps"
  [ -s "$out/steps" ] || return
  while IFS=$'\t' read -r kind block arg; do
    n=$((n + 1))
    case $kind in
      unmarked)
        check "$name: the block at $arg says what the test does with it (<!-- consumer-test: ... -->)" false ;;
      unknown)
        check "$name: step $n has a known kind (not '$arg')" false ;;
      not-run) ;;
      file)
        if [[ $written == *" $arg "* ]]; then
          cat "$block" >>"$doc_folder/$arg"
        else
          cat "$block" >"$doc_folder/$arg"
          written+="$arg "
        fi
        check "$name: step $n writes $arg" test -s "$doc_folder/$arg" ;;
      run | run-fails | run-repository | command | command-fails)
        local script folder=$doc_folder
        if [ "$kind" = command ] || [ "$kind" = command-fails ]; then script=$arg; else script=$(<"$block"); fi
        [ "$kind" = run-repository ] && folder=$repository
        script=$(doc_steps_substitute "$script")
        echo "  \$ ${script//$'\n'/$'\n'  \$ }"
        (cd "$folder" && HOME=$doc_home bash -e -o pipefail -c "$script"$'\n'"pwd >'$out/folder'") </dev/null >"$out/output-$n" 2>&1
        status=$?
        last_output="$out/output-$n"
        if [ "$kind" = run-fails ] || [ "$kind" = command-fails ]; then
          check "$name: step $n fails, as the page says" test "$status" -ne 0
        else
          [ "$status" -eq 0 ] || tail -n 30 "$last_output"
          check "$name: step $n succeeds" test "$status" -eq 0
        fi
        if [ "$kind" != run-repository ] && [ -s "$out/folder" ]; then doc_folder=$(<"$out/folder"); fi
        rm -f "$out/folder" ;;
      output)
        if [ -z "$last_output" ]; then
          check "$name: the output at step $n follows a run step" false
          continue
        fi
        local line
        while IFS= read -r line; do
          [ -n "$line" ] || continue
          if ! grep -qF -- "$line" "$last_output"; then
            echo "  expected: $line"
            grep -E "error|$(printf '%s' "${line:0:12}" | sed 's/[][\.*^$(){}+?|/]/\\&/g')" "$last_output" | head -n 5 | sed 's/^/  got:      /'
          fi
          check "$name: step $n prints \"${line:0:70}\"" grep -qF -- "$line" "$last_output"
        done <"$block" ;;
    esac
  done <"$out/steps"
}
