//! `resourceType` markers: zero-sized fields that always write their resource's name and refuse
//! any other name on input, so a Patient can never be read as an Observation.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! resource_tag {
    ($($tag:ident => $name:literal),* $(,)?) => {$(
        #[doc = concat!("The `resourceType` of ", $name, ": writes `\"", $name, "\"`, accepts nothing else.")]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $tag;

        impl $tag {
            /// The resource type name.
            pub const NAME: &'static str = $name;
        }

        impl Serialize for $tag {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($name)
            }
        }

        impl<'de> Deserialize<'de> for $tag {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let found = String::deserialize(deserializer)?;
                if found == $name {
                    Ok($tag)
                } else {
                    Err(serde::de::Error::custom(format!(
                        "expected resourceType \"{}\", found \"{found}\"", $name
                    )))
                }
            }
        }
    )*};
}

resource_tag! {
    PatientType => "Patient",
    ObservationType => "Observation",
    ConditionType => "Condition",
    MedicationStatementType => "MedicationStatement",
    QuestionnaireType => "Questionnaire",
    QuestionnaireResponseType => "QuestionnaireResponse",
    BundleType => "Bundle",
    AuditEventType => "AuditEvent",
}
