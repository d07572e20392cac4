/**
 * Every route × every identity (five roles, signed out, an account in no team), in team mode
 * over real better-auth sessions. The route list comes from the Hono app itself: a new route
 * without an entry in MATRIX fails here, so nobody can add one without deciding who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../auth/actor';
import { can } from '../auth/actor';
import type { Identity, Team } from './team-fixture';
import { createTeam, IDENTITIES } from './team-fixture';
import { collectSse } from './sse-reader';
import { json, posterWorkflow } from './test-app';

/**
 * Who may call each route: an Action (the roles that `can` it; everyone else 403), `public`
 * (anyone, even signed out: health, sign-in, share links by their token, the editor's files),
 * or `self` (any signed-in account, also one in no team: who am I, joining by invitation).
 */
type Rule = Action | 'public' | 'self';

export const MATRIX: Record<string, Rule> = {
  // meta
  'GET /api/health': 'public',
  'GET /api/node-types': 'view',
  'GET /api/models': 'view',
  // accounts (better-auth) and the team
  'GET /api/auth/*': 'public',
  'POST /api/auth/*': 'public',
  'GET /api/me': 'self',
  'GET /api/team': 'view',
  'POST /api/team/invitations': 'admin',
  'DELETE /api/team/invitations/:id': 'admin',
  'PATCH /api/team/members/:id': 'admin',
  'DELETE /api/team/members/:id': 'admin',
  'GET /api/invitations/:id': 'self',
  'GET /api/invitations/:id/preview': 'public',
  'POST /api/invitations/:id/accept': 'self',
  'GET /api/tokens': 'view',
  'POST /api/tokens': 'view',
  'DELETE /api/tokens/:id': 'view',
  'GET /api/audit': 'admin',
  // blobs
  'POST /api/blobs': 'run',
  'GET /api/blobs/:blob': 'view',
  // the library and its versions
  'GET /api/workflows': 'view',
  'POST /api/workflows': 'edit',
  'GET /api/workflows/:id': 'view',
  'PUT /api/workflows/:id': 'edit',
  'PATCH /api/workflows/:id': 'edit',
  'DELETE /api/workflows/:id': 'edit',
  'GET /api/workflows/:id/users': 'view',
  'GET /api/workflows/:id/versions': 'view',
  'GET /api/workflows/:id/versions/:version': 'view',
  'GET /api/workflows/:id/signature': 'view',
  'GET /api/workflows/:id/inputs': 'view',
  // versions: diff, restore, presence (14b)
  'GET /api/workflows/:id/diff': 'view',
  'POST /api/workflows/:id/diff': 'view',
  'POST /api/workflows/:id/versions/:version/restore': 'edit',
  'GET /api/workflows/:id/presence': 'view',
  'POST /api/workflows/:id/presence': 'view',
  'DELETE /api/workflows/:id/presence/:session': 'view',
  // sharing
  'POST /api/workflows/import': 'edit',
  'GET /api/workflows/:id/export': 'view',
  'POST /api/workflows/:id/fork': 'edit',
  'POST /api/workflows/:id/shares': 'edit',
  'GET /api/workflows/:id/shares': 'view',
  'DELETE /api/shares/:id': 'edit',
  'GET /api/s/:token': 'public',
  'GET /api/s/:token/blobs/:blob': 'public',
  'POST /api/s/:token/blobs': 'public',
  'POST /api/s/:token/runs': 'public',
  'GET /api/s/:token/runs/:id': 'public',
  'GET /api/s/:token/runs/:id/events': 'public',
  // runs
  'POST /api/runs': 'run',
  'GET /api/runs': 'view',
  'GET /api/runs/:id': 'view',
  'GET /api/runs/:id/webhook': 'view',
  'POST /api/runs/:id/cancel': 'run',
  'GET /api/runs/:id/events': 'view',
  // batches and the queue
  'POST /api/batches/preview': 'run',
  'POST /api/batches': 'run',
  'GET /api/batches': 'view',
  'GET /api/batches/:id': 'view',
  'GET /api/batches/:id/rows': 'view',
  'GET /api/batches/:id/webhook': 'view',
  'GET /api/batches/:id/events': 'view',
  'POST /api/batches/:id/pause': 'run',
  'POST /api/batches/:id/resume': 'run',
  'POST /api/batches/:id/cancel': 'run',
  'POST /api/batches/:id/retry': 'run',
  'PATCH /api/batches/:id': 'run',
  'GET /api/batches/:id/results.zip': 'view',
  'GET /api/queue': 'view',
  // review: comments, inbox, stars, usage (14c)
  'GET /api/comments': 'view',
  'POST /api/comments': 'comment',
  'GET /api/comments/:id': 'view',
  'POST /api/comments/:id/replies': 'comment',
  'POST /api/comments/:id/resolve': 'comment',
  'POST /api/comments/:id/reopen': 'comment',
  'GET /api/inbox': 'view',
  'POST /api/inbox/read-all': 'view',
  'POST /api/inbox/:id/read': 'view',
  'GET /api/stars': 'view',
  'PUT /api/stars/:runId/:nodeId': 'comment',
  'DELETE /api/stars/:runId/:nodeId': 'comment',
  'GET /api/usage': 'view',
  'GET /api/runs/compare': 'view',
  // provenance
  'POST /api/provenance/image': 'view',
  'GET /api/provenance/:sha256': 'view',
  'GET /api/provenance/:sha256/with-recipe': 'view',
  // the editor's files (the page then asks to sign in)
  'GET /*': 'public',
};

