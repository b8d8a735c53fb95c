//! Spanish answer probe: the best Spanish entries for each question with their scores, and the
//! reply. Run: `cargo run -p myo-ask --example es_probe -- "pregunta" ...`

use myo_ask::builtin_engine;

fn main() {
    let engine = builtin_engine().expect("engine");
    let answers = engine.spanish_answers();
    for q in std::env::args().skip(1) {
        println!("{q}");
        for (d, score) in answers.rank(&q).into_iter().take(3) {
            println!("  {score:6.2} {}", answers.id_of(d));
        }
        let r = engine.ask(&q);
        let cited: Vec<&str> = r.citations.iter().map(|c| c.id.as_str()).collect();
        println!("  {} [{}] {}", r.kind.as_str(), cited.join(", "), r.answer);
    }
}
