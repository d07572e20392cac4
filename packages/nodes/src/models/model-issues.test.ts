import type { Workflow } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { registry } from '../registry';
import { STATIC_CATALOGUE } from './model-catalogue';
import { checkModels } from './model-issues';

const DEC_1 = Date.parse('2026-12-01T09:00:00Z');
const LIVE = { model: 'gpt-6.1-sol', imageModel: 'gpt-image-2.6-sunburst' };

const workflow = (data: Record<string, unknown>, type = 'generate'): Workflow => ({
  format: 'atelier.workflow',
  version: 1,
  name: 't',
  nodes: [
    { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, data: { text: 'x' } },
    { id: 'hero', type, position: { x: 0, y: 0 }, data },
  ],
  edges: [],
  inputs: [],
});

const check = (data: Record<string, unknown>, defaults = LIVE, type = 'generate') => {
  const node = registry.get(type)!;
  const parsed = node.data.parse(data) as Record<string, unknown>;
  return checkModels(workflow(parsed, type), registry, STATIC_CATALOGUE, defaults, DEC_1);
};

describe('checkModels', () => {
  it('refuses a node naming a shut-down image model at its path, naming the replacement', () => {
    const { errors } = check({ image_model: 'gpt-image-1.5' });
    expect(errors).toEqual([
      {
        path: 'nodes[1].data.image_model',
        code: 'model_shut_down',
        message:
          'hero: gpt-image-1.5 was shut down by OpenAI on 2026-12-01; switch to gpt-image-2.6-sunburst',
      },
    ]);
  });

  it('blames the configured default when the node leaves the field empty', () => {
    const { errors } = check({}, { model: 'gpt-6.1-sol', imageModel: 'gpt-image-1-mini' });
    expect(errors[0]?.message).toBe(
      'hero: the default image model (ATELIER_IMAGE_MODEL) gpt-image-1-mini was shut down by OpenAI on 2026-12-01; switch to gpt-image-2.6-flare',
    );
  });

  it('warns about a deprecated model with its date and days left, without refusing', () => {
    const { errors, warnings } = check(
      {},
      { model: 'gpt-5', imageModel: 'gpt-image-2.6-sunburst' },
    );
    expect(errors).toEqual([]);
    expect(warnings).toEqual([
      {
        path: 'nodes[1].data.model',
        code: 'model_deprecated',
        message:
          'hero: the default model (ATELIER_MODEL) gpt-5 shuts down on 2026-12-11, in 10 days; switch to gpt-6.1-sol',
      },
    ]);
  });

  it('checks the options against the resolved default model, not only the node field', () => {
    const { errors } = check(
      { size: '2048x1152' },
      { model: 'gpt-6.1-sol', imageModel: 'gpt-image-1' },
    );
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['nodes[1].data.image_model', 'model_shut_down'],
      ['nodes[1].data.size', 'unsupported_option'],
    ]);
  });

  it('checks the mainline model of a web search node', () => {
    const { errors } = check({ query: 'q', model: 'o4-mini' }, LIVE, 'web_search');
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['nodes[1].data.model', 'model_shut_down'],
    ]);
  });

  it('finds nothing wrong with the live defaults', () => {
    expect(check({})).toEqual({ errors: [], warnings: [] });
  });
});
