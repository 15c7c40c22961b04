#!/usr/bin/env bash
# Runs one of the repository's ctest scripts under `bazel test`.
#   run_ctest_script.sh SCRIPT [ARG...]
# SCRIPT is the runfiles path of a script in @govgraph: Bazel 4's
# $(rootpath) spells it external/govgraph/..., later ones ../govgraph/....
# In the ARGs, @ROOT@ becomes the real source root (the directory the
# runfiles symlink of SCRIPT points into, for scripts that scan the whole
# tree: grep -r skips symlinked files) and @TMP@ becomes $TEST_TMPDIR.
# ctest's skip code 77 becomes a pass that says SKIPPED: Bazel 4 has no
# skipped status.
set -u
script=$1
shift
real=$(readlink -f "$script")
rel=${script#../govgraph/}
rel=${rel#external/govgraph/}
root=${real%/"$rel"}
if [ "$root" = "$real" ] || [ ! -d "$root" ]; then
  echo "run_ctest_script: cannot find the source root from $script" >&2
  exit 2
fi
args=()
for arg in "$@"; do
  arg=${arg//@ROOT@/$root}
  arg=${arg//@TMP@/${TEST_TMPDIR:-/tmp}}
  args+=("$arg")
done
"$real" "${args[@]}"
status=$?
if [ "$status" = 77 ]; then
  echo "SKIPPED (exit 77): $script"
  exit 0
fi
exit "$status"
