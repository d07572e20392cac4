import { describe, expect, it } from 'vitest';
import type { BatchColumn } from './batch-grid';
import {
  cellKey,
  crossProduct,
  fillColumn,
  firstFreeRow,
  localProblems,
  parseList,
  pasteIntoGrid,
  productSize,
  requestRows,
  serverProblems,
  zipLists,
} from './batch-grid';

const columns: BatchColumn[] = [
  { name: 'subject', label: 'Subject', kind: 'text' },
  { name: 'style', label: 'Style', kind: 'text' },
  { name: 'photo', label: 'Photo', kind: 'image' },
];

describe('pasting into the grid', () => {
  it('pastes spreadsheet rows (TSV) left to right from the cell, adding rows', () => {
    const result = pasteIntoGrid([], columns, 'A fox\tink\nAn owl\twatercolour\n', {
      row: 0,
      column: 'subject',
    });
    expect(result.rows).toEqual([
      { subject: 'A fox', style: 'ink', photo: '' },
      { subject: 'An owl', style: 'watercolour', photo: '' },
    ]);
    expect(result).toMatchObject({ pasted: 2, dropped: 0, header: false });
  });

  it('reads CSV with quoted commas and starts at the column pasted into', () => {
    const start = [{ subject: 'keep', style: '', photo: '' }];
    const result = pasteIntoGrid(start, columns, '"ink, bold",fox.png\nlino,owl.png', {
      row: 0,
      column: 'style',
    });
    expect(result.rows).toEqual([
      { subject: 'keep', style: 'ink, bold', photo: 'fox.png' },
      { subject: '', style: 'lino', photo: 'owl.png' },
    ]);
  });

  it('uses a first line that names the inputs as a header, in any order', () => {
    const result = pasteIntoGrid([], columns, 'Photo\tsubject\nfox.png\tA fox\nowl.png\tAn owl', {
      row: 0,
      column: 'style',
    });
    expect(result.header).toBe(true);
    expect(result.rows).toEqual([
      { subject: 'A fox', style: '', photo: 'fox.png' },
      { subject: 'An owl', style: '', photo: 'owl.png' },
    ]);
  });

  it('counts the cells that fall right of the last column', () => {
    const result = pasteIntoGrid([], columns, 'a\tb\tc\td\te', { row: 0, column: 'style' });
    expect(result.dropped).toBe(3);
    expect(result.rows[0]).toEqual({ subject: '', style: 'a', photo: 'b' });
  });
});

describe('generators', () => {
  it('crosses 3 subjects with 4 styles into 12 rows, the first list varying slowest', () => {
    const lists = {
      subject: parseList('fox\nowl\n\nlynx\n'),
      style: ['ink', 'oil', 'lino', 'pixel'],
    };
    expect(productSize(lists)).toBe(12);
    const rows = crossProduct(lists);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 5)).toEqual([
      { subject: 'fox', style: 'ink' },
      { subject: 'fox', style: 'oil' },
      { subject: 'fox', style: 'lino' },
      { subject: 'fox', style: 'pixel' },
      { subject: 'owl', style: 'ink' },
    ]);
  });

  it('ignores empty lists in a product and makes nothing of none', () => {
    expect(crossProduct({ subject: ['a', 'b'], style: [] })).toHaveLength(2);
    expect(crossProduct({})).toEqual([]);
    expect(productSize({ subject: [] })).toBe(0);
  });

  it('zips lists line by line and refuses uneven ones, saying which', () => {
    expect(zipLists({ subject: ['fox', 'owl'], style: ['ink', 'oil'] })).toEqual([
      { subject: 'fox', style: 'ink' },
      { subject: 'owl', style: 'oil' },
    ]);
    expect(zipLists({ subject: ['fox', 'owl'], style: ['ink'] })).toEqual({
      error: expect.stringMatching(/"subject" has 2 values, "style" has 1/) as string,
    });
  });
});

describe('image columns and what is sent', () => {
  it('fills a dropped folder down a column from its first free row', () => {
    const rows = [{ subject: 'a', style: '', photo: 'x.png' }];
    expect(firstFreeRow(rows, 'photo')).toBe(1);
    expect(firstFreeRow(rows, 'style')).toBe(0);
    const filled = fillColumn(rows, columns, 'photo', ['fox.png', 'owl.png'], 1);
    expect(filled.map((r) => r.photo)).toEqual(['x.png', 'fox.png', 'owl.png']);
    expect(filled[2]).toEqual({ subject: '', style: '', photo: 'owl.png' });
  });

  it("sends the non-empty cells of the recipe's columns and remembers which grid row each is", () => {
    const sent = requestRows(
      [
        { subject: 'a', style: '', photo: '' },
        { subject: ' ', style: '', photo: '', gone: 'kept from another recipe' },
        { subject: 'c', style: 'ink', photo: '' },
      ],
      columns,
    );
    expect(sent).toEqual({
      rows: [{ subject: 'a' }, { subject: 'c', style: 'ink' }],
      gridRow: [0, 2],
    });
  });

  it('marks image cells naming a file not uploaded, and puts server problems on their cells', () => {
    const rows = [
      { subject: 'a', style: '', photo: 'fox.png' },
      { subject: 'b', style: '', photo: 'dir/owl.png' },
      { subject: 'c', style: '', photo: `blob:${'a'.repeat(64)}` },
      { subject: 'd', style: '', photo: 'cat.png' },
    ];
    const local = localProblems(rows, columns, { 'fox.png': 'x', 'owl.png': 'y' });
    expect([...local.keys()]).toEqual([cellKey(3, 'photo')]);
    expect(local.get(cellKey(3, 'photo'))).toMatch(/“cat.png” is not uploaded/);

    const server = serverProblems(
      [
        { path: 'rows[1].style', message: 'Row 2, column "style": unknown input' },
        { path: 'rows[0]', message: 'Row 1: bad' },
        { path: 'csv', message: 'ignored' },
      ],
      [0, 2],
    );
    expect(server.get(cellKey(2, 'style'))).toBe('unknown input');
    expect(server.get(cellKey(0, ''))).toBe('bad');
    expect(server.size).toBe(2);
  });
});
