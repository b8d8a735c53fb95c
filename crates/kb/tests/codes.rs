//! Code look-ups over the built-in knowledge base: every drug guide's RxNorm code, every DM
//! type's ICD-10-CM code and every test's LOINC code finds its entry.

use myo_kb::{CodeSystem, Kb, Section, Structured};

fn kb() -> Kb {
    Kb::builtin().expect("built-in KB loads")
}

#[test]
fn every_drug_guide_rxnorm_code_finds_its_guide() {
    let kb = kb();
    let mut seen = 0;
    for entry in kb.section(Section::Drugs) {
        let Some(Structured::Drug(d)) = &entry.structured else {
            panic!("{} has no [drug] table", entry.id);
        };
        if let Some(code) = &d.rxnorm {
            let found = kb.entries_for_code(CodeSystem::RxNorm, code);
            assert!(
                found.iter().any(|e| e.id == entry.id),
                "{code} -> {}",
                entry.id
            );
            seen += 1;
        }
    }
    assert!(seen >= 13, "only {seen} drug guides carry an RxCUI");
    let mtx = kb.entries_for_code(CodeSystem::RxNorm, "6851");
    assert_eq!(mtx[0].id, "methotrexate");
}

#[test]
fn every_dm_icd10cm_code_finds_an_entry() {
    let kb = kb();
    let cases = [
        ("M33.00", "juvenile-dermatomyositis"),
        ("M33.01", "juvenile-dermatomyositis"),
        ("M33.02", "juvenile-dermatomyositis"),
        ("M33.03", "amyopathic-dermatomyositis"),
        ("M33.09", "juvenile-dermatomyositis"),
        ("M33.10", "classic-adult-dermatomyositis"),
        ("m3312", "classic-adult-dermatomyositis"),
        ("M33.13", "amyopathic-dermatomyositis"),
        ("M33.19", "classic-adult-dermatomyositis"),
        ("M33.20", "polymyositis"),
        ("M33.90", "what-is-dermatomyositis"),
        ("G72.41", "inclusion-body-myositis"),
    ];
    for (code, id) in cases {
        let found = kb.entries_for_code(CodeSystem::Icd10Cm, code);
        assert!(
            found.iter().any(|e| e.id == id),
            "{code} -> {id}: {:?}",
            found.iter().map(|e| &e.id).collect::<Vec<_>>()
        );
    }
    // Broader and more specific codes use the hierarchy.
    let broad = kb.entries_for_code(CodeSystem::Icd10Cm, "M33.1");
    assert!(
        broad
            .iter()
            .any(|e| e.id == "classic-adult-dermatomyositis")
    );
    assert!(broad.iter().all(|e| e.id != "polymyositis"));
    let all = kb.entries_for_code(CodeSystem::Icd10Cm, "M33");
    assert!(all.len() >= 4);
    // Unknown or malformed codes find nothing, without an error.
    assert!(kb.entries_for_code(CodeSystem::Icd10Cm, "Z99.9").is_empty());
    assert!(
        kb.entries_for_code(CodeSystem::Icd10Cm, "M33.10\0")
            .is_empty()
    );
    assert!(
        kb.entries_for_code(CodeSystem::RxNorm, "99999999")
            .is_empty()
    );
}

#[test]
fn snomed_and_loinc_codes_find_entries() {
    let kb = kb();
    let dm = kb.entries_for_code(CodeSystem::Snomed, "396230008");
    assert!(dm.iter().any(|e| e.id == "classic-adult-dermatomyositis"));
    let ck = kb.entries_for_code(CodeSystem::Loinc, "2157-6");
    assert_eq!(ck[0].id, "creatine-kinase-test");
    let mda5 = kb.entries_for_code(CodeSystem::Loinc, "82424-3");
    assert!(mda5.iter().any(|e| e.id == "anti-mda5"));
    // A wrong check digit is not a LOINC code.
    assert!(kb.entries_for_code(CodeSystem::Loinc, "2157-5").is_empty());
}
