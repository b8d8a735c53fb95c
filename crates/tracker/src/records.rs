//! Validated records: diary entries, home tests, conditions, antibody results and visits.
//!
//! Constructors check every value and name the field on error. `None` always means "not
//! recorded": it is never read as zero or normal.

use myo_instruments::{cmas, haq, mmt8};

use crate::date::Date;
use crate::error::{Invalid, Worded, check_range};
use crate::labs::Analyte;
use crate::rules::{CitedCode, Rules};

/// Longest diary note, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;

/// The 0–10 diary ratings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    /// Muscle weakness (10 = worst).
    Weakness,
    /// Fatigue (10 = worst).
    Fatigue,
    /// Pain (10 = worst).
    Pain,
    /// Skin rash (10 = worst).
    Rash,
    /// Itch (10 = worst).
    Itch,
    /// Sleep quality (10 = best).
    SleepQuality,
    /// Mood (10 = best).
    Mood,
}

impl Rating {
    /// All ratings in form order.
    pub const ALL: [Rating; 7] = [
        Rating::Weakness,
        Rating::Fatigue,
        Rating::Pain,
        Rating::Rash,
        Rating::Itch,
        Rating::SleepQuality,
        Rating::Mood,
    ];

    /// Field id (`weakness`, `sleep_quality`, ...).
    pub fn id(self) -> &'static str {
        [
            "weakness",
            "fatigue",
            "pain",
            "rash",
            "itch",
            "sleep_quality",
            "mood",
        ][self as usize]
    }

    /// Everyday label.
    pub fn label(self) -> &'static str {
        [
            "weakness",
            "fatigue",
            "pain",
            "rash",
            "itch",
            "sleep quality",
            "mood",
        ][self as usize]
    }

    /// True when a higher number means feeling worse; sleep quality and mood run the other way.
    pub fn higher_is_worse(self) -> bool {
        !matches!(self, Rating::SleepQuality | Rating::Mood)
    }
}

/// The yes/no diary questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Symptom {
    /// Trouble swallowing.
    SwallowingTrouble,
    /// Breathlessness.
    Breathlessness,
    /// Fever.
    Fever,
    /// New skin sores.
    NewSkinSores,
}

impl Symptom {
    /// All questions in form order.
    pub const ALL: [Symptom; 4] = [
        Symptom::SwallowingTrouble,
        Symptom::Breathlessness,
        Symptom::Fever,
        Symptom::NewSkinSores,
    ];

    /// Field id.
    pub fn id(self) -> &'static str {
        [
            "swallowing_trouble",
            "breathlessness",
            "fever",
            "new_skin_sores",
        ][self as usize]
    }

    /// Everyday label.
    pub fn label(self) -> &'static str {
        [
            "trouble swallowing",
            "breathlessness",
            "fever",
            "new skin sores",
        ][self as usize]
    }
}

/// One day's diary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct DiaryEntry {
    date: Date,
    ratings: [Option<f64>; 7],
    symptoms: [Option<bool>; 4],
    note: Option<String>,
}

impl DiaryEntry {
    /// Validates an entry. Ratings and answers left out are "not recorded".
    pub fn new(
        date: Date,
        ratings: &[(Rating, f64)],
        symptoms: &[(Symptom, bool)],
        note: Option<&str>,
    ) -> Result<DiaryEntry, Invalid> {
        let mut r = [None; 7];
        for &(k, v) in ratings {
            let field = format!("ratings.{}", k.id());
            if r[k as usize].is_some() {
                return Err(Invalid::new(field, "given twice", "one value per rating")
                    .with(Worded::new("invalid-rating-twice")));
            }
            r[k as usize] = Some(check_range(&field, v, 0.0, 10.0)?);
        }
        let mut s = [None; 4];
        for &(k, v) in symptoms {
            if s[k as usize].is_some() {
                let field = format!("symptoms.{}", k.id());
                return Err(
                    Invalid::new(field, "given twice", "one answer per question")
                        .with(Worded::new("invalid-answer-twice")),
                );
            }
            s[k as usize] = Some(v);
        }
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if let Some(n) = note {
            let len = n.chars().count();
            if len > NOTE_MAX_CHARS {
                return Err(Invalid::new(
                    "note",
                    format!("{len} characters"),
                    format!("at most {NOTE_MAX_CHARS} characters"),
                )
                .with(
                    Worded::new("invalid-too-long")
                        .num("length", len)
                        .num("max", NOTE_MAX_CHARS),
                ));
            }
        }
        Ok(DiaryEntry {
            date,
            ratings: r,
            symptoms: s,
            note: note.map(str::to_owned),
        })
    }

