//! Property tests: any decimal text survives parse → serialise with every digit, wherever it
//! sits (typed field or unknown element), and the marker never leaks into output.

use myo_fhir::datatypes::Quantity;
use myo_fhir::{Decimal, Observation};
use proptest::prelude::*;

/// JSON number texts: sign, integer part, optional fraction with trailing zeros, optional exponent.
fn decimal_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        "(0|[1-9][0-9]{0,24})",
        proptest::option::of("[0-9]{1,20}"),
        proptest::option::of(("[eE]", "[+-]?", "[0-9]{1,3}")),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some((e, sign, digits)) = exp {
                s.push_str(&e);
                s.push_str(&sign);
                s.push_str(&digits);
            }
            s
        })
}

proptest! {
    #[test]
    fn typed_decimals_keep_their_digits(text in decimal_text()) {
        let json = format!(r#"{{"value":{text},"unit":"U/L"}}"#);
        let q: Quantity = myo_fhir::from_str(&json).unwrap();
        prop_assert_eq!(q.value.as_ref().unwrap().as_str(), text.as_str());
        prop_assert_eq!(myo_fhir::to_string(&q).unwrap(), json);
    }

    #[test]
    fn unknown_elements_keep_their_digits(a in decimal_text(), b in decimal_text()) {
        let json = format!(
            r#"{{"resourceType":"Observation","status":"final","code":{{"text":"x"}},"x-unknown":{{"n":[{a},{b}],"s":"{a}"}}}}"#
        );
        let obs: Observation = myo_fhir::from_str(&json).unwrap();
        let written = myo_fhir::to_string(&obs).unwrap();
        prop_assert_eq!(&written, &json);
        prop_assert!(!written.contains("\\u0000"));
    }

    #[test]
    fn from_f64_reads_back_as_the_same_float(x in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
        let d = Decimal::from_f64(x).unwrap();
        prop_assert_eq!(d.to_f64().to_bits(), x.to_bits());
        prop_assert!(Decimal::new(d.as_str()).is_ok());
    }
}
