/**
 * Status codes and messages of quad/dblquad: QUADPACK's ier (after its final shift) with
 * SciPy's texts (scipy.integrate.quad, whitespace joined onto one line), plus 7 for an
 * integrand value that is not a finite number (SciPy's "abnormal termination" slot).
 */
export const STATUS_SUCCESS = 0;
export const STATUS_LIMIT = 1;
export const STATUS_ROUNDOFF = 2;
export const STATUS_BAD_INTEGRAND = 3;
export const STATUS_NO_CONVERGENCE = 4;
export const STATUS_DIVERGENT = 5;
export const STATUS_NON_FINITE = 7;

export function statusMessage(status: number, limit: number): string {
  switch (status) {
    case STATUS_SUCCESS:
      return 'The integral was computed to the requested accuracy.';
    case STATUS_LIMIT:
      return (
        `The maximum number of subdivisions (${limit}) has been achieved. ` +
        'If increasing the limit yields no improvement it is advised to analyze the integrand in order to ' +
        'determine the difficulties. If the position of a local difficulty can be determined (singularity, ' +
        'discontinuity) one will probably gain from splitting up the interval and calling the integrator on ' +
        'the subranges. Perhaps a special-purpose integrator should be used.'
      );
    case STATUS_ROUNDOFF:
      return (
        'The occurrence of roundoff error is detected, which prevents the requested tolerance from being ' +
        'achieved. The error may be underestimated.'
      );
    case STATUS_BAD_INTEGRAND:
      return 'Extremely bad integrand behavior occurs at some points of the integration interval.';
    case STATUS_NO_CONVERGENCE:
      return (
        'The algorithm does not converge. Roundoff error is detected in the extrapolation table. It is ' +
        'assumed that the requested tolerance cannot be achieved, and that the returned result is the best ' +
        'which can be obtained.'
      );
    case STATUS_DIVERGENT:
      return 'The integral is probably divergent, or slowly convergent.';
    default:
      return 'Unknown error.';
  }
}
