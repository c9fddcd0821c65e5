// Line-based scoring of SARIF findings against labels: the same rules as
// ../shared/bench/score.mjs (which scores corpus-dev), as a function so tests can use it.
//
// - a finding counts on the first line of its SARIF region; findings are de-duplicated per (file, line)
// - a finding line inside a "secret" label's [line, endLine] is a true positive
// - a finding line inside an "either" label is ignored
// - every other finding line is a false positive (attributed to the decoy type on that line)
// recall = secret labels hit / all secret labels; precision = true lines / scored lines
import path from "node:path";

/**
 * @param {{labels: object[], sarif: object, root: string, base: string}} input
 *   labels: rows of labels.jsonl; root: the corpus folder label paths are relative to;
 *   base: the folder relative SARIF URIs resolve against.
 */
export function scoreSarif({ labels: rawLabels, sarif, root, base }) {
  const absRoot = path.resolve(root);
  const norm = (p, from) => {
    let s = decodeURIComponent(String(p).replace(/^file:\/\//, ""));
    s = path.relative(absRoot, path.resolve(from, s));
    return s.split(path.sep).join("/").replace(/^\.\//, "");
  };
  const labels = rawLabels.map((l) => ({ ...l, file: norm(l.file, absRoot), endLine: l.endLine ?? l.line }));
  const byFile = new Map();
  for (const l of labels) {
    if (!byFile.has(l.file)) byFile.set(l.file, []);
    byFile.get(l.file).push(l);
  }
  const runs = sarif.runs ?? [];
  const baseUris = {};
  for (const run of runs) Object.assign(baseUris, run.originalUriBaseIds ?? {});
  const findingLines = new Map();
  for (const run of runs) {
    for (const res of run.results ?? []) {
      for (const loc of res.locations ?? []) {
        const pl = loc.physicalLocation;
        if (!pl?.artifactLocation?.uri) continue;
        let uri = pl.artifactLocation.uri;
        const uriBase = pl.artifactLocation.uriBaseId && baseUris[pl.artifactLocation.uriBaseId]?.uri;
        if (uriBase && !/^[a-z]+:\/\//i.test(uri) && !path.isAbsolute(uri)) uri = path.join(decodeURIComponent(uriBase.replace(/^file:\/\//, "")), uri);
        const key = `${norm(uri, path.resolve(base))}\0${pl.region?.startLine ?? 1}`;
        if (!findingLines.has(key)) findingLines.set(key, new Set());
        findingLines.get(key).add(res.ruleId ?? "?");
      }
    }
  }
  let tp = 0;
  let fp = 0;
  let ignored = 0;
  const hit = new Set();
  const falsePositives = [];
  for (const [key, rules] of findingLines) {
    const [file, lineStr] = key.split("\0");
    const line = Number(lineStr);
    const here = (byFile.get(file) ?? []).filter((l) => l.line <= line && line <= l.endLine);
    const secrets = here.filter((l) => l.label === "secret");
    if (secrets.length) {
      tp++;
      for (const s of secrets) hit.add(s);
    } else if (here.some((l) => l.label === "either")) ignored++;
    else {
      fp++;
      falsePositives.push({ file, line, type: here.find((l) => l.label === "decoy")?.type ?? "unlabeled", rules: [...rules] });
    }
  }
  const secretLabels = labels.filter((l) => l.label === "secret");
  const recallByType = {};
  for (const s of secretLabels) {
    const t = (recallByType[s.type] ??= { total: 0, found: 0 });
    t.total++;
    if (hit.has(s)) t.found++;
  }
  const falsePositivesByType = {};
  for (const f of falsePositives) falsePositivesByType[f.type] = (falsePositivesByType[f.type] ?? 0) + 1;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = secretLabels.length ? hit.size / secretLabels.length : 0;
  return {
    precision,
    recall,
    truePositiveLines: tp,
    falsePositiveLines: fp,
    ignoredLines: ignored,
    secrets: secretLabels.length,
    secretsFound: hit.size,
    recallByType,
    falsePositivesByType,
    missed: secretLabels.filter((s) => !hit.has(s)).map(({ file, line, type }) => ({ file, line, type })),
    falsePositives,
  };
}
