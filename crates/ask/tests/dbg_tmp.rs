#[test]
fn dbg() {
    let e = myo_ask::builtin_engine().unwrap();
    for q in ["how do i reverse a linked list in python", "recommend a good movie for tonight", "plan a trip itinerary for rome"] {
        let toks = myo_ask::text::tokenize(q);
        for t in &toks { eprintln!("{} field={} ", t.stem, e.guard().in_field(&t.word)); }
        eprintln!("off={}", e.guard().off_topic(q));
    }
}
