//! Shape checks and the patient scope of every statement.

use super::kinds::spec;
use super::values::{Val, check_date, check_decimal, check_time, num, read_num_text};
use crate::tracker_model::RecordKind;

#[test]
fn dates_times_and_decimals_are_checked_for_shape() {
    for ok in ["2026-03-01", "1900-12-31"] {
        assert!(check_date("date", ok).is_ok(), "{ok}");
    }
    for bad in [
        "2026-3-01",
        "2026-13-01",
        "2026-00-10",
        "2026-01-32",
        "26-01-01",
        "2026/01/01",
    ] {
        assert!(check_date("date", bad).is_err(), "{bad}");
    }
    assert!(check_time("time", "23:59").is_ok());
    for bad in ["24:00", "8:00", "08:60", "0800", "+1:00"] {
        assert!(check_time("time", bad).is_err(), "{bad}");
    }
    for ok in ["0", "-1", "0.85", "1234.50", "120."] {
        assert!(check_decimal("value", Some(&ok.to_owned())).is_ok(), "{ok}");
    }
    for bad in ["", ".5", "1e3", "12,5", "NaN", "inf", "1.2.3", " 1"] {
        assert!(
            check_decimal("value", Some(&bad.to_owned())).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn numbers_round_trip_through_their_text() {
    for v in [0.0, 0.1 + 0.2, 1.0 / 3.0, 5e-7, 9.99, 1e15] {
        let Val::Text(Some(t)) = num(Some(v)) else {
            panic!("text")
        };
        assert_eq!(
            read_num_text(&t).map(f64::to_bits),
            Some(v.to_bits()),
            "{t}"
        );
    }
}

#[test]
fn every_statement_is_scoped_by_patient() {
    for kind in RecordKind::ALL {
        let s = spec(kind);
        assert!(s.get_sql().contains("WHERE patient_id = $1 AND id = $2"));
        assert!(s.update_sql().contains("WHERE patient_id = $1 AND id = $2"));
        assert!(s.list_sql().contains("WHERE patient_id = $1 AND "));
        assert!(
            s.insert_sql()
                .starts_with(&format!("INSERT INTO {} (patient_id, id, ", kind.table()))
        );
    }
}

#[test]
fn a_natural_key_upserts_every_other_column() {
    let diary = spec(RecordKind::Diary).insert_sql();
    assert!(diary.contains(
        "ON CONFLICT (patient_id, date) DO UPDATE SET weakness = excluded.weakness, \
         fatigue = excluded.fatigue, pain = excluded.pain, rash = excluded.rash, \
         itch = excluded.itch, sleep_quality = excluded.sleep_quality, mood = excluded.mood, \
         swallowing_trouble = excluded.swallowing_trouble, \
         breathlessness = excluded.breathlessness, fever = excluded.fever, \
         new_skin_sores = excluded.new_skin_sores, note = excluded.note, \
         updated_at = excluded.updated_at RETURNING id, date, "
    ));
    let doses = spec(RecordKind::DoseEvent).insert_sql();
    assert!(doses.contains(
        "ON CONFLICT (patient_id, medicine_id, date, scheduled_time) DO UPDATE SET \
         outcome = excluded.outcome, taken_at = excluded.taken_at, \
         updated_at = excluded.updated_at RETURNING "
    ));
    for kind in RecordKind::ALL {
        let s = spec(kind);
        assert_eq!(s.cols.len(), s.export.len(), "{kind:?}");
        assert_eq!(s.table, kind.table());
        assert_eq!(s.key.is_empty(), !s.insert_sql().contains("ON CONFLICT"));
        assert!(
            s.delete_sql()
                .ends_with("WHERE patient_id = $1 AND id = $2")
        );
    }
}
