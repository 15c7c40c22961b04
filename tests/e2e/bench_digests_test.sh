#!/bin/bash
# The shared benchmark's answers through the real server: generates the
# scale-1 graph with ../shared/bench/gen.py, imports it with govgraph-bench
# (ImportGraph) and checks the digests of a sample of every query type
# against the harness's reference engine. Exits 77 (skipped) when the
# shared benchmark is not beside the repository.
#   bench_digests_test.sh SERVER_BIN BENCH_BIN SHARED_BENCH_DIR WORK_DIR [SAMPLE]
set -euo pipefail
server_bin=$1 bench_bin=$2 shared=$3 work=$4 sample=${5:-40}

if [[ ! -f $shared/gen.py || ! -f $shared/reference/s1/memory.json ]]; then
  echo "SKIP: no shared benchmark at $shared"
  exit 77
fi
data=$work/data-s1
if [[ ! -f $data/queries.json || $shared/gen.py -nt $data/queries.json ]]; then
  rm -rf "$data"
  python3 "$shared/gen.py" --scale 1 --out "$data" > /dev/null
fi

mkdir -p "$work"
db=$work/db
rm -rf "$db" "$work/port"
"$server_bin" --data_dir="$db" --listen=127.0.0.1:0 \
  --port_file="$work/port" --sync_writes=false 2> "$work/server.log" &
server=$!
trap 'kill $server 2> /dev/null; wait $server 2> /dev/null || true' EXIT
for _ in $(seq 100); do
  [[ -s $work/port ]] && break
  sleep 0.1
done
port=$(cat "$work/port")

"$bench_bin" --addr="127.0.0.1:$port" --data="$data" --sample="$sample" \
  --budget_s=120 --out="$work/govgraph-s1.json" \
  --reference="$shared/reference/s1/memory.json"

# The load mode: several clients at once, every call must succeed.
load=$("$bench_bin" --addr="127.0.0.1:$port" --data="$data" --skip-import \
  --clients=3 --duration_s=1 --types=health,Q1,Q6)
echo "$load"
for type in health Q1 Q6; do
  grep -Eq "^$type: [1-9][0-9]* calls, 0 errors" <<< "$load"
done
if "$bench_bin" --addr="127.0.0.1:$port" --data="$data" --skip-import \
  --clients=1 --duration_s=1 --types=Q9 2> /dev/null; then
  echo "an unknown type must fail" >&2
  exit 1
fi
