import type { Segment } from "../types.js";
import { verbatimMap } from "./offset-map.js";

/** PLACEHOLDER until the HTML extractor lands: the whole page as one text segment. */
export function htmlSegments(raw: string): Segment[] {
  return [{ kind: "text", text: raw, map: verbatimMap(raw, 0) }];
}
