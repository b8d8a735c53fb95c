//! Everyday wording added to the knowledge base's red-flag phrases.
//!
//! The knowledge base names each warning sign; people describe the same thing many ways
//! ("lips going blue", "can't catch my breath"). These variants only widen the matching of rules
//! that exist in the knowledge base: the tier and the action always come from the entry.
//! Candidates for folding back into the entries at their next review.

/// Extra trigger phrases for the red-flag entry `id`.
pub fn extra_phrases(id: &str) -> &'static [&'static str] {
    match id {
        "breathing-difficulty" => &[
            "can't breathe",
            "cannot breathe",
            "not able to breathe",
            "unable to breathe",
            "struggling to breathe",
            "struggle to breathe",
            "hard to breathe",
            "difficulty breathing",
            "trouble breathing",
            "can't catch my breath",
            "can't get my breath",
            "can't get air",
            "gasping",
            "gasping for air",
            "lips blue",
            "lips look blue",
            "lips are blue",
            "lips turning blue",
            "turning blue",
            "short of breath at rest",
            "short of breath sitting",
            "short of breath lying",
            "breathless at rest",
            "breathless sitting",
            "breathing very fast",
            "fighting for breath",
        ],
        "choking" => &[
            "choking",
            "is choking",
            "choked",
            "food stuck",
            "stuck in my throat",
            "stuck in his throat",
            "stuck in her throat",
            "can't swallow my own spit",
            "can't swallow saliva",
            "can't swallow my saliva",
            "can't swallow spit",
            "can't swallow at all",
            "can't swallow anything",
        ],
        "chest-pain" => &[
            "chest pain",
            "pain in my chest",
            "pain in the chest",
            "chest pains",
            "chest hurts",
            "crushing chest",
            "chest tight",
            "chest feels tight",
            "tight chest",
            "tightness in my chest",
            "chest pressure",
            "pressure in my chest",
            "chest feels heavy",
            "heavy chest",
            "heart attack",
        ],
        "infusion-reaction" => &[
            "throat swelling",
            "throat is swelling",
            "throat closing",
            "tongue swelling",
            "tongue is swelling",
            "lips swelling",
            "face swelling during infusion",
            "hives during infusion",
            "broke out in hives",
            "anaphylaxis",
            "anaphylactic",
            "reaction during infusion",
            "reaction to the infusion",
            "wheezing during infusion",
        ],
        "suicidal-thoughts" => &[
            "kill myself",
            "killing myself",
            "end my life",
            "ending my life",
            "take my own life",
            "suicide",
            "suicidal",
            "don't want to be alive",
            "don't want to live",
            "want to die",
            "better off dead",
            "no reason to live",
            "hurt myself",
            "harm myself",
        ],
        "sudden-paralysis" => &[
            "paralysed",
            "paralyzed",
            "paralysis",
            "suddenly can't move",
            "can't move my legs",
            "can't move my arms",
            "can't move my arm",
            "can't move my leg",
            "can't move at all",
            "face went numb",
            "face drooping",
            "face droop",
            "slurred speech",
            "sudden numbness",
            "having a stroke",
        ],
        "fever-on-immunosuppressants" => &[
            "fever",
            "fevers",
            "feverish",
            "high temperature",
            "high temp",
            "running a temperature",
            "temperature of",
            "chills",
            "shivering",
            "rigors",
        ],
        "rapidly-worsening-weakness" => &[
            "weakness getting worse",
            "weakness is getting worse",
            "weakness worse every day",
            "getting weaker",
            "getting weaker every day",
            "weaker every day",
            "weaker by the day",
            "much weaker",
            "weaker over the last few days",
            "weaker over the past few days",
            "weaker this week",
            "barely get out of bed",
            "can barely walk",
            "can't get out of bed",
            "can't stand up anymore",
            "can't lift my head",
        ],
        "new-cough-or-breathlessness" => &[
            "new cough",
            "dry cough",
            "cough that won't go away",
            "cough won't go away",
            "short of breath",
            "shortness of breath",
            "out of breath",
            "breathless",
            "more breathless",
            "getting breathless",
            "puffed out",
            "winded",
        ],
        "choking-on-liquids" => &[
            "choking on water",
            "choking on drinks",
            "choking on liquids",
            "choke on water",
            "choke on drinks",
            "choke when i drink",
            "choke when drinking",
            "cough when i drink",
            "cough when drinking",
            "coughs when drinking",
            "coughs every time she drinks",
            "coughs every time he drinks",
            "cough every time i drink",
            "splutter",
            "splutters",
            "drinks go down the wrong way",
            "goes down the wrong way",
            "liquid comes out of my nose",
        ],
        "dark-urine" => &[
            "dark urine",
            "dark pee",
            "pee is dark",
            "urine is dark",
            "brown urine",
            "brown pee",
            "cola coloured",
            "cola colored",
            "like cola",
            "colour of tea",
            "color of tea",
            "tea coloured",
            "tea colored",
            "urine has turned",
        ],
        "skin-ulcers" => &[
            "black sore",
            "black sores",
            "blackened sore",
            "gone black",
            "turned black",
            "turning black",
            "skin ulcer",
            "skin ulcers",
            "sores that won't heal",
            "won't heal",
            "not healing",
            "open sore",
        ],
        _ => &[],
    }
}

