//! Temporary: phase timing of start-up.
use std::time::Instant;
fn main() {
    for _ in 0..3 {
        let t = Instant::now();
        let e = myo_ask::builtin_engine().unwrap();
        let a = t.elapsed();
        let t = Instant::now();
        let r = e.ask("how long will I live with dermatomyositis");
        let f = t.elapsed();
        println!("snapshot engine {a:?} ask {f:?} {}", r.answer.len());
    }
}
