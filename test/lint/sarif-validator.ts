/**
 * What GitHub code scanning requires of an uploaded SARIF 2.1.0 log, checked field by field (no
 * network in the tests, so no schema download). Returns every problem found, empty when the log
 * is acceptable, so a failing test names exactly what is wrong.
 */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
  const isText = (x: unknown) => typeof x === "string" && x.length > 0;
  const isPos = (x: unknown) => Number.isInteger(x) && (x as number) >= 1;

  if (!isObj(log)) return ["the log is not an object"];
  need(log["$schema"] === "https://json.schemastore.org/sarif-2.1.0.json", "$schema is the SARIF 2.1.0 schema");
  need(log["version"] === "2.1.0", 'version is "2.1.0"');
  const runs = log["runs"];
  if (!Array.isArray(runs) || runs.length !== 1 || !isObj(runs[0])) return [...problems, "runs is an array of one run"];
  const run = runs[0];
  const driver = isObj(run["tool"]) && isObj(run["tool"]["driver"]) ? run["tool"]["driver"] : undefined;
  if (!driver) return [...problems, "runs[0].tool.driver is an object"];
  need(driver["name"] === "bondc", 'driver.name is "bondc"');
  need(isText(driver["version"]), "driver.version is set");
  // The schema's informationUri and helpUri are optional, and absolute URIs (format "uri") when given.
  const absoluteUriOrAbsent = (x: unknown) =>
    x === undefined || (typeof x === "string" && /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(x));
  need(absoluteUriOrAbsent(driver["informationUri"]), "driver.informationUri is absent or an absolute URI");
  const rules = Array.isArray(driver["rules"]) ? driver["rules"] : [];
  need(rules.length > 0, "driver.rules is a non-empty array");
  const ruleIds = new Set<string>();
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!isObj(r)) return need(false, `${at} is an object`);
    need(isText(r["id"]), `${at}.id`);
    need(!ruleIds.has(r["id"] as string), `${at}.id is unique`);
    ruleIds.add(r["id"] as string);
    need(typeof r["name"] === "string" && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(r["name"]), `${at}.name is a slug`);
    for (const key of ["shortDescription", "fullDescription"])
      need(isObj(r[key]) && isText(r[key]["text"]), `${at}.${key}.text`);
    need(
      isObj(r["help"]) && isText(r["help"]["text"]) && isText(r["help"]["markdown"]),
      `${at}.help.text and .markdown`,
    );
    need(absoluteUriOrAbsent(r["helpUri"]), `${at}.helpUri is absent or an absolute URI`);
    const level = isObj(r["defaultConfiguration"]) ? r["defaultConfiguration"]["level"] : undefined;
    need(level === "error" || level === "warning" || level === "note", `${at}.defaultConfiguration.level`);
  });

  const results = Array.isArray(run["results"]) ? run["results"] : undefined;
  if (!results) return [...problems, "runs[0].results is an array"];
  const checkLocation = (loc: unknown, at: string) => {
    const phys = isObj(loc) && isObj(loc["physicalLocation"]) ? loc["physicalLocation"] : undefined;
    if (!phys) return need(false, `${at}.physicalLocation`);
    const art = isObj(phys["artifactLocation"]) ? phys["artifactLocation"] : {};
    const uri = art["uri"];
    need(
      typeof uri === "string" &&
        uri.length > 0 &&
        !uri.startsWith("/") &&
        !uri.includes("\\") &&
        !/^[a-z]+:/i.test(uri),
      `${at} uri is a relative POSIX path (${String(uri)})`,
    );
    need(art["uriBaseId"] === "%SRCROOT%", `${at} uriBaseId is %SRCROOT%`);
    const region = isObj(phys["region"]) ? phys["region"] : {};
    for (const key of ["startLine", "startColumn", "endLine", "endColumn"])
      need(isPos(region[key]), `${at}.region.${key} is a 1-based integer`);
    need((region["endLine"] as number) >= (region["startLine"] as number), `${at}.region ends after it starts`);
  };
  results.forEach((res, i) => {
    const at = `results[${i}]`;
    if (!isObj(res)) return need(false, `${at} is an object`);
    need(typeof res["ruleId"] === "string" && ruleIds.has(res["ruleId"]), `${at}.ruleId names a rule`);
    const index = res["ruleIndex"];
    need(
      Number.isInteger(index) &&
        isObj(rules[index as number]) &&
        (rules[index as number] as Record<string, unknown>)["id"] === res["ruleId"],
      `${at}.ruleIndex points at its rule`,
    );
    need(res["level"] === "error" || res["level"] === "warning" || res["level"] === "note", `${at}.level`);
    need(isObj(res["message"]) && isText(res["message"]["text"]), `${at}.message.text`);
    const locations = Array.isArray(res["locations"]) ? res["locations"] : [];
    need(locations.length === 1, `${at}.locations has one location`);
    checkLocation(locations[0], `${at}.locations[0]`);
    const related = res["relatedLocations"];
    if (related !== undefined) {
      if (!Array.isArray(related)) need(false, `${at}.relatedLocations is an array`);
      else
        related.forEach((r, j) => {
          checkLocation(r, `${at}.relatedLocations[${j}]`);
          need(
            isObj(r) && Number.isInteger(r["id"]) && isObj(r["message"]) && isText(r["message"]["text"]),
            `${at}.relatedLocations[${j}] has an id and a message`,
          );
        });
    }
    const fp = isObj(res["partialFingerprints"]) ? res["partialFingerprints"]["primaryLocationLineHash"] : undefined;
    need(typeof fp === "string" && /^[0-9a-f]{16}:\d+$/.test(fp), `${at}.partialFingerprints.primaryLocationLineHash`);
  });
  const fingerprints = results.map((r) =>
    isObj(r) && isObj(r["partialFingerprints"]) ? r["partialFingerprints"]["primaryLocationLineHash"] : undefined,
  );
  need(new Set(fingerprints).size === fingerprints.length, "fingerprints are unique within the run");
  return problems;
}