/// Extra negations: wording that sounds like the trigger but means the opposite or a lesser tier.
pub fn extra_negations(id: &str) -> &'static [&'static str] {
    match id {
        // Coughing or choking on drinks is the urgent rule, not the emergency one.
        "choking" => &[
            "choking on water",
            "choking on drinks",
            "choking on liquids",
            "choking on thin drinks",
            "choke on water",
            "choke on drinks",
        ],
        "breathing-difficulty" | "new-cough-or-breathlessness" => &[
            "breathing is fine",
            "breathing is ok",
            "breathing is okay",
            "breathing fine",
        ],
        "fever-on-immunosuppressants" => &[
            "fever went away",
            "fever has gone",
            "fever is gone",
            "fever blister",
            "fever blisters",
        ],
        _ => &[],
    }
}

/// Brand names and everyday words for immunosuppressing medicines, beside the knowledge base's
/// drug guides.
pub const MEDICINES: &[&str] = &[
    "cellcept",
    "myfortic",
    "imuran",
    "prograf",
    "neoral",
    "sandimmune",
    "rituxan",
    "truxima",
    "xeljanz",
    "olumiant",
    "plaquenil",
    "deltasone",
    "medrol",
    "solu-medrol",
    "solumedrol",
    "privigen",
    "octagam",
    "gamunex",
    "trexall",
    "otrexup",
    "rasuvo",
    "cytoxan",
    "mtx",
    "aza",
    "mmf",
    "ivig",
    "biologic",
    "biologics",
];

/// Everyday words that say someone's immune system is being held down.
pub const IMMUNOSUPPRESSION_WORDS: &[&str] = &[
    "immunosuppressant",
    "immunosuppressants",
    "immunosuppressed",
    "immunosuppression",
    "immune suppressant",
    "immune suppressing",
    "steroids",
    "steroid",
    "chemo",
    "chemotherapy",
    "infusion",
];

