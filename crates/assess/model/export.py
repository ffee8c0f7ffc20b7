"""One-time developer script: export alt-profanity-check's model for tribune-assess.

Not a build step. The Rust crate embeds the output with `include_bytes!`; run this only to
regenerate the data file after changing the model version:

    python3 -m venv /tmp/apc
    /tmp/apc/bin/pip install alt-profanity-check==1.9.1 scikit-learn==1.9.1 joblib==1.6.0
    /tmp/apc/bin/python crates/assess/model/export.py crates/assess/model

Writes profanity_check.bin (format below, little endian) and golden.tsv (text, probability)
so the Rust port can be checked against predict_proba.

    b"APC1" | u32 n_terms | u32 n_models
    n_models x (f32 intercept, f32 a, f32 b)
    n_terms x f32 idf
    n_terms x n_models x f32 coef       (term-major, so one look-up reads all models)
    n_terms x (u8 byte length, UTF-8 term)   in vocabulary index order
"""

import os
import struct
import sys

import joblib
import numpy as np
import profanity_check

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
DATA = os.path.join(os.path.dirname(profanity_check.__file__), "data")
vec = joblib.load(os.path.join(DATA, "vectorizer.joblib"))
model = joblib.load(os.path.join(DATA, "model.joblib"))

params = vec.get_params()
# The Rust side hard-codes these choices; fail loudly if a new version changes them.
assert params["lowercase"] and params["norm"] == "l2" and params["use_idf"]
assert params["ngram_range"] == (1, 1) and not params["sublinear_tf"]
assert params["token_pattern"] == r"(?u)\b\w\w+\b" and params["strip_accents"] is None
assert list(model.classes_) == [0, 1]

terms = sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])
assert [i for _, i in terms] == list(range(len(terms)))
n_terms = len(terms)
cals = model.calibrated_classifiers_
n_models = len(cals)

coef = np.zeros((n_terms, n_models), dtype=np.float32)
head = []
for k, cc in enumerate(cals):
    assert cc.method == "sigmoid" and len(cc.calibrators) == 1
    coef[:, k] = cc.estimator.coef_[0]
    head.append((cc.estimator.intercept_[0], cc.calibrators[0].a_, cc.calibrators[0].b_))

with open(os.path.join(OUT, "profanity_check.bin"), "wb") as f:
    f.write(b"APC1")
    f.write(struct.pack("<II", n_terms, n_models))
    for c, a, b in head:
        f.write(struct.pack("<fff", c, a, b))
    f.write(vec.idf_.astype("<f4").tobytes())
    f.write(coef.astype("<f4").tobytes())
    for term, _ in terms:
        raw = term.encode("utf-8")
        assert len(raw) < 256
        f.write(struct.pack("<B", len(raw)))
        f.write(raw)


def by_hand(texts):
    # The formula the Rust port implements, checked here against predict_proba.
    x = vec.transform(texts)
    out = np.zeros(len(texts))
    for cc in cals:
        d = x @ cc.estimator.coef_[0] + cc.estimator.intercept_[0]
        out += 1.0 / (1.0 + np.exp(cc.calibrators[0].a_ * d + cc.calibrators[0].b_))
    return out / len(cals)


# Golden texts, written for this test: news talk, insults, disguise, Unicode, digits, empties.
BASE = [
    "The council approved the budget after a long debate.",
    "You are an idiot and everyone knows it.",
    "What the hell was the minister thinking?",
    "The assassin was caught near the border.",
    "Rape charges were filed against the coach on Tuesday.",
    "The Nazi regime kept meticulous records.",
    "Dick Cheney gave a speech at the dinner.",
    "We had a hoe down at the county fair.",
    "f u c k this",
    "sh1t reporting as usual",
    "This policy is a disaster for working families.",
    "I hope the court sees through these lies.",
    "Shut up, moron.",
    "They are animals and should be treated like vermin.",
    "Great article, thanks for the balanced reporting!",
    "The shelling continued through the night, killing twelve civilians.",
    "Scunthorpe United won 2-1 at home.",
    "A cocktail of chemicals leaked into the river.",
    "kill yourself",
    "The senator is a pathetic liar and a coward.",
    "Inflation rose 3.2% in March, the highest since 2019.",
    "Naïve readers might believe the café owner's story.",
    "Die Regierung hat das Gesetz beschlossen.",
    "El presidente habló sobre la economía y el empleo.",
    "snake_case and under_scores count as words",
    "Ünïcödé wörds with àccents ÀND CAPITALS",
    "Straße, façade, coöperate, résumé",
    "Ελληνικά κείμενα με λέξεις",
    "日本語のテキスト and English words",
    "x y z a b c",
    "",
    "!!!???...",
    "1234 5678 90",
    "The war crimes tribunal heard evidence of genocide.",
    "false flag theories are spreading online again",
    "This is bullshit and you know it.",
    "damn good game last night",
    "The bombardment of the city lasted three days.",
    "Terrorists attacked the station; the police killed two of them.",
    "you people are all morons",
    "Go back to where you came from.",
    "What a stupid, stupid decision by the board.",
    "The verdict was fair, even if the sentence seems light.",
    "Climate targets keep slipping every year.",
    "Screw you and your opinions.",
    "The striker scored twice and the fans went wild.",
    "Mortgage rates are crushing young buyers.",
    "Her testimony about the murder was chilling.",
    "crap crap crap",
    "Is this a joke? Seriously, who edits this paper?",
    "Sarcasm aside, the mayor finally did something right.",
    "The jury deliberated for nine hours before acquitting him.",
    "These parasites are bleeding the country dry.",
    "Someone should shoot him.",
    "I love this community, you all make good points.",
    "The general denied ordering the massacre.",
    "idiot idiot idiot",
    "FUCK YOU",
    "F*** you",
    "the_author_is_a_clown",
]
texts = list(BASE)
# Pairs widen coverage (term frequency above one, longer documents) without more writing.
for i in range(len(BASE)):
    for j in (i + 7, i + 19, i + 31):
        texts.append(BASE[i] + " " + BASE[j % len(BASE)])
texts.append(" ".join(BASE))
texts.append("war war war war killed killed civilians")
assert all("\t" not in t and "\n" not in t for t in texts)

probs = model.predict_proba(vec.transform(texts))[:, 1]
assert np.allclose(by_hand(texts), probs, atol=1e-12)
with open(os.path.join(OUT, "golden.tsv"), "w", encoding="utf-8") as f:
    for t, p in zip(texts, probs):
        f.write(f"{t}\t{p:.9f}\n")
print(f"{n_terms} terms, {n_models} models, {len(texts)} golden rows")
