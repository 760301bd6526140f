"""The fast paths give exactly the results of the full path: prefilter, stages, cache, workers.

Nothing here is timed: the benchmarks measure speed (benchmarks/bench.py); these tests check
that speed never changes a result.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from cultureclient import analyzer as analyzer_module
from cultureclient.analyzer import Analyzer
from cultureclient.lexicon.loader import load
from cultureclient.match import raw_matches
from cultureclient.nlp.cache import AnnotationCache, text_key
from cultureclient.nlp.pipeline import MODEL, PARSED, TAGGED, annotate, run, stages, tokenize
from cultureclient.text.normalize import normalize
from cultureclient.types import Document
from tests.conftest import DEMO_LEXICON

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
ATTRS = ["ORTH", "LEMMA", "POS", "TAG", "MORPH", "DEP", "HEAD", "SENT_START", "NORM"]


def read(path: Path, text: str, kind: str | None = None) -> list[Document]:
    with open(path, encoding="utf-8", newline="") as stream:
        return [
            Document(row["id"], row[text], kind or row["kind"]) for row in csv.DictReader(stream)
        ]


@pytest.fixture(scope="module")
def corpus() -> list[Document]:
    """The whole examples corpus and both gold sets, with some texts repeated."""
    docs = read(EXAMPLES / "verbatims.csv", "verbatim", "verbatim")
    docs += read(EXAMPLES / "gold" / "verbatims.csv", "text")
    docs += read(EXAMPLES / "gold" / "internal.csv", "text")
    return docs + docs[:40]


@pytest.fixture(scope="module")
def full(shipped_engine) -> Analyzer:
    """The reference: every text through the whole pipeline."""
    return Analyzer(
        shipped_engine.nlp, shipped_engine.lexicon, shipped_engine.detectors, fast=False
    )


@pytest.fixture(scope="module")
def expected(full, corpus) -> list[dict]:
    return [r.to_dict() for r in full.analyze(corpus)]


def fresh(engine: Analyzer, cache: Path | None = None) -> Analyzer:
    """An analyzer sharing the model and lexicon, with empty memory and its own cache."""
    return Analyzer(
        engine.nlp,
        engine.lexicon,
        engine.detectors,
        cache=None if cache is None else AnnotationCache(cache, "test"),
    )


def test_fast_path_equals_full_path_on_examples_and_gold_sets(shipped_engine, corpus, expected):
    results = [r.to_dict() for r in fresh(shipped_engine).analyze(corpus)]
    assert results == expected
    assert sum(bool(r["hits"]) for r in results) > 400  # the comparison is not vacuous
    assert sum(bool(r["findings"]) for r in results) > 10


def test_fast_path_equals_full_path_with_cue_hits_reported(shipped_engine, full, corpus):
    fast = fresh(shipped_engine)
    fast.report_cues = full.report_cues = True
    try:
        sample = corpus[-100:-40]
        assert [r.to_dict() for r in fast.analyze(sample)] == [
            r.to_dict() for r in full.analyze(sample)
        ]
    finally:
        full.report_cues = False


def test_staged_annotation_equals_the_whole_pipeline(shipped_engine, corpus):
    nlp = shipped_engine.nlp
    texts = list(dict.fromkeys(normalize(d.text) for d in corpus[::3] if d.text.strip()))
    # whitespace tokens are what the rules run again after the parse are about
    texts += ["Accueil  nul.\n\nAttente   de 40 min !", "  Merci\t à Julie  \n", "\n\nRAS"]
    whole = list(annotate(nlp, texts))
    steps = stages(nlp)
    staged = run(nlp, tokenize(nlp, texts[::-1]), steps.tag, batch_size=17)[::-1]
    parsed = run(nlp, staged, steps.parse, batch_size=40)
    for a, b in zip(whole, parsed, strict=True):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), a.text


def test_annotations_are_those_of_the_stock_model(shipped_engine, corpus):
    """Word lists turned into sets and matrix products through numpy's BLAS (both for speed)
    give every tag, lemma and arc the stock model gives."""
    import spacy

    stock = spacy.load(MODEL, exclude=["ner"])
    texts = list(dict.fromkeys(normalize(d.text) for d in corpus if d.text.strip()))
    ours = annotate(shipped_engine.nlp, texts)
    attrs = [a for a in ATTRS if a != "NORM"]  # NORM is this package's fold
    for a, b in zip(stock.pipe(texts), ours, strict=True):
        assert (a.to_array(attrs) == b.to_array(attrs)).all(), a.text


def test_possible_lemmas_contain_the_lemma_under_every_part_of_speech(shipped_engine, corpus):
    from spacy.parts_of_speech import IDS
    from spacy.tokens import Doc

    from cultureclient.nlp.lemmas import lemma_candidates

    nlp = shipped_engine.nlp
    possible = lemma_candidates(nlp)
    lemmatizer = nlp.get_pipe("lemmatizer")
    words = {t.text for d in corpus[::2] for t in nlp.make_doc(normalize(d.text))}
    words |= {"pris", "été", "yeux", "fûmes", "rappelé", "Rappelé", "RAPPELÉ", "injoingnable"}
    for word in sorted(words):
        token = Doc(nlp.vocab, words=[word])[0]
        lemmas = possible(word)
        for pos in IDS:
            token.pos_ = pos
            assert lemmatizer.lemmatize(token)[0] in lemmas, (word, pos)


def test_prefilter_lets_through_every_text_that_matches(shipped_engine, corpus):
    engine = fresh(shipped_engine)
    texts = sorted({(normalize(d.text), d.kind) for d in corpus if d.text.strip()})
    docs = annotate(engine.nlp, [text for text, _ in texts])
    tokens = tokenize(engine.nlp, [text for text, _ in texts])
    passed = 0
    for (text, kind), doc, words in zip(texts, docs, tokens, strict=True):
        found = engine.prefilter.candidates(words, kind)
        matches = raw_matches(doc, engine.lexicon, kind)
        if matches:
            assert found is not None, text
            assert raw_matches(doc, engine.lexicon, kind, found) == matches
        passed += found is not None
    assert passed < len(texts)  # some texts do skip the model


def test_prefilter_knows_inflected_and_irregular_forms(shipped_engine):
    """'pris' can only reach 'prendre' through its lemma; the prefilter must see it."""
    engine = fresh(shipped_engine)
    doc = tokenize(engine.nlp, ["Elle a pris le temps."])[0]
    found = engine.prefilter.candidates(doc, "verbatim")
    assert found is not None
    assert any(key[1].startswith("prend") for key in found.index)
    assert engine.prefilter.candidates(tokenize(engine.nlp, ["Vu."])[0], "verbatim") is None


class Spy:
    """Records which pipeline components the analyzer runs."""

    def __init__(self) -> None:
        self.components: list[str] = []

    def __call__(self, nlp, docs, names, batch_size=128):
        docs = list(docs)
        if docs:
            self.components += list(names)
        return run(nlp, docs, names, batch_size)


def test_cache_gives_identical_results_without_running_the_model(
    shipped_engine, corpus, expected, tmp_path, monkeypatch
):
    first = [r.to_dict() for r in fresh(shipped_engine, tmp_path).analyze(corpus)]
    assert first == expected
    spy = Spy()
    monkeypatch.setattr(analyzer_module, "run", spy)
    again = [r.to_dict() for r in fresh(shipped_engine, tmp_path).analyze(corpus)]
    assert again == expected
    assert set(spy.components) <= set(stages(shipped_engine.nlp).derived)


def test_cache_after_a_lexicon_edit_gives_the_full_path_results(shipped_engine, corpus, tmp_path):
    list(fresh(shipped_engine, tmp_path).analyze(corpus[:300]))
    edited = Analyzer.build(load([DEMO_LEXICON]).values(), cache=tmp_path)
    reference = Analyzer(edited.nlp, edited.lexicon, edited.detectors, fast=False)
    sample = corpus[:300]
    assert [r.to_dict() for r in edited.analyze(sample)] == [
        r.to_dict() for r in reference.analyze(sample)
    ]


def test_a_damaged_or_missing_pack_is_a_miss(shipped_engine, corpus, expected, tmp_path):
    sample = corpus[:600]
    list(fresh(shipped_engine, tmp_path).analyze(sample))
    packs = sorted((tmp_path / "annotations" / "test" / "packs").glob("*.spacy"))
    packs[0].write_bytes(packs[0].read_bytes()[:100])
    packs[1].unlink()
    results = [r.to_dict() for r in fresh(shipped_engine, tmp_path).analyze(sample)]
    assert results == expected[:600]
    db = sqlite3.connect(tmp_path / "annotations" / "test" / "index.sqlite")
    names = {row[0] for row in db.execute("SELECT DISTINCT pack FROM docs")}
    assert packs[0].stem not in names and packs[1].stem not in names


def test_an_interrupted_write_leaves_no_entry(shipped_engine, corpus, tmp_path, monkeypatch):
    def crash(*args):
        raise KeyboardInterrupt

    engine = fresh(shipped_engine, tmp_path)
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        list(engine.analyze(corpus[:50]))
    monkeypatch.undo()
    folder = tmp_path / "annotations" / "test"
    assert list((folder / "packs").iterdir()) == []
    db = sqlite3.connect(folder / "index.sqlite")
    assert db.execute("SELECT COUNT(*) FROM docs").fetchone() == (0,)


def _synthetic_docs(vocab, n: int):
    """Parsed-looking Docs built by hand: the cache tests need no model."""
    from spacy.tokens import Doc

    docs = []
    for i in range(n):
        words = ["Le", "conseiller", f"n{i}", "rappelle", "."]
        docs.append(
            Doc(
                vocab,
                words=words,
                pos=["DET", "NOUN", "NUM", "VERB", "PUNCT"],
                lemmas=["le", "conseiller", f"n{i}", "rappeler", "."],
                heads=[1, 3, 1, 3, 3],
                deps=["det", "nsubj", "nmod", "ROOT", "punct"],
            )
        )
    return docs


def _writer(folder: str, rounds: int) -> None:
    """Write the same entries again and again (a concurrent or killed writer)."""
    from spacy.vocab import Vocab

    cache = AnnotationCache(folder, "synthetic")
    docs = _synthetic_docs(Vocab(), 40)
    for _ in range(rounds):
        cache.put([(f"k{i}", PARSED if i % 2 else TAGGED, d) for i, d in enumerate(docs)])


def _check_entries(folder: Path) -> int:
    from spacy.vocab import Vocab

    cache = AnnotationCache(folder, "synthetic")
    found = cache.get([f"k{i}" for i in range(40)], Vocab())
    for key, (level, doc) in found.items():
        i = int(key[1:])
        assert level == (PARSED if i % 2 else TAGGED)
        assert [t.text for t in doc] == ["Le", "conseiller", f"n{i}", "rappelle", "."]
        assert [t.lemma_ for t in doc][3] == "rappeler"
        if level == PARSED:
            assert [t.dep_ for t in doc] == ["det", "nsubj", "nmod", "ROOT", "punct"]
    return len(found)


def test_concurrent_writers_leave_every_entry_whole(tmp_path):
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_writer, args=(str(tmp_path), 15)) for _ in range(2)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
        assert w.exitcode == 0
    assert _check_entries(tmp_path) == 40


def test_a_killed_writer_leaves_no_corrupt_entry(tmp_path):
    context = multiprocessing.get_context("spawn")
    writer = context.Process(target=_writer, args=(str(tmp_path), 10_000))
    writer.start()
    index = tmp_path / "annotations" / "synthetic" / "index.sqlite"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if index.exists() and len(list(index.parent.joinpath("packs").iterdir())) > 6:
            break
        time.sleep(0.05)
    os.kill(writer.pid, signal.SIGKILL)
    writer.join(30)
    assert _check_entries(tmp_path) == 40


def test_text_key_depends_on_the_text_only():
    assert text_key("Très bien.") == text_key("Très bien.")
    assert text_key("Très bien.") != text_key("Très bien !")


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory) -> Path:
    """A copy of the shipped lexicons: runs compared with each other read the same files."""
    import shutil

    folder = tmp_path_factory.mktemp("lexicons")
    for path in (ROOT / "lexicons").glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    return folder


def _score_records(capsys, *args) -> list[dict]:
    import json

    from cultureclient.cli import main

    code = main(["score", str(EXAMPLES / "verbatims.csv"), "--format", "jsonl", "-q", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_two_workers_give_the_output_of_one(capsys, lexicons):
    same = ("--lexicon", str(lexicons), "--only-lexicons")
    one = _score_records(capsys, "--jobs", "1", "--no-cache", *same)
    two = _score_records(capsys, "--jobs", "2", *same)  # two chunks: two worker processes
    assert len(one) == 368
    assert two == one


def test_dask_local_cluster_gives_the_results_of_the_local_engine(lexicons):
    pytest.importorskip("distributed")
    from cultureclient import api

    path, same = str(EXAMPLES / "verbatims.csv"), {"lexicons": [lexicons], "shipped": False}
    local = [r.to_dict() for r in api.score(path, **same).results]
    dask = [r.to_dict() for r in api.score(path, **same, engine="dask", jobs=2).results]
    assert dask == local


def test_results_stream_with_a_bounded_number_of_chunks_in_flight():
    from concurrent.futures import Future

    from cultureclient.analyzer import chunks
    from cultureclient.parallel import in_order

    pulled = 0

    def documents():
        nonlocal pulled
        for n in range(10_000):
            pulled += 1
            yield Document(n, "ok")

    def submit(part):
        future: Future = Future()
        future.set_result([analyzer_module.DocumentResult(d.id, "ok", "verbatim") for d in part])
        return future

    stream = in_order(chunks(documents(), 100), submit, window=4)
    assert next(stream).id == 0
    assert pulled <= 4 * 100
    assert sum(1 for _ in stream) == 9_999
