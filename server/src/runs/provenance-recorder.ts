import type { NodeRunRecord } from '@atelier/engine';
import { isBlobId } from '@atelier/graph';
import type { Db } from '../db/create-db';

/**
 * Writes a provenance row for every image a succeeded node made (GET /api/provenance/:sha256):
 * called inside RunStore's write transactions, so a node's outputs and their provenance are
 * stored together. A cached output gets a row too (marked cached): the image then leads to
 * the run that made it and to every run that reused it.
 */
export class ProvenanceRecorder {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.sqlite.prepare(
      `insert into provenance (sha256, run_id, node_id, port, cached, created_at)
       values (?, ?, ?, ?, ?, ?) on conflict do nothing`,
    );
  }

  record(runId: string, nodeId: string, node: NodeRunRecord): void {
    if (node.status !== 'succeeded' || !node.outputs) return;
    for (const [port, value] of Object.entries(node.outputs)) {
      const image = value as { blob?: unknown; responseId?: unknown } | null;
      const blob = image?.blob;
      // Only images an API call made (they carry its response id): a reference or mask node
      // passes on what a person uploaded, which no recipe made.
      if (typeof blob !== 'string' || !isBlobId(blob) || typeof image?.responseId !== 'string')
        continue;
      this.insert.run(
        blob,
        runId,
        nodeId,
        port,
        node.cached ? 1 : 0,
        node.finishedAt ?? Date.now(),
      );
    }
  }
}
