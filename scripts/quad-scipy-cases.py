#!/usr/bin/env python3
# Extra SciPy references for quad (beyond shared/fixtures/quad.json): singular, divergent,
# oscillatory, break-point and infinite-range integrands with various tolerances and limits.
# Writes src/quad/__tests__/scipy-quad-extra.json; each case carries the integrand as a
# Python and a JavaScript expression in x. SciPy returns ier only through its warning
# message, which is mapped back to the number here. Run: python3 scripts/quad-scipy-cases.py
import json, math
import numpy as np
from scipy import integrate
inf = float('inf')
C = [
 ("sqrt", "math.sqrt(x)", "Math.sqrt(x)", 0, 1, None, {}),
 ("log", "math.log(x)", "Math.log(x)", 0, 1, None, {}),
 ("invsqrt", "1/math.sqrt(x)", "1/Math.sqrt(x)", 0, 1, None, {}),
 ("logsqrt", "math.log(x)/math.sqrt(x)", "Math.log(x)/Math.sqrt(x)", 0, 1, None, {}),
 ("1/x", "1/x", "1/x", 0, 1, None, {}),
 ("x^-1.5", "x**-1.5", "Math.pow(x,-1.5)", 0, 1, None, {}),
 ("x^-0.9", "x**-0.9", "Math.pow(x,-0.9)", 0, 1, None, {}),
 ("x^-0.99", "x**-0.99", "Math.pow(x,-0.99)", 0, 1, None, {}),
 ("sin(1/x)", "math.sin(1/x)", "Math.sin(1/x)", 0, 1, None, {}),
 ("cos100", "math.cos(100*x)", "Math.cos(100*x)", 0, 1, None, {}),
 ("cos1000", "math.cos(1000*x)", "Math.cos(1000*x)", 0, 1, None, {}),
 ("cos1000 lim200", "math.cos(1000*x)", "Math.cos(1000*x)", 0, 1, None, {"limit":200}),
 ("step", "0.0 if x < 0.3 else 1.0", "x < 0.3 ? 0 : 1", 0, 1, None, {}),
 ("step pts", "0.0 if x < 0.3 else 1.0", "x < 0.3 ? 0 : 1", 0, 1, [0.3], {}),
 ("abs kink pts", "abs(x-1)", "Math.abs(x-1)", 0, 2, [1.0], {}),
 ("two sing pts", "abs(x-0.25)**-0.5 + abs(x-0.75)**-0.4", "Math.pow(Math.abs(x-0.25),-0.5)+Math.pow(Math.abs(x-0.75),-0.4)", 0, 1, [0.75, 0.25], {}),
 ("two sing pts tight", "abs(x-0.25)**-0.5 + abs(x-0.75)**-0.4", "Math.pow(Math.abs(x-0.25),-0.5)+Math.pow(Math.abs(x-0.75),-0.4)", 0, 1, [0.25, 0.75], {"epsabs":0, "epsrel":1e-12}),
 ("log pts", "math.log(abs(x-0.5))", "Math.log(Math.abs(x-0.5))", 0, 1, [0.5], {}),
 ("1/x pts", "1/abs(x-0.5)", "1/Math.abs(x-0.5)", 0, 1, [0.5], {}),
 ("no pts inside", "math.exp(x)", "Math.exp(x)", 0, 1, [], {}),
 ("exp -x", "math.exp(-x)", "Math.exp(-x)", 0, inf, None, {}),
 ("exp x neg", "math.exp(x)", "Math.exp(x)", -inf, 0, None, {}),
 ("exp x neg bound", "math.exp(x)", "Math.exp(x)", -inf, 2, None, {}),
 ("gauss both", "math.exp(-x*x)", "Math.exp(-x*x)", -inf, inf, None, {}),
 ("sinx/x", "math.sin(x)/x", "Math.sin(x)/x", 0, inf, None, {}),
 ("1/x inf", "1/x", "1/x", 1, inf, None, {}),
 ("x^-1.1 inf", "x**-1.1", "Math.pow(x,-1.1)", 1, inf, None, {}),
 ("logx/(1+x^2)", "math.log(x)/(1+x*x)", "Math.log(x)/(1+x*x)", 0, inf, None, {}),
 ("exp cos inf", "math.exp(-x)*math.cos(x)", "Math.exp(-x)*Math.cos(x)", 0, inf, None, {}),
 ("sqrtlog tight", "math.sqrt(x)*math.log(x)", "Math.sqrt(x)*Math.log(x)", 0, 1, None, {"epsabs":0, "epsrel":1e-13}),
 ("sqrtlog loose", "math.sqrt(x)*math.log(x)", "Math.sqrt(x)*Math.log(x)", 0, 1, None, {"epsabs":1e-3, "epsrel":0}),
 ("sqrtlog lim3", "math.sqrt(x)*math.log(x)", "Math.sqrt(x)*Math.log(x)", 0, 1, None, {"limit":3}),
 ("sqrt lim1", "math.sqrt(x)", "Math.sqrt(x)", 0, 1, None, {"limit":1}),
 ("reverse", "math.exp(-x)*math.sin(3*x)", "Math.exp(-x)*Math.sin(3*x)", 2, 0, None, {}),
 ("reverse inf", "math.exp(-x)", "Math.exp(-x)", inf, 0, None, {}),
 ("zero", "0.0", "0", 0, 1, None, {}),
 ("oscill x sin 1/x", "x*math.sin(1/x)", "x*Math.sin(1/x)", 0, 1, None, {}),
 ("near-disc", "1/(1e-4+(x-0.5)**2)", "1/(1e-4+(x-0.5)*(x-0.5))", 0, 1, None, {}),
 ("near-disc lim200", "1/(1e-4+(x-0.5)**2)", "1/(1e-4+(x-0.5)*(x-0.5))", 0, 1, None, {"limit":200}),
 ("large range", "math.exp(-x/1000)", "Math.exp(-x/1000)", 0, 1e5, None, {}),
 ("abs sin", "abs(math.sin(x))", "Math.abs(Math.sin(x))", 0, 50, None, {}),
 ("x^3 -1..2", "x**3", "x*x*x", -1, 2, None, {}),
 ("epsabs0", "math.cos(x)", "Math.cos(x)", 0, 10, None, {"epsabs":0, "epsrel":1e-10}),
 ("loglog", "math.log(-math.log(x))", "Math.log(-Math.log(x))", 0, 1, None, {}),
 ("bessel-like", "math.cos(x*math.sin(0.5))*x", "Math.cos(x*Math.sin(0.5))*x", 0, 30, None, {}),
]
out = []
for name, py, js, a, b, pts, opts in C:
    f = eval("lambda x: " + py)
    kw = dict(full_output=1, **opts)
    if pts is not None: kw["points"] = pts
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = integrate.quad(f, a, b, **kw)
        except Exception as e:
            out.append(dict(name=name, error=str(e))); continue
    val, err, info = r[0], r[1], r[2]
    ier = 0 if len(r) == 3 else None
    if len(r) >= 4:
        msg = r[3]
        # ier is not returned directly; recover it from the message table
        tbl = {1:"maximum number of subdivisions", 2:"roundoff error is detected", 3:"Extremely bad", 4:"does not converge", 5:"divergent"}
        ier = next((k for k, v in tbl.items() if v in msg), -1)
    out.append(dict(name=name, js=js, a=str(a), b=str(b), points=pts, opts=opts, value=val, abserr=err, neval=info["neval"], ier=ier, last=info.get("last")))
