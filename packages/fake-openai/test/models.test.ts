import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createFakeOpenAI, MODEL_TABLE } from '../src/index';
import { imageItem, SMALL, useFake, type Loose } from './helpers';

const image = (model: string): Loose => ({ type: 'image_generation', model, size: SMALL.size });
const unix = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 1000;

describe('model lifecycle: shut-down and unknown models fail like the real API', () => {
  const t = useFake({ now: '2026-12-01T12:00:00Z' });

  for (const model of ['gpt-image-1.5', 'gpt-image-1', 'chatgpt-image-latest', 'gpt-image-9']) {
    it(`refuses the image model ${model}: 400 image_generation_user_error`, async () => {
      const error = await t
        .client()
        .responses.create({ model: 'gpt-6.1-sol', input: 'x', tools: [image(model) as never] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toEqual({
        type: 'invalid_request_error',
        code: 'image_generation_user_error',
        message: `The model '${model}' does not exist.`,
        param: 'tools',
      });
    });
  }

  for (const model of ['o4-mini', 'gpt-4.1-nano', 'gpt-7', 'ft:gpt-4o:acme::x1']) {
    it(`refuses the mainline model ${model}: 404 model_not_found`, async () => {
      const error = await t
        .client()
        .responses.create({ model, input: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect(error).toMatchObject({
        status: 404,
        code: 'model_not_found',
        type: 'invalid_request_error',
        param: null,
        message: `404 The model \`${model}\` does not exist or you do not have access to it.`,
      });
    });
  }

  it('does not take an image model as the mainline model, nor a mainline model in the tool', async () => {
    const client = t.client();
    await expect(
      client.responses.create({ model: 'gpt-image-2', input: 'x' }),
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(
      client.responses.create({
        model: 'gpt-6.1-sol',
        input: 'x',
        tools: [image('gpt-5') as never],
      }),
    ).rejects.toMatchObject({ status: 400, code: 'image_generation_user_error' });
  });

  it('accepts every live model, deprecated ones and dated snapshots included', async () => {
    const client = t.client();
    for (const model of ['gpt-5', 'gpt-5-2025-08-07', 'o3', 'gpt-4o-mini', 'gpt-6.2-sol']) {
      expect((await client.responses.create({ model, input: 'hi' })).model).toBe(model);
    }
    for (const model of [
      'gpt-image-2',
      'gpt-image-2-2026-04-21',
      'gpt-image-2.5-flare-2026-09-08',
      'gpt-image-2.6-flare',
    ]) {
      const response = await client.responses.create({
        model: 'gpt-6.1-sol',
        input: 'A kite',
        tools: [image(model) as never],
      });
      expect(imageItem(response).status, model).toBe('completed');
    }
  });

  it('uses gpt-image-2.6-sunburst when the tool names no model', async () => {
    const response = await t.client().responses.create({
      model: 'gpt-6.1-sol',
      input: 'A kite',
      tools: [{ type: 'image_generation', size: SMALL.size }],
    });
    expect(response.status).toBe('completed');
    expect(t.fake.stats.imagesByModel['gpt-image-2.6-sunburst']).toBeGreaterThan(0);
  });
});

describe('the clock', () => {
  it('crosses a shutdown date: gpt-5 answers until 2026-12-10 and is gone on 2026-12-11', async () => {
    const fake = await createFakeOpenAI({ now: '2026-12-10T23:59:00Z' });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      const before = await client.responses.create({ model: 'gpt-5', input: 'hi' });
      expect(before.created_at).toBeGreaterThanOrEqual(unix('2026-12-10'));
      expect(before.created_at).toBeLessThan(unix('2026-12-11'));
      fake.configure({ now: '2026-12-11T00:00:00Z' });
      expect(fake.now()).toBeGreaterThanOrEqual(unix('2026-12-11') * 1000);
      await expect(client.responses.create({ model: 'gpt-5', input: 'hi' })).rejects.toMatchObject({
        status: 404,
        code: 'model_not_found',
      });
      expect((await client.models.list()).data.map((m) => m.id)).not.toContain('gpt-5');
    } finally {
      await fake.close();
    }
  });

  it('takes a function, asked on every request', async () => {
    let now = Date.parse('2026-10-22T12:00:00Z');
    const fake = await createFakeOpenAI({ now: () => now });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      // gpt-image-1 makes only the standard sizes.
      const tools = [
        { type: 'image_generation' as const, model: 'gpt-image-1', size: '1024x1024' },
      ];
      const alive = await client.responses.create({ model: 'gpt-4.1', input: 'x', tools });
      expect(imageItem(alive).status).toBe('completed');
      now = Date.parse('2026-10-23T00:00:00Z');
      await expect(
        client.responses.create({ model: 'gpt-4.1', input: 'x', tools }),
      ).rejects.toMatchObject({ status: 400, code: 'image_generation_user_error' });
    } finally {
      await fake.close();
    }
  });

  it('defaults to real time', async () => {
    const fake = await createFakeOpenAI();
    try {
      const before = Date.now();
      expect(fake.now()).toBeGreaterThanOrEqual(before);
      expect(fake.now()).toBeLessThanOrEqual(Date.now());
    } finally {
      await fake.close();
    }
  });
});

describe('GET /v1/models', () => {
  const t = useFake({ now: '2026-12-01T12:00:00Z' });

  it('lists the live models in the SDK shape, with shutdown_date for deprecated ones', async () => {
    const page = await t.client().models.list();
    const byId = new Map(page.data.map((m) => [m.id, m as typeof m & { shutdown_date: unknown }]));
    expect(byId.get('gpt-5')).toEqual({
      id: 'gpt-5',
      object: 'model',
      created: expect.any(Number),
      owned_by: 'system',
      shutdown_date: unix('2026-12-11'),
    });
    expect(byId.get('gpt-4o-mini')?.shutdown_date).toBe(unix('2027-01-14'));
    for (const id of ['gpt-image-2.6-sunburst', 'gpt-image-2', 'gpt-6.1-sol', 'gpt-5.6-sol'])
      expect(byId.get(id)?.shutdown_date, id).toBeNull();
    for (const id of [
      'gpt-image-1.5',
      'gpt-image-1',
      'gpt-image-1-mini',
      'o4-mini',
      'gpt-4.1-nano',
    ])
      expect(byId.has(id), id).toBe(false);
    expect(page.data.length).toBe(
      MODEL_TABLE.filter((m) => m.shutdown === null || m.shutdown > '2026-12-01').length,
    );
    expect(t.fake.stats.modelRequests).toBeGreaterThan(0);
  });

  it('retrieves one model, and 404s a shut-down or unknown one', async () => {
    const client = t.client();
    expect(await client.models.retrieve('o3')).toMatchObject({
      id: 'o3',
      object: 'model',
      shutdown_date: unix('2026-12-11'),
    });
    for (const id of ['gpt-image-1.5', 'nope'])
      await expect(client.models.retrieve(id)).rejects.toMatchObject({
        status: 404,
        code: 'model_not_found',
      });
  });

  it('needs an API key like every other route', async () => {
    const res = await fetch(`${t.fake.baseURL}/models`);
    expect(res.status).toBe(401);
  });
});

describe('option lifecycle: false', () => {
  it('accepts any model name: shut-down ones as they were, unknown ones like the defaults', async () => {
    const fake = await createFakeOpenAI({ lifecycle: false, now: '2026-12-12T00:00:00Z' });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      const old = await client.responses.create({
        model: 'gpt-5',
        input: 'x',
        tools: [{ type: 'image_generation', model: 'gpt-image-1', size: '1024x1024' }],
      });
      expect(imageItem(old).status).toBe('completed');
      const custom = await client.responses.create({
        model: 'my-model',
        input: 'x',
        tools: [image('my-image-model') as never],
      });
      expect(imageItem(custom).size).toBe(SMALL.size);
      // Still no image model as the mainline model, and GET /v1/models still follows the clock.
      await expect(
        client.responses.create({ model: 'gpt-image-2', input: 'x' }),
      ).rejects.toMatchObject({
        status: 404,
      });
      expect((await client.models.list()).data.map((m) => m.id)).not.toContain('gpt-5');
    } finally {
      await fake.close();
    }
  });
});

describe('the table can disagree with the product catalogue (option models)', () => {
  it('adds, re-dates and removes models', async () => {
    const fake = await createFakeOpenAI({
      now: '2026-12-01T12:00:00Z',
      models: {
        'gpt-image-2': { shutdown: '2026-12-01' },
        'gpt-image-3-preview': { like: 'gpt-image-2.6-sunburst' },
        'gpt-6.1-sol': { shutdown: '2027-03-01' },
        'gpt-4o': null,
      },
    });
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: fake.baseURL, maxRetries: 0 });
      const ids = (await client.models.list()).data.map((m) => m.id);
      expect(ids).toContain('gpt-image-3-preview');
      expect(ids).not.toContain('gpt-image-2');
      expect(ids).not.toContain('gpt-4o');
      expect(
        ((await client.models.retrieve('gpt-6.1-sol')) as unknown as Loose).shutdown_date,
      ).toBe(unix('2027-03-01'));
      const made = await client.responses.create({
        model: 'gpt-6.1-sol',
        input: 'x',
        tools: [image('gpt-image-3-preview') as never],
      });
      expect(imageItem(made).status).toBe('completed');
      await expect(
        client.responses.create({
          model: 'gpt-6.1-sol',
          input: 'x',
          tools: [image('gpt-image-2') as never],
        }),
      ).rejects.toMatchObject({ status: 400, code: 'image_generation_user_error' });
    } finally {
      await fake.close();
    }
  });

  it('refuses an override it cannot build', async () => {
    await expect(createFakeOpenAI({ models: { 'mystery-model': {} } })).rejects.toThrow(
      /needs a family or like/,
    );
    await expect(createFakeOpenAI({ models: { 'gpt-5': { shutdown: 'soon' } } })).rejects.toThrow(
      /YYYY-MM-DD/,
    );
  });
});
