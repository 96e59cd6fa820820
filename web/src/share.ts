// Page state that must survive a reload or travel in a link: a scenario request (JSON) packed into the hash
// query as base64url of its compact UTF-8 JSON, and the "copy link" action (the address names everything the
// page shows: route, query and ?lang).

/** base64url (RFC 4648 §5) of a string's UTF-8 bytes. */
export function packState(json: string): string {
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The string packed by packState, or null when the parameter is not valid base64url UTF-8. */
export function unpackState(packed: string): string | null {
  try {
    const b64 = packed.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Copies the current address; false when the clipboard is not available (the caller shows the link). */
export async function copyLink(): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(location.href);
    return true;
  } catch {
    return false;
  }
}
