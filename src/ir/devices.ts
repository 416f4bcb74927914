/*
 * Device numbers for real-root-dev (major * 256 + minor), from the kernel's
 * Documentation/admin-guide/devices.txt, for the devices a legacy initrd hands off to.
 */

const ideMajors = [3, 3, 22, 22, 33, 33, 34, 34, 56, 56, 57, 57];

export function blockDeviceNumber(device: string): number | undefined {
  const explicit = /^(\d+):(\d+)$/.exec(device);
  if (explicit) return encode(Number(explicit[1]), Number(explicit[2]));
  const ide = /^\/dev\/hd([a-l])(\d*)$/.exec(device);
  if (ide) {
    const unit = ide[1]!.charCodeAt(0) - 97;
    return encode(ideMajors[unit]!, (unit % 2) * 64 + Number(ide[2] || 0), 63, ide[2]);
  }
  const scsi = /^\/dev\/sd([a-p])(\d*)$/.exec(device);
  if (scsi) return encode(8, (scsi[1]!.charCodeAt(0) - 97) * 16 + Number(scsi[2] || 0), 15, scsi[2]);
  const simple = /^\/dev\/(ram|fd|md|loop)(\d+)$/.exec(device);
  if (simple) {
    const major = { ram: 1, fd: 2, md: 9, loop: 7 }[simple[1] as "ram" | "fd" | "md" | "loop"];
    return encode(major, Number(simple[2]));
  }
  return undefined;
}

function encode(major: number, minor: number, maxPartition = 255, partition?: string): number | undefined {
  if (partition !== undefined && partition !== "" && Number(partition) > maxPartition) return undefined;
  if (major > 255 || minor > 255) return undefined;
  return major * 256 + minor;
}

/** The form real-root-dev is written in by hand: 0x0301, 0x00ff. */
export function formatDeviceNumber(n: number): string {
  return `0x${n.toString(16).padStart(4, "0")}`;
}
