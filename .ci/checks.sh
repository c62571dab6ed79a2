# Sourced by the .ci scripts that run checks of their own: counts them and prints "NAME: N passed, N failed",
# the line .ci/run adds to its total. Set check_name before calling finish.
passed=0
failed=0

# check NAME COMMAND...: runs the command, counts and prints the result.
check() {
  local name=$1
  shift
  if "$@"; then
    echo "  ok    $name"
    passed=$((passed + 1))
  else
    echo "  FAIL  $name"
    failed=$((failed + 1))
  fi
}

# finish: the summary line, then exit non-zero on any failure or when nothing was checked.
finish() {
  echo "$check_name: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}
