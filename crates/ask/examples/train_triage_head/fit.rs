//! Weighted, L2-regularised logistic regression by Newton's method (the bias is not penalised).

use myo_ask::embed::{DIMS, Vector};

use crate::samples::Sample;

/// Fitted weights and bias.
pub struct Fitted {
    pub w: Vec<f64>,
    pub b: f64,
}

impl Fitted {
    pub fn probability(&self, x: &Vector) -> f64 {
        sigmoid(self.z(x))
    }

    fn z(&self, x: &Vector) -> f64 {
        self.b
            + self
                .w
                .iter()
                .zip(x.as_slice())
                .map(|(w, &x)| w * f64::from(x))
                .sum::<f64>()
    }
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// Weighted log-loss plus `lambda / 2 * |w|^2`.
fn objective(
    f: &Fitted,
    samples: &[Sample],
    labels: &[bool],
    weights: &[f64],
    idx: &[usize],
    lambda: f64,
) -> f64 {
    let mut loss = 0.0;
    for &i in idx {
        let z = f.z(&samples[i].x);
        // log(1 + e^-z) for y = 1, log(1 + e^z) for y = 0, computed stably.
        let m = if labels[i] { -z } else { z };
        loss += weights[i] * (m.max(0.0) + (-m.abs()).exp().ln_1p());
    }
    loss + 0.5 * lambda * f.w.iter().map(|w| w * w).sum::<f64>()
}

/// Fit on the samples at `idx`.
pub fn fit_weighted(
    samples: &[Sample],
    labels: &[bool],
    weights: &[f64],
    idx: &[usize],
    lambda: f64,
) -> Fitted {
    // Renormalise the weights of this subset to the same total mass as the whole set, so the
    // L2 strength means the same in every fold.
    let total: f64 = weights.iter().sum();
    let sub: f64 = idx.iter().map(|&i| weights[i]).sum();
    let scale = total / sub;
    let c: Vec<f64> = weights.iter().map(|w| w * scale).collect();

    let n = DIMS + 1;
    let mut f = Fitted {
        w: vec![0.0; DIMS],
        b: 0.0,
    };
    let mut obj = objective(&f, samples, labels, &c, idx, lambda);
    for _ in 0..50 {
        let mut grad = vec![0.0; n];
        let mut hess = vec![0.0; n * n];
        let mut x = vec![0.0; n];
        for &i in idx {
            for (d, v) in samples[i].x.as_slice().iter().enumerate() {
                x[d] = f64::from(*v);
            }
            x[DIMS] = 1.0;
            let p = f.probability(&samples[i].x);
            let y = if labels[i] { 1.0 } else { 0.0 };
            let g = c[i] * (p - y);
            let h = c[i] * p * (1.0 - p);
            for a in 0..n {
                grad[a] += g * x[a];
                let ha = h * x[a];
                for b in a..n {
                    hess[a * n + b] += ha * x[b];
                }
            }
        }
        for a in 0..DIMS {
            grad[a] += lambda * f.w[a];
            hess[a * n + a] += lambda;
        }
        hess[DIMS * n + DIMS] += 1e-9;
        for a in 0..n {
            for b in 0..a {
                hess[a * n + b] = hess[b * n + a];
            }
        }
        let step = solve(&mut hess, &grad, n);
        // Backtracking: halve the step until the objective does not rise.
        let mut t = 1.0;
        let mut next;
        loop {
            next = Fitted {
                w: f.w.iter().zip(&step).map(|(w, s)| w - t * s).collect(),
                b: f.b - t * step[DIMS],
            };
            let o = objective(&next, samples, labels, &c, idx, lambda);
            if o <= obj || t < 1e-4 {
                let done = (obj - o).abs() < 1e-10 * obj.max(1.0);
                obj = o;
                f = next;
                if done {
                    return f;
                }
                break;
            }
            t *= 0.5;
        }
    }
    f
}

/// Solve `a x = b` for symmetric positive definite `a` (n x n, row-major) by Cholesky.
fn solve(a: &mut [f64], b: &[f64], n: usize) -> Vec<f64> {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        let d = d.max(1e-12).sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * y[k];
        }
        y[i] = s / a[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= a[k * n + i] * x[k];
        }
        x[i] = s / a[i * n + i];
    }
    x
}
