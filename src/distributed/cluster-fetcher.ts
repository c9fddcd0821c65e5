/**
 * The audit's polite fetcher, with each fetch also holding a slot of the cluster-wide
 * per-host limiter (Redis), so the bound and spacing hold across all workers together.
 * A fetch's own requests (robots.txt, redirect hops, retries) run one after another
 * inside that slot, so the host never sees more than `perHost` requests from the whole
 * cluster; the fetcher's in-process gate still spaces them by the delay, and a
 * robots.txt Crawl-delay it learns is passed on to the cluster.
 */
import { PoliteFetcher, type FetcherOptions, type FetchOutcome, type FetchRequest } from "../audit/http/fetcher.js";
import type { RequestGate } from "./host-limiter.js";

export class ClusterFetcher extends PoliteFetcher {
  constructor(
    opts: FetcherOptions,
    private readonly cluster: RequestGate,
  ) {
    super(opts);
  }

  override async fetch(req: FetchRequest): Promise<FetchOutcome> {
    let host: string;
    try {
      host = new URL(req.url).host;
    } catch {
      return super.fetch(req);
    }
    const out = await this.cluster.run(host, () => super.fetch(req));
    // robots.txt Crawl-delay raised this process's spacing: raise the cluster's too.
    const delay = this.gate.delayOf(host);
    if (delay > this.cluster.delayOf(host)) this.cluster.setDelay(host, delay);
    return out;
  }
}
