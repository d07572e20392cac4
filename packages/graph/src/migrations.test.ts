import { describe, expect, it } from 'vitest';
import type { Issue } from './document';
import type { Migration } from './migrations';
import { MIGRATIONS, migrate } from './migrations';

describe('migrate', () => {
  it('lists one migration per version, numbered from 0', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(MIGRATIONS.map((_m, i) => i));
  });

  it('applies the steps in order and stamps each new version', () => {
    const seen: number[] = [];
    const steps: Migration[] = [
      { from: 0, description: 'x', migrate: (doc) => (seen.push(doc.version as number), doc) },
    ];
    const issues: Issue[] = [];
    const result = migrate({ version: 0 }, 0, issues, steps);
    expect([seen, result.version, issues]).toEqual([[0], 1, []]);
  });

  it('reports a version with no migration step', () => {
    const issues: Issue[] = [];
    migrate({ version: 0 }, 0, issues, []);
    expect(issues).toEqual([
      expect.objectContaining({ path: 'version', code: 'unsupported_version' }),
    ]);
  });

  it('gives version 0 edges without ids fresh ids that do not collide', () => {
    const issues: Issue[] = [];
    const result = migrate(
      {
        edges: [
          { from: 'a.text', to: 'b.prompt' },
          { id: 'e1', from: 'a.text', to: 'c.prompt' },
        ],
      },
      0,
      issues,
    );
    expect((result.edges as { id: string }[]).map((e) => e.id)).toEqual(['e2', 'e1']);
  });

  it('leaves version 1 edges inside a version 0 document alone', () => {
    const edge = {
      id: 'x',
      source: 'a',
      sourceHandle: 'text',
      target: 'b',
      targetHandle: 'prompt',
    };
    const result = migrate({ edges: [edge] }, 0, []);
    expect(result.edges).toEqual([edge]);
  });
});
