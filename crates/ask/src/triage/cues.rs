//! Word lists the context checks read (`context`): negation cues, question openers, subjects,
//! sources a question may quote, words of death, of long ago and of the present.

/// How far before a trigger a negation word still applies ("I do not have a fever").
pub(super) const NEGATION_WINDOW: usize = 3;
/// Words that open a clause without changing what it is ("but why…", "and what if…").
pub(super) const CONJUNCTIONS: &[&str] =
    &["but", "and", "so", "however", "although", "though", "then"];
/// How far back a negation reaches over a list joined by "or" or "nor".
pub(super) const LIST_NEGATION_WINDOW: usize = 8;
/// Negation cues, as stems.
pub(super) const NEGATION_CUES: &[&str] = &[
    "no", "not", "never", "without", "nor", "deni", "free", "none", "neither",
];
/// Words that end a negation's or a condition's reach ("no energy and can't breathe").
pub(super) const SCOPE_BREAKS: &[&str] = &["and", "but", "then", "now", "so", "because", "cause"];
/// Words just after a sign that say it has passed ("chest pain has gone").
pub(super) const RESOLVED: &[&str] = &["gone", "resolved", "cleared", "disappeared", "settled"];
/// Words allowed between a sign and a [`RESOLVED`] word ("has now completely gone").
pub(super) const RESOLVED_FILLER: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "now",
    "all",
    "completely",
    "totally",
    "fully",
    "since",
    "finally",
];

/// Words that open a general question or a request for information (stems).
pub(super) const QUESTION_STARTS: &[&str] = &[
    "what", "why", "how", "doe", "do", "did", "is", "ar", "are", "can", "could", "should", "would",
    "will", "when", "which", "who", "where", "tell", "explain", "describ", "defin", "info",
    "inform", "ani", "anyon", "ha", "wa", "were", "learn", "read",
];
/// Words that put a real person (the writer or someone they care for) in the sentence (stems).
pub(super) const PERSON_WORDS: &[&str] = &[
    "i",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "us",
    "our",
    "he",
    "she",
    "him",
    "hi",
    "her",
    "mum",
    "mom",
    "mummi",
    "dad",
    "daddi",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "hubbi",
    "wife",
    "partner",
    "child",
    "kid",
    "babi",
    "boi",
    "girl",
    "grandma",
    "grandmoth",
    "grandad",
    "grandfath",
    "grandpa",
    "granni",
    "nan",
    "brother",
    "sister",
    "friend",
    "toddler",
    "teen",
    "children",
    "parent",
];
/// A subject just before a sign that makes it a present report ("I", "my son", "she"), as
/// surface words. Object pronouns ("me", "him") are left out: "tell me about choking".
pub(super) const SUBJECTS: &[&str] = &[
    "i",
    "my",
    "we",
    "our",
    "he",
    "she",
    "his",
    "her",
    "hes",
    "shes",
    "mum",
    "mom",
    "mummy",
    "mam",
    "dad",
    "daddy",
    "father",
    "mother",
    "son",
    "sons",
    "daughter",
    "daughters",
    "husband",
    "hubby",
    "wife",
    "partner",
    "child",
    "childs",
    "kid",
    "kids",
    "baby",
    "boy",
    "girl",
    "grandma",
    "grandmother",
    "grandad",
    "grandfather",
    "grandpa",
    "granny",
    "nan",
    "brother",
    "sister",
    "friend",
    "toddler",
    "teen",
    "teenager",
    "mums",
    "moms",
    "dads",
];
/// Between a subject and a sign, these say it is not a present report ("he had", "I might").
pub(super) const NOT_PRESENT: &[&str] = &[
    "had", "was", "were", "did", "used", "died", "passed", "might", "may", "could", "would",
    "will", "should", "if", "when", "whether", "ever", "last", "ago", "once", "risk", "risks",
    "chance", "chances", "odds", "prevent", "avoid", "lower", "reduce", "about", "fear", "worried",
    "read", "heard", "told", "said", "says", "learned", "learnt", "saw", "seen", "that",
];
/// Past forms without "-ed" that open a sign told as a past event ("I took too many tablets in
/// 2019"): like an "-ed" word, no present override; the long-ago and death checks decide.
pub(super) const IRREGULAR_PAST: &[&str] =
    &["took", "drank", "ate", "bought", "gave", "wrote", "sent"];
