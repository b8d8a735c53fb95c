//! Patient records as one bundle, and the visit summary: a structured, pure composition for a
//! date range and chosen sections (rendering to HTML/PDF happens in the web crate).

use myo_instruments::Catalog;

use crate::date::Date;
use crate::error::{Invalid, Worded};
use crate::flares::{Flare, flares, gaps};
use crate::labs::{Analyte, LabResult, RangeFlag};
use crate::medicines::{Dose, Medicine, Schedule};
use crate::monitoring::TestKind;
use crate::records::{
    AntibodyResult, Condition, DiaryEntry, HomeTest, HomeTests, Rating, Symptom, Visit,
};
use crate::rules::Rules;
use crate::tis::{VisitScores, visit_scores};

/// Everything one person recorded (the storage layer fills it).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PatientRecords {
    /// Diary entries, one per day.
    pub diary: Vec<DiaryEntry>,
    /// Home function tests.
    pub home_tests: Vec<HomeTests>,
    /// Laboratory results.
    pub labs: Vec<LabResult>,
    /// Medicines, current and past.
    pub medicines: Vec<Medicine>,
    /// Clinic visits.
    pub visits: Vec<Visit>,
    /// Conditions.
    pub conditions: Vec<Condition>,
    /// Antibody results.
    pub antibodies: Vec<AntibodyResult>,
    /// Monitoring tests done that are not lab values here (TPMT, eye screening, blood pressure,
    /// hepatitis B, immunoglobulins, lipids, ...).
    pub tests_done: Vec<(TestKind, Date)>,
}

impl PatientRecords {
    /// Date of the latest result of `test` on or before `today`, from `tests_done` and, for
    /// blood counts, liver, kidney and glucose, from lab results.
    pub fn last_result(&self, test: TestKind, today: Date) -> Option<Date> {
        let labs: &[Analyte] = match test {
            TestKind::FullBloodCount => &[
                Analyte::Wbc,
                Analyte::Neutrophils,
                Analyte::Lymphocytes,
                Analyte::Haemoglobin,
                Analyte::Platelets,
            ],
            TestKind::LiverTests => &[Analyte::Alt, Analyte::Ast],
            TestKind::KidneyFunction => &[Analyte::Creatinine],
            TestKind::Glucose => &[Analyte::Glucose],
            _ => &[],
        };
        let from_labs = self
            .labs
            .iter()
            .filter(|l| labs.contains(&l.analyte))
            .map(|l| l.date);
        let done = self
            .tests_done
            .iter()
            .filter(|(t, _)| *t == test)
            .map(|(_, d)| *d);
        from_labs.chain(done).filter(|d| *d <= today).max()
    }
}

/// Sections a summary can include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// Diary ratings and yes/no symptoms.
    Symptoms,
    /// MMT-8, HAQ, CMAS and home tests.
    Strength,
    /// Lab results.
    Labs,
    /// Medicines and changes.
    Medicines,
    /// Flare signals.
    Flares,
    /// Questions for the doctor.
    Questions,
}

/// One rating over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingStats {
    /// Which rating.
    pub rating: Rating,
    /// Days with this rating recorded.
    pub recorded_days: usize,
    /// Mean of recorded days (`None` if none).
    pub mean: Option<f64>,
    /// Lowest recorded.
    pub min: Option<f64>,
    /// Highest recorded.
    pub max: Option<f64>,
    /// First recorded (date, value).
    pub first: Option<(Date, f64)>,
    /// Last recorded (date, value).
    pub last: Option<(Date, f64)>,
}

/// A yes/no question over the range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SymptomStats {
    /// Which question.
    pub symptom: Symptom,
    /// Days answered yes.
    pub yes_days: usize,
    /// Days answered at all.
    pub answered_days: usize,
}

/// Symptoms section.
#[derive(Debug, Clone, PartialEq)]
pub struct SymptomSection {
    /// Per rating.
    pub ratings: Vec<RatingStats>,
    /// Per yes/no question.
    pub symptoms: Vec<SymptomStats>,
    /// Runs of days without an entry.
    pub gaps: Vec<(Date, Date)>,
    /// Diary notes in the range.
    pub notes: Vec<(Date, String)>,
}

/// A home test over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct HomeTestStats {
    /// Which test.
    pub test: HomeTest,
    /// Times done.
    pub count: usize,
    /// First (date, value).
    pub first: Option<(Date, f64)>,
    /// Last (date, value).
    pub last: Option<(Date, f64)>,
}

/// Strength and function section.
#[derive(Debug, Clone, PartialEq)]
pub struct StrengthSection {
    /// Visits in range with their instrument totals.
    pub visits: Vec<(Date, VisitScores)>,
    /// Home tests.
    pub home_tests: Vec<HomeTestStats>,
}

