#!/usr/bin/env bash
# Runs the corpus sweep over the 35k shared articles: every one must extract
# without a crash, a hang (30 s per file) or an error. The corpus is taken
# from $GOVGRAPH_CORPUS_DIR, or unpacked once from
# ../shared/corpus/vn-news-2017.tar.xz (beside the repository) into the
# build tree. Exits 77 (ctest: skipped) when neither exists.
set -euo pipefail
sweep=$1
source_dir=$2
build_dir=$3
dir=${GOVGRAPH_CORPUS_DIR:-}
if [ -z "$dir" ]; then
  archive="$source_dir/../shared/corpus/vn-news-2017.tar.xz"
  dir="$build_dir/corpus/vn-news-2017"
  if [ ! -d "$dir" ]; then
    if [ ! -f "$archive" ]; then
      echo "no corpus: set GOVGRAPH_CORPUS_DIR or provide $archive"
      exit 77
    fi
    mkdir -p "$build_dir/corpus"
    tar -xJf "$archive" -C "$build_dir/corpus"
  fi
fi
exec "$sweep" --dir="$dir" --file_timeout_seconds=30
