import fc from "fast-check";

/** Node names weighted towards the characters and lengths the node-name domain's rules are about. */
export const nodeNames = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom(..."abcXYZ019-_. /:é,\"'$".split("")), { minLength: 1, maxLength: 12 })
      .map((cs) => cs.join("")),
  },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 70 }).map((n) => `n${"a".repeat(n - 1)}`) },
);
