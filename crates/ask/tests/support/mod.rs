//! Helpers the triage test files share: the built-in engine, the hit a question gets, and
//! assertions that a rule fires at a tier or that nothing alarms.

use myo_ask::{Engine, Tier, builtin_engine};

pub fn engine() -> Engine {
    builtin_engine().expect("built-in knowledge base loads")
}

/// (tier, rule id) the triage gives, if any.
pub fn hit(e: &Engine, q: &str) -> Option<(Tier, String)> {
    e.triage().check(q).map(|h| (h.tier, h.rule_id))
}

/// Every question raises at least `tier` from `rule` (`rule` may name alternatives, "a|b": a
/// dedicated red-flag entry and a broader entry whose combination rule covers the same case).
pub fn assert_fires(e: &Engine, rule: &str, tier: Tier, questions: &[&str]) {
    for q in questions {
        let got = hit(e, q);
        assert!(
            got.as_ref()
                .is_some_and(|(t, r)| *t >= tier && rule.split('|').any(|x| x == r)),
            "{q:?}: expected {} ({rule}), got {got:?}",
            tier.as_str()
        );
    }
}

/// No question raises a warning.
pub fn assert_quiet(e: &Engine, questions: &[&str]) {
    for q in questions {
        assert_eq!(hit(e, q), None, "{q:?} must not raise a warning");
    }
}
