import type { Segment } from "../types.js";
import { verbatimMap } from "./offset-map.js";

/** PLACEHOLDER until the markdown extractor lands: the whole file as one text segment. */
export function markdownSegments(raw: string, _opts: { mdx: boolean }): Segment[] {
  return [{ kind: "text", text: raw, map: verbatimMap(raw, 0) }];
}
