import type { Db } from '../db/create-db';

/**
 * Team mode: a blob is served to a member only when something the team can see refers to it
 * (a workflow version, a run's document, inputs or outputs, a batch), or when they uploaded it
 * themselves; never because someone knows its hash. Share links check their own blobs.
 */
export const canSeeBlob = (db: Db, blob: string, actorId: string): boolean => {
  // Blob ids are 64 lowercase hex characters (checked by the route): safe inside LIKE.
  const like = `%${blob}%`;
  const row = db.sqlite
    .prepare(
      `SELECT 1 FROM blob_uploads WHERE blob = @blob AND actor_id = @actor
       UNION ALL SELECT 1 FROM provenance WHERE sha256 = @blob
       UNION ALL SELECT 1 FROM workflow_versions WHERE document LIKE @like
       UNION ALL SELECT 1 FROM runs WHERE inputs LIKE @like OR document LIKE @like
       UNION ALL SELECT 1 FROM run_nodes WHERE outputs LIKE @like
       UNION ALL SELECT 1 FROM batch_rows WHERE inputs LIKE @like
       UNION ALL SELECT 1 FROM batches WHERE document LIKE @like
       LIMIT 1`,
    )
    .get({ blob, actor: actorId, like });
  return row !== undefined;
};

/** Remembers who uploaded a blob (the same bytes uploaded twice keep both uploaders). */
export const recordUpload = (db: Db, blob: string, actorId: string): void => {
  db.sqlite
    .prepare('INSERT OR IGNORE INTO blob_uploads (blob, actor_id, created_at) VALUES (?, ?, ?)')
    .run(blob, actorId, Date.now());
};