/// Everyday synonym groups beside the knowledge base's glossary (first word: the term used in
/// the entries most often). Used for query expansion only.
pub const EVERYDAY_SYNONYMS: &[&[&str]] = &[
    &["children", "kids", "kid", "child", "childhood"],
    &["women", "woman", "female", "females"],
    &["men", "man", "male", "males"],
    &["urine", "pee", "wee"],
    &[
        "medicines",
        "meds",
        "drugs",
        "medication",
        "medications",
        "tablets",
        "pills",
    ],
    &["harm", "hurt", "damage", "injure"],
    &["prevent", "avoid", "reduce", "lower"],
    &[
        "fatigue",
        "tiredness",
        "tired",
        "exhausted",
        "exhaustion",
        "worn out",
    ],
    &[
        "vaccine",
        "vaccines",
        "jab",
        "jabs",
        "vaccination",
        "immunisation",
        "immunization",
    ],
    &[
        "physical therapy",
        "physiotherapy",
        "physio",
        "physiotherapist",
    ],
    &["pregnancy", "pregnant", "conceive"],
    &["cancer", "tumour", "tumor", "malignancy"],
    &["inherited", "hereditary", "genetic", "runs in families"],
    &["contagious", "catch", "infectious", "spread"],
    &["cure", "curable", "cured"],
    &["sunlight", "sun", "uv", "sunshine"],
    &[
        "exercise", "workout", "workouts", "gym", "sport", "sports", "swimming", "swim", "jogging",
        "yoga",
    ],
    &[
        "work",
        "job",
        "jobs",
        "employer",
        "workplace",
        "career",
        "boss",
    ],
    &["flare", "relapse", "come back", "comes back", "coming back"],
    &[
        "monitoring",
        "blood tests",
        "checkups",
        "check ups",
        "checks",
        "bloods",
        "blood work",
        "bloodwork",
        "labs",
        "lab tests",
    ],
    &["diet", "food", "foods", "eat", "eating"],
    &["sleep", "insomnia"],
    &["stress", "anxiety", "worry", "worried"],
    &["depression", "depressed", "low mood"],
    &["emergency", "911", "emergency room", "a&e"],
    &["dietitian", "nutritionist", "dietician"],
    &["dysphagia", "swallowing problems", "trouble swallowing"],
    &["itch", "itchy", "itching", "pruritus"],
];

/// Words for a person's children (the `@KID` class of [`QUESTION_CUES`]).
pub const CHILD_WORDS: &[&str] = &[
    "child",
    "children",
    "kid",
    "kids",
    "son",
    "sons",
    "daughter",
    "daughters",
    "baby",
    "babies",
    "grandchildren",
    "grandkids",
    "offspring",
];

/// Words for food and drink (the `@FOOD` class of [`QUESTION_CUES`]).
pub const FOOD_WORDS: &[&str] = &[
    "food", "foods", "eat", "eating", "diet", "drink", "drinks", "meal", "meals", "snack", "snacks",
];

