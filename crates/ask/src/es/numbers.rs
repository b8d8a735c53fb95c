//! Numbers read from Spanish text: temperatures ("38,5", "39 grados", "101 °F"), oxygen
//! saturation ("saturación 90 %", "oxígeno 91", "SpO2 88") and blood glucose ("azúcar 450",
//! "glucosa 25 mmol"). Context words decide what a number measures; a number with no context
//! word is not read at all.

use super::text::EsToken;
use crate::triage::MG_DL_PER_MMOL_L;

/// What a Spanish reading measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EsQuantity {
    /// Body temperature in °C (readings in °F are converted).
    Temperature,
    /// Oxygen saturation, in percent.
    OxygenSaturation,
    /// Blood glucose, in mg/dL (readings in mmol/L are converted).
    Glucose,
}

impl EsQuantity {
    /// Parse the data file's spelling.
    pub fn parse(text: &str) -> Option<EsQuantity> {
        match text {
            "temperature" => Some(EsQuantity::Temperature),
            "oxygen_saturation" => Some(EsQuantity::OxygenSaturation),
            "glucose" => Some(EsQuantity::Glucose),
            _ => None,
        }
    }
}

/// A number read from the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EsReading {
    /// What it measures.
    pub quantity: EsQuantity,
    /// Value in the quantity's unit (°C, %, mg/dL).
    pub value: f64,
    /// Token index of the number.
    pub at: usize,
}

/// Words (folded) that make a nearby number a temperature.
const TEMP_CONTEXT: &[&str] = &[
    "fiebre",
    "temperatura",
    "temp",
    "grados",
    "degrees",
    "termometro",
    "calentura",
    "febril",
    "fever",
    "temperature",
];
/// Words that make the next number (within [`SAT_WINDOW`] words) an oxygen saturation.
const SAT_CONTEXT: &[&str] = &[
    "saturacion",
    "saturo",
    "satura",
    "saturando",
    "sat",
    "spo2",
    "sato2",
    "oxigeno",
    "o2",
    "oximetro",
    "pulsioximetro",
    "saturometro",
    "oximetria",
    "saturation",
    "oxygen",
];
const SAT_WINDOW: usize = 6;
/// Words that make the next number (within [`GLUCOSE_WINDOW`] words) a glucose reading.
const GLUCOSE_CONTEXT: &[&str] = &[
    "azucar",
    "glucosa",
    "glucemia",
    "glicemia",
    "glucometro",
    "dextro",
    "sugar",
    "glucose",
];
const GLUCOSE_WINDOW: usize = 5;
/// Words after a number that say it is not a glucose or saturation reading.
const NOT_A_READING: &[&str] = &[
    "g",
    "gr",
    "gramo",
    "gramos",
    "kg",
    "kilo",
    "kilos",
    "mg",
    "mcg",
    "ml",
    "cucharada",
    "cucharadas",
    "cucharadita",
    "cucharaditas",
    "vez",
    "veces",
    "hora",
    "horas",
    "minuto",
    "minutos",
    "dia",
    "dias",
    "semana",
    "semanas",
    "mes",
    "meses",
    "ano",
    "anos",
    "pastilla",
    "pastillas",
    "comprimido",
    "comprimidos",
    "litro",
    "litros",
    "calorias",
    "unidades",
    "am",
    "pm",
    "x",
];

/// "Tengo 39", "tiene 38,5": a body temperature said without the word (unless it is an age).
const HAVE: &[&str] = &["tengo", "tiene", "tenia", "tuve", "tuvo", "marca", "marco"];
const AGE: &[&str] = &["ano", "anos", "anitos", "edad", "cumple", "cumplio"];

fn word(tokens: &[EsToken], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.word.as_str())
}

