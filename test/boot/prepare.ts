/**
 * What every file of QEMU boots does around its tests: says which QEMU it found and fetches the
 * kernel and busybox once (into bondc's cache) before the first boot, and prints the boots'
 * timings at the end, never asserting them.
 */
import { afterAll, beforeAll } from "vitest";
import { fetchBusybox, fetchKernel } from "../../src/image/packages.js";
import { checkQemu } from "../../src/boot/qemu.js";

export function prepareBoots(timings: readonly object[]): void {
  beforeAll(async () => {
    console.log(`[boot] ${await checkQemu()}`);
    const onProgress = (m: string) => console.log(`[boot] ${m}`);
    await fetchKernel({ onProgress });
    await fetchBusybox({ onProgress });
  });

  afterAll(() => {
    if (timings.length) console.table(timings);
  });
}
