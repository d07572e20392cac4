import { describe, expect, it } from 'vitest';
import { MODEL_CATALOGUE } from './catalogue';
import { ModelCatalogue, STATIC_CATALOGUE } from './model-catalogue';

const DEC_1 = Date.parse('2026-12-01T09:00:00Z');
const DEC_10 = Date.parse('2026-12-10T23:59:00Z');
const DEC_11 = Date.parse('2026-12-11T00:00:00Z');

describe('ModelCatalogue', () => {
  it('knows gpt-image-1.5 as shut down on 2026-12-01 with a live replacement', () => {
    expect(STATIC_CATALOGUE.info('gpt-image-1.5', DEC_1)).toMatchObject({
      status: 'shut_down',
      shutdownDate: '2026-12-01',
      replacement: 'gpt-image-2.6-sunburst',
    });
  });

  it('counts gpt-5 as deprecated until the start of its shutdown day, then shut down', () => {
    expect(STATIC_CATALOGUE.info('gpt-5', DEC_10).status).toBe('deprecated');
    expect(STATIC_CATALOGUE.info('gpt-5', DEC_11)).toMatchObject({
      status: 'shut_down',
      replacement: 'gpt-6.1-sol',
    });
  });

  it('resolves dated snapshots to their model and never matches a name by prefix', () => {
    expect(STATIC_CATALOGUE.find('gpt-image-2.5-flare-2026-09-08')?.id).toBe('gpt-image-2.5-flare');
    expect(STATIC_CATALOGUE.find('gpt-6.1-sol-2026-11-20')?.id).toBe('gpt-6.1-sol');
    expect(STATIC_CATALOGUE.find('gpt-5.6-sol')?.id).toBe('gpt-5.6-sol');
    expect(STATIC_CATALOGUE.find('gpt-5.5')).toBeUndefined();
    expect(STATIC_CATALOGUE.info('gpt-5.5', DEC_1).status).toBe('unknown');
  });

  it("lets the API's list win: its shutdown_date, and absence meaning unavailable", () => {
    const merged = STATIC_CATALOGUE.withLive(
      [
        { id: 'gpt-image-2.6-sunburst', shutdownDate: '2027-03-01' },
        { id: 'gpt-6.1-sol' },
        { id: 'gpt-image-9-preview' },
      ],
      DEC_1,
    );
    expect(merged.info('gpt-image-2.6-sunburst', DEC_1)).toMatchObject({
      status: 'deprecated',
      shutdownDate: '2027-03-01',
      source: 'official',
    });
    expect(merged.info('gpt-image-2.6-flare', DEC_1).status).toBe('unavailable');
    expect(merged.info('gpt-image-9-preview', DEC_1)).toMatchObject({
      status: 'active',
      family: 'image',
      catalogued: false,
    });
    expect(merged.list(DEC_1).map((m) => m.id)).toContain('gpt-image-9-preview');
  });

  it('follows replacements until a live model (a replacement can itself be dead)', () => {
    const catalogue = new ModelCatalogue([...MODEL_CATALOGUE]).withLive(
      [{ id: 'gpt-image-2.6-flare' }, { id: 'gpt-6.1-sol' }],
      DEC_1,
    );
    expect(catalogue.info('gpt-image-1.5', DEC_1).replacement).toBe('gpt-image-2.6-flare');
  });

  it('lists live models first and dead ones last', () => {
    const statuses = STATIC_CATALOGUE.list(DEC_1).map((m) => m.status);
    expect(statuses.indexOf('shut_down')).toBeGreaterThan(statuses.lastIndexOf('active'));
  });

  it('has a price and an estimate table for every catalogued image model and no duplicate names', () => {
    const names = MODEL_CATALOGUE.flatMap((m) => [m.id, ...(m.snapshots ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const model of MODEL_CATALOGUE)
      if (model.family === 'image') expect(model.estimate.outputTokens1024.high).toBeGreaterThan(0);
  });

  it('names only catalogued models as replacements', () => {
    for (const model of MODEL_CATALOGUE)
      if (model.lifecycle.replacement)
        expect(STATIC_CATALOGUE.find(model.lifecycle.replacement)?.family).toBe(model.family);
  });
});