    /// This entry saved over an earlier entry of the same day: what this entry records wins,
    /// what it leaves out keeps the earlier value, and only the ids in `clear` (rating ids,
    /// question ids, `note`) are erased. Nothing is erased by leaving a field empty.
    pub fn merged_onto(&self, earlier: &DiaryEntry, clear: &[&str]) -> Result<DiaryEntry, Invalid> {
        if earlier.date != self.date {
            return Err(Invalid::new(
                "date",
                format!("{} is not {}", self.date, earlier.date),
                "the same day",
            )
            .with(
                Worded::new("invalid-not-same-day")
                    .date("date", self.date)
                    .date("earlier", earlier.date),
            ));
        }
        for c in clear {
            let known = Rating::ALL.iter().any(|r| r.id() == *c)
                || Symptom::ALL.iter().any(|s| s.id() == *c)
                || *c == "note";
            if !known {
                return Err(Invalid::new(
                    "clear",
                    format!("unknown field '{c}'"),
                    "a rating id, a question id or note",
                ));
            }
        }
        let mut out = self.clone();
        for r in Rating::ALL {
            let i = r as usize;
            if clear.contains(&r.id()) {
                out.ratings[i] = None;
            } else if out.ratings[i].is_none() {
                out.ratings[i] = earlier.ratings[i];
            }
        }
        for s in Symptom::ALL {
            let i = s as usize;
            if clear.contains(&s.id()) {
                out.symptoms[i] = None;
            } else if out.symptoms[i].is_none() {
                out.symptoms[i] = earlier.symptoms[i];
            }
        }
        if clear.contains(&"note") {
            out.note = None;
        } else if out.note.is_none() {
            out.note.clone_from(&earlier.note);
        }
        Ok(out)
    }

    /// The day.
    pub fn date(&self) -> Date {
        self.date
    }

    /// A rating, if recorded.
    pub fn rating(&self, r: Rating) -> Option<f64> {
        self.ratings[r as usize]
    }

    /// A yes/no answer, if recorded.
    pub fn symptom(&self, s: Symptom) -> Option<bool> {
        self.symptoms[s as usize]
    }

    /// The note, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// Home function tests of one day; each `None` = not done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HomeTests {
    /// Day of testing.
    pub date: Date,
    /// 30-second sit-to-stand: number of stands.
    pub sit_to_stand_30s: Option<u32>,
    /// Timed up-and-go, seconds.
    pub timed_up_and_go_s: Option<f64>,
    /// Arm raise (arms held out), seconds.
    pub arm_raise_s: Option<f64>,
}

/// Which home test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HomeTest {
    /// 30-second sit-to-stand count.
    SitToStand30s,
    /// Timed up-and-go seconds.
    TimedUpAndGo,
    /// Arm-raise seconds.
    ArmRaise,
}

impl HomeTest {
    /// All home tests.
    pub const ALL: [HomeTest; 3] = [
        HomeTest::SitToStand30s,
        HomeTest::TimedUpAndGo,
        HomeTest::ArmRaise,
    ];

    /// Label with unit.
    pub fn label(self) -> &'static str {
        match self {
            HomeTest::SitToStand30s => "30-second sit-to-stand (stands)",
            HomeTest::TimedUpAndGo => "timed up-and-go (seconds)",
            HomeTest::ArmRaise => "arm raise (seconds)",
        }
    }
}

impl HomeTests {
    /// Validates plausibility bounds (data-entry checks, not clinical cut-offs).
    pub fn new(
        date: Date,
        sit_to_stand_30s: Option<u32>,
        timed_up_and_go_s: Option<f64>,
        arm_raise_s: Option<f64>,
    ) -> Result<HomeTests, Invalid> {
        if let Some(n) = sit_to_stand_30s.filter(|n| *n > 60) {
            return Err(
                Invalid::new("sit_to_stand_30s", format!("{n}"), "0 to 60 stands")
                    .with(Worded::new("invalid-stands").num("value", n)),
            );
        }
        if let Some(t) = timed_up_and_go_s {
            check_range("timed_up_and_go_s", t, 1.0, 600.0)?;
        }
        if let Some(t) = arm_raise_s {
            check_range("arm_raise_s", t, 0.0, 3600.0)?;
        }
        Ok(HomeTests {
            date,
            sit_to_stand_30s,
            timed_up_and_go_s,
            arm_raise_s,
        })
    }

