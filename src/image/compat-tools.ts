// The two net-tools-era tools no current distribution ships in a form the seed's scripts can call:
// a modutils-style `insmod` that takes a module *name* (kmod's and busybox's insmod take only a
// file path), and `ifenslave` (Debian 12's ifenslave package holds only ifupdown hooks, no
// /sbin/ifenslave; the C ifenslave left the kernel tree in 3.x). Images built for the net-tools
// toolset and the boot harness install them as /sbin/insmod and /sbin/ifenslave.
//
// Both are busybox-sh scripts (replacing busybox's own insmod link, which only takes a file path).
// They are deliberately thin: the real kernel (module loader, bonding driver) does the work and
// produces the real errors; the shims only add what the old tools did in user space (finding the
// .ko; ifenslave's checks and messages). They run under `env -i` (no PATH) like everything /linuxrc
// starts, so they set their own PATH and call busybox by absolute path. The real tools spoke to the
// kernel through ioctls and needed no /sys; these read and write sysfs, and a kernel running
// /linuxrc from an image initrd mounts nothing there, so each mounts sysfs on /sys when it is not
// mounted yet (SYSFS_LINE). Scripts must call them by absolute path too (/sbin/insmod): the
// guest's busybox is stock, and its sh runs its own insmod applet for a bare `insmod`.

/** Mounts sysfs where the stand-ins look for it, unless it is there already. */
const SYSFS_LINE = `[ -d /sys/class/net ] || $bb mount -t sysfs sysfs /sys || exit 1`;

/**
 * `insmod NAME [SYMBOL=VALUE]...` like modutils' insmod: NAME is looked up under /lib/modules
 * ("-" and "_" are the same); a path is used as is. Parameters pass through to the kernel.
 * A module that is built into the kernel (has /sys/module/NAME but no initstate) counts as loaded;
 * when /sys is not mounted the script mounts it for the look and unmounts it again.
 */
export const INSMOD_SHIM = `#!/bin/sh
# insmod (bondc, src/image/compat-tools.ts): modutils-style "insmod NAME [SYMBOL=VALUE]..."
PATH=/sbin:/bin:/usr/sbin:/usr/bin
bb=/bin/busybox
${SYSFS_LINE}
if [ $# -lt 1 ]; then
  echo "Usage: insmod module [symbol=value ...]" >&2
  exit 1
fi
name=$1
shift
case $name in
  */*) file=$name ;;
  *)
    base=\${name%.ko}
    base=\${base%.o}
    key=$(echo "$base" | $bb tr - _)
    alt=$(echo "$key" | $bb tr _ -)
    file=$($bb find /lib/modules -name "$key.ko" -o -name "$alt.ko" 2>/dev/null | $bb head -n 1)
    if [ -z "$file" ]; then
      # A /linuxrc mounts no sysfs (the seed's mounts only /proc): look through a mount of our own.
      own_sysfs=
      if [ ! -d /sys/module ] && $bb mount -t sysfs sysfs /sys 2>/dev/null; then
        own_sysfs=1
      fi
      builtin=
      if [ -d "/sys/module/$key" ] && [ ! -e "/sys/module/$key/initstate" ]; then
        builtin=1
      fi
      if [ -n "$own_sysfs" ]; then
        $bb umount /sys
      fi
      if [ -n "$builtin" ]; then
        # Built into the kernel: nothing to load, and parameters can no longer be set.
        if [ $# -gt 0 ]; then
          echo "insmod: $key is built into the kernel; ignoring $*" >&2
        fi
        exit 0
      fi
      echo "insmod: $name: no module by that name found" >&2
      exit 1
    fi
    ;;
esac
# The real loader: busybox's insmod, which takes the file.
exec $bb insmod "$file" "$@"
`;

