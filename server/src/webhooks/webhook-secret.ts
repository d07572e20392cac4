import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The webhook signing key when ATELIER_WEBHOOK_SECRET is unset: generated once and kept in
 * `<dataDir>/webhook-secret` (readable by the server's user only), so receivers keep
 * verifying across restarts. `cat data/webhook-secret` gives it to a receiver.
 */
export const webhookSecret = (dataDir: string): string => {
  const file = join(dataDir, 'webhook-secret');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) return kept;
  } catch {
    // First start: make one.
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
};
