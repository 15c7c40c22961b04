#!/usr/bin/env bash
# Runs one of the repository's ctest scripts, or a ctest command, under
# `bazel test`.
#   run_ctest_script.sh SCRIPT [ARG...]
#   run_ctest_script.sh --command FILE COMMAND [ARG...]
# SCRIPT is the runfiles path of a script in @govgraph: Bazel 4's
# $(rootpath) spells it external/govgraph/..., later ones ../govgraph/....
# With --command, COMMAND runs instead (a tool such as yamllint or
# python3, or a script of this workspace) and FILE, any file of @govgraph,
# only locates the source root.
# In the ARGs, @ROOT@ becomes the real source root (the directory the
# runfiles symlink of SCRIPT or FILE points into, for scripts that scan the
# whole tree: grep -r skips symlinked files) and @TMP@ becomes $TEST_TMPDIR.
# ctest's skip code 77 becomes a pass that says SKIPPED: Bazel 4 has no
# skipped status.
set -u
command=
if [ "${1:-}" = --command ]; then
  command=$3
  set -- "$2" "${@:4}"
fi
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
"${command:-$real}" "${args[@]}"
status=$?
if [ "$status" = 77 ]; then
  echo "SKIPPED (exit 77): ${command:-$script}"
  exit 0
fi
exit "$status"
