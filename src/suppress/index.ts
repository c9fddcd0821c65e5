/** Inline suppressions: markers in the post itself that hide findings without showing on the page. */
export { applyInlineSuppressions, type InlineMode, type InlineResult } from "./apply.js";
export { scanMarkers, parseMarkerArgs, type Marker, type MarkerReach, type MarkerScan } from "./markers.js";
export { frontMatterIgnore } from "./front-matter.js";
