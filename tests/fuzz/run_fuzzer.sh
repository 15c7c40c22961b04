#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz: fuzzes it for a bounded time, or
# replays saved inputs. ctest calls it (tests/fuzz/CMakeLists.txt); call it
# yourself for long local runs, e.g. an hour on two cores:
#   tests/fuzz/run_fuzzer.sh BUILD/bin/request_fuzzer --work /tmp/rf \
#       --seconds 3600 --write_seeds -- -max_len=8192 -detect_leaks=0 -jobs=2
#
#   run_fuzzer.sh TARGET [--work DIR] [--seconds N] [--seeds DIR]
#                 [--write_seeds] [--lexicon_dict DIR] [--replay DIR]
#                 [-- more libFuzzer flags]
#
#   --work          DIR/corpus keeps the corpus between runs, crashes are
#                   saved as DIR/artifacts/crash-*. Default: ./fuzz-work.
#   --seconds       how long to fuzz (-max_total_time). Default: 60.
#   --seeds         a directory of seed inputs (read only); repeatable.
#   --write_seeds   the target writes its own seeds (TARGET --write_seeds
#                   DIR/seeds) and they are used as --seeds.
#   --lexicon_dict  a dictionary with every field of the lexicon files in
#                   DIR (*.txt), made into DIR/lexicons.dict.
#   --replay        run every file of DIR once (and the seeds), no fuzzing:
#                   the regression test.
# Exits 0 if no input failed, else non-zero naming the input (replay one
# with: TARGET FILE).
set -euo pipefail

usage() {
  echo "usage: $0 TARGET [--work DIR] [--seconds N] [--seeds DIR]" \
       "[--write_seeds] [--lexicon_dict DIR] [--replay DIR] [-- flags]" >&2
  exit 2
}
[ $# -ge 1 ] || usage
target=$1
shift
work=$PWD/fuzz-work seconds=60 write_seeds=0 lexicons="" replay=""
seeds=()
while [ $# -gt 0 ]; do
  case $1 in
    --work) work=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --seeds) seeds+=("$2"); shift 2 ;;
    --write_seeds) write_seeds=1; shift ;;
    --lexicon_dict) lexicons=$2; shift 2 ;;
    --replay) replay=$2; shift 2 ;;
    --) shift; break ;;
    *) usage ;;
  esac
done
mkdir -p "$work/corpus" "$work/artifacts"

if [ "$write_seeds" = 1 ]; then
  rm -rf "$work/seeds"
  "$target" --write_seeds "$work/seeds"
  seeds+=("$work/seeds")
fi

flags=(-timeout=30 -rss_limit_mb=2048 -print_final_stats=1
       "-artifact_prefix=$work/artifacts/")
if [ -n "$lexicons" ]; then
  # One entry per lexicon field (bytes as \xNN; libFuzzer takes entries
  # of at most 64 bytes).
  python3 - "$lexicons" > "$work/lexicons.dict" <<'PY'
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
  flags+=("-dict=$work/lexicons.dict")
fi

if [ -n "$replay" ]; then
  inputs=()
  for dir in "$replay" "${seeds[@]}"; do
    for f in "$dir"/*; do
      [ -f "$f" ] && inputs+=("$f")
    done
  done
  if [ ${#inputs[@]} -eq 0 ]; then
    echo "run_fuzzer: nothing to replay in $replay" >&2
    exit 1
  fi
  echo "run_fuzzer: replaying ${#inputs[@]} inputs"
  exec "$target" "${flags[@]}" "$@" "${inputs[@]}"
fi

exec "$target" "${flags[@]}" -max_total_time="$seconds" "$@" \
  "$work/corpus" "${seeds[@]}"
