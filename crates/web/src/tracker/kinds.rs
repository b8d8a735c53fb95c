//! The tracker's record kinds, declared once. Each [`KindDecl`] says how a kind is written in
//! addresses (`/patients/{id}/records/{slug}/{record}/…`), what one record is called, which page
//! lists it (and so where a change returns to), and its CSV file. The delete and edit pages, the
//! API's `records/{kind}` routes and their OpenAPI enum, the CSV list and the history all read
//! this table: adding a kind is one entry here plus its store `Spec` and its page's
//! [`super::pages::RecordPage`].

use myo_store::RecordKind;

/// One record kind as the web layer knows it.
#[derive(Debug, Clone, Copy)]
pub struct KindDecl {
    /// The id in addresses (`labs`, `visits`, …).
    pub slug: &'static str,
    /// The store's kind (its table is the audit `resource_type`).
    pub kind: RecordKind,
    /// What one record is called, in words a person uses ("lab result").
    pub noun: &'static str,
    /// The page under `/patients/{id}/` that lists it (also its tab); `None` for a kind the
    /// pages do not list one by one (dose events are recorded again instead).
    pub page: Option<&'static str>,
    /// Its CSV export file and that file's label.
    pub csv: (&'static str, &'static str),
}

impl KindDecl {
    /// The page's address for patient `pid`.
    pub fn page_href(&self, pid: &str) -> Option<String> {
        self.page.map(|p| format!("/patients/{pid}/{p}"))
    }

    /// The address of one record's action (`delete`, `edit`, `history`).
    pub fn record_href(&self, pid: &str, id: &str, action: &str) -> String {
        format!("/patients/{pid}/records/{}/{id}/{action}", self.slug)
    }
}

/// Every record kind a person enters, in the order the export lists them.
pub const KINDS: [KindDecl; 9] = [
    KindDecl {
        slug: "diary",
        kind: RecordKind::Diary,
        noun: "diary entry",
        page: Some("diary"),
        csv: ("diary.csv", "Diary"),
    },
    KindDecl {
        slug: "labs",
        kind: RecordKind::Lab,
        noun: "lab result",
        page: Some("labs"),
        csv: ("labs.csv", "Lab results"),
    },
    KindDecl {
        slug: "medicines",
        kind: RecordKind::Medicine,
        noun: "medicine",
        page: Some("medicines"),
        csv: ("medicines.csv", "Medicines"),
    },
    KindDecl {
        slug: "doses",
        kind: RecordKind::DoseEvent,
        noun: "dose",
        page: None,
        csv: ("doses.csv", "Doses taken or missed"),
    },
    KindDecl {
        slug: "home_tests",
        kind: RecordKind::HomeTest,
        noun: "home test entry",
        page: Some("strength"),
        csv: ("home_tests.csv", "Home tests"),
    },
    KindDecl {
        slug: "conditions",
        kind: RecordKind::Condition,
        noun: "condition",
        page: Some("conditions"),
        csv: ("conditions.csv", "Conditions"),
    },
    KindDecl {
        slug: "antibodies",
        kind: RecordKind::Antibody,
        noun: "antibody result",
        page: Some("conditions"),
        csv: ("antibodies.csv", "Antibody results"),
    },
    KindDecl {
        slug: "visits",
        kind: RecordKind::Visit,
        noun: "visit",
        page: Some("visits"),
        csv: ("visits.csv", "Visits"),
    },
    KindDecl {
        slug: "assessments",
        kind: RecordKind::Assessment,
        noun: "assessment",
        page: Some("strength"),
        csv: ("assessments.csv", "Strength and function assessments"),
    },
];

/// The declaration for an address id, or `None` for an unknown one.
pub fn by_slug(slug: &str) -> Option<&'static KindDecl> {
    KINDS.iter().find(|k| k.slug == slug)
}

/// The declaration of a store kind (monitoring tests are not entered by people: `None`).
pub fn of(kind: RecordKind) -> Option<&'static KindDecl> {
    KINDS.iter().find(|k| k.kind == kind)
}

/// The address ids, for the OpenAPI enum.
pub fn slugs() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.slug).collect()
}

/// The CSV files on offer: (file name, label).
pub fn csv_files() -> Vec<(&'static str, &'static str)> {
    KINDS.iter().map(|k| k.csv).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entered_kind_is_declared_once() {
        for kind in RecordKind::ALL {
            let n = KINDS.iter().filter(|k| k.kind == kind).count();
            let expected = usize::from(kind != RecordKind::MonitoringTest);
            assert_eq!(n, expected, "{kind:?}");
        }
        let mut slugs = slugs();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), KINDS.len());
        for k in KINDS {
            assert_eq!(by_slug(k.slug).map(|d| d.kind), Some(k.kind));
            assert!(k.csv.0.ends_with(".csv"));
        }
    }
}
