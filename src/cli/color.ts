/**
 * Whether text output is coloured. --no-color wins, a report written to a file is never
 * coloured, then FORCE_COLOR (anything but 0/false turns colour on) and NO_COLOR
 * (any non-empty value turns it off, https://no-color.org), else only on a terminal.
 */
export function useColor(o: { noColor: boolean; toFile: boolean; isTTY: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  if (o.noColor || o.toFile) return false;
  const force = o.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (o.env.NO_COLOR) return false;
  if (o.env.TERM === "dumb") return false;
  return o.isTTY;
}
