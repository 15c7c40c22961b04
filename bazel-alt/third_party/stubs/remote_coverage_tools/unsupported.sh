#!/bin/sh
echo "bazel coverage is not supported by the offline govgraph build" >&2
exit 1
