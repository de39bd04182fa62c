import { describe, expect, it } from 'vitest';
import { eig, eigh, Matrix } from '../../index.js';

type Fn = (A: never, opts?: never) => unknown;
const fns: Array<[string, Fn]> = [
  ['eigh', eigh as Fn],
  ['eig', eig as Fn],
];

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

describe.each(fns)('%s rejects bad arguments', (name, fn) => {
  const call = (A: unknown, opts?: unknown) => () => fn(A as never, opts as never);

  it('a non-square matrix: RangeError naming A, the rule and the shape', () => {
    const e = thrown(call([[1, 2, 3], [4, 5, 6]]));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe(`${name}: A must be square, got 2x3`);
  });

  it('an empty matrix: RangeError', () => {
    const e = thrown(call([]));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe(`${name}: A must not be empty, got 0x0`);
    expect(thrown(call(new Matrix(0, 0))).message).toBe(`${name}: A must not be empty, got 0x0`);
  });

  it('ragged rows: RangeError naming the row', () => {
    const e = thrown(call([[1, 2], [3]]));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe(`${name}: A rows must all have the same length, row 0 has 2 and row 1 has 1`);
  });

  it('NaN or Infinity entries: RangeError naming the entry and value', () => {
    const e = thrown(call([[1, 2], [NaN, 4]]));
    expect(e).toBeInstanceOf(RangeError);
    expect(e.message).toBe(`${name}: A entries must be finite, A[1][0] is NaN`);
    const f = thrown(call(new Matrix(2, 2, [1, 2, Infinity, 4])));
    expect(f).toBeInstanceOf(RangeError);
    expect(f.message).toBe(`${name}: A entries must be finite, A[1][0] is Infinity`);
    expect(thrown(call([[-Infinity]])).message).toBe(`${name}: A entries must be finite, A[0][0] is -Infinity`);
  });

  it('something that is not a matrix: TypeError', () => {
    for (const [bad, shown] of [[5, '5'], ['abc', '"abc"'], [null, 'null'], [undefined, 'undefined']] as const) {
      const e = thrown(call(bad));
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toBe(`${name}: A must be a Matrix or an array of rows, got ${shown}`);
    }
    const e = thrown(call([1, 2, 3]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`${name}: A must be a matrix (array of rows), row 0 is 1`);
  });

  it('a non-number entry: TypeError naming the entry', () => {
    const e = thrown(call([[1, '2'], [3, 4]]));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`${name}: A[0][1] must be a number, got "2"`);
  });

  it('bad options: TypeError naming opts or opts.vectors', () => {
    const e = thrown(call([[1]], 5));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe(`${name}: opts must be an object, got 5`);
    const f = thrown(call([[1]], { vectors: 'yes' }));
    expect(f).toBeInstanceOf(TypeError);
    expect(f.message).toBe(`${name}: opts.vectors must be a boolean, got "yes"`);
    const g = thrown(call([[1]], { vectors: 1 }));
    expect(g).toBeInstanceOf(TypeError);
    expect(g.message).toBe(`${name}: opts.vectors must be a boolean, got 1`);
  });

  it('accepts absent, null and empty options (vectors default to true)', () => {
    for (const opts of [undefined, null, {}, { vectors: undefined }]) {
      const r = fn([[2, 1], [1, 2]] as never, opts as never) as { vectors?: unknown };
      expect(r.vectors).toBeDefined();
    }
  });
});

describe('eigh reads only the lower triangle', () => {
  it('ignores NaN and Infinity above the diagonal, while eig rejects them', () => {
    const sym = [[2, 1, 0], [1, 3, 1], [0, 1, 4]];
    const junk = [[2, NaN, Infinity], [1, 3, -Infinity], [0, 1, 4]];
    const a = eigh(sym);
    const b = eigh(junk);
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    expect(Array.from(b.vectors!.data)).toEqual(Array.from(a.vectors!.data));
    expect(() => eig(junk)).toThrow('eig: A entries must be finite, A[0][1] is NaN');
  });
});
