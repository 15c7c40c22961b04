#!/usr/bin/env bash
# Builds tests/extract/fuzz/extractor_fuzzer.cc with clang (libFuzzer, ASan,
# UBSan) and fuzzes Extractor::Extract for a bounded time.
#
#   tests/extract/fuzz/run_fuzzer.sh [--seconds N] [--build_dir DIR]
#                                    [-- more libFuzzer flags]
#
#   --seconds    how long to fuzz (-max_total_time). Default: 60.
#   --build_dir  where to build, keep the growing corpus (DIR/corpus) and
#                save failing inputs (DIR/artifacts). Default: build-fuzz
#                at the repository root.
# Env CXX picks the compiler (default clang++). Seeds come from seeds/ (read
# only); the dictionary is made from server/extract/lexicons/*.txt. Exits 0
# if no input failed, non-zero otherwise, naming the saved input. Replay
# one with: DIR/extractor_fuzzer DIR/artifacts/crash-...
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
seconds=60
build_dir=$root/build-fuzz
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --build_dir) build_dir=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "usage: $0 [--seconds N] [--build_dir DIR] [-- libFuzzer flags]" >&2
       exit 2 ;;
  esac
done
cxx=${CXX:-clang++}
if ! command -v "$cxx" >/dev/null; then
  echo "run_fuzzer: $cxx not found (Debian: apt-get install clang)" >&2
  exit 2
fi

cmake -S "$here/standalone" -B "$build_dir" -G Ninja \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE= >/dev/null
ninja -C "$build_dir" extractor_fuzzer
mkdir -p "$build_dir/corpus" "$build_dir/artifacts"

# One dictionary entry per lexicon field (bytes as \xNN; libFuzzer takes
# entries of at most 64 bytes).
python3 - "$root/server/extract/lexicons" >"$build_dir/lexicons.dict" <<'PY'
import glob, sys
seen = set()
for path in sorted(glob.glob(sys.argv[1] + "/*.txt")):
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        for field in line.split("|"):
            data = field.strip().encode("utf-8")
            if data and len(data) <= 64 and data not in seen:
                seen.add(data)
                print('"%s"' % "".join("\\x%02x" % b for b in data))
PY

exec "$build_dir/extractor_fuzzer" -max_total_time="$seconds" \
  -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict="$build_dir/lexicons.dict" -artifact_prefix="$build_dir/artifacts/" \
  "$@" "$build_dir/corpus" "$here/seeds"
