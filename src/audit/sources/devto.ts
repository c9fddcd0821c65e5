/**
 * `--devto USER`: a dev.to (Forem) user's published articles through the Forem API.
 * The list (`/api/articles?username=`) is read page by page until a page comes back
 * empty (servers cap `per_page` as they like); each article becomes a page fetched from
 * `/api/articles/{id}`, whose `body_markdown` — the post as its author wrote it — is
 * scanned as markdown, so lines are lines of the author's source. An article whose
 * `edited_at` has not moved since it was last scanned is `unchanged` without a fetch.
 * https://developers.forem.com/api/v1
 */
import { siteOf, type NewPage } from "../store/audit-store.js";
import { inDomains, isRecent, normalizeUrl, parseDate } from "../url.js";
import { fetchSource, sourceKey, SourceError, type SourceHandler } from "./source.js";

const PER_PAGE = 1000;
export const FOREM_ACCEPT = "application/vnd.forem.api-v1+json, application/json;q=0.9";

interface ForemArticle {
  id?: number;
  url?: string;
  published_at?: string | null;
  edited_at?: string | null;
}

function listUrl(api: string, user: string, page: number): string {
  return `${api.replace(/\/+$/, "")}/articles?${new URLSearchParams({ username: user, page: String(page), per_page: String(PER_PAGE) })}`;
}

export const expandDevto: SourceHandler = async (source, ctx) => {
  const m = /^(.*)#page=(\d+)$/.exec(source.target);
  const user = m ? m[1]! : source.target.replace(/^@/, "");
  const page = m ? Number(m[2]) : 1;
  if (!/^[\w.-]+$/.test(user)) throw new SourceError(`--devto ${source.target}: not a user name`);
  const api = ctx.settings.devtoApi.replace(/\/+$/, "");
  const { body, url } = await fetchSource(ctx, listUrl(api, user, page), FOREM_ACCEPT);
  let list: unknown;
  try {
    list = JSON.parse(body.toString("utf8"));
  } catch {
    throw new SourceError(`${url}: not JSON`);
  }
  if (!Array.isArray(list)) throw new SourceError(`${url}: expected a JSON array of articles`);
  const pages: NewPage[] = [];
  for (const a of list as ForemArticle[]) {
    const u = a.url ? normalizeUrl(a.url) : undefined;
    if (!u || a.id === undefined || !inDomains(u, ctx.settings.domains)) continue;
    const version = a.edited_at ?? a.published_at ?? undefined;
    if (!isRecent(parseDate(version), ctx.settings.since)) continue;
    pages.push({
      url: u,
      site: siteOf(u),
      source: source.key,
      via: "devto",
      fetchUrl: `${api}/articles/${a.id}`,
      ...(version ? { version } : {}),
      ...(a.published_at ? { publishedAt: a.published_at } : {}),
    });
  }
  const next = `${user}#page=${page + 1}`;
  return { pages, ...(list.length ? { sources: [{ key: sourceKey("devto", next), kind: "devto" as const, target: next, parent: source.key }] } : {}) };
};
