import type { Db } from '../db/create-db';

/** What the audit log records (admins read it at GET /api/audit). */
export type AuditAction =
  | 'sign_up'
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_out'
  | 'member.role_changed'
  | 'member.removed'
  | 'invitation.created'
  | 'invitation.cancelled'
  | 'invitation.accepted'
  | 'share.created'
  | 'share.revoked'
  | 'workflow.deleted'
  | 'token.created'
  | 'token.revoked';

export interface AuditEntry {
  id: number;
  at: number;
  actor?: { id: string; name: string };
  action: AuditAction;
  target?: string;
  detail?: Record<string, unknown>;
}

interface Row {
  id: number;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: AuditAction;
  target: string | null;
  detail: string | null;
}

/** Append-only: entries are written by the routes that do the thing, never edited. */
export class AuditLog {
  constructor(private readonly db: Db) {}

  record(
    actor: { id: string; name: string } | undefined,
    action: AuditAction,
    target?: string,
    detail?: Record<string, unknown>,
  ): void {
    this.db.sqlite
      .prepare(
        'INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        Date.now(),
        actor?.id ?? null,
        actor?.name ?? null,
        action,
        target ?? null,
        detail ? JSON.stringify(detail) : null,
      );
  }

  /** Newest first; `before` (an entry id) pages back. */
  list(options: { limit?: number; before?: number } = {}): AuditEntry[] {
    const rows = this.db.sqlite
      .prepare('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit ?? 200) as Row[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      ...(row.actor_id !== null ? { actor: { id: row.actor_id, name: row.actor_name ?? '' } } : {}),
      action: row.action,
      ...(row.target !== null ? { target: row.target } : {}),
      ...(row.detail !== null ? { detail: JSON.parse(row.detail) as Record<string, unknown> } : {}),
    }));
  }
}
