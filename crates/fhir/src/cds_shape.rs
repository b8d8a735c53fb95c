//! The CDS Hooks 2.0 JSON shapes, checked on raw JSON (what a client actually receives), not
//! on Myo's own structs: so a test catches a member that serde renamed, dropped or wrote as
//! `null`. Each rule is a required member or an enumerated value of the specification's
//! Discovery, Card, Suggestion, Action, Link, Source and Feedback objects.

use serde_json::Value;

use crate::cds_hooks::Violation;

/// The members one object kind must have, and the enumerations its members must respect.
struct Shape {
    required: &'static [&'static str],
    /// (member, allowed values) for string enumerations.
    enums: &'static [(&'static str, &'static [&'static str])],
}

const SERVICE: Shape = Shape {
    required: &["hook", "description", "id"],
    enums: &[],
};
const CARD: Shape = Shape {
    required: &["summary", "indicator", "source"],
    enums: &[
        ("indicator", &["info", "warning", "critical"]),
        ("selectionBehavior", &["at-most-one", "any"]),
    ],
};
const SOURCE: Shape = Shape {
    required: &["label"],
    enums: &[],
};
const SUGGESTION: Shape = Shape {
    required: &["label"],
    enums: &[],
};
const ACTION: Shape = Shape {
    required: &["type", "description"],
    enums: &[("type", &["create", "update", "delete"])],
};
const LINK: Shape = Shape {
    required: &["label", "url", "type"],
    enums: &[("type", &["absolute", "smart"])],
};
const FEEDBACK: Shape = Shape {
    required: &["card", "outcome", "outcomeTimestamp"],
    enums: &[("outcome", &["accepted", "overridden"])],
};

fn check(value: &Value, shape: &Shape, at: &str, out: &mut Vec<Violation>) {
    let mut flag = |path: String, message: &str| {
        out.push(Violation {
            path,
            message: message.to_owned(),
        });
    };
    let Some(object) = value.as_object() else {
        flag(at.to_owned(), "must be a JSON object");
        return;
    };
    for member in shape.required {
        match object.get(*member) {
            None | Some(Value::Null) => flag(format!("{at}.{member}"), "is required"),
            Some(Value::String(s)) if s.is_empty() => {
                flag(format!("{at}.{member}"), "must not be empty");
            }
            _ => {}
        }
    }
    for (member, allowed) in shape.enums {
        if let Some(v) = object.get(*member)
            && !v.as_str().is_some_and(|s| allowed.contains(&s))
        {
            flag(
                format!("{at}.{member}"),
                &format!("must be one of {}", allowed.join(", ")),
            );
        }
    }
    // The specification omits optional members rather than sending `null`.
    for (member, v) in object {
        if v.is_null() {
            flag(format!("{at}.{member}"), "omit it rather than send null");
        }
    }
}

fn each<'a>(value: &'a Value, member: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    value[member].as_array().into_iter().flatten().enumerate()
}