/// One analyte over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct LabStats {
    /// Which analyte.
    pub analyte: Analyte,
    /// Results in range.
    pub count: usize,
    /// Results outside their reference range.
    pub out_of_range: usize,
    /// Latest result.
    pub latest: LabResult,
    /// Where the latest sits against its range.
    pub latest_flag: RangeFlag,
}

/// A medicine as listed in a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicineLine {
    /// Name.
    pub name: String,
    /// Dose.
    pub dose: Dose,
    /// Schedule kind (`weekly`, `taper`, ...).
    pub schedule: &'static str,
    /// Start.
    pub start: Date,
    /// End, if any.
    pub end: Option<Date>,
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChangeKind {
    /// Started.
    Started,
    /// Stopped (last day).
    Stopped,
    /// A taper moved to a new daily dose.
    TaperStep(Dose),
    /// A taper finished (day after its last step).
    TaperEnded,
    /// The dose changed from this day (the record before ended the day before).
    DoseChanged(Dose),
}

/// A start, stop or dose change within the range.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicineChange {
    /// Day of the change.
    pub date: Date,
    /// What changed.
    pub kind: ChangeKind,
    /// Medicine name.
    pub name: String,
}

/// Each day a dose in force changes, with the dose from that day (`None` = not taken).
pub type DoseSteps = Vec<(Date, Option<Dose>)>;

/// Medicines section.
#[derive(Debug, Clone, PartialEq)]
pub struct MedicineSection {
    /// Medicines taken at any time in the range.
    pub taken: Vec<MedicineLine>,
    /// Starts and stops in the range, by date.
    pub changes: Vec<MedicineChange>,
    /// Per medicine (course name): each day in the range its dose in force changes, with the
    /// dose from that day (`None` = not taken), starting with the first day of the range.
    pub in_force: Vec<(String, DoseSteps)>,
}

/// A visit summary; a section not requested is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitSummary {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Calendar days in the range.
    pub days_in_range: usize,
    /// Days with a diary entry.
    pub days_recorded: usize,
    /// Symptoms.
    pub symptoms: Option<SymptomSection>,
    /// Strength and function.
    pub strength: Option<StrengthSection>,
    /// Labs, by analyte.
    pub labs: Option<Vec<LabStats>>,
    /// Medicines.
    pub medicines: Option<MedicineSection>,
    /// Flare signals.
    pub flares: Option<Vec<Flare>>,
    /// Questions for the doctor.
    pub questions: Option<Vec<String>>,
}

/// Composes a visit summary.
pub fn summarize(
    rules: &Rules,
    catalog: &Catalog,
    records: &PatientRecords,
    from: Date,
    to: Date,
    sections: &[Section],
    questions: &[String],
) -> Result<VisitSummary, Invalid> {
    if to < from {
        return Err(
            Invalid::new("to", format!("{to} is before {from}"), "to ≥ from").with(
                Worded::new("invalid-to-before-from")
                    .date("to", to)
                    .date("from", from),
            ),
        );
    }
    let want = |s: Section| sections.contains(&s);
    let in_range = |d: Date| d >= from && d <= to;
    let diary: Vec<&DiaryEntry> = records
        .diary
        .iter()
        .filter(|e| in_range(e.date()))
        .collect();
    let mut days: Vec<Date> = diary.iter().map(|e| e.date()).collect();
    days.sort();
    days.dedup();
    Ok(VisitSummary {
        from,
        to,
        days_in_range: from.days_until(to) as usize + 1,
        days_recorded: days.len(),
        symptoms: want(Section::Symptoms).then(|| symptoms(records, &diary, from, to)),
        strength: if want(Section::Strength) {
            Some(strength(catalog, records, from, to)?)
        } else {
            None
        },
        labs: want(Section::Labs).then(|| labs(records, from, to)),
        medicines: want(Section::Medicines).then(|| medicines(records, from, to)),
        flares: want(Section::Flares)
            .then(|| flares(rules, &records.diary, &records.labs, from, to)),
        questions: want(Section::Questions).then(|| {
            questions
                .iter()
                .map(|q| q.trim().to_owned())
                .filter(|q| !q.is_empty())
                .collect()
        }),
    })
}

fn symptoms(
    records: &PatientRecords,
    diary: &[&DiaryEntry],
    from: Date,
    to: Date,
) -> SymptomSection {
    let mut sorted = diary.to_vec();
    sorted.sort_by_key(|e| e.date());
    let ratings = Rating::ALL
        .iter()
        .map(|&r| {
            let vals: Vec<(Date, f64)> = sorted
                .iter()
                .filter_map(|e| e.rating(r).map(|v| (e.date(), v)))
                .collect();
            let n = vals.len();
            RatingStats {
                rating: r,
                recorded_days: n,
                mean: (n > 0).then(|| vals.iter().map(|v| v.1).sum::<f64>() / n as f64),
                min: vals.iter().map(|v| v.1).reduce(f64::min),
                max: vals.iter().map(|v| v.1).reduce(f64::max),
                first: vals.first().copied(),
                last: vals.last().copied(),
            }
        })
        .collect();
    let symptoms = Symptom::ALL
        .iter()
        .map(|&s| SymptomStats {
            symptom: s,
            yes_days: sorted.iter().filter(|e| e.symptom(s) == Some(true)).count(),
            answered_days: sorted.iter().filter(|e| e.symptom(s).is_some()).count(),
        })
        .collect();
    SymptomSection {
        ratings,
        symptoms,
        gaps: gaps(&records.diary, from, to),
        notes: sorted
            .iter()
            .filter_map(|e| e.note().map(|n| (e.date(), n.to_owned())))
            .collect(),
    }
}

