import type { Db } from '../db/create-db';

export interface UsageLine {
  /** A person's id, a workflow id, or a stand-in (`app_links`, `unknown`, `unsaved`). */
  id: string;
  name: string;
  runs: number;
  /** Estimated USD (cache hits excluded), as recorded on each run. */
  cost: number;
}

export interface UsageReport {
  from: number;
  to: number;
  total: { runs: number; cost: number };
  byPerson: UsageLine[];
  byWorkflow: UsageLine[];
}

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

/**
 * What runs created in [from, to) cost, summed by who started them and by workflow, highest
 * cost first. Runs through an app link count under "App links"; runs recorded before who
 * started them was kept, under "Unknown"; runs of unsaved documents, under "Unsaved".
 */
export const usageReport = (db: Db, from: number, to: number): UsageReport => {
  const people = db.sqlite
    .prepare(
      `select coalesce(started_by_id, case when via like 'share:%' then 'app_links' else 'unknown' end) as id,
         coalesce(max(started_by_name), case when via like 'share:%' then 'App links' else 'Unknown' end) as name,
         count(*) as runs, coalesce(sum(cost), 0) as cost
       from runs where created_at >= ? and created_at < ?
       group by 1 order by cost desc, runs desc, id`,
    )
    .all(from, to) as UsageLine[];
  const workflows = db.sqlite
    .prepare(
      `select coalesce(r.workflow_id, 'unsaved') as id,
         coalesce(max(w.name), case when r.workflow_id is null then 'Unsaved documents' else r.workflow_id end) as name,
         count(*) as runs, coalesce(sum(r.cost), 0) as cost
       from runs r left join workflows w on w.id = r.workflow_id
       where r.created_at >= ? and r.created_at < ?
       group by 1 order by cost desc, runs desc, id`,
    )
    .all(from, to) as UsageLine[];
  const fix = (lines: UsageLine[]) => lines.map((l) => ({ ...l, cost: round(l.cost) }));
  const total = people.reduce((sum, l) => ({ runs: sum.runs + l.runs, cost: sum.cost + l.cost }), {
    runs: 0,
    cost: 0,
  });
  return {
    from,
    to,
    total: { runs: total.runs, cost: round(total.cost) },
    byPerson: fix(people),
    byWorkflow: fix(workflows),
  };
};
