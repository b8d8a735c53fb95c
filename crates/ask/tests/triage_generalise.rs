//! Triage generalisation classes through the built-in engine (`Engine::ask`, both languages),
//! each in wording of its own (not the evaluation sets'), and the bypasses of every new guard:
//! a guard that quiets a look-alike must still let a present report through.

use myo_ask::{Engine, Tier, builtin_engine};

fn engine() -> Engine {
    builtin_engine().expect("built-in knowledge base loads")
}

fn tier(e: &Engine, q: &str) -> Option<Tier> {
    e.ask(q).triage.map(|h| h.tier)
}

fn assert_at_least(e: &Engine, want: Tier, questions: &[&str]) {
    for q in questions {
        let got = tier(e, q);
        assert!(
            got >= Some(want),
            "{q:?}: expected {}, got {got:?}",
            want.as_str()
        );
    }
}

fn assert_crisis(e: &Engine, questions: &[&str]) {
    for q in questions {
        let r = e.ask(q);
        let hit = r.triage.as_ref();
        assert!(
            hit.is_some_and(|h| h.tier == Tier::Emergency && h.rule_id == "suicidal-thoughts"),
            "{q:?}: expected the crisis warning, got {hit:?}"
        );
    }
}

fn assert_quiet(e: &Engine, questions: &[&str]) {
    for q in questions {
        let got = e.ask(q).triage;
        assert!(got.is_none(), "{q:?} must not warn, got {got:?}");
    }
}

#[test]
fn crisis_means_farewells_and_plans_in_new_words() {
    let e = engine();
    assert_crisis(
        &e,
        &[
            "I've been stashing my sleeping tablets in the wardrobe",
            "there's plenty in the cupboard now to never wake up again",
            "he posted a farewell message to his friends last night",
            "I'm thinking of taking my own life",
            "I won't be around by my birthday, it's all arranged",
            "forgive me, I love you all, look after mum",
            "she's been carving her thighs again to cope",
            "my flatmate swallowed a load of painkillers and some of my tablets",
            "I worked out how many tablets it would take",
            "left a letter for each of them on the table",
            "I just want to go to sleep forever",
            "put up a noose in the loft",
            "life's worthless with this illness",
            "ya he ido juntando los somníferos",
            "mi hijo publicó un audio de despedida",
            "no llegaré a navidad, ya lo tengo claro",
            "ya conté cuántas pastillas harían falta",
            "me he tomado un frasco entero de pastillas",
        ],
    );
}

#[test]
fn reported_doses_fits_headaches_and_confusion_in_new_words() {
    let e = engine();
    assert_at_least(
        &e,
        Tier::Emergency,
        &[
            "did my weekly methotrexate jab on sunday, then realised I'd already done it saturday",
            "took my mtx again last night because I lost track",
            "he's jerking all over on the kitchen floor and not responding",
            "a blinding headache came on all of a sudden",
            "dad is very confused and drowsy this evening",
            "she has a fever and is talking nonsense",
            "feverish and panting on azathioprine",
            "his breathing is really weak tonight",
            "I can only get out a word or two between breaths",
            "both my legs stopped working when I woke up",
            "ive been vommitting bloood",
            "my husband is chokin on a bone",
        ],
    );
}

#[test]
fn same_day_signs_in_new_words_and_nicknames() {
    let e = engine();
    assert_at_least(
        &e,
        Tier::Urgent,
        &[
            "I threw up my prednisolone twice today",
            "my muscle weakness is getting worse and worse",
            "my arms went weak in a few days",
            "big bruises for no reason and I'm on aza",
            "gums bleeding every morning on cellcept",
            "tested positive for covid, I take plaquenil and pred",
            "water goes down the wrong way every time",
            "my right calf is warm, and it's much bigger than the left",
            "a sore on my knuckle went black",
            "the words on the page look wavy",
            "tongue covered in ulcers and I'm on mtx",
            "my boy with jdm can barely hold his head up",
            "fever of 38.6 on hcq and pred",
            // "late" is a death only before a person; "without help" negates nothing.
            "my period is two weeks late and I'm on mmf",
            "I can't get out of bed without help anymore",
        ],
    );
}

