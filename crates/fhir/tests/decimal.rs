//! Exact decimals: the grammar, the marker pre-pass, and the errors a bad number gets.

use myo_fhir::datatypes::Quantity;
use myo_fhir::{Decimal, Observation};

#[test]
fn decimal_accepts_json_numbers_only() {
    for ok in [
        "0",
        "-0",
        "72.50",
        "1E-22",
        "1.0e+3",
        "-1.000000000000000000E+245",
    ] {
        assert_eq!(Decimal::new(ok).unwrap().as_str(), ok);
    }
    for bad in ["", "01", "1.", ".5", "+1", "1e", "NaN", "1,5", " 1", "0x10"] {
        assert!(Decimal::new(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn trailing_zeros_and_exponents_survive_a_round_trip() {
    let text = r#"{"value":72.50,"unit":"U/L","system":"http://unitsofmeasure.org","code":"U/L"}"#;
    let q: Quantity = myo_fhir::from_str(text).unwrap();
    assert_eq!(q.value.as_ref().unwrap().as_str(), "72.50");
    assert_eq!(myo_fhir::to_string(&q).unwrap(), text);
}

#[test]
fn plain_serde_json_would_lose_the_digits_which_is_why_from_str_exists() {
    let text = r#"{"value":72.50}"#;
    let q: Quantity = serde_json::from_str(text).unwrap();
    assert_eq!(q.value.unwrap().as_str(), "72.5");
}

#[test]
fn unknown_elements_keep_their_exact_numbers_too() {
    let text = r#"{"value":1,"x-extra":[0.10,2.5,123456789012345678901]}"#;
    let q: Quantity = myo_fhir::from_str(text).unwrap();
    let written = myo_fhir::to_string(&q).unwrap();
    assert_eq!(
        written,
        r#"{"value":1,"x-extra":[0.10,2.5,123456789012345678901]}"#
    );
    // 2.5 is exact as f64, so it is a plain JSON number for callers reading `extra`.
    assert!(q.extra["x-extra"][1].is_number());
    let kept = myo_fhir::decimal::decimal_of(&q.extra["x-extra"][0]).unwrap();
    assert_eq!(kept.as_str(), "0.10");
}

#[test]
fn a_decimal_written_as_a_string_is_refused_with_its_path() {
    let text = r#"{"resourceType":"Observation","status":"final","code":{"text":"CK"},
        "valueQuantity":{"value":"72.5","unit":"U/L"}}"#;
    let err = myo_fhir::from_str::<Observation>(text).unwrap_err();
    assert_eq!(err.path, "valueQuantity.value");
    assert!(err.message.contains("not the string"), "{}", err.message);
}

#[test]
fn a_fraction_in_an_integer_field_names_the_number_not_the_marker() {
    let text = r#"{"resourceType":"Observation","status":"final","code":{"text":"x"},
        "valueInteger":1.5}"#;
    let err = myo_fhir::from_str::<Observation>(text).unwrap_err();
    assert_eq!(err.path, "valueInteger");
    assert!(err.message.contains("number \"1.5\""), "{}", err.message);
    assert!(
        !err.message.contains('\0') && !err.message.contains("\\0"),
        "{}",
        err.message
    );
}

#[test]
fn nul_escapes_in_strings_are_refused() {
    let text = r#"{"resourceType":"Observation","status":"final\u0000","code":{}}"#;
    let err = myo_fhir::from_str::<Observation>(text).unwrap_err();
    assert!(err.message.contains("\\u0000"), "{}", err.message);
}

#[test]
fn syntax_errors_report_the_document_position() {
    let err = myo_fhir::from_str::<Observation>("{\"status\": }").unwrap_err();
    assert!(err.message.contains("line 1"), "{}", err.message);
}

#[test]
fn trailing_garbage_is_refused() {
    let text = r#"{"resourceType":"Observation","status":"final","code":{}} x"#;
    assert!(myo_fhir::from_str::<Observation>(text).is_err());
}
