#!/usr/bin/env bash
# Renders every overlay under deploy/k8s/overlays with `kubectl kustomize` and
# checks each with validate_manifests.js (Kubernetes schemas, offline, and the
# deployment contract). kubernetes-models comes from the npm registry by
# `npm ci` (package-lock.json) into WORK_DIR, once per lockfile.
# Usage: check_manifests.sh SOURCE_DIR WORK_DIR. Exit 77 (skip): no kubectl.
set -u
src=$1 work=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v kubectl >/dev/null || { echo "SKIP: kubectl not found"; exit 77; }
for tool in node npm; do
  command -v $tool >/dev/null || { echo "FAIL: $tool not found (Debian: nodejs npm)"; exit 1; }
done

mkdir -p "$work/npm"
if ! cmp -s "$here/package-lock.json" "$work/npm/package-lock.json" ||
   [ ! -d "$work/npm/node_modules/kubernetes-models" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/npm/" &&
    (cd "$work/npm" && npm ci --no-audit --no-fund --prefer-offline) ||
    { echo "FAIL: npm ci"; rm -f "$work/npm/package-lock.json"; exit 1; }
fi

status=0 count=0
for dir in "$src"/deploy/k8s/overlays/*/; do
  name=$(basename "$dir")
  out="$work/$name.yaml"
  count=$((count + 1))
  if ! kubectl kustomize "$dir" >"$out"; then
    echo "FAIL $name: kubectl kustomize"; status=1; continue
  fi
  NODE_PATH="$work/npm/node_modules" node "$here/validate_manifests.js" "$name" "$out" || status=1
done
[ $count -ge 2 ] || { echo "FAIL: expected the dev and prod overlays, found $count"; status=1; }
exit $status
