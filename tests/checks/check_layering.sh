#!/usr/bin/env bash
# Fails if a core library (common, auth, extract, storage, query, ingest) includes
# gRPC or the API protos, or if anything but storage/ includes RocksDB.
set -u
root=$1
cd "$root/server" || exit 2
status=0
core=$(ls -d common auth extract storage query ingest 2>/dev/null)
if grep -rln --include='*.h' --include='*.cc' -E 'grpcpp|grpc\+\+|govgraph/v1/' $core; then
  echo "core libraries above must not include gRPC or govgraph/v1 API headers"
  status=1
fi
if grep -rln --include='*.h' --include='*.cc' '#include "rocksdb/' . | grep -v '^./storage/rocksdb_'; then
  echo "only server/storage/rocksdb_* may include RocksDB"
  status=1
fi
# The CLI's export formats are plain writers of API messages: no gRPC.
if grep -rln --include='*.h' --include='*.cc' -E 'grpcpp|grpc\+\+|\.grpc\.pb\.h' \
    ../client/export; then
  echo "client/export must not include gRPC"
  status=1
fi
[ $status = 0 ] && echo "layering ok"
exit $status
