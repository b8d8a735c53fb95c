//! Pieces shared by the cohort tests: a seeded generator and the EULAR/ACR item names.

#![allow(dead_code)]

/// A small xorshift generator: the same seed gives the same rows on every machine.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// The twelve true/false items of the EULAR/ACR 2017 criteria, as column names.
pub const EULAR_BOOLS: [&str; 12] = [
    "proximal_upper_weakness",
    "proximal_lower_weakness",
    "neck_flexors_weaker_than_extensors",
    "proximal_legs_weaker_than_distal",
    "heliotrope_rash",
    "gottrons_papules",
    "gottrons_sign",
    "dysphagia",
    "anti_jo1",
    "elevated_muscle_enzymes",
    "finger_flexor_weakness",
    "no_response_to_treatment",
];

/// The muscle biopsy items, as column names (under `muscle_biopsy.`).
pub const BIOPSY: [&str; 4] = [
    "muscle_biopsy.endomysial_infiltrate",
    "muscle_biopsy.perimysial_or_perivascular_infiltrate",
    "muscle_biopsy.perifascicular_atrophy",
    "muscle_biopsy.rimmed_vacuoles",
];
