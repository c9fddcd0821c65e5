/**
 * The step's log. Lines are held back until every secret found has been registered with
 * `::add-mask::`, so nothing the action prints can show a secret even by accident.
 */
export class ActionLog {
  private held: string[] | undefined = [];

  constructor(private readonly write: (text: string) => void) {}

  /** A line as is (workflow commands included). */
  line(text: string): void {
    if (this.held) this.held.push(text);
    else this.write(`${text}\n`);
  }

  lines(texts: Iterable<string>): void {
    for (const t of texts) this.line(t);
  }

  /** Print these first (the add-mask commands), then everything held, then go live. */
  release(first: readonly string[]): void {
    const held = this.held ?? [];
    this.held = undefined;
    const all = [...first, ...held];
    if (all.length) this.write(`${all.join("\n")}\n`);
  }
}
