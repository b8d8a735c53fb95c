//! Spanish entries as the engine reads them: structured tables rendered with Spanish labels, and
//! the Spanish glossary's synonym groups. The numbers are the entry's own (which `kb check`
//! holds equal to the English entry's); only the words around them are Spanish.

use myo_kb::{DoseBasis, Entry, Frequency, Structured};

/// A number as Spanish writes it: decimal comma ("7,5").
fn number_es(v: f64) -> String {
    v.to_string().replace('.', ",")
}

fn basis_es(b: DoseBasis) -> &'static str {
    match b {
        DoseBasis::PerDose => "por dosis",
        DoseBasis::PerDay => "al día",
        DoseBasis::PerWeek => "a la semana",
        DoseBasis::PerKgPerDay => "por kg de peso al día",
        DoseBasis::PerKgPerDose => "por kg de peso en cada dosis",
        DoseBasis::PerM2PerDose => "por m² de superficie corporal en cada dosis",
        DoseBasis::PerKgPerCourse => "por kg de peso en cada ciclo",
    }
}

fn frequency_es(f: Frequency) -> &'static str {
    match f {
        Frequency::Daily => "a diario",
        Frequency::SeveralDaily => "varias veces al día",
        Frequency::Weekly => "una vez a la semana",
        Frequency::EveryNWeeks => "cada cierto número de semanas",
        Frequency::Course => "en un ciclo corto",
        Frequency::Cycles => "en ciclos",
        Frequency::AsDirected => "según le indique su médico",
    }
}

/// A Spanish entry's structured table as "etiqueta: valor." sentences.
pub(crate) fn facts_es(s: &Structured) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |label: &str, value: String| {
        let value = value.trim().trim_end_matches('.').to_string();
        if !value.is_empty() {
            out.push(format!("{label}: {value}."));
        }
    };
    let list = |items: &[String]| items.join(", ");
    match s {
        Structured::Drug(d) => {
            push("También se vende como", list(&d.brand_names));
            push("Para qué sirve", d.purpose.clone());
            push("Cómo actúa", d.mechanism.clone());
            let dose = &d.typical_adult_dose;
            push(
                "Dosis habitual publicada en adultos, solo como información",
                format!(
                    "de {} a {} {} {}",
                    number_es(dose.min),
                    number_es(dose.max),
                    dose.unit.as_str(),
                    basis_es(dose.basis)
                ),
            );
            push("Con qué frecuencia", frequency_es(d.frequency).to_string());
            push(
                "Efectos secundarios frecuentes",
                list(&d.common_side_effects),
            );
            push("Efectos secundarios graves", list(&d.serious_side_effects));
            push(
                "Si olvida una dosis",
                d.missed_dose.clone().unwrap_or_default(),
            );
            push("Embarazo", d.pregnancy.clone());
            push("Vacunas", d.vaccines.clone());
            push("Análisis antes de empezar", list(&d.monitoring_before));
            push(
                "Análisis durante el tratamiento",
                list(&d.monitoring_during),
            );
            push(
                "Llame a su equipo médico si tiene",
                list(&d.call_care_team_if),
            );
            push("Interacciones que debe consultar", list(&d.interactions));
        }
        Structured::RedFlag(f) => push("Qué hacer", f.action.clone()),
        Structured::Organisations(orgs) => {
            for o in orgs {
                let mut v = format!("{} ({}), {}", list(&o.offers), o.country, o.url);
                if let Some(p) = &o.phone {
                    v.push_str(&format!(", teléfono {p}"));
                }
                push(&o.name, v);
            }
        }
        Structured::Glossary(terms) => {
            for t in terms {
                push(
                    &t.medical,
                    format!("en palabras de todos los días, {}", list(&t.everyday)),
                );
            }
        }
        Structured::Supplement(sp) => {
            push("Dosis habitual", sp.typical_dose.clone());
            push("Precauciones", sp.cautions.join(" "));
        }
        Structured::Antibody(a) => {
            push("También llamado", list(&a.also_called));
            push("Se asocia a menudo con", list(&a.flags));
        }
        Structured::Test(t) => {
            push("Qué mide", t.measures.clone());
            push("Para qué se hace", t.why.clone());
            push("Qué esperar", t.expect.clone());
        }
        Structured::Foods(foods) => {
            for f in foods {
                push(&f.name, f.why.clone());
            }
        }
    }
    out
}

/// Synonym groups of the Spanish glossary entries: the medical term, then its everyday words.
pub(crate) fn glossary_groups(entries: &[&Entry]) -> Vec<Vec<String>> {
    entries
        .iter()
        .filter_map(|e| match &e.structured {
            Some(Structured::Glossary(terms)) => Some(terms),
            _ => None,
        })
        .flatten()
        .map(|t| {
            let mut group = vec![t.medical.clone()];
            group.extend(t.everyday.iter().cloned());
            group
        })
        .collect()
}
