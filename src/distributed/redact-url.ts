/** A Redis or PostgreSQL URL without its password, for messages (anything else as given). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.href;
  } catch {
    return url;
  }
}
