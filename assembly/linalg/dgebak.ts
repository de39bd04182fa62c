/**
 * dgebak: undo dgebal's balancing on eigenvectors: rows low..high of the row-major
 * n x n matrix `v` are multiplied by the scaling factors, then the row exchanges are
 * undone in reverse order (EISPACK balbak, LAPACK dgebak with job 'B', side 'R').
 *
 * References: Parlett & Reinsch, Numer. Math. 13 (1969), in Wilkinson & Reinsch,
 * Handbook II/11; LAPACK Users' Guide (dgebak).
 */
export function dgebak(n: i32, low: i32, high: i32, scale: usize, v: usize): void {
  const nn = <usize>n;
  // with low == high, scale[low] is a permutation index (dgebal isolated everything)
  for (let i = low; i < high || (i == high && low < high); i++) {
    const f = load<f64>(scale + ((<usize>i) << 3));
    if (f == 1) continue;
    const row = v + ((<usize>i * nn) << 3);
    for (let j = 0; j < n; j++) store<f64>(row + ((<usize>j) << 3), load<f64>(row + ((<usize>j) << 3)) * f);
  }
  for (let ii = 0; ii < n; ii++) {
    let i = ii;
    if (i >= low && i <= high) continue;
    if (i < low) i = low - 1 - ii;
    const k = <i32>load<f64>(scale + ((<usize>i) << 3));
    if (k == i) continue;
    const ri = v + ((<usize>i * nn) << 3);
    const rk = v + ((<usize>k * nn) << 3);
    for (let j = 0; j < n; j++) {
      const o = (<usize>j) << 3;
      const t = load<f64>(ri + o);
      store<f64>(ri + o, load<f64>(rk + o));
      store<f64>(rk + o, t);
    }
  }
}
