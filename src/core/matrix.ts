/** A dense row-major matrix of doubles. */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: ArrayLike<number>) {
    if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`Matrix: rows must be a non-negative integer, got ${rows}`);
    if (!Number.isInteger(cols) || cols < 0) throw new RangeError(`Matrix: cols must be a non-negative integer, got ${cols}`);
    if (data !== undefined && data.length !== rows * cols) {
      throw new RangeError(`Matrix: data must have rows*cols = ${rows * cols} entries, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data === undefined ? new Float64Array(rows * cols) : Float64Array.from(data);
  }

  /** Build from an array of rows (all of the same length). */
  static from(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const m = rows.length;
    const n = m === 0 ? 0 : rows[0]!.length;
    const out = new Matrix(m, n);
    for (let i = 0; i < m; i++) {
      const row = rows[i]!;
      if (row.length !== n) throw new RangeError(`Matrix.from: rows must all have length ${n}, row ${i} has ${row.length}`);
      for (let j = 0; j < n; j++) out.data[i * n + j] = row[j]!;
    }
    return out;
  }

  get(i: number, j: number): number {
    if (i < 0 || i >= this.rows || j < 0 || j >= this.cols || !Number.isInteger(i) || !Number.isInteger(j)) {
      throw new RangeError(`Matrix.get: index (${i}, ${j}) is outside a ${this.rows}x${this.cols} matrix`);
    }
    return this.data[i * this.cols + j]!;
  }

  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }
}

export type MatrixLike = Matrix | ArrayLike<ArrayLike<number>> | Float64Array[];
