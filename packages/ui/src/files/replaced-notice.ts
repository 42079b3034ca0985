/**
 * The notice shown after the whole network was replaced ("opened musubi-….json"). Replacing the
 * network remounts the app under the new one, so the notice waits in sessionStorage until the new
 * File menu shows it.
 */
const KEY = 'musubi.files.notice';

export function stashNotice(text: string | undefined): void {
  try {
    if (text === undefined) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, text);
  } catch {
    // no notice when storage is blocked; the replaced network shows for itself
  }
}

export function peekNotice(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