/// Violations of the CDS Hooks response shape (`{"cards": [...]}` with optional
/// `systemActions`).
pub fn response(value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    if !value["cards"].is_array() {
        out.push(Violation {
            path: "cards".into(),
            message: "is required (an array, `[]` when there is no advice)".into(),
        });
    }
    for (i, card) in each(value, "cards") {
        let at = format!("cards[{i}]");
        check(card, &CARD, &at, &mut out);
        check(&card["source"], &SOURCE, &format!("{at}.source"), &mut out);
        for (j, s) in each(card, "suggestions") {
            let sat = format!("{at}.suggestions[{j}]");
            check(s, &SUGGESTION, &sat, &mut out);
            for (k, a) in each(s, "actions") {
                check(a, &ACTION, &format!("{sat}.actions[{k}]"), &mut out);
            }
        }
        if card["suggestions"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
            && card["selectionBehavior"].is_null()
        {
            out.push(Violation {
                path: format!("{at}.selectionBehavior"),
                message: "is required when there are suggestions".into(),
            });
        }
        for (j, l) in each(card, "links") {
            check(l, &LINK, &format!("{at}.links[{j}]"), &mut out);
        }
    }
    for (k, a) in each(value, "systemActions") {
        check(a, &ACTION, &format!("systemActions[{k}]"), &mut out);
    }
    out
}

/// Violations of the discovery shape (`{"services": [...]}`).
pub fn discovery(value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    if !value["services"].is_array() {
        out.push(Violation {
            path: "services".into(),
            message: "is required (an array)".into(),
        });
    }
    for (i, service) in each(value, "services") {
        let at = format!("services[{i}]");
        check(service, &SERVICE, &at, &mut out);
        if let Some(prefetch) = service.get("prefetch") {
            let ok = prefetch
                .as_object()
                .is_some_and(|m| m.values().all(Value::is_string));
            if !ok {
                out.push(Violation {
                    path: format!("{at}.prefetch"),
                    message: "must be an object of query strings".into(),
                });
            }
        }
    }
    out
}

/// Violations of the feedback body shape (`{"feedback": [...]}`).
pub fn feedback(value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    if !value["feedback"].is_array() {
        out.push(Violation {
            path: "feedback".into(),
            message: "is required (an array)".into(),
        });
    }
    for (i, item) in each(value, "feedback") {
        check(item, &FEEDBACK, &format!("feedback[{i}]"), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_specification_example_card_passes() {
        // The shape of the CDS Hooks 2.0 specification's example response.
        let ok = json!({"cards": [{
            "uuid": "4e0a3a1e-3283-4575-ab82-028d55fe2719",
            "summary": "Example Card",
            "indicator": "info",
            "detail": "This is an example card.",
            "source": {"label": "Static CDS Service Example", "url": "https://example.com"},
            "links": [{"label": "Google", "url": "https://google.com", "type": "absolute"}],
            "suggestions": [{"label": "Take a cold shower",
                "actions": [{"type": "create", "description": "Order a shower"}]}],
            "selectionBehavior": "at-most-one"
        }]});
        assert!(response(&ok).is_empty(), "{:?}", response(&ok));
        assert!(response(&json!({"cards": []})).is_empty());
    }

    #[test]
    fn each_required_member_and_enum_bites() {
        let bad = json!({"cards": [
            {"summary": "", "indicator": "urgent", "source": {}},
            {"summary": "x", "indicator": "info", "source": {"label": "s"}, "detail": null,
             "suggestions": [{"label": "y", "actions": [{"type": "replace"}]}],
             "links": [{"label": "l", "url": "u", "type": "web"}]}
        ]});
        let paths: Vec<String> = response(&bad).into_iter().map(|v| v.path).collect();
        for expected in [
            "cards[0].summary",
            "cards[0].indicator",
            "cards[0].source.label",
            "cards[1].detail",
            "cards[1].suggestions[0].actions[0].type",
            "cards[1].suggestions[0].actions[0].description",
            "cards[1].selectionBehavior",
            "cards[1].links[0].type",
        ] {
            assert!(paths.iter().any(|p| p == expected), "{expected}: {paths:?}");
        }
        assert_eq!(response(&json!({}))[0].path, "cards");
        let services = json!({"services": [{"hook": "patient-view", "id": "x",
            "prefetch": {"p": 1}}]});
        let paths: Vec<String> = discovery(&services).into_iter().map(|v| v.path).collect();
        assert_eq!(paths, ["services[0].description", "services[0].prefetch"]);
        let fb = json!({"feedback": [{"card": "c", "outcome": "ignored"}]});
        let paths: Vec<String> = feedback(&fb).into_iter().map(|v| v.path).collect();
        assert_eq!(
            paths,
            ["feedback[0].outcomeTimestamp", "feedback[0].outcome"]
        );
    }
}
