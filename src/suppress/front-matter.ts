/**
 * `postguard: { ignore: [...] }` in a post's front matter: rule ids or fingerprints that
 * are hidden in the whole file. Static site generators never render front matter, so the
 * list does not show on the page. YAML (`---`) and TOML (`+++`, Hugo) are read.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";
import type { Marker } from "./markers.js";

// Loaded on first use: only a post whose front matter mentions `postguard` needs it, and a
// pre-commit hook should not pay for the YAML library otherwise.
let yamlLib: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlLib ??= createRequire(import.meta.url)("yaml") as typeof Yaml);

export interface FrontMatterIgnore {
  marker?: Marker;
  warnings: string[];
}

const YAML_BLOCK = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^(?:\uFEFF)?\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

function fromYaml(body: string): FrontMatterIgnore {
  const { isMap, isSeq, LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const doc = parseDocument(body, { lineCounter: lc, prettyErrors: false });
  // A front matter that does not parse is the generator's problem; the body is still scanned.
  if (doc.errors.length || !isMap(doc.contents)) return { warnings: [] };
  const pair = doc.contents.items.find((p) => (p.key as { value?: unknown } | null)?.value === "postguard");
  if (!pair) return { warnings: [] };
  // +1: the block starts on the line after `---`.
  const line = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lc.linePos(range[0]).line + 1 : 2;
  };
  const at = line(pair.key);
  const value = pair.value;
  const ignore = isMap(value) ? value.get("ignore", true) : undefined;
  const list = isSeq(ignore) ? (ignore.toJSON() as unknown[]) : undefined;
  const keys = isMap(value) ? value.items.map((p) => String((p.key as { value?: unknown } | null)?.value)) : [];
  if (!isMap(value) || !list || list.some((x) => typeof x !== "string") || keys.some((k) => k !== "ignore")) {
    return { warnings: [`line ${at}: front matter \`postguard\` must be \`{ ignore: [rule ids or fingerprints] }\`; it hides nothing`] };
  }
  return { marker: { text: "front matter `postguard.ignore`", line: at, only: list as string[] }, warnings: [] };
}

/**
 * The few TOML shapes that hold the list: `postguard = { ignore = [...] }` or a
 * `[postguard]` table with `ignore = [...]`. Strings only, one line.
 */
function fromToml(body: string): FrontMatterIgnore {
  const lines = body.split(/\r?\n/);
  let table = "";
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.trim();
    const header = /^\[([^\]]+)\]$/.exec(text);
    if (header) {
      table = header[1]!.trim();
      continue;
    }
    const inline = /^postguard\s*=\s*\{\s*ignore\s*=\s*\[(.*)\]\s*\}$/.exec(text);
    const inTable = table === "postguard" ? /^ignore\s*=\s*\[(.*)\]$/.exec(text) : null;
    const items = (inline ?? inTable)?.[1];
    if (items === undefined) {
      if (/^postguard\s*=/.test(text) || (table === "postguard" && /^ignore\s*=/.test(text))) {
        return { warnings: [`line ${i + 2}: front matter \`postguard\` must be \`{ ignore = ["rule ids or fingerprints"] }\` on one line; it hides nothing`] };
      }
      continue;
    }
    const only = [...items.matchAll(/"([^"\\]*)"|'([^']*)'/g)].map((m) => (m[1] ?? m[2])!);
    return { marker: { text: "front matter `postguard.ignore`", line: i + 2, only }, warnings: [] };
  }
  return { warnings: [] };
}

/** The front matter's ignore list, if the file starts with front matter that has one. */
export function frontMatterIgnore(raw: string): FrontMatterIgnore {
  if (!raw.includes("postguard")) return { warnings: [] };
  const yaml = YAML_BLOCK.exec(raw);
  if (yaml) return fromYaml(yaml[1]!);
  const toml = TOML_BLOCK.exec(raw);
  if (toml) return fromToml(toml[1]!);
  return { warnings: [] };
}
