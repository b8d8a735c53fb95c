//! The cases the EULAR/ACR benchmark and the `eular_rate` example score.

use myo_instruments::eular_acr::Input;

/// A fixed, varied set of cases (deterministic pseudo-random: no I/O, no RNG dependency).
pub fn cases(n: usize) -> Vec<Input> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let tri = |r: u64| match r % 3 {
        0 => None,
        1 => Some(false),
        _ => Some(true),
    };
    (0..n)
        .map(|_| {
            let r = next();
            let age = (r % 5 != 0).then_some((r % 90) as f64);
            let clinical = std::array::from_fn(|i| tri(next() >> i));
            let biopsy = (r % 4 == 0).then(|| std::array::from_fn(|i| tri(next() >> i)));
            Input {
                age_at_onset_years: age,
                clinical,
                finger_flexor_weakness: tri(next()),
                no_response_to_treatment: tri(next()),
                muscle_biopsy: biopsy,
            }
        })
        .collect()
}
