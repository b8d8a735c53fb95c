//! The visit summary's dose history: for each medicine, consecutive periods that cover every day
//! of the range with the dose in force on each of their days (from, to, dose, route and
//! schedule). A taper is expanded into one row per step; a day without the medicine is a "not
//! taken" period, never a dose. The days come from `myo_tracker::course`, which also answers
//! the medicines page's "dose in force on" question, so both always agree.

use myo_tracker::Date;
use myo_tracker::course::courses;
use myo_tracker::medicines::Schedule;
use myo_tracker::summary::PatientRecords;

use super::{Table, route_words, schedule_words};
use crate::i18n::{ToArg, Tr, words};

/// The table (id `summary-dose-in-force`) of every medicine taken at some time in `from..=to`.
pub fn dose_history(tr: &Tr, records: &PatientRecords, from: Date, to: Date) -> Table {
    let mut t = Table::new(
        "summary-dose-in-force",
        &tr.t("summary-dose-caption"),
        &[
            tr.t("summary-col-medicine").as_str(),
            tr.t("summary-from").as_str(),
            tr.t("summary-to").as_str(),
            tr.t("summary-col-dose").as_str(),
            tr.t("summary-col-how").as_str(),
        ],
        &tr.t("summary-dose-empty"),
    );
    for course in courses(&records.medicines) {
        let periods = course.periods(from, to);
        if periods.iter().all(|p| p.dose.is_none()) {
            continue;
        }
        for p in periods {
            let (dose, how) = match (p.dose, p.record) {
                (Some(dose), Some(m)) => {
                    let i = m.input();
                    let schedule = match (&i.schedule, p.step) {
                        (Schedule::Taper { time, .. }, Some((step, steps))) => tr.ta(
                            "summary-taper-step",
                            &[
                                (
                                    "schedule",
                                    tr.t1("sched-daily", "time", time.to_string()).to_arg(),
                                ),
                                ("step", step.to_arg()),
                                ("steps", steps.to_arg()),
                            ],
                        ),
                        (s, _) => schedule_words(tr, s),
                    };
                    (
                        words::dose(tr, &dose),
                        format!("{}, {schedule}", route_words(tr, i.route)),
                    )
                }
                _ => (tr.t("summary-not-taken"), String::new()),
            };
            t.rows.push(vec![
                course.name().to_owned(),
                words::date(tr, &p.from.to_string()),
                words::date(tr, &p.to.to_string()),
                dose,
                how,
            ]);
        }
    }
    t
}
