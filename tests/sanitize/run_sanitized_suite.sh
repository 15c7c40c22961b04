#!/usr/bin/env bash
# Configures, builds and tests a sanitized sub-build of this repository;
# ctest's asan_ubsan_suite and tsan_concurrency tests (tests/sanitize), and
# `make sanitize`, run it.
#   run_sanitized_suite.sh asan SOURCE_DIR BUILD_DIR
#       clang, -fsanitize=address,undefined (+ libFuzzer coverage), every
#       target the tests need, then the whole ctest suite except the labels
#       below, two at a time.
#   run_sanitized_suite.sh tsan SOURCE_DIR BUILD_DIR
#       clang, -fsanitize=thread, only govgraph_concurrency_test, run once.
# Exits non-zero, naming the failed inner tests, when any of them fails.
# Env: GOVGRAPH_SANITIZE_LONG=1 for the longer local mode (the concurrency
# test runs for minutes instead of seconds; the fuzzers longer);
# CTEST_PARALLEL (default 2); CCACHE_DIR is honoured when ccache exists.
set -euo pipefail

mode=${1:?usage: $0 asan|tsan SOURCE_DIR BUILD_DIR}
src=$(cd "${2:?source dir}" && pwd)
build=${3:?build dir}
here=$(cd "$(dirname "$0")" && pwd)
jobs=${CTEST_PARALLEL:-2}

# Labels left out of the ASan run: they check text, manifests or another
# build (bazel, deploy, docs, checks), would recurse (sanitize), or only
# repeat python_client's RPCs through other languages after an npm install
# (examples). The soak judges the release server's memory, which ASan's
# quarantine makes grow by design.
asan_skip_labels='^(bazel|checks|deploy|docs|examples|sanitize)$'
asan_skip_tests='^SoakE2eTest\.'

cxx=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$cxx" ]; then
  echo "SKIP: clang++ not found (Debian: clang libclang-rt-14-dev)"
  exit 77
fi

configure_args=(-S "$src" -B "$build" -G Ninja
  -DCMAKE_CXX_COMPILER="$cxx"
  # -O1: ASan's own recommendation (inlining keeps the instrumented code
  # fast) at a fraction of -O2's compile time; line tables are all a stack
  # trace needs and keep objects small. Debug keeps assert() on.
  -DCMAKE_BUILD_TYPE=Debug
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only"
  -DGOVGRAPH_BUILD_BENCHMARKS=OFF)
if command -v ccache > /dev/null; then
  configure_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$src}
fi

case "$mode" in
  asan)
    configure_args+=(-DGOVGRAPH_SANITIZE=address,undefined -DGOVGRAPH_FUZZ=ON)
    targets=(all)
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_init_order=1:detect_stack_use_after_return=0"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
    export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
    # The corpus the enclosing build unpacked, if it did (run_sweep.sh).
    corpus="$(dirname "$build")/corpus/vn-news-2017"
    if [ -z "${GOVGRAPH_CORPUS_DIR:-}" ] && [ -d "$corpus" ]; then
      export GOVGRAPH_CORPUS_DIR=$corpus
    fi
    ;;
  tsan)
    configure_args+=(-DGOVGRAPH_SANITIZE=thread)
    targets=(govgraph_concurrency_test)
    # ignore_noninstrumented_modules: memcpy and the like called from
    # Debian's uninstrumented libraries are not checked (tsan.supp says why).
    export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:suppressions=$here/tsan.supp"
    ;;
  *)
    echo "unknown mode $mode (asan or tsan)" >&2
    exit 2
    ;;
esac

# Seconds of mixed load in govgraph_concurrency_test (its default: 3).
if [ "${GOVGRAPH_SANITIZE_LONG:-0}" = 1 ]; then
  export GOVGRAPH_CONCURRENCY_SECONDS=${GOVGRAPH_CONCURRENCY_SECONDS:-300}
elif [ "$mode" = tsan ]; then
  export GOVGRAPH_CONCURRENCY_SECONDS=${GOVGRAPH_CONCURRENCY_SECONDS:-30}
fi

start=$SECONDS
mkdir -p "$build"
cmake "${configure_args[@]}" > "$build/configure.log" 2>&1 ||
  { cat "$build/configure.log"; exit 1; }
nice -n 10 cmake --build "$build" -j "$jobs" --target "${targets[@]}"
echo "== $mode build: $((SECONDS - start)) s"

start=$SECONDS
status=0
if [ "$mode" = asan ]; then
  ctest --test-dir "$build" -j "$jobs" --output-on-failure \
    -LE "$asan_skip_labels" -E "$asan_skip_tests" || status=$?
else
  "$build/bin/govgraph_concurrency_test" || status=$?
fi
echo "== $mode tests: $((SECONDS - start)) s"
if [ "$status" -ne 0 ] && [ "$mode" = asan ]; then
  echo "== failed under ASan/UBSan:"
  sed 's/^[0-9]*:/  /' "$build/Testing/Temporary/LastTestsFailed.log" || true
fi
exit "$status"
