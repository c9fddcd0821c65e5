/**
 * A GitHub REST API on 127.0.0.1 for the calls the action makes, with the behaviour that
 * matters: page-number pagination with Link headers, review comments that must sit on a
 * diff line of the RIGHT side (422 otherwise, as GitHub answers), comments that persist
 * between runs, read-only tokens (403 "Resource not accessible by integration"), and
 * scripted faults (secondary rate limits with retry-after, 429, 502). Every request is
 * recorded with its parsed body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiFile {
  sha: string;
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  raw: string;
  body: unknown;
  /** ms since the server started. */
  at: number;
}

export interface ReviewComment {
  id: number;
  pull_request_review_id: number;
  path: string;
  line: number | null;
  original_line: number;
  side: "RIGHT" | "LEFT";
  commit_id: string;
  body: string;
  user: { login: string; type: string };
}

export interface IssueComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests get this answer. */
  times: number;
}

const BOT = { login: "github-actions[bot]", type: "Bot" };

/** RIGHT-side lines a review comment may use: context and added lines of the patch. */
function rightSideLines(patch: string | undefined): Set<number> {
  const out = new Set<number>();
  if (!patch) return out;
  let line = 0;
  for (const l of patch.split("\n")) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(l);
    if (h) {
      line = Number(h[1]);
      continue;
    }
    if (l.startsWith("+") || l.startsWith(" ")) out.add(line++);
  }
  return out;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly reviewComments: ReviewComment[] = [];
  readonly issueComments: IssueComment[] = [];
  readonly reviews: Array<{ id: number; body: string; commit_id: string; event: string }> = [];
  files: ApiFile[] = [];
  /** Write calls answer 403 like a fork's read-only token. */
  readOnly = false;
  private faults: Fault[] = [];
  private nextId = 1000;
  private readonly started = Date.now();
  private server?: Server;
  url = "";

  constructor(
    readonly owner = "octo-org",
    readonly repo = "blog",
    readonly number = 7,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((ok) => this.server!.listen(0, "127.0.0.1", ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => this.server?.close(() => ok()) ?? ok());
  }

  fail(fault: Omit<Fault, "times"> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Requests whose method and path match. */
  calls(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  private get prefix(): string {
    return `/repos/${this.owner}/${this.repo}`;
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "x-github-api-version-selected": "2022-11-28", ...headers });
    res.end(body === undefined ? "" : JSON.stringify(body));
  }

  /** GitHub's page-number pagination: `?per_page=&page=` and a Link header. */
  private page<T>(req: RecordedRequest, res: ServerResponse, items: T[]): void {
    const perPage = Math.min(100, Number(req.query.get("per_page") ?? 30));
    const page = Math.max(1, Number(req.query.get("page") ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const q = new URLSearchParams(req.query);
      q.set("per_page", String(perPage));
      q.set("page", String(p));
      return `<${this.url}${req.path}?${q}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    this.send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(", ") } : {});
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const u = new URL(req.url ?? "/", this.url);
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const r: RecordedRequest = { method: req.method ?? "GET", path: u.pathname, query: u.searchParams, headers: req.headers, raw, body, at: Date.now() - this.started };
    this.requests.push(r);

    const fault = this.faults.find((f) => f.times > 0 && f.method === r.method && f.path.test(r.path));
    if (fault) {
      fault.times--;
      this.send(res, fault.status, fault.body ?? { message: "fault" }, fault.headers);
      return;
    }
    if (req.headers.authorization !== "token test-token-not-a-secret") {
      this.send(res, 401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
      return;
    }
    if (this.readOnly && r.method !== "GET") {
      this.send(res, 403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request", status: "403" });
      return;
    }
    this.route(r, res);
  }

  private route(r: RecordedRequest, res: ServerResponse): void {
    const pr = `${this.prefix}/pulls/${this.number}`;
    const issue = `${this.prefix}/issues/${this.number}`;
    const b = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === "GET" && r.path === `${pr}/files`) return this.page(r, res, this.files);
    if (r.method === "GET" && r.path === `${pr}/comments`) return this.page(r, res, this.reviewComments);
    if (r.method === "GET" && r.path === `${issue}/comments`) return this.page(r, res, this.issueComments);
    if (r.method === "POST" && r.path === `${pr}/reviews`) {
      const comments = (b.comments ?? []) as Array<{ path: string; line: number; side?: string; body: string }>;
      for (const c of comments) {
        const file = this.files.find((f) => f.filename === c.path);
        if (!file || !rightSideLines(file.patch).has(c.line) || (c.side ?? "RIGHT") !== "RIGHT") {
          return this.send(res, 422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"], status: "422" });
        }
      }
      const review = { id: this.nextId++, body: String(b.body ?? ""), commit_id: String(b.commit_id ?? ""), event: String(b.event ?? "PENDING") };
      this.reviews.push(review);
      for (const c of comments) {
        this.reviewComments.push({ id: this.nextId++, pull_request_review_id: review.id, path: c.path, line: c.line, original_line: c.line, side: "RIGHT", commit_id: review.commit_id, body: c.body, user: BOT });
      }
      return this.send(res, 200, { ...review, state: "COMMENTED", user: BOT });
    }
    const reviewComment = new RegExp(`^${this.prefix}/pulls/comments/(\\d+)$`).exec(r.path);
    if (r.method === "PATCH" && reviewComment) {
      const c = this.reviewComments.find((x) => x.id === Number(reviewComment[1]));
      if (!c) return this.send(res, 404, { message: "Not Found" });
      c.body = String(b.body);
      return this.send(res, 200, c);
    }
    if (r.method === "POST" && r.path === `${issue}/comments`) {
      const c = { id: this.nextId++, body: String(b.body), user: BOT };
      this.issueComments.push(c);
      return this.send(res, 201, c);
    }
    const issueComment = new RegExp(`^${this.prefix}/issues/comments/(\\d+)$`).exec(r.path);
    if (r.method === "PATCH" && issueComment) {
      const c = this.issueComments.find((x) => x.id === Number(issueComment[1]));
      if (!c) return this.send(res, 404, { message: "Not Found" });
      c.body = String(b.body);
      return this.send(res, 200, c);
    }
    this.send(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
  }
}
