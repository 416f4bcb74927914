#!/usr/bin/env bash
# Installs what the test suite needs beyond npm packages: shellcheck (for the npm wrapper),
# the six shells of the shell matrix, busybox-static for the sandbox and the initramfs, e2fsprogs
# for bondc build's ext2 initrd (mke2fs -d, debugfs), cpio for the bench's hand-made image floor,
# qemu-system-x86 for the real-kernel boots, ipxe-qemu for the NIC option ROM the network boots
# start from (PXELINUX is fetched into bondc's user cache by the test), nfs-ganesha (+ its VFS
# backend) and rpcbind for the NFS root those boots mount (run only inside a private namespace,
# never on the host's network),
# the shared libraries of Debian's rpcbind and nfs-kernel-server programs, which the cluster boot's
# server VM image takes from the host (the programs come from their packages, unpacked into bondc's
# cache; nothing is installed or started on the host), neovim for the editor test, iproute2 for the shared libraries of the ip the iproute2 examples'
# images hold (the program itself comes from Debian's package, unpacked into bondc's cache);
# Debian's kernel source and its build tools for the legacy kernel; then the npm packages, then the
# legacy kernel itself (scripts/legacy-kernel/build.sh: built once per machine, 4 to 8 minutes on
# two cores, a cache hit in well under a second afterwards).
# Debian/Ubuntu only. Runs apt-get through sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(shellcheck busybox-static e2fsprogs cpio qemu-system-x86 ipxe-qemu nfs-ganesha nfs-ganesha-vfs rpcbind dash bash mksh posh yash neovim iproute2
  libtirpc3 libwrap0 libnsl2 libgssapi-krb5-2 libblkid1 libuuid1 libsystemd0
  linux-source-6.1 flex bison libelf-dev bc libssl-dev make gcc xz-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
npm ci --no-audit --no-fund
scripts/legacy-kernel/build.sh >/dev/null
