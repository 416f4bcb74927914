/*
 * The one table of value domains: every kind of value that reaches the kernel, the shell or a
 * boot entry, with the consumer's own rules. docs/domains.md is generated from it
 * (src/tools/gen-domains-doc.ts), and test/property/domains.*.test.ts generate values from it.
 */
import { bpbatchString, grubWord, ipxeWord, pxelinuxField } from "./boot-loaders.js";
import type { Domain } from "./domain.js";
import { imagePath } from "./image.js";
import { nodeName } from "./inventory.js";
import {
  interfaceName,
  kernelCommandLineToken,
  moduleName,
  moduleParameterName,
  moduleParameterValue,
  vlanId,
} from "./kernel.js";
import { nfsOptions, nfsPath, nfsServer } from "./nfs.js";

export { violation, violations, type Domain, type DomainRule, type LiteralDomain, type Violation } from "./domain.js";
export {
  bpbatchString,
  grubWord,
  imagePath,
  interfaceName,
  ipxeWord,
  kernelCommandLineToken,
  moduleName,
  moduleParameterName,
  moduleParameterValue,
  nfsOptions,
  nfsPath,
  nfsServer,
  nodeName,
  pxelinuxField,
  vlanId,
};

export const domains: readonly Domain[] = [
  interfaceName,
  moduleName,
  moduleParameterName,
  moduleParameterValue,
  vlanId,
  nfsServer,
  nfsPath,
  nodeName,
  nfsOptions,
  kernelCommandLineToken,
  pxelinuxField,
  ipxeWord,
  grubWord,
  bpbatchString,
  imagePath,
];