#[test]
fn spanish_signs_and_regional_words() {
    let e = engine();
    assert_at_least(
        &e,
        Tier::Emergency,
        &[
            "el saturómetro de mi mamá marca 85",
            "el glucómetro pone HI otra vez",
            "en el gotero de inmunoglobulina se me cerró la garganta",
            "escupo flemas con sangre desde ayer",
            "a mi abuelo se le ve la boca torcida",
            "no le responden los brazos de repente",
            "dolor muy fuerte en medio del pecho",
            "no consigo recuperar el aire",
            "tiemblo de frío y me pusieron ciclofosfamida la semana pasada",
        ],
    );
    assert_at_least(
        &e,
        Tier::Urgent,
        &[
            "me salió herpes zóster en la frente junto al ojo",
            "me sangran las encías y tomo azatioprina",
            "tomo tacrolimus y no paro de vomitar",
            "tengo un retraso de la regla y tomo micofenolato",
            "tengo la pantorrilla izquierda hinchada y caliente",
            "veo líneas onduladas y tomo hidroxicloroquina",
            "una herida en la punta del dedo que no cierra",
            "toso cada vez que bebo líquidos",
            "me quedé sin corticoides hace dos días",
            "di positivo en covid y tomo micofenolato",
        ],
    );
}

#[test]
fn look_alikes_stay_quiet() {
    let e = engine();
    assert_quiet(
        &e,
        &[
            "no fever, cough or breathlessness, just asking about holidays",
            "I take methotrexate each friday, so why is a daily dose risky",
            "can I double the folic acid on methotrexate days",
            "the booklet says a reading below 92 needs 999, what is normal",
            "how do I know if I'm choking or just coughing",
            "my neighbour had a stroke last year, what are the signs",
            "I'm saving up money for my prescriptions",
            "¿cuáles son los signos de riesgo de suicidio en pacientes?",
            "de pequeña tuve convulsiones con fiebre, ¿es importante?",
            "mi vecina tuvo un ictus, ¿cómo se previene?",
            "no me siento con ganas de morir, solo cansada",
            "en 2019 me atraganté con una espina, ahora trago bien",
            // The past inside a crisis phrase, in both languages.
            "as a kid I self harmed but I'm well now, can steroids change mood",
            "de adolescente me autolesionaba pero ahora estoy bien",
            "my late husband had a stroke, what are the signs",
            // A number then "and on oxygen" is an age, not a reading.
            "my mum is 88 and on home oxygen, which vaccines does she need",
        ],
    );
}

/// Each guard above has a bypass that must still warn: a present report next to the look-alike.
#[test]
fn guards_let_present_reports_through() {
    let e = engine();
    assert_at_least(
        &e,
        Tier::Emergency,
        &[
            // A negated list ends at "but": the report after it stands.
            "no fever or chills but I can't breathe",
            // A general clause about dosing does not hide a reported dose in another.
            "why is it so dangerous? I took my methotrexate daily this week",
            // "How do I know" is a question; the report in the next sentence is not.
            "how do I know if it's serious? I'm choking on a bone",
            // A device that "says" a number is a reading, not a quote; nor is a number before
            // a quote.
            "the app says 88 for my oxygen",
            "sats 89 and the nurse said to keep an eye on it",
            // The past stays in its own clause.
            "de niña tuve asma, y ahora no puedo respirar",
            "mi vecino tuvo un ictus y ahora a mí se me cae un lado de la cara",
            // A Spanish crisis in the past clause does not hide one now.
            "de adolescente me cortaba y ahora me estoy cortando otra vez",
            // "no paro de" is not a negation.
            "no paro de vomitar sangre",
            // A Spanish general question with the writer in it is a report.
            "¿es normal? yo quiero morirme",
        ],
    );
}

/// Every concept cites a source of the knowledge-base red-flag entry it words, and every medicine
/// alias stands for one word.
#[test]
fn concepts_cite_their_entrys_own_sources() {
    let kb = myo_kb::Kb::builtin().expect("built-in knowledge base loads");
    let table = myo_ask::triage::ConceptTable::builtin().expect("concept table parses");
    let mut ids: Vec<&str> = table.rule_ids().collect();
    ids.sort_unstable();
    assert!(ids.len() >= 20, "{ids:?}");
    for id in ids {
        let entry = kb
            .get(id)
            .unwrap_or_else(|| panic!("concepts for {id}: no such entry"));
        assert!(
            matches!(entry.structured, Some(myo_kb::Structured::RedFlag(_))),
            "{id} is not a red flag"
        );
        for s in table.sources(id) {
            assert!(
                entry.sources.iter().any(|r| &r.id == s),
                "concepts for {id} cite {s}, not one of the entry's sources"
            );
        }
    }
    assert!(myo_ask::triage::Aliases::builtin().is_ok());
}