    /// One test's value as a number, if done.
    pub fn value(&self, t: HomeTest) -> Option<f64> {
        match t {
            HomeTest::SitToStand30s => self.sit_to_stand_30s.map(f64::from),
            HomeTest::TimedUpAndGo => self.timed_up_and_go_s,
            HomeTest::ArmRaise => self.arm_raise_s,
        }
    }
}

/// Conditions with cited codes (order = `rules/reference.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConditionKind {
    /// Juvenile DM.
    JuvenileDm,
    /// Juvenile DM without myopathy.
    JuvenileDmAmyopathic,
    /// Adult DM.
    AdultDm,
    /// Amyopathic DM.
    AmyopathicDm,
    /// Polymyositis.
    Polymyositis,
    /// Inclusion body myositis.
    InclusionBodyMyositis,
    /// Dermatopolymyositis, unspecified.
    DermatopolymyositisUnspecified,
}

impl ConditionKind {
    /// All conditions in rule-file order.
    pub const ALL: [ConditionKind; 7] = [
        ConditionKind::JuvenileDm,
        ConditionKind::JuvenileDmAmyopathic,
        ConditionKind::AdultDm,
        ConditionKind::AmyopathicDm,
        ConditionKind::Polymyositis,
        ConditionKind::InclusionBodyMyositis,
        ConditionKind::DermatopolymyositisUnspecified,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        [
            "juvenile_dm",
            "juvenile_dm_amyopathic",
            "adult_dm",
            "amyopathic_dm",
            "polymyositis",
            "inclusion_body_myositis",
            "dermatopolymyositis_unspecified",
        ][self as usize]
    }
}

/// A diagnosis as recorded by the person or clinician (Myo never diagnoses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Which condition.
    pub kind: ConditionKind,
    /// Date of diagnosis, if known.
    pub diagnosed: Option<Date>,
    /// SNOMED CT code (cited), if any.
    pub snomed: Option<CitedCode>,
    /// ICD-10-CM code (cited), if any.
    pub icd10cm: Option<CitedCode>,
}

impl Condition {
    /// A condition with its cited codes attached.
    pub fn new(rules: &Rules, kind: ConditionKind, diagnosed: Option<Date>) -> Condition {
        let def = rules.condition(kind);
        Condition {
            kind,
            diagnosed,
            snomed: def.snomed.clone(),
            icd10cm: def.icd10cm.clone(),
        }
    }
}

/// Myositis antibodies and ANA (order = `rules/reference.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AntibodyKind {
    /// anti-Jo-1.
    Jo1,
    /// anti-Mi-2.
    Mi2,
    /// anti-MDA5.
    Mda5,
    /// anti-TIF1-γ.
    Tif1g,
    /// anti-NXP2.
    Nxp2,
    /// anti-SAE1.
    Sae1,
    /// anti-PL-7.
    Pl7,
    /// anti-PL-12.
    Pl12,
    /// anti-EJ.
    Ej,
    /// anti-OJ.
    Oj,
    /// anti-SRP.
    Srp,
    /// anti-HMGCR.
    Hmgcr,
    /// Antinuclear antibody.
    Ana,
}

impl AntibodyKind {
    /// All antibodies in rule-file order.
    pub const ALL: [AntibodyKind; 13] = [
        AntibodyKind::Jo1,
        AntibodyKind::Mi2,
        AntibodyKind::Mda5,
        AntibodyKind::Tif1g,
        AntibodyKind::Nxp2,
        AntibodyKind::Sae1,
        AntibodyKind::Pl7,
        AntibodyKind::Pl12,
        AntibodyKind::Ej,
        AntibodyKind::Oj,
        AntibodyKind::Srp,
        AntibodyKind::Hmgcr,
        AntibodyKind::Ana,
    ];