/// Everyday phrasings and the topic words they imply, as (pattern, topic words, weight).
///
/// Patterns use the guardrails' language (see [`crate::guard`]) over stems, with the classes
/// `@KID` ([`CHILD_WORDS`]) and `@FOOD` ([`FOOD_WORDS`]). Topic words are added to the query
/// at the weight given (a typed word weighs 1). Only words the knowledge base uses matter.
pub const QUESTION_CUES: &[(&str, &[&str], f32)] = &[
    // Outlook: "how long will I live", "can you die from it".
    (
        "how+many+years ~4 live|survive|left",
        &["life expectancy", "prognosis", "survival", "outlook"],
        1.0,
    ),
    (
        "how+long ~4 live|survive|last",
        &["life expectancy", "prognosis", "survival", "outlook"],
        1.0,
    ),
    (
        "die|dying|died|death|deadly|fatal|lifespan|life+expectancy|terminal",
        &["life expectancy", "prognosis", "survival", "outlook"],
        1.0,
    ),
    (
        "shorten|shorter ~3 life|lives",
        &["life expectancy", "prognosis", "survival"],
        1.0,
    ),
    // Inheritance: "will my kids get it", "can I pass it on".
    (
        "will|could|might|would|can|do|does my|our ~1 @KID ~3 get|have|inherit|develop|catch",
        &["inherited", "genetic", "family"],
        1.0,
    ),
    (
        "pass|passing|passed ~2 on|down|it",
        &["inherited", "genetic", "family"],
        1.0,
    ),
    (
        "run|runs|running ~1 in ~1 the|my|our ~1 family|families",
        &["inherited", "genetic", "family"],
        1.0,
    ),
    // Catching it: "can I catch it", "is it catching".
    (
        "catch|catching|caught ~2 it|dm|this|that|dermatomyositis|from",
        &["contagious", "infectious"],
        1.0,
    ),
    (
        "spread ~2 to ~2 others|family|people|partner|@KID",
        &["contagious", "infectious"],
        1.0,
    ),
    // Sun: the beach, holidays in the sun, tanning.
    (
        "beach|seaside|sunbathe|sunbathing|sunbed|tanning|tan|sunburn|sunny|summer",
        &["sun", "sunscreen", "sun sensitivity"],
        0.8,
    ),
    // Prednisone and prednisolone are the steroids the entries talk about: "foods to stay
    // away from while on prednisone" reads the steroid advice.
    ("prednisone|prednisolone|pred|preds", &["steroids"], 0.6),
    // How long the medicines last: "how long will I have to stay on all these tablets".
    (
        "how+long ~8 tablets|pills|medicines|meds|medication|medications|treatment|treatments",
        &["how long", "medicines", "years"],
        1.0,
    ),
    // Finding the right doctor: "how do I find a doctor who knows about myositis".
    (
        "find|finding|looking+for|search|recommend ~4 doctor|doctors|specialist|specialists|expert|experts|rheumatologist|clinic",
        &["myositis centre", "specialist"],
        1.0,
    ),
    // Growing, in the entries' word: "will the steroids stop her growing".
    (
        "grow|growing|grows|stunt|stunted|stunting",
        &["growth"],
        0.8,
    ),
    // Does a test or procedure hurt: the entries say how it is numbed.
    (
        "biopsy|emg|electromyography|needle|procedure|test|scan|infusion|drip ~6 hurt|hurts|hurting|painful|pain|sore",
        &["numb", "local anaesthetic", "discomfort"],
        0.8,
    ),
    (
        "hurt|hurts|hurting|painful|pain|sore ~6 biopsy|emg|electromyography|needle|procedure",
        &["numb", "local anaesthetic", "discomfort"],
        0.8,
    ),
    // Working out is exercise, not work.
    ("working+out|work+out|works+out", &["exercise"], 1.0),
    // Breastfeeding, in its spellings.
    (
        "breastfeed|breastfeeding|breastfed|breast+feed|breast+feeding|breast+milk|breastmilk|nursing+my+baby|lactation",
        &["breastfeeding", "pregnancy"],
        1.0,
    ),
    // Food polarity: what to avoid versus what helps.
    (
        "@FOOD ~3 avoid|bad|worst|harmful|dangerous|limit|unsafe|stay+away|cut+out",
        &["avoid", "limit"],
        1.2,
    ),
    (
        "avoid|limit|not+eat|not+drink|stay+away|cut+out|banned ~3 @FOOD",
        &["avoid", "limit"],
        1.2,
    ),
    (
        "should+not|must+not|cannot|not+allowed+to eat|drink",
        &["avoid", "limit"],
        1.2,
    ),
    (
        "@FOOD ~3 help|helps|good|best|healthy|favour|favor|recommended|benefit|heal",
        &["favour", "best foods"],
        1.2,
    ),
    (
        "what|which ~2 should|can|to ~2 eat",
        &["favour", "best foods"],
        1.0,
    ),
];

/// Field words used in their everyday sense when the next word is one of these ("a rash
/// decision", "a weak battery"): the pair is ignored by retrieval, so a shared word alone does
/// not pull an everyday question to a medical entry.
pub const EVERYDAY_COLLOCATIONS: &[(&str, &[&str])] = &[
    // "working out" is exercise, read through its question cue, not work.
    ("working", &["out"]),
    ("work", &["out"]),
    ("works", &["out"]),
    (
        "rash",
        &[
            "decision",
            "decisions",
            "choice",
            "choices",
            "move",
            "promise",
            "promises",
            "words",
            "behaviour",
            "behavior",
            "act",
        ],
    ),
    (
        "weak",
        &[
            "battery", "signal", "wifi", "password", "tea", "coffee", "joke", "excuse", "argument",
        ],
    ),
    (
        "cold",
        &["drink", "drinks", "brew", "call", "calls", "shoulder"],
    ),
    ("heart", &["of"]),
    ("blood", &["moon", "orange", "oranges"]),
    ("fever", &["pitch", "dream", "tree"]),
];