/** The app's own list of routes: method + path, middleware (`ALL`) left out. */
const routesOf = (team: Team): string[] => [
  ...new Set(
    team.t.app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path}`),
  ),
];

let team: Team;
/** Real ids for the path parameters, made by the owner; anything else is a made-up id. */
const ids: Record<string, string> = {};

const concrete = (route: string): string => {
  const path = route.split(' ')[1]!;
  return path
    .replace('/*', '/anything')
    .replace(/\/workflows\/:id/, `/workflows/${ids.workflow}`)
    .replace(/\/runs\/:id/, `/runs/${ids.run}`)
    .replace(/\/s\/:token/, `/s/${ids.shareToken}`)
    .replace(/\/shares\/:id/, `/shares/${ids.share}`)
    .replace(/:blob|:sha256/, ids.blob!)
    .replace(':version', '1')
    .replace(/:\w+/g, 'nobody');
};

/** What the identity gets from the route, in words an assertion can compare. */
const expected = (rule: Rule, who: Identity): 'allowed' | 401 | 'forbidden' | 'not_a_member' => {
  if (rule === 'public') return 'allowed';
  if (who === 'signed-out') return 401;
  if (rule === 'self') return 'allowed';
  if (who === 'outsider') return 'not_a_member';
  return can(who, rule) ? 'allowed' : 'forbidden';
};

beforeAll(async () => {
  team = await createTeam();
  const owner = (path: string, init?: RequestInit) => team.request('owner', path, init);
  const created = await owner('/api/workflows', json(posterWorkflow()));
  ids.workflow = ((await created.json()) as { id: string }).id;
  const started = await owner('/api/runs', json({ workflowId: ids.workflow }));
  ids.run = ((await started.json()) as { id: string }).id;
  await collectSse(await owner(`/api/runs/${ids.run}/events`));
  const run = (await (await owner(`/api/runs/${ids.run}`)).json()) as {
    nodes: Record<string, { outputs?: Record<string, { blob: string }> }>;
  };
  ids.blob = run.nodes.g1!.outputs!.image!.blob;
  const shared = await owner(`/api/workflows/${ids.workflow}/shares`, json({ access: 'run' }));
  const share = (await shared.json()) as { id: string; url: string };
  ids.share = share.id;
  ids.shareToken = share.url.split('/s/')[1]!;
}, 120_000);
afterAll(() => team?.t.close());

describe('the route × role matrix', () => {
  it('has an entry for every route of the app, and no entry for a route that is gone', () => {
    const routes = routesOf(team);
    const missing = routes.filter((route) => !(route in MATRIX));
    expect(missing, 'routes without a MATRIX entry: decide who may call them').toEqual([]);
    const stale = Object.keys(MATRIX).filter((route) => !routes.includes(route));
    expect(stale, 'MATRIX entries for routes the app no longer has').toEqual([]);
  });

  it('answers every route for every identity as the matrix says', async () => {
    const failures: string[] = [];
    // Read-only routes first: the owner's fixtures stay in place while they are checked.
    const routes = routesOf(team).sort(
      (a, b) => Number(a.startsWith('DELETE')) - Number(b.startsWith('DELETE')),
    );
    for (const route of routes) {
      const method = route.split(' ')[0]!;
      const path = concrete(route);
      for (const who of IDENTITIES) {
        const want = expected(MATRIX[route]!, who);
        const res = await team.request(who, path, {
          method,
          ...(method === 'GET' || method === 'DELETE'
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: '{}' }),
        });
        const text = await res.text();
        const code = res.status >= 400 ? (JSON.parse(text) as { error?: { code?: string } }) : {};
        const got =
          res.status === 401
            ? 401
            : res.status === 403 && ['forbidden', 'not_a_member'].includes(code.error?.code ?? '')
              ? code.error!.code!
              : 'allowed';
        if (got !== want || res.status >= 500)
          failures.push(
            `${route} as ${who}: expected ${want}, got ${res.status} ${text.slice(0, 160)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