    /// Stable id.
    pub fn id(self) -> &'static str {
        [
            "jo1", "mi2", "mda5", "tif1g", "nxp2", "sae1", "pl7", "pl12", "ej", "oj", "srp",
            "hmgcr", "ana",
        ][self as usize]
    }
}

/// Result of an antibody test as reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AntibodyOutcome {
    /// Positive.
    Positive,
    /// Negative.
    Negative,
    /// Borderline / equivocal.
    Equivocal,
}

/// One antibody result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AntibodyResult {
    /// Which antibody.
    pub kind: AntibodyKind,
    /// Reported outcome.
    pub outcome: AntibodyOutcome,
    /// Titre or level as printed by the lab, if any.
    pub titre: Option<String>,
    /// Sample date.
    pub date: Date,
    /// Cited LOINC presence code, if any.
    pub loinc: Option<CitedCode>,
}

impl AntibodyResult {
    /// Validates a result (titre text at most 40 characters).
    pub fn new(
        rules: &Rules,
        kind: AntibodyKind,
        outcome: AntibodyOutcome,
        titre: Option<&str>,
        date: Date,
    ) -> Result<AntibodyResult, Invalid> {
        let titre = titre.map(str::trim).filter(|t| !t.is_empty());
        if let Some(t) = titre.filter(|t| t.chars().count() > 40) {
            return Err(Invalid::new(
                "titre",
                format!("'{t}' is too long"),
                "at most 40 characters",
            )
            .with(Worded::new("invalid-titre").text("text", t)));
        }
        Ok(AntibodyResult {
            kind,
            outcome,
            titre: titre.map(str::to_owned),
            date,
            loinc: rules.antibody(kind).loinc.clone(),
        })
    }
}

/// One serum enzyme at a visit, with the lab's upper limit of normal (same unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VisitEnzyme {
    /// CK, aldolase, AST, ALT or LDH.
    pub analyte: Analyte,
    /// Level.
    pub value: f64,
    /// Upper limit of normal.
    pub uln: f64,
}

/// Core set measures of one visit; `None` = not assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Visit {
    /// Visit day.
    pub date: Date,
    /// Physician global activity, 0–10.
    pub physician_global: Option<f64>,
    /// Patient global activity, 0–10.
    pub patient_global: Option<f64>,
    /// Extramuscular activity, 0–10.
    pub extramuscular: Option<f64>,
    /// MMT-8 grades (scored by `myo-instruments`).
    pub mmt8: Option<mmt8::Input>,
    /// HAQ-DI answers (scored by `myo-instruments`).
    pub haq: Option<haq::Input>,
    /// CMAS items (children; scored by `myo-instruments`).
    pub cmas: Option<cmas::Input>,
    /// Serum enzymes with ULN.
    pub enzymes: Vec<VisitEnzyme>,
}

impl Visit {
    /// Validates the 0–10 globals and the enzymes (instrument inputs are checked when scored).
    pub fn validate(&self) -> Result<(), Invalid> {
        for (f, v) in [
            ("physician_global", self.physician_global),
            ("patient_global", self.patient_global),
            ("extramuscular", self.extramuscular),
        ] {
            if let Some(v) = v {
                check_range(f, v, 0.0, 10.0)?;
            }
        }
        for (i, e) in self.enzymes.iter().enumerate() {
            let field = format!("enzymes[{i}]");
            if !myo_instruments::tis::ENZYMES.contains(&e.analyte.id()) {
                return Err(Invalid::new(
                    format!("{field}.analyte"),
                    format!("{} is not a TIS enzyme", e.analyte.id()),
                    "ck, aldolase, ast, alt, ldh",
                ));
            }
            if self.enzymes[..i].iter().any(|x| x.analyte == e.analyte) {
                return Err(Invalid::new(
                    field,
                    "enzyme given twice",
                    "one value per enzyme",
                ));
            }
            check_range(&format!("{field}.value"), e.value, 0.0, 1e7)?;
            if !(e.uln.is_finite() && e.uln > 0.0) {
                return Err(
                    Invalid::new(format!("{field}.uln"), format!("{}", e.uln), "> 0")
                        .with(Worded::new("invalid-above-zero").num("value", e.uln)),
                );
            }
        }
        Ok(())
    }
}
