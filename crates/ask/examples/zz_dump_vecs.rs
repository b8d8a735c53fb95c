use myo_ask::embed::Embedder;
use std::io::Write;
fn main() {
    let e = Embedder::builtin().unwrap();
    let kb = myo_kb::Kb::builtin().unwrap();
    let corpus = myo_ask::corpus::Corpus::from_kb(&kb);
    let mut f = std::fs::File::create("/tmp/kbvec.tsv").unwrap();
    for d in &corpus.documents {
        let mut texts = vec![format!("{}. {}", d.title, d.summary)];
        texts.extend(
            myo_ask::passage::sentences_of(d)
                .into_iter()
                .map(|s| s.text),
        );
        for t in texts {
            let v = e.embed(&t);
            let nums: Vec<String> = v.0.iter().map(|x| format!("{x:.5}")).collect();
            writeln!(
                f,
                "{}\t{}\t{}",
                d.id,
                nums.join(","),
                t.replace(['\t', '\n'], " ")
            )
            .unwrap();
        }
    }
    let mut fs_ = std::fs::File::create("/tmp/kbvec_es.tsv").unwrap();
    for d in &corpus.spanish {
        let mut texts = vec![format!("{}. {}", d.title, d.summary)];
        texts.extend(
            myo_ask::passage::sentences_of(d)
                .into_iter()
                .map(|s| s.text),
        );
        for t in texts {
            let v = e.embed(&t);
            let nums: Vec<String> = v.0.iter().map(|x| format!("{x:.5}")).collect();
            writeln!(
                fs_,
                "{}\t{}\t{}",
                d.id,
                nums.join(","),
                t.replace(['\t', '\n'], " ")
            )
            .unwrap();
        }
    }
    let engine = myo_ask::builtin_engine().unwrap();
    let mut g = std::fs::File::create("/tmp/qvec.tsv").unwrap();
    let text = std::fs::read_to_string("/tmp/gate.tsv").unwrap();
    for line in text.lines().skip(1) {
        let q = line.rsplit('\t').next().unwrap();
        let v = e.embed(q);
        let nums: Vec<String> = v.0.iter().map(|x| format!("{x:.5}")).collect();
        let r = engine.ask(q);
        let cited = r
            .citations
            .first()
            .map_or("-".to_string(), |c| c.id.clone());
        writeln!(g, "{}\t{}\t{}", nums.join(","), cited, r.kind.as_str()).unwrap();
    }
    let extra = std::fs::read_to_string(std::env::var("EXTRA").unwrap_or("/tmp/extra.txt".into()))
        .unwrap_or_default();
    let mut h =
        std::fs::File::create(std::env::var("XOUT").unwrap_or("/tmp/xvec.tsv".into())).unwrap();
    for q in extra.lines() {
        let v = e.embed(q);
        let nums: Vec<String> = v.0.iter().map(|x| format!("{x:.5}")).collect();
        writeln!(h, "{}\t{}", nums.join(","), q).unwrap();
    }
}
