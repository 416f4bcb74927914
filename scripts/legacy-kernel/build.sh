#!/usr/bin/env bash
# Builds the legacy kernel once per machine and prints the path of its cached bzImage.
#
# Debian's kernels cannot run the seed's mechanism (an image initrd running /linuxrc, the kernel
# mounting an NFS root itself), and Linux 7.0 removed it, so bondc builds one from Debian's own
# `linux-source-6.1`: tinyconfig + kernel.config (next to this script), bzImage only. The result
# goes to bondc's user cache, `${BONDC_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/bondc}/legacy-kernel/
# <key>/bzImage`, where <key> is the sha256 of the source package's version and the fragment, the
# same key src/boot/legacy-kernel.ts computes: a second run, or a fresh clone, is a cache hit.
# Beside it: lib/modules/<release>/modules.builtin (what the kernel has built in), the .config.
#
#   build.sh          build unless cached; print the bzImage's path
#   build.sh --path   only print where the bzImage for today's inputs lives (built or not)
#
# Installs linux-source-6.1 and the build tools through apt-get (sudo when not root) if missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
fragment="$here/kernel.config"
pkg=linux-source-6.1
tools=(flex bison libelf-dev bc libssl-dev make gcc xz-utils)

installed_version() {
  dpkg-query -W -f='${Status} ${Version}' "$1" 2>/dev/null | sed -n 's/^install ok installed //p'
}

cache="${BONDC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bondc}/legacy-kernel"

key_dir() {
  # One line per input, then the fragment's bytes: legacyKernelKey() in src/boot hashes the same.
  local key
  key=$({ printf '%s %s\n' "$pkg" "$1"; cat "$fragment"; } | sha256sum | cut -c1-16)
  printf '%s/%s\n' "$cache" "$key"
}

version=$(installed_version "$pkg")
if [ "${1:-}" = "--path" ]; then
  [ -n "$version" ] || { echo "build.sh: $pkg is not installed" >&2; exit 1; }
  printf '%s/bzImage\n' "$(key_dir "$version")"
  exit 0
fi

if [ -n "$version" ] && [ -f "$(key_dir "$version")/bzImage" ]; then
  printf '%s/bzImage\n' "$(key_dir "$version")"
  exit 0
fi

missing=()
for p in "$pkg" "${tools[@]}"; do
  [ -n "$(installed_version "$p")" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "build.sh: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  version=$(installed_version "$pkg")
fi

dir=$(key_dir "$version")
mkdir -p "$cache"
# Two builds at once (CI and a test, two clones) would both take 15+ minutes: the second waits
# for the first and then finds its result.
exec 9>"$cache/.lock"
flock 9
if [ -f "$dir/bzImage" ]; then
  printf '%s/bzImage\n' "$dir"
  exit 0
fi

work=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
log="$work/build.log"
tarball=/usr/src/linux-source-6.1.tar.xz
[ -f "$tarball" ] || { echo "build.sh: $pkg $version installed no $tarball" >&2; exit 1; }

echo "build.sh: building the legacy kernel from $pkg $version ($(nproc) cores; 4 to 8 minutes on two idle ones)" >&2
start=$SECONDS
tar -xf "$tarball" -C "$work"
src="$work/linux-source-6.1"
export KBUILD_BUILD_USER=bondc KBUILD_BUILD_HOST=bondc
if ! (
  cd "$src"
  make tinyconfig
  scripts/kconfig/merge_config.sh -m .config "$fragment"
  make olddefconfig
) >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "build.sh: configuring the kernel failed (log above)" >&2
  exit 1
fi
# olddefconfig silently drops a setting whose dependencies are unmet: every line of the fragment
# must be in the final .config, or the kernel would lack the legacy path without saying so.
lost=$(grep -E '^(CONFIG_|# CONFIG_)' "$fragment" | grep -vxF -f "$src/.config" || true)
if [ -n "$lost" ]; then
  printf 'build.sh: the final .config lost these fragment lines:\n%s\n' "$lost" >&2
  exit 1
fi
if ! make -C "$src" -j"$(nproc)" bzImage >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "build.sh: make bzImage failed (log above)" >&2
  exit 1
fi
# The kernel has no loadable modules; its modules.builtin says which ones it has built in (bonding),
# so an image builder that reads lib/modules/<release> knows `insmod bonding` needs no .ko.
release=$(make -s -C "$src" kernelrelease)
mkdir -p "$work/out/lib/modules/$release"
cp "$src/modules.builtin" "$work/out/lib/modules/$release/modules.builtin"
cp "$src/arch/x86/boot/bzImage" "$work/out/bzImage"
cp "$src/.config" "$work/out/config"
printf '%s %s\n' "$pkg" "$version" >"$work/out/source"
rm -rf "$dir"
mv "$work/out" "$dir"
echo "build.sh: built in $((SECONDS - start)) s" >&2
printf '%s/bzImage\n' "$dir"