/// Read every temperature, saturation and glucose value in the tokens.
pub fn read(tokens: &[EsToken]) -> Vec<EsReading> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Ok(value) = t.word.parse::<f64>() else {
            continue;
        };
        let sentence = tokens.iter().filter(|x| x.sentence == t.sentence);
        let before = |window: usize, list: &[&str]| {
            tokens[i.saturating_sub(window)..i]
                .iter()
                .any(|x| x.sentence == t.sentence && list.contains(&x.word.as_str()))
        };
        let next = word(tokens, i + 1);
        let unit = if matches!(next, "degrees" | "grados") {
            word(tokens, i + 2)
        } else {
            next
        };
        let temp_context = sentence
            .clone()
            .any(|x| TEMP_CONTEXT.contains(&x.word.as_str()));
        let mg_dl_unit = next == "mgdl" || (next == "mg" && word(tokens, i + 2) == "dl");
        let fahrenheit = unit == "f" || unit == "fahrenheit";
        let celsius = unit == "c" || unit == "centigrados" || unit == "celsius";
        if NOT_A_READING.contains(&next) && !mg_dl_unit {
            continue;
        }
        if before(SAT_WINDOW, SAT_CONTEXT) && (50.0..=100.0).contains(&value) {
            out.push(EsReading {
                quantity: EsQuantity::OxygenSaturation,
                value,
                at: i,
            });
        } else if fahrenheit || (temp_context && !celsius && (93.0..=110.0).contains(&value)) {
            out.push(EsReading {
                quantity: EsQuantity::Temperature,
                value: (value - 32.0) * 5.0 / 9.0,
                at: i,
            });
        } else if celsius
            || (temp_context && (34.0..=43.5).contains(&value))
            || (HAVE.contains(&word(tokens, i.wrapping_sub(1)))
                && (37.5..=42.5).contains(&value)
                && !tokens
                    .iter()
                    .any(|x| x.sentence == t.sentence && AGE.contains(&x.word.as_str())))
        {
            out.push(EsReading {
                quantity: EsQuantity::Temperature,
                value,
                at: i,
            });
        } else if before(GLUCOSE_WINDOW, GLUCOSE_CONTEXT) || next == "mmol" || mg_dl_unit {
            let mg_dl = match next {
                "mmol" => Some(value * MG_DL_PER_MMOL_L),
                _ if mg_dl_unit => Some(value),
                _ if value < 35.0 => Some(value * MG_DL_PER_MMOL_L),
                _ if value <= 1500.0 => Some(value),
                _ => None,
            };
            if let Some(v) = mg_dl {
                out.push(EsReading {
                    quantity: EsQuantity::Glucose,
                    value: v,
                    at: i,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize_es;
    use super::*;

    /// Readings with values in integer tenths.
    fn readings(text: &str) -> Vec<(EsQuantity, i64)> {
        read(&tokenize_es(text))
            .into_iter()
            .map(|r| (r.quantity, (r.value * 10.0).round() as i64))
            .collect()
    }

    #[test]
    fn temperatures_in_either_unit_with_decimal_comma() {
        assert_eq!(
            readings("tengo fiebre de 38,5"),
            [(EsQuantity::Temperature, 385)]
        );
        assert_eq!(readings("39 grados"), [(EsQuantity::Temperature, 390)]);
        assert_eq!(
            readings("temperatura 101 °F"),
            [(EsQuantity::Temperature, 383)]
        );
        assert_eq!(readings("38 °C"), [(EsQuantity::Temperature, 380)]);
        assert!(readings("tomo 40 mg de prednisona").is_empty());
        assert_eq!(
            readings("tengo 39 y tomo corticoides"),
            [(EsQuantity::Temperature, 390)]
        );
        assert!(readings("mi madre tiene 40 años").is_empty());
    }

    #[test]
    fn saturation_and_glucose() {
        assert_eq!(
            readings("saturación 90 %"),
            [(EsQuantity::OxygenSaturation, 900)]
        );
        assert_eq!(
            readings("oxígeno 91"),
            [(EsQuantity::OxygenSaturation, 910)]
        );
        assert_eq!(
            readings("SpO2 de 88%"),
            [(EsQuantity::OxygenSaturation, 880)]
        );
        assert_eq!(readings("azúcar 450"), [(EsQuantity::Glucose, 4500)]);
        assert_eq!(readings("glucosa 25 mmol"), [(EsQuantity::Glucose, 4504)]);
        assert_eq!(readings("la glucosa en 6,2"), [(EsQuantity::Glucose, 1117)]);
        assert_eq!(readings("glucosa 350 mg/dL"), [(EsQuantity::Glucose, 3500)]);
        assert!(readings("como 25 gramos de azúcar").is_empty());
        assert!(readings("oxígeno desde hace 2 años").is_empty());
    }
}
