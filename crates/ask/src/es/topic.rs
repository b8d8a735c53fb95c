//! The Spanish off-topic gate: a question about an everyday thing (a plant, a pet, a dish, a
//! car, a house, a phone, money, a game) that shares a word with a medical term ("un brote
//! nuevo en la albahaca", "la receta de las croquetas", "la presión de las ruedas", "pastillas
//! de freno", "curar el jamón", "manchas de vino") is out of scope, unless the question also
//! names the field itself (the disease, a medicine, a clinician) or the writer's own body.
//!
//! Read by what the question is about, not by the shared word: the shared words are not listed.

use super::text::tokenize_es;

/// Things of everyday life (folded), by topic.
const EVERYDAY: &[&[&str]] = &[
    // Plants and the garden.
    &[
        "planta",
        "plantas",
        "albahaca",
        "limonero",
        "naranjo",
        "arbol",
        "arboles",
        "hojas",
        "maceta",
        "macetas",
        "jardin",
        "huerto",
        "rosal",
        "rosales",
        "tomatera",
        "tomateras",
        "semilla",
        "semillas",
        "cesped",
        "podar",
        "poda",
        "trasplanto",
        "trasplantar",
        "flores",
        "cactus",
        "orquidea",
        "regar",
        "riego",
        "abono",
        "esqueje",
        "esquejes",
        "geranio",
        "geranios",
    ],
    // Pets and animals.
    &[
        "perro",
        "perra",
        "perrito",
        "perrita",
        "gato",
        "gata",
        "gatito",
        "gatita",
        "mascota",
        "mascotas",
        "cachorro",
        "veterinario",
        "veterinaria",
        "caballo",
        "loro",
        "conejo",
        "hamster",
        "pez",
        "peces",
        "canario",
    ],
    // Cooking and the table.
    &[
        "cocina",
        "cocinar",
        "jamon",
        "sarten",
        "horno",
        "cafetera",
        "tarta",
        "bizcocho",
        "gazpacho",
        "croquetas",
        "harina",
        "guiso",
        "olla",
        "paella",
        "mantel",
        "tazas",
        "mermelada",
        "salsa",
        "masa",
        "embutido",
        "embutidos",
        "lentejas",
    ],
    // Cars, bikes and roads.
    &[
        "coche",
        "carro",
        "auto",
        "moto",
        "motocicleta",
        "bici",
        "bicicleta",
        "rueda",
        "ruedas",
        "neumatico",
        "neumaticos",
        "freno",
        "frenos",
        "motor",
        "gasolina",
        "taller",
    ],
    // The house and things in it.
    &[
        "pared", "paredes", "grieta", "resina", "madera", "mueble", "muebles", "lavadora",
        "tuberia", "grifo", "pintura", "azulejos", "botas", "zapatos", "cuero", "sofa",
    ],
    // Phones, computers, money, games and sport.
    &[
        "celular",
        "movil",
        "ordenador",
        "computadora",
        "portatil",
        "wifi",
        "antivirus",
        "bolsa",
        "invertir",
        "inversion",
        "acciones",
        "hipoteca",
        "banco",
        "partido",
        "tenis",
        "futbol",
        "liga",
        "videojuego",
        "gimnasio",
        "gym",
        "pesas",
        "culturismo",
    ],
];

/// Words that name the field itself: the disease, its medicines, the people who treat it.
const FIELD: &[&str] = &[
    "dermatomiositis",
    "miositis",
    "polimiositis",
    "dm",
    "dmj",
    "miopatia",
    "metotrexato",
    "prednisona",
    "prednisolona",
    "corticoides",
    "corticoide",
    "cortisona",
    "hidroxicloroquina",
    "azatioprina",
    "micofenolato",
    "ciclosporina",
    "tacrolimus",
    "rituximab",
    "inmunoglobulina",
    "igiv",
    "medico",
    "medica",
    "reumatologo",
    "reumatologa",
    "dermatologo",
    "dermatologa",
    "hospital",
    "urgencias",
    "enfermedad",
    "diagnostico",
    "sintomas",
    "inmunosupresores",
    // What the field says about everyday things: pets and infections, gardening in the sun,
    // sport as exercise.
    "defensas",
    "infeccion",
    "infecciones",
    "contagio",
    "contagiar",
    "sol",
    "ejercicio",
    "ejercicios",
    "cansancio",
    "fatiga",
    "debilidad",
    "dolor",
];

/// The writer's (or a person's) body: with "me", "mi", "tengo" they make it a health question,
/// unless an animal is the one with the body.
const BODY: &[&str] = &[
    "piel", "cara", "manos", "mano", "brazos", "piernas", "parpados", "nudillos", "unas", "cuello",
    "pecho", "boca", "ojos", "musculos", "espalda", "cuerpo", "dedos",
];
const ANIMALS_INDEX: usize = 1;

/// Is the question about an everyday thing, with nothing of the field in it?
pub fn everyday(text: &str) -> bool {
    let words: Vec<String> = tokenize_es(text).into_iter().map(|t| t.word).collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if !EVERYDAY.iter().any(|topic| has(topic)) || has(FIELD) {
        return false;
    }
    let personal = has(&["me", "mi", "mis", "tengo", "yo"]);
    let animal = has(EVERYDAY[ANIMALS_INDEX]);
    !(personal && has(BODY) && !animal)
}