# dblquad: SciPy's dblquad(func(y, x), ...); the JS expressions use the API's f(x, y).
D = [
 ("disk", "1.0", "1", -1, 1, "-math.sqrt(1-x*x)", "-Math.sqrt(1-x*x)", "math.sqrt(1-x*x)", "Math.sqrt(1-x*x)"),
 ("disk r2", "x*x+y*y", "x*x+y*y", -1, 1, "-math.sqrt(1-x*x)", "-Math.sqrt(1-x*x)", "math.sqrt(1-x*x)", "Math.sqrt(1-x*x)"),
 ("exp inner inf", "math.exp(-x*y)*x", "Math.exp(-x*y)*x", 1, 2, "0", "0", "inf", "Infinity"),
 ("gauss plane", "math.exp(-x*x-y*y)", "Math.exp(-x*x-y*y)", -inf, inf, "-inf", "-Infinity", "inf", "Infinity"),
 ("inner fails", "1/y", "1/y", 0, 1, "0", "0", "1", "1"),
 ("cos xy tri", "math.cos(x*y)+x", "Math.cos(x*y)+x", 0, 2, "0", "0", "x", "x"),
 ("reversed inner", "math.exp(x)*(1+y)", "Math.exp(x)*(1+y)", 0, 1, "2", "2", "0", "0"),
 ("sqrt sing", "1/math.sqrt(x*y)", "1/Math.sqrt(x*y)", 0, 1, "0", "0", "1", "1"),
]
dbl = []
for name, py, js, xa, xb, ya, yajs, yb, ybjs in D:
    f = eval("lambda y, x: " + py)
    g = eval("lambda x: " + ya); h = eval("lambda x: " + yb)
    n = [0]
    def ff(y, x): n[0] += 1; return f(y, x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        v, e = integrate.dblquad(ff, xa, xb, g, h)
    dbl.append(dict(name=name, js=js, xa=str(xa), xb=str(xb), ya=yajs, yb=ybjs, value=v, abserr=e, neval=n[0]))
import scipy, os
here = os.path.dirname(os.path.abspath(__file__))
doc = {"generator": "scripts/quad-scipy-cases.py", "scipy": scipy.__version__, "numpy": np.__version__, "cases": out, "dblquad": dbl}
with open(os.path.join(here, "..", "src", "quad", "__tests__", "scipy-quad-extra.json"), "w") as fh:
    fh.write(json.dumps(doc, indent=0))
print(len(out))