/**
 * `ifenslave [-f] MASTER SLAVE...`, `ifenslave -d MASTER SLAVE...`, `ifenslave -c MASTER SLAVE`,
 * modelled on ifenslave.c 1.1.0 (the last userspace ifenslave, from the kernel's
 * Documentation/networking): same refusals (master not a bond, master down, slave missing or
 * already a slave) with its messages, and like it, it takes an up slave down before enslaving
 * (bonding refuses up slaves with EPERM since 2.6.x; ifenslave ≥1.1 downs them itself).
 * Enslaving goes through sysfs (`+eth0` into bonding/slaves, with a sysfs mount of its own when
 * nothing mounted one); when the kernel refuses, the bonding driver's own reason is copied from
 * the kernel log. Slaves listed in `faultFile` (the boot harness's refuseEnslave fault, one NIC a
 * line) are refused without asking the kernel; an image bondc build writes has no such lines.
 */
export function ifenslaveScript(faultFile?: string): string {
  const fault = faultFile
    ? `      if $bb grep -qx "$slave" ${faultFile} 2>/dev/null; then
        echo "Master '$master', Slave '$slave': Error: Enslave failed: refused (boot scenario fault refuseEnslave)" >&2
        rc=1
        continue
      fi
`
    : "";
  return `#!/bin/sh
# ifenslave (bondc, src/image/compat-tools.ts): enslaves through /sys/class/net/MASTER/bonding/slaves
PATH=/sbin:/bin:/usr/sbin:/usr/bin
bb=/bin/busybox
${SYSFS_LINE}
usage() {
  echo "Usage: ifenslave [-f] <master-if> <slave-if> [<slave-if>...]" >&2
  echo "       ifenslave -d   <master-if> <slave-if> [<slave-if>...]" >&2
  echo "       ifenslave -c   <master-if> <slave-if>" >&2
  exit 2
}
op=enslave
while [ $# -gt 0 ]; do
  case $1 in
    -d|--detach) op=detach; shift ;;
    -c|--change-active) op=change; shift ;;
    -f|--force) shift ;;
    -h|--help|-u|--usage) usage ;;
    -v|--version) echo "ifenslave.c:v1.1.0 (bondc, over sysfs)"; exit 0 ;;
    -*) echo "ifenslave: unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || usage
master=$1
shift
[ "$op" = change ] && [ $# -ne 1 ] && usage
# A /linuxrc mounts no sysfs (the seed's mounts only /proc): use a mount of our own, and leave
# /sys as we found it.
if [ ! -d /sys/class/net ] && $bb mount -t sysfs sysfs /sys 2>/dev/null; then
  trap '$bb umount /sys' EXIT
fi
sys=/sys/class/net/$master
if [ ! -d "$sys/bonding" ]; then
  echo "Master '$master': Error: handshake with driver failed. Aborting" >&2
  exit 1
fi
flags=$($bb cat "$sys/flags")
if [ $((flags & 1)) -eq 0 ]; then
  echo "Illegal operation; the specified master interface '$master' is not up." >&2
  exit 1
fi
# The bonding driver's latest complaint about MASTER, for error messages.
kernel_says() {
  $bb dmesg 2>/dev/null | $bb grep "$master" | $bb tail -n 1 | $bb sed 's/^\\[[^]]*\\] *//'
}
write_sysfs() {
  if err=$( { echo "$2" > "$1"; } 2>&1 ); then
    return 0
  fi
  why=$(kernel_says)
  echo "Master '$master', Slave '$3': Error: $4 failed: \${why:-$err}" >&2
  return 1
}
rc=0
for slave in "$@"; do
  if [ ! -d "/sys/class/net/$slave" ]; then
    echo "Slave '$slave': Error: get flags failed. Aborting" >&2
    rc=1
    continue
  fi
  case $op in
    enslave)
      if [ -e "/sys/class/net/$slave/master" ]; then
        echo "Illegal operation: The specified slave interface '$slave' is already a slave" >&2
        rc=1
        continue
      fi
${fault}      sflags=$($bb cat "/sys/class/net/$slave/flags")
      if [ $((sflags & 1)) -ne 0 ]; then
        $bb ip link set dev "$slave" down || { rc=1; continue; }
      fi
      write_sysfs "$sys/bonding/slaves" "+$slave" "$slave" Enslave || rc=1
      ;;
    detach)
      write_sysfs "$sys/bonding/slaves" "-$slave" "$slave" Release || rc=1
      ;;
    change)
      write_sysfs "$sys/bonding/active_slave" "$slave" "$slave" "Change active" || rc=1
      ;;
  esac
done
exit $rc
`;
}