fn strength(
    catalog: &Catalog,
    records: &PatientRecords,
    from: Date,
    to: Date,
) -> Result<StrengthSection, Invalid> {
    let mut visits = Vec::new();
    for (i, v) in records.visits.iter().enumerate() {
        if v.date >= from && v.date <= to {
            let s = visit_scores(catalog, v).map_err(|e| e.within(&format!("visits[{i}]")))?;
            visits.push((v.date, s));
        }
    }
    visits.sort_by_key(|v| v.0);
    let mut tests: Vec<&HomeTests> = records
        .home_tests
        .iter()
        .filter(|t| t.date >= from && t.date <= to)
        .collect();
    tests.sort_by_key(|t| t.date);
    let home_tests = HomeTest::ALL
        .iter()
        .map(|&k| {
            let vals: Vec<(Date, f64)> = tests
                .iter()
                .filter_map(|t| t.value(k).map(|v| (t.date, v)))
                .collect();
            HomeTestStats {
                test: k,
                count: vals.len(),
                first: vals.first().copied(),
                last: vals.last().copied(),
            }
        })
        .collect();
    Ok(StrengthSection { visits, home_tests })
}

fn labs(records: &PatientRecords, from: Date, to: Date) -> Vec<LabStats> {
    Analyte::ALL
        .iter()
        .filter_map(|&a| {
            let rs: Vec<&LabResult> = records
                .labs
                .iter()
                .filter(|l| l.analyte == a && l.date >= from && l.date <= to)
                .collect();
            let latest = rs.iter().max_by_key(|l| l.date)?;
            Some(LabStats {
                analyte: a,
                count: rs.len(),
                out_of_range: rs
                    .iter()
                    .filter(|l| matches!(l.flag(), RangeFlag::High | RangeFlag::Low))
                    .count(),
                latest_flag: latest.flag(),
                latest: (*latest).clone(),
            })
        })
        .collect()
}

fn medicines(records: &PatientRecords, from: Date, to: Date) -> MedicineSection {
    let mut taken = Vec::new();
    let mut changes = Vec::new();
    for m in &records.medicines {
        let i = m.input();
        if i.start > to || i.end.is_some_and(|e| e < from) {
            continue;
        }
        taken.push(MedicineLine {
            name: i.name.clone(),
            dose: i.dose,
            schedule: i.schedule.kind(),
            start: i.start,
            end: i.end,
        });
        let mut change = |date: Date, kind: ChangeKind| {
            if date >= from && date <= to {
                changes.push(MedicineChange {
                    date,
                    kind,
                    name: i.name.clone(),
                });
            }
        };
        // A record that starts the day after another of the same course ended is a dose
        // change, not a stop and a new start.
        let key = crate::course::course_key(m);
        let continues = |other: &crate::medicines::Medicine, day: Date| {
            crate::course::course_key(other) == key && other.input().end == Some(day)
        };
        let followed = |end: Date| {
            records
                .medicines
                .iter()
                .any(|o| crate::course::course_key(o) == key && o.input().start == end.add_days(1))
        };
        if records
            .medicines
            .iter()
            .any(|o| continues(o, i.start.add_days(-1)))
        {
            change(i.start, ChangeKind::DoseChanged(i.dose));
        } else {
            change(i.start, ChangeKind::Started);
        }
        if let Schedule::Taper { steps, .. } = &i.schedule {
            let mut at = i.start;
            for (k, st) in steps.iter().enumerate() {
                if k > 0 {
                    change(at, ChangeKind::TaperStep(st.dose));
                }
                at = at.add_days(st.days as i32);
            }
            change(at, ChangeKind::TaperEnded);
        }
        if let Some(e) = i.end.filter(|e| !followed(*e)) {
            change(e, ChangeKind::Stopped);
        }
    }
    changes.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    let in_force = crate::course::courses(&records.medicines)
        .iter()
        .map(|c| (c.name().to_owned(), c.changes(from, to)))
        .filter(|(_, ch)| ch.iter().any(|(_, d)| d.is_some()))
        .collect();
    MedicineSection {
        taken,
        changes,
        in_force,
    }
}
