#!/usr/bin/env bash
# Fails unless every CMake target has a Bazel twin of the same name and
# kind in this workspace, naming each one that does not.
#   bazel-alt/check_twins.sh          (from anywhere)
# Env: BAZEL (default: bazel); BAZEL_OUTPUT_USER_ROOT, if set, is Bazel's
# output root, whose server then exits after a minute idle (CI). Exits 77
# (ctest: skipped) when Bazel is not installed.
#
# CMake side: every CMakeLists.txt of the repository (git's tracked and
# untracked-but-not-ignored files, else find), these commands:
#   add_library(NAME ...)     -> cc_library
#   add_executable(NAME ...)  -> cc_binary
#   govgraph_test(NAME ...)   -> cc_test         (tests/CMakeLists.txt)
#   govgraph_fuzzer(NAME ...) -> cc_binary       (tests/fuzz/CMakeLists.txt)
#   add_test(NAME name ...)   -> sh_test or cc_test
# Bazel side: `bazel query //...` (manual targets included).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bazel=${BAZEL:-bazel}

# CMake targets deliberately without a twin, each with its reason.
declare -A excluded=(
  # The libFuzzer targets of tests/fuzz (govgraph_fuzzer also adds their
  # two tests): CMake builds them only in a clang build with
  # GOVGRAPH_FUZZ=ON (libFuzzer, usually with ASan and UBSan), which this
  # Bazel build is not; ctest runs them in that sanitized tree.
  [request_fuzzer]=1
  [key_decoder_fuzzer]=1
  [extractor_fuzzer]=1
  # The ctest entries of this Bazel build itself (tests/bazel).
  [bazel_twins]=1
  [bazel_alt]=1
  # Sanitized CMake sub-builds of the whole tree with clang
  # (tests/sanitize/run_sanitized_suite.sh): their subject is the CMake
  # build itself; the tests they run have twins of their own.
  [asan_ubsan_suite]=1
  [tsan_concurrency]=1
)

if ! command -v "$bazel" > /dev/null; then
  echo "SKIP: $bazel not found (Debian: apt-get install bazel-bootstrap)"
  exit 77
fi

cmake_files() {
  if git -C "$root" rev-parse --git-dir > /dev/null 2>&1; then
    git -C "$root" ls-files --cached --others --exclude-standard \
      -- 'CMakeLists.txt' '*/CMakeLists.txt' | sed "s|^|$root/|"
  else
    find "$root" -name CMakeLists.txt -not -path "$root/build*" \
      -not -path "$root/bazel-alt/*"
  fi
}

# "name kind" for every CMake target.
cmake_targets() {
  local f
  cmake_files | sort -u | while read -r f; do
    [ -f "$f" ] || continue
    sed -nE \
      -e 's/^[[:space:]]*add_library\([[:space:]]*([A-Za-z0-9_.+-]+).*/\1 cc_library/p' \
      -e 's/^[[:space:]]*add_executable\([[:space:]]*([A-Za-z0-9_.+-]+).*/\1 cc_binary/p' \
      -e 's/^[[:space:]]*govgraph_test\([[:space:]]*([A-Za-z0-9_.+-]+).*/\1 cc_test/p' \
      -e 's/^[[:space:]]*govgraph_fuzzer\([[:space:]]*([A-Za-z0-9_.+-]+).*/\1 cc_binary/p' \
      -e 's/^[[:space:]]*add_test\([[:space:]]*NAME[[:space:]]+([A-Za-z0-9_.+-]+).*/\1 test/p' \
      "$f"
  done
}

# "name kind" for every Bazel target of those kinds.
bazel_targets() {
  local startup=()
  if [ -n "${BAZEL_OUTPUT_USER_ROOT:-}" ]; then
    startup+=("--output_user_root=$BAZEL_OUTPUT_USER_ROOT" "--max_idle_secs=60")
  fi
  (cd "$here" && "$bazel" "${startup[@]}" query --noshow_progress \
    'kind("cc_library|cc_binary|cc_test|sh_test", //...)' --output=label_kind) |
    sed -nE 's/^([a-z_]+) rule [^:]*:(.*)$/\2 \1/p'
}

declare -A twin_kinds=()
bazel_list=$(bazel_targets)
while read -r name kind; do
  [ -n "$name" ] && twin_kinds[$name]+=" $kind"
done <<< "$bazel_list"

checked=0 missing=0
while read -r name kind; do
  [ -n "$name" ] || continue
  if [ -n "${excluded[$name]:-}" ]; then
    continue
  fi
  checked=$((checked + 1))
  have=${twin_kinds[$name]:-}
  if [ -z "$have" ]; then
    echo "MISSING: CMake target $name ($kind) has no Bazel twin in bazel-alt/"
    missing=$((missing + 1))
    continue
  fi
  case "$kind:$have" in
    test:*sh_test* | test:*cc_test* | cc_library:*cc_library* | \
    cc_binary:*cc_binary* | cc_test:*cc_test*) ;;
    *)
      echo "WRONG KIND: CMake target $name wants a Bazel $kind, found$have"
      missing=$((missing + 1))
      ;;
  esac
done < <(cmake_targets | sort -u)

if [ "$missing" -gt 0 ]; then
  echo "check_twins: $missing of $checked CMake targets lack a Bazel twin"
  exit 1
fi
echo "check_twins: all $checked CMake targets have a Bazel twin"
