/**
 * Run `fn` over an async stream with at most `limit` calls in flight, pulling the next
 * item only when a slot frees up. (p-limit bounds concurrency but queues every item it
 * is given; pulling lazily is what keeps memory flat on a huge tree.)
 */
export async function forEachLimited<T>(items: AsyncIterable<T>, limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for await (const item of items) {
    const p: Promise<void> = fn(item).then(
      () => void running.delete(p),
      (error: unknown) => {
        running.delete(p);
        failure ??= { error };
      },
    );
    running.add(p);
    if (running.size >= Math.max(1, limit)) await Promise.race(running);
    if (failure) break;
  }
  await Promise.all(running);
  if (failure) throw failure.error;
}
