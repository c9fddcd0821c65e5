/**
 * A real HTTP server on 127.0.0.1 for audit tests that records what a crawler did to it:
 * every request (path, time, headers), and how many requests were open at once — per
 * server (one host) and across servers sharing a `Concurrency` (all hosts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export class Concurrency {
  active = 0;
  max = 0;
  enter(): void {
    this.active++;
    this.max = Math.max(this.max, this.active);
  }
  leave(): void {
    this.active--;
  }
}

export interface Seen {
  path: string;
  at: number;
  headers: IncomingMessage["headers"];
}

export interface RouteContext {
  /** 1 for the first request to this path, 2 for the second… */
  n: number;
  base: string;
  url: URL;
}

export type Route = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => void | Promise<void>;

export class TestServer {
  readonly seen: Seen[] = [];
  readonly perHost = new Concurrency();
  readonly counts = new Map<string, number>();
  base = "";
  private readonly server: Server;
  /** Matched first by exact path (with query), then by path alone, then by prefix patterns. */
  readonly routes = new Map<string, Route>();
  readonly patterns: Array<[RegExp, Route]> = [];

  private constructor(private readonly global?: Concurrency) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(global?: Concurrency): Promise<TestServer> {
    const s = new TestServer(global);
    await new Promise<void>((resolve) => s.server.listen(0, "127.0.0.1", resolve));
    s.base = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  get host(): string {
    return new URL(this.base).host;
  }

  route(path: string, r: Route): this {
    this.routes.set(path, r);
    return this;
  }

  pattern(re: RegExp, r: Route): this {
    this.patterns.push([re, r]);
    return this;
  }

  /** Paths requested, in order (with query strings). */
  paths(): string[] {
    return this.seen.map((s) => s.path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.perHost.enter();
    this.global?.enter();
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      this.perHost.leave();
      this.global?.leave();
    };
    res.on("close", leave);
    const path = req.url ?? "/";
    const url = new URL(path, this.base);
    this.seen.push({ path, at: Date.now(), headers: req.headers });
    const n = (this.counts.get(path) ?? 0) + 1;
    this.counts.set(path, n);
    const route = this.routes.get(path) ?? this.routes.get(url.pathname) ?? this.patterns.find(([re]) => re.test(url.pathname))?.[1];
    try {
      if (route) await route(req, res, { n, base: this.base, url });
      else send(res, 404, "text/plain", "not found\n");
    } catch (e) {
      if (!res.headersSent) send(res, 500, "text/plain", String(e));
      else res.destroy();
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, { "content-type": type, "content-length": String(bytes.length), ...headers });
  res.end(bytes);
}

export const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
