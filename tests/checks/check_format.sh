#!/usr/bin/env bash
# Fails if any tracked C++ file differs from clang-format's Google style.
set -u
clang_format=$1
cd "$2" || exit 2
files=$(find server client tests bench -name '*.cc' -o -name '*.h' | sort)
"$clang_format" --dry-run -Werror $files && echo "format ok: $(echo "$files" | wc -l) files"
