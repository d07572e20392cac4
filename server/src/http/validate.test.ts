import { formatPath as graphFormatPath } from '@atelier/graph';
import { describe, expect, it } from 'vitest';
import { formatPath } from './validate';

describe('request paths', () => {
  it("are written by the graph's one formatter (a key that is not a name is quoted)", () => {
    expect(formatPath).toBe(graphFormatPath);
    expect(formatPath(['inputs', 'my-photo', 0])).toBe('inputs["my-photo"][0]');
  });
});
