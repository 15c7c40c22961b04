#!/usr/bin/env bash
# Checks deploy/Dockerfile without a Docker engine:
#  - multi-stage, the last (runtime) stage FROM debian:bookworm-slim;
#  - every shared library `ldd` finds for the given binaries comes from a
#    Debian package the runtime stage installs (libc6, libgcc-s1, libstdc++6
#    are in the base image already);
#  - the runtime stage installs no -dev package and ends on a non-root USER;
#  - the build stage installs only packages of the Makefile's PACKAGES.
# Usage: check_image_recipe.sh SOURCE_DIR BINARY...
set -u
src=$1; shift
dockerfile=$src/deploy/Dockerfile
status=0
fail() { echo "FAIL: $*"; status=1; }

# The Dockerfile without comments, continuation lines joined, one
# instruction a line, prefixed by its stage number (1 = first FROM).
instructions=$(grep -v '^[[:space:]]*#' "$dockerfile" |
  sed -e ':a' -e '/\\$/{N;s/\\\n/ /;ba' -e '}' |
  awk 'toupper($1) == "FROM" { stage++ } NF && stage { print stage, $0 }')
stages=$(echo "$instructions" | awk 'END { print $1 }')
[ "${stages:-0}" -ge 2 ] || fail "want a multi-stage build, got ${stages:-0} stage(s)"
stage() { echo "$instructions" | awk -v s="$1" '$1 == s { $1 = ""; print substr($0, 2) }'; }

# Package names after `apt-get install` (options and && ... dropped).
installed() {
  stage "$1" | grep -o 'apt-get install[^&;]*' |
    tr ' ' '\n' | grep -v -e '^-' -e '^apt-get$' -e '^install$' -e '^$' | sort -u
}

runtime=$(stage "$stages")
echo "$runtime" | head -1 | grep -Eq '^FROM +debian:bookworm-slim( |$)' ||
  fail "runtime stage must be FROM debian:bookworm-slim"
runtime_pkgs=$(installed "$stages")
[ -n "$runtime_pkgs" ] || fail "runtime stage installs no packages"
dev=$(echo "$runtime_pkgs" | grep -e '-dev$') && fail "runtime stage installs -dev packages:" $dev
user=$(echo "$runtime" | awk 'toupper($1) == "USER" { u = $2 } END { print u }')
case "${user%%:*}" in
  "" | root | 0) fail "runtime stage must end on a non-root USER (got '${user}')" ;;
esac

# Every library of every binary, by owning package. One dpkg -S for all
# (it is slow); with merged /usr a file may be listed under /lib or /usr/lib.
base_pkgs="libc6 libgcc-s1 libstdc++6"
libs=""
for bin in "$@"; do
  [ -x "$bin" ] || { fail "no binary $bin"; continue; }
  ldd "$bin" | grep 'not found' && fail "$bin: libraries not found"
  libs="$libs $(ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')"
done
libs=$(echo $libs | tr ' ' '\n' | sort -u)
# "pkg[:arch]: /usr/lib/x" -> "/lib/x pkg"
owners=$(dpkg -S $libs $(echo "$libs" | sed 's|^|/usr|') 2>/dev/null |
  sed -E 's/^([^:]+)(:[a-z0-9]+)?: (\/usr)?(.*)$/\4 \1/')
for lib in $libs; do
  pkg=$(echo "$owners" | awk -v f="${lib#/usr}" '$1 == f { print $2; exit }')
  [ -n "$pkg" ] || { fail "$lib: no Debian package owns it"; continue; }
  case " $base_pkgs " in *" $pkg "*) continue ;; esac
  echo "$runtime_pkgs" | grep -qx -- "$pkg" ||
    fail "$lib (from $pkg) is loaded by the binaries; the runtime stage does not install $pkg"
done

# The build stage stays a subset of what `make` installs.
makefile_pkgs=$(sed -n '/^PACKAGES :=/,/^$/p' "$src/Makefile" | tr -s ' \\\t' '\n')
for pkg in $(installed 1); do
  echo "$makefile_pkgs" | grep -qx -- "$pkg" ||
    fail "build stage installs $pkg, which the Makefile's PACKAGES lacks"
done

[ $status = 0 ] && echo "image recipe ok: runtime packages cover $# binaries, user $user"
exit $status
