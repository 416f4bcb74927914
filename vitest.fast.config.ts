import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run test:fast`, for the edit loop: the whole suite but the tests that need a QEMU boot (and
// the kernel and busybox it downloads), the namespaced chroot sandbox, the shell matrix, or Neovim.
// `npm test` (and CI) runs everything.
const needsMoreThanNode = [
  "test/boot/boot.test.ts", // QEMU
  "test/boot/examples.test.ts", // QEMU
  "test/boot/cli.test.ts", // `bondc boot`: QEMU
  "test/boot/initramfs.test.ts", // Debian's kernel and busybox, and a QEMU boot
  "test/boot/boot-init.test.ts", // QEMU and the NFS server's namespace
  "test/boot/initramfs-examples.test.ts", // QEMU to the NFS root
  "test/boot/netboot.test.ts", // QEMU network boots to the NFS root
  "test/boot/legacy.test.ts", // the legacy kernel (built by scripts/legacy-kernel), QEMU to the NFS root
  "test/boot/seed-orderings-legacy.test.ts", // the legacy kernel and QEMU, a sample of the seed's orderings
  "test/boot/seed-orderings-initramfs.test.ts", // QEMU to the NFS root, a sample of the seed's orderings
  "test/boot/cluster.test.ts", // three QEMU guests: the server VM with nfsd and its clients
  "test/sandbox/**", // the chroot sandbox
  "test/behaviour/**", // the sandbox, under the six shells of the matrix
  "test/lsp/neovim.test.ts", // Neovim
];

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [...configDefaults.exclude, ...needsMoreThanNode],
    },
  }),
);
