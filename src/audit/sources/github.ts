/**
 * `--github-org ORG` / `--github-repo OWNER/REPO` through octokit: the markdown, MDX and
 * HTML files of each repository's default branch, read from one tarball per repository
 * (not one API call per file). Forks are left out of an organisation (their content is
 * someone else's). A repository whose branch head has not moved since the last audit is
 * not downloaded again: its pages carry over as unchanged.
 *
 * Rate limits: octokit's throttling plugin waits out primary and secondary limits
 * (`x-ratelimit-reset`, `retry-after`) up to --retries times, never longer than
 * --max-retry-after; its retry plugin retries server errors. GITHUB_TOKEN (or GH_TOKEN)
 * raises the limit from 60 to 5,000 requests an hour.
 *
 * A file's page URL is its `blob` URL on the default branch; lines are lines of the file.
 */
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { Octokit } from "octokit";
import { formatOf } from "../../document/index.js";
import { formatSize } from "../../fs/scan-files.js";
import { forEachLimited } from "../../fs/pool.js";
import { version } from "../../cli/version.js";
import type { NewSource } from "../store/audit-store.js";
import { sourceKey, SourceError, type AuditContext, type SourceHandler } from "./source.js";
import { tarFiles } from "./tar-files.js";

const clients = new WeakMap<AuditContext, Octokit>();

function client(ctx: AuditContext): Octokit {
  let o = clients.get(ctx);
  if (o) return o;
  const s = ctx.settings;
  const wait = (what: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
    const ok = retryCount < s.retries && retryAfter * 1000 <= s.maxRetryAfterMs;
    ctx.notice(`GitHub ${what} on ${options.method ?? "GET"} ${options.url ?? ""}: ${ok ? `waiting ${retryAfter} s` : "giving up"}`);
    return ok;
  };
  o = new Octokit({
    baseUrl: s.githubApi.replace(/\/+$/, ""),
    ...(s.githubToken ? { auth: s.githubToken } : {}),
    userAgent: `postguard/${version()}`,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    throttle: { onRateLimit: wait("rate limit"), onSecondaryRateLimit: wait("secondary rate limit") },
    request: { signal: ctx.signal },
  });
  clients.set(ctx, o);
  return o;
}

/** An octokit failure in words: status and GitHub's message. */
function describe(e: unknown): string {
  const err = e as { status?: number; message?: string };
  return err.status ? `HTTP ${err.status}: ${err.message ?? ""}`.trim() : (err.message ?? String(e));
}

const DOC = /\.(?:md|markdown|mdown|mkd|mdx|html?|xhtml)$/i;
const encodePath = (p: string) => p.split("/").map(encodeURIComponent).join("/");

export const expandGithubOrg: SourceHandler = async (source, ctx) => {
  const octokit = client(ctx);
  const sources: NewSource[] = [];
  try {
    for await (const { data } of octokit.paginate.iterator(octokit.rest.repos.listForOrg, { org: source.target, type: "all", per_page: 100 })) {
      for (const repo of data) {
        if (repo.fork) continue;
        const target = repo.full_name;
        sources.push({ key: sourceKey("github-repo", target), kind: "github-repo", target, parent: source.key });
      }
    }
  } catch (e) {
    throw new SourceError(`GitHub organisation ${source.target}: ${describe(e)}`);
  }
  return { sources };
};

export const expandGithubRepo: SourceHandler = async (source, ctx) => {
  const octokit = client(ctx);
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(source.target);
  if (!m) throw new SourceError(`--github-repo ${source.target}: expected OWNER/REPO`);
  const [, owner, name] = m as unknown as [string, string, string];
  const what = `GitHub repository ${source.target}`;
  let branch: string;
  let htmlUrl: string;
  let sha: string;
  try {
    const { data: repo } = await octokit.rest.repos.get({ owner, repo: name });
    branch = repo.default_branch;
    htmlUrl = repo.html_url;
    const { data: b } = await octokit.rest.repos.getBranch({ owner, repo: name, branch });
    sha = b.commit.sha;
  } catch (e) {
    // An empty repository has no branch to read: nothing to audit, nothing wrong.
    if ((e as { status?: number }).status === 404 && /branch/i.test(String((e as Error).message))) return { items: 0 };
    throw new SourceError(`${what}: ${describe(e)}`);
  }
  const versionKey = `github:${owner}/${name}`.toLowerCase();
  if (!ctx.settings.rescan && (await ctx.store.version(versionKey)) === sha) {
    return { items: await ctx.store.carryOverUnchanged(ctx.runId, source.key) };
  }
  let stream: Readable;
  try {
    const res = await octokit.request("GET /repos/{owner}/{repo}/tarball/{ref}", { owner, repo: name, ref: sha, request: { parseSuccessResponseBody: false } });
    stream = Readable.fromWeb(res.data as unknown as WebReadableStream<Uint8Array>);
  } catch (e) {
    throw new SourceError(`${what}: cannot download the archive: ${describe(e)}`);
  }
  const site = `${new URL(htmlUrl).host}/${owner}/${name}`.toLowerCase();
  const max = ctx.settings.maxPageBytes;
  const tooBig: Array<{ path: string; size: number }> = [];
  const rel = (p: string) => p.replace(/^[^/]+\//, "");
  let items = 0;
  const page = (path: string) => ({ url: `${htmlUrl}/blob/${encodePath(branch)}/${encodePath(path)}`, site, source: source.key, via: "github" as const });
  try {
    const files = tarFiles(stream, (path, size) => {
      if (!DOC.test(path)) return false;
      if (size > max) tooBig.push({ path: rel(path), size });
      return size <= max;
    });
    await forEachLimited(files, 8, async (f) => {
      items++;
      const path = rel(f.path);
      await ctx.pipeline.ingest(page(path), { bytes: f.bytes, format: formatOf(path) });
    });
  } catch (e) {
    throw new SourceError(`${what}: cannot read the archive: ${(e as Error).message}`);
  }
  for (const f of tooBig) {
    items++;
    await ctx.pipeline.ingest(page(f.path), { skipped: `too large: ${formatSize(f.size)} is over the ${formatSize(max)} limit` });
  }
  await ctx.store.setVersion(versionKey, sha);
  return { items };
};
