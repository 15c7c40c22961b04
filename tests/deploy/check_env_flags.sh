#!/usr/bin/env bash
# Every GOVGRAPH_<NAME> the deployment sets (rendered overlays: ConfigMap keys
# and container env; deploy/Dockerfile ENV lines) must name a flag --<name> that
# `govgraph-server --helpfull` lists: a misspelt variable is otherwise
# ignored silently. Usage: check_env_flags.sh SOURCE_DIR SERVER_BIN WORK_DIR.
# Exit 77 (skip): no kubectl.
set -u
src=$1 server=$2 work=$3
command -v kubectl >/dev/null || { echo "SKIP: kubectl not found"; exit 77; }
mkdir -p "$work"

# --helpfull exits 1 by absl's convention; an empty list is the failure.
flags=$("$server" --helpfull 2>&1 | sed -n 's/^ *--\([a-z0-9_]*\) (.*/\1/p' | sort -u)
[ -n "$flags" ] || { echo "FAIL: no flags from $server --helpfull"; exit 1; }

status=0
for dir in "$src"/deploy/k8s/overlays/*/; do
  kubectl kustomize "$dir" >"$work/$(basename "$dir").yaml" ||
    { echo "FAIL: kubectl kustomize $dir"; status=1; }
done
names=$({ cat "$work"/*.yaml; grep -E '^ENV ' "$src/deploy/Dockerfile"; } |
  grep -oE 'GOVGRAPH_[A-Z0-9_]+' | sort -u)
[ -n "$names" ] || { echo "FAIL: no GOVGRAPH_ variables found"; exit 1; }
for name in $names; do
  flag=$(echo "${name#GOVGRAPH_}" | tr 'A-Z' 'a-z')
  echo "$flags" | grep -qx -- "$flag" ||
    { echo "FAIL: $name: govgraph-server has no flag --$flag"; status=1; }
done
[ $status = 0 ] && echo "env ok:" $names
exit $status
