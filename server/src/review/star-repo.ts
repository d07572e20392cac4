import type { Db } from '../db/create-db';
import type { Person } from './mentions';

/** A starred output: one image (or other output) of one node of one run. */
export interface StarView {
  runId: string;
  nodeId: string;
  port: string;
  workflowId?: string;
  starredBy: Person;
  createdAt: number;
  /** The output's value (an image: `{blob, mime, width, height}`), when the run has it. */
  value?: unknown;
}

export interface StarFilter {
  workflowId?: string;
  runId?: string;
  /** Stars on the runs of one batch's rows (for its results grid). */
  batchId?: string;
}

interface StarRow {
  runId: string;
  nodeId: string;
  port: string;
  workflowId: string | null;
  starredById: string;
  starredByName: string;
  createdAt: number;
  outputs: string | null;
}

/** Stars are shared by the team (one per output); who starred it is kept. */
export class StarRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stars an output; starring it again keeps the first star. */
  star(runId: string, nodeId: string, port: string, by: Person): StarView {
    this.db.sqlite
      .prepare(
        `insert into stars (run_id, node_id, port, starred_by_id, starred_by_name, created_at)
         values (?, ?, ?, ?, ?, ?) on conflict do nothing`,
      )
      .run(runId, nodeId, port, by.id, by.name, this.now());
    return this.list({ runId }).find((s) => s.nodeId === nodeId && s.port === port)!;
  }

  /** False when the output was not starred. */
  unstar(runId: string, nodeId: string, port: string): boolean {
    return (
      this.db.sqlite
        .prepare('delete from stars where run_id = ? and node_id = ? and port = ?')
        .run(runId, nodeId, port).changes > 0
    );
  }

  /** Newest first. */
  list(filter: StarFilter, limit = 1000): StarView[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.workflowId !== undefined) {
      where.push('r.workflow_id = ?');
      params.push(filter.workflowId);
    }
    if (filter.runId !== undefined) {
      where.push('s.run_id = ?');
      params.push(filter.runId);
    }
    if (filter.batchId !== undefined) {
      where.push('s.run_id in (select run_id from batch_rows where batch_id = ?)');
      params.push(filter.batchId);
    }
    const rows = this.db.sqlite
      .prepare(
        `select s.run_id as runId, s.node_id as nodeId, s.port, r.workflow_id as workflowId,
           s.starred_by_id as starredById, s.starred_by_name as starredByName,
           s.created_at as createdAt, n.outputs
         from stars s join runs r on r.id = s.run_id
         left join run_nodes n on n.run_id = s.run_id and n.node_id = s.node_id
         ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
         order by s.created_at desc, s.rowid desc limit ?`,
      )
      .all(...params, limit) as StarRow[];
    return rows.map((row) => {
      const outputs = row.outputs ? (JSON.parse(row.outputs) as Record<string, unknown>) : {};
      const value = Object.hasOwn(outputs, row.port) ? outputs[row.port] : undefined;
      return {
        runId: row.runId,
        nodeId: row.nodeId,
        port: row.port,
        ...(row.workflowId !== null ? { workflowId: row.workflowId } : {}),
        starredBy: { id: row.starredById, name: row.starredByName },
        createdAt: row.createdAt,
        ...(value !== undefined ? { value } : {}),
      };
    });
  }
}
