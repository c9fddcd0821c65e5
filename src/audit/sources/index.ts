/** Every kind of source and the handler that expands it. */
import type { SourceKind } from "../store/audit-store.js";
import { expandDevto } from "./devto.js";
import { expandFeed } from "./feed.js";
import { expandGithubOrg, expandGithubRepo } from "./github.js";
import { expandSitemap } from "./sitemap.js";
import type { SourceHandler } from "./source.js";
import { expandUrlList } from "./url-list.js";
import { expandWarc } from "./warc.js";
import { expandWordpress } from "./wordpress.js";

export const HANDLERS: Record<SourceKind, SourceHandler> = {
  urls: expandUrlList,
  sitemap: expandSitemap,
  feed: expandFeed,
  wordpress: expandWordpress,
  devto: expandDevto,
  "github-org": expandGithubOrg,
  "github-repo": expandGithubRepo,
  warc: expandWarc,
};

export { sourceKey, SourceError, type AuditContext, type SourceSettings } from "./source.js";
export { FOREM_ACCEPT } from "./devto.js";
