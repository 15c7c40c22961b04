#!/usr/bin/env bash
# The Bazel build and tests as one CI step (ctest's bazel_alt test):
#   bazel-alt/ci.sh [STATE_DIR]
# runs `bazel build //...` and `bazel test //...` in bazel-alt/, keeping
# Bazel's output root and disk cache under STATE_DIR (default:
# bazel-alt/.ci-state; ctest passes <build dir>/bazel), then stops the
# Bazel server. Env: BAZEL (default: bazel). Exits 77 (ctest: skipped)
# when Bazel is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=${1:-$here/.ci-state}
bazel=${BAZEL:-bazel}
if ! command -v "$bazel" > /dev/null; then
  echo "SKIP: $bazel not found (Debian: apt-get install bazel-bootstrap)"
  exit 77
fi
mkdir -p "$state"
state=$(cd "$state" && pwd)
startup=("--output_user_root=$state/root" "--max_idle_secs=60")
# No bazel-* convenience symlinks in the source tree from CI runs.
opts=("--disk_cache=$state/disk-cache" "--symlink_prefix=/")
cd "$here"
status=0
"$bazel" "${startup[@]}" build "${opts[@]}" //... || status=$?
if [ "$status" = 0 ]; then
  "$bazel" "${startup[@]}" test "${opts[@]}" //... || status=$?
fi
"$bazel" "${startup[@]}" shutdown || true
exit "$status"