/// "-ed" words inside a sign that describe a state now, not a past event ("swollen" aside).
pub(super) const PARTICIPLES: &[&str] = &[
    "slurred",
    "blurred",
    "confused",
    "stopped",
    "blocked",
    "swelled",
    "cracked",
    "bloated",
    "tired",
    "scared",
    "worried",
    "paralysed",
    "paralyzed",
    "disoriented",
    "disorientated",
    "drooped",
    "dropped",
    "raised",
    "closed",
    "coloured",
    "colored",
    "red",
];
/// Words that turn a following subject into a question ("should I", "is my son").
pub(super) const ASKING: &[&str] = &[
    "should", "can", "could", "do", "does", "did", "will", "would", "may", "must", "shall", "is",
    "are", "am", "was", "were",
];
/// In a question, these mark a hypothetical or general framing, not a report (stems).
pub(super) const HYPOTHETICAL: &[&str] = &[
    "if", "whether", "ever", "risk", "prevent", "avoid", "chanc", "caus", "check", "monitor",
    "side",
];
/// "can I …", "should we …": a question about the writer's own next step (stems).
pub(super) const MODALS: &[&str] = &[
    "can", "could", "should", "may", "shall", "would", "will", "do", "must",
];
/// "tell me", "show me": the "me" is not a person in trouble (stems).
pub(super) const REQUEST_VERBS: &[&str] = &["tell", "show", "give", "explain", "help", "teach"];
/// Words before "if"/"whether" that make it an embedded question about now ("not sure if").
pub(super) const EMBEDDING: &[&str] = &[
    "know",
    "sure",
    "unsure",
    "wonder",
    "wondering",
    "tell",
    "think",
    "check",
    "checking",
    "see",
    "ask",
    "asking",
    "worried",
    "scared",
    "afraid",
    "idea",
    "unclear",
    "decide",
    "understand",
    "confused",
];
/// "what if I took …": a condition about something already done is a report.
pub(super) const DONE: &[&str] = &[
    "took",
    "taken",
    "injected",
    "gave",
    "given",
    "swallowed",
    "accidentally",
    "already",
    "did",
    "used",
];
/// Generic subjects after "when": "call 911 when you can't breathe".
pub(super) const GENERIC: &[&str] = &[
    "you", "your", "someone", "somebody", "anyone", "anybody", "people", "patients", "a", "they",
    "one",
];
/// Printed or spoken sources whose words a question may quote.
pub(super) const SOURCES: &[&str] = &[
    "leaflet",
    "leaflets",
    "label",
    "labels",
    "pamphlet",
    "booklet",
    "insert",
    "sheet",
    "website",
    "site",
    "article",
    "page",
    "guide",
    "poster",
    "instructions",
    "brochure",
    "handout",
    "card",
    "book",
    "app",
    "video",
    "box",
    "packet",
    "pack",
    "google",
    "internet",
    "online",
    "forum",
    "nurse",
    "doctor",
    "dr",
    "gp",
    "consultant",
    "rheumatologist",
    "pharmacist",
    "specialist",
    "team",
    "it",
];
pub(super) const SAYS: &[&str] = &[
    "says",
    "said",
    "say",
    "told",
    "tells",
    "mentions",
    "mentioned",
    "warns",
    "warned",
    "lists",
    "listed",
    "reads",
    "wrote",
    "written",
    "explains",
    "explained",
    "states",
    "stated",
    "advises",
    "advised",
    "describes",
    "talks",
];
/// Words that ask what something means.
pub(super) const DEFINING: &[&str] = &[
    "mean",
    "means",
    "meaning",
    "meant",
    "define",
    "definition",
    "term",
    "word",
];
/// Words that say a death happened ("died of", "passed away", "funeral").
pub(super) const DEATH: &[&str] = &["died", "funeral", "rip", "death", "deceased"];
/// People "late" may name ("my late husband"); a late period is not a death.
pub(super) const LATE_WHO: &[&str] = &[
    "father",
    "mother",
    "dad",
    "mum",
    "mom",
    "husband",
    "wife",
    "partner",
    "son",
    "daughter",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "grandma",
    "grandad",
    "grandpa",
    "granny",
    "nan",
    "aunt",
    "uncle",
    "friend",
    "parents",
    "grandparents",
];
/// Words that place an event long ago when nothing in the clause is present.
pub(super) const PRESENT: &[&str] = &[
    "now",
    "today",
    "tonight",
    "currently",
    "again",
    "still",
    "since",
    "atm",
    "this",
    "am",
    "is",
    "are",
    "keep",
    "keeps",
];
