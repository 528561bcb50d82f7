"""The first pass of a large input (voc.firstpass, voc.embed.student): unit rules, then real runs
of the pipeline on the sample export with the large-input path switched on at 1,000 tickets."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import voc.embed.student
import voc.firstpass
from benchmarks.metrics import nmi_ari, same_theme_share
from tests.conftest import SAMPLE
from voc import schema
from voc.cluster import ThemeModel
from voc.config import FirstPassConfig, RunConfig
from voc.embed.student import StaticStudent, ticket_terms
from voc.errors import StoreError
from voc.firstpass import Placer, calibrate, first_pass, least_known_share, margins
from voc.runs import run
from voc.store import STUDENT

# The sample export (2,930 tickets) takes the large-input path: a 1,000-ticket fitting sample.
LARGE = {
    "cluster.sample_above": 1000,
    "cluster.sample_size": 1000,
    "first_pass.calibration_size": 300,
    "first_pass.enabled": True,
}


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True)


# ---------------------------------------------------------------------------------------------
# Rules.
# ---------------------------------------------------------------------------------------------


def test_calibrate_takes_the_least_margin_that_keeps_the_agreement() -> None:
    margin = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])
    agree = np.array([1, 1, 1, 1, 0, 1, 1, 1, 1, 0], dtype=bool)
    # Running agreement: 1, 1, 1, 1, .8, .83, .86, .875, .89, .8
    assert calibrate(margin, agree, 0.85).cutoff == 0.1
    got = calibrate(margin, agree, 0.95)
    assert (got.cutoff, got.accepted_share, got.agreement) == (0.6, 0.4, 1.0)
    assert got.student_agreement == 0.8 and got.tickets == 10
    assert calibrate(margin, agree, 0.5).cutoff == 0.05  # everything
    assert calibrate(margin, ~agree & (margin > 0.5), 0.9).cutoff == float("inf")  # nothing
    # Tickets the student cannot be trusted on (-inf) are never accepted, even when all agree.
    unread = np.append(margin, [-np.inf, -np.inf])
    got = calibrate(unread, np.ones(12, dtype=bool), 0.5)
    assert (got.cutoff, got.accepted_share) == (0.05, 10 / 12)


def test_calibrate_never_cuts_between_equal_margins() -> None:
    margin = np.array([0.5, 0.3, 0.3, 0.3, 0.1])
    agree = np.array([1, 1, 0, 1, 1], dtype=bool)
    # Cutting inside the 0.3 tie would accept all three of them anyway.
    got = calibrate(margin, agree, 0.75)
    assert got.cutoff == 0.1 and got.accepted_share == 1.0
    assert calibrate(margin, agree, 0.9).cutoff == 0.5


def test_margins_follow_the_models_rule() -> None:
    rng = np.random.default_rng(0)
    x = _unit(rng.normal(size=(500, 16)).astype(np.float32))
    model = ThemeModel(assign_threshold=0.3)
    model.centroids_ = _unit(rng.normal(size=(6, 16)).astype(np.float32))
    labels, margin = margins(x, model.centroids_, model.assign_threshold)
    np.testing.assert_array_equal(labels, model.predict(x)[0])
    sims = x @ model.centroids_.T
    top = np.sort(sims, axis=1)
    expected = np.minimum(top[:, -1] - top[:, -2], np.abs(top[:, -1] - 0.3))
    np.testing.assert_allclose(margin, expected, atol=1e-6)


@pytest.fixture(scope="module")
def static_teacher():
    """A teacher whose text vector is the mean of its words' vectors in context, which differ
    from its vector of a word alone (as a contextual model's do): the student must learn them."""
    rng = np.random.default_rng(1)
    words = [f"w{i}" for i in range(300)]
    in_context = _unit(rng.normal(size=(300, 32)).astype(np.float32))
    alone = dict(zip(words, _unit(in_context + rng.normal(size=in_context.shape)), strict=True))
    table = dict(zip(words, in_context, strict=True))

    def encode(texts):
        return _unit(
            np.array(
                [np.mean([table[w] for w in t.split()], axis=0) if " " in t else alone[t]
                 for t in texts]
            )
        )  # fmt: skip

    texts = [" ".join(rng.choice(words, size=rng.integers(3, 12))) for _ in range(3000)]
    return texts, encode


def test_student_reproduces_a_static_teacher_on_unseen_texts(static_teacher) -> None:
    texts, encode = static_teacher
    student = StaticStudent(FirstPassConfig()).fit(texts[:2000], encode(texts[:2000]), encode)
    guesses, covered = student.transform(texts[2000:])
    cosine = (guesses * encode(texts[2000:])).sum(axis=1)
    assert covered.all()
    assert cosine.mean() >= 0.97 and np.percentile(cosine, 10) >= 0.95, cosine.mean()
    np.testing.assert_allclose(np.linalg.norm(guesses, axis=1), 1.0, atol=1e-5)
    # Fitting the term vectors is what makes it good: one step from the start is far worse.
    start = StaticStudent(FirstPassConfig(iterations=1)).fit(
        texts[:2000], encode(texts[:2000]), encode
    )
    assert (start.transform(texts[2000:])[0] * encode(texts[2000:])).sum(axis=1).mean() < 0.95


def test_student_is_deterministic_and_says_what_it_cannot_read(static_teacher) -> None:
    texts, encode = static_teacher
    one = StaticStudent(FirstPassConfig()).fit(texts[:500], encode(texts[:500]), encode)
    two = StaticStudent(FirstPassConfig()).fit(texts[:500], encode(texts[:500]), encode)
    assert one.vocabulary_ == two.vocabulary_
    np.testing.assert_array_equal(one.vectors_, two.vectors_)
    guesses, covered = one.transform(["zzz unknown words", texts[600]])
    assert covered.tolist() == [False, True]
    assert not guesses[0].any()
    with pytest.raises(RuntimeError):
        StaticStudent(FirstPassConfig()).transform(["a"])


def test_a_stored_student_reads_texts_as_the_fitted_one(static_teacher) -> None:
    texts, encode = static_teacher
    one = StaticStudent(FirstPassConfig()).fit(texts[:500], encode(texts[:500]), encode)
    two = StaticStudent.from_arrays(FirstPassConfig(), one.to_arrays())
    assert two.vocabulary_ == one.vocabulary_
    np.testing.assert_array_equal(
        two.transform(texts[600:700])[0], one.transform(texts[600:700])[0]
    )
    torn = one.to_arrays() | {"weights": one.weights_[:-1]}
    with pytest.raises(ValueError, match="differ in length"):
        StaticStudent.from_arrays(FirstPassConfig(), torn)


def test_placer_takes_only_the_guesses_it_may(static_teacher) -> None:
    texts, encode = static_teacher
    student = StaticStudent(FirstPassConfig()).fit(texts[:500], encode(texts[:500]), encode)
    guesses, _ = student.transform(texts[600:602])
    centroids = guesses[:1]  # one theme: exactly the first probe's guess
    threshold = float(guesses[0] @ guesses[1]) + 0.05  # the second probe joins no theme
    probe = [texts[600], texts[601], "zzz unknown words", f"{texts[600]} zzz yyy xxx qqq"]
    fitted, bridged = np.ones(4, dtype=bool), np.zeros(4, dtype=bool)
    trusting, wary = Placer(student, 0.0, 0.0), Placer(student, float("inf"), 0.0)
    _, taken, covered = trusting.place(probe, centroids, threshold, fitted, unthemed=False)
    assert covered.tolist() == [True, True, False, True]
    assert taken.tolist() == [True, False, False, True]  # a guess that joins no theme: not taken
    both = trusting.place(probe, centroids, threshold, fitted, unthemed=True)[1]
    assert both.tolist() == [True, True, False, True]
    assert not wary.place(probe, centroids, threshold, fitted, unthemed=True)[1].any()
    # A guess that rests on a few of the ticket's words is not taken.
    _, _, known = student.read(probe)
    assert known[0] == 1.0 and known[2] == 0.0 and 0.0 < known[3] < 0.5, known
    picky = Placer(student, 0.0, 0.9)
    assert picky.place(probe, centroids, threshold, fitted, unthemed=True)[1].tolist() == [
        True,
        True,
        False,
        False,
    ]
    # Bridged tickets are placed by the multilingual encoder: any guess it can read is taken.
    anything = wary.place(probe, centroids, threshold, bridged, unthemed=False)[1]
    assert anything.tolist() == [True, True, False, True]


def test_least_known_share_keeps_all_but_the_least_read() -> None:
    known = np.linspace(0.0, 1.0, 101)
    assert least_known_share(known, 0.98) == pytest.approx(0.02)
    assert least_known_share(known, 1.0) == 0.0
    assert least_known_share(np.empty(0), 0.98) == float("inf")


def test_blocks_change_nothing(static_teacher, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large inputs are read a block at a time (bounded memory): the result is the same."""
    texts, encode = static_teacher
    student = StaticStudent(FirstPassConfig()).fit(texts[:500], encode(texts[:500]), encode)

    def whole_pass():
        model = ThemeModel(sample_above=1000, sample_size=1000, map_2d=False, random_state=5)
        made = first_pass(
            texts,
            np.arange(len(texts)),
            model,
            lambda t: (encode(t), 0),
            FirstPassConfig(calibration_size=500),
            7,
        )
        return student.transform(texts[500:]), made

    (guesses, covered), made = whole_pass()
    monkeypatch.setattr(voc.embed.student, "_TRANSFORM_ROWS", 7)
    monkeypatch.setattr(voc.firstpass, "_MARGIN_ROWS", 333)
    (in_blocks, covered_in_blocks), made_in_blocks = whole_pass()
    np.testing.assert_array_equal(guesses, in_blocks)
    np.testing.assert_array_equal(covered, covered_in_blocks)
    assert made.record.placed_by_student > 0
    assert made.record == made_in_blocks.record
    np.testing.assert_array_equal(made.vectors, made_in_blocks.vectors)


def test_ticket_terms_are_words_and_adjacent_pairs() -> None:
    assert ticket_terms("Login FAILS, login again", 3) == [
        "login", "fails", "login", "login fails", "fails login",
    ]  # fmt: skip


def test_fit_is_fit_sample_then_extend() -> None:
    rng = np.random.default_rng(3)
    centres = _unit(rng.normal(size=(4, 24)).astype(np.float32))
    x = _unit(np.repeat(centres, 150, axis=0) + 0.15 * rng.normal(size=(600, 24)))
    params = {"sample_above": 300, "sample_size": 300, "map_2d": False, "random_state": 5}
    whole = ThemeModel(**params).fit(x)
    parts = ThemeModel(**params)
    sample = parts.sample_rows(len(x))
    parts.fit_sample(x[sample], len(x)).extend(x, sample)
    np.testing.assert_array_equal(whole.labels_, parts.labels_)
    np.testing.assert_array_equal(whole.centroids_, parts.centroids_)
    assert whole.sample_size_ == parts.sample_size_ == 300
    with pytest.raises(RuntimeError, match="fit_sample"):
        ThemeModel(**params).extend(x, sample)


# ---------------------------------------------------------------------------------------------
# Real runs.
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def passes(sample_run, sample_workspace: Path, tmp_path_factory: pytest.TempPathFactory):
    """The earliest 95% of the sample with the first pass, its re-run on the whole export, and
    the same 95% on the full path.

    The first pass's workspace starts with the sample run's multilingual vectors only (the
    bridge's, which both paths compute alike), so it really embeds with the main model.
    """
    folder = tmp_path_factory.mktemp("first_pass")
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    earliest = folder / "earliest.csv"
    rows.iloc[: int(len(rows) * 0.95)].to_csv(earliest, index=False)
    cache = sample_workspace / "cache" / "embeddings"
    ws = folder / "ws"
    for model in cache.glob("multilingual*"):
        shutil.copytree(model, ws / "cache" / "embeddings" / model.name)
    config = RunConfig().with_overrides(LARGE)
    first = run(earliest, ws, config)
    again = run(SAMPLE, ws, config)
    full_ws = folder / "full"
    shutil.copytree(cache, full_ws / "cache" / "embeddings")
    full = run(earliest, full_ws, config.with_overrides({"first_pass.enabled": False}))
    return first, again, full


def test_first_pass_embeds_fewer_texts_with_the_full_model(passes) -> None:
    first, _, full = passes
    record = first.manifest["first_pass"]
    used = first.manifest["rows"]["used"]
    fitted = first.manifest["languages"]["fitted_with_main_embedder"]
    assert record["sample"] == 1000 and record["calibration"] == 300
    assert record["full_model_texts"] == 1300 + record["sent_to_full_model"]
    assert record["full_model_texts"] + record["placed_by_student"] == used
    assert record["placed_by_student"] >= 0.5 * (fitted - 1300), record
    assert record["calibration_agreement"] >= FirstPassConfig().agreement
    embedding = first.manifest["embedding"]
    assert embedding["first_pass_guesses"] == record["placed_by_student"]
    assert embedding["computed"] + embedding["cache_hits"] == record["full_model_texts"]
    assert "first_pass" in first.manifest["timings_seconds"]
    assert full.manifest.get("first_pass") is None
    assert full.manifest["embedding"]["computed"] + full.manifest["embedding"]["cache_hits"] == used


def test_first_pass_puts_tickets_where_the_full_path_does(passes, truth) -> None:
    first, _, full = passes
    a = first.stored.tickets()[[schema.TICKET_ID, schema.THEME_ID]]
    b = full.stored.tickets()[[schema.TICKET_ID, schema.THEME_ID]]
    both = a.merge(b, on=schema.TICKET_ID, suffixes=("_first", "_full"))
    assert len(both) == len(a) == len(b)
    share = same_theme_share(both["theme_id_first"], both["theme_id_full"])
    assert share >= 0.9, share
    planted = truth.set_index("ticket_id")["theme"]
    scores = [
        nmi_ari(planted.reindex(both[schema.TICKET_ID]).fillna("none"), both[column].to_numpy())
        for column in ("theme_id_first", "theme_id_full")
    ]
    assert abs(scores[0][0] - scores[1][0]) <= 0.03 and abs(scores[0][1] - scores[1][1]) <= 0.05


def test_rerun_reads_the_first_passs_vectors_back(passes) -> None:
    first, again, _ = passes
    update = again.manifest["clustering"]["update"]
    assert update["kept"] == first.manifest["rows"]["used"]
    assert again.manifest.get("first_pass") is None  # a kept fit needs no first pass
    assert (first.stored.path / STUDENT).is_file() and not (again.stored.path / STUDENT).exists()
    embedding = again.manifest["embedding"]
    placed = update["placed_by_student"]
    assert placed >= 0.5 * update["new"], update
    assert (
        embedding["first_pass_guesses"]
        == first.manifest["first_pass"]["placed_by_student"] + placed
    )
    assert embedding["computed"] + placed == update["new"]


# An emerging problem: nothing like it is in the sample export (every text distinct).
_NOVEL = (
    ["The carbon offset calculator", "Our carbon offset widget", "The emissions calculator",
     "The new carbon footprint page", "The freight emissions estimate"],
    ["shows zero tonnes of CO2", "rounds every shipment's emissions to zero",
     "crashes when I pick a freight route", "refuses sea freight legs",
     "reports the offsets in kilograms instead of tonnes"],
    ["since the sustainability update.", "for every shipment this quarter.",
     "on our ESG report page.", "after we added rail freight."],
)  # fmt: skip


def test_rerun_embeds_an_unknown_problem_with_the_full_model(passes, tmp_path: Path) -> None:
    """New tickets the kept themes do not cover are embedded with the full model (a re-run
    clusters them into new themes), whatever the student guesses for them."""
    first, _, _ = passes
    ws = tmp_path / "ws"
    shutil.copytree(first.stored.path.parent.parent, ws)
    rows = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    texts = [f"{a} {b} {c}" for a in _NOVEL[0] for b in _NOVEL[1] for c in _NOVEL[2]][:80]
    extra = rows.iloc[: len(texts)].assign(
        Id=[f"novel-{i}" for i in range(len(texts))], Subject="Help", Description=texts
    )
    export = tmp_path / "novel.csv"
    pd.concat([rows, extra]).to_csv(export, index=False)
    result = run(export, ws, RunConfig().with_overrides(LARGE))
    update = result.manifest["clustering"]["update"]
    assert update["new"] == len(texts) and update["fit_run"] == first.run_id
    assert update["placed_by_student"] == 0 and result.manifest["embedding"]["computed"] == 80
    assert update["new_themes"] >= 1
    tickets = result.stored.tickets().set_index(schema.TICKET_ID)[schema.THEME_ID]
    novel = tickets.loc[extra["Id"]]
    # They make new themes of their own (which may gather a few tickets Unthemed before).
    theirs = set(novel.unique()) - {schema.UNTHEMED_ID}
    others = tickets.drop(index=extra["Id"])
    assert others.isin(theirs).sum() < 0.25 * novel.isin(theirs).sum(), others.value_counts()
    assert novel.isin(theirs).mean() >= 0.9, novel.value_counts()


def test_rerun_without_the_student_embeds_new_tickets_with_the_full_model(
    passes, tmp_path: Path
) -> None:
    first, again, _ = passes
    ws = tmp_path / "ws"
    shutil.copytree(first.stored.path.parent.parent, ws)
    shutil.rmtree(ws / "runs" / again.run_id)
    student = ws / "runs" / first.run_id / STUDENT
    student.write_bytes(b"not a student")
    with pytest.raises(StoreError, match="student.npz is unreadable.*delete it"):
        run(SAMPLE, ws, RunConfig().with_overrides(LARGE))
    student.unlink()
    result = run(SAMPLE, ws, RunConfig().with_overrides(LARGE))
    update = result.manifest["clustering"]["update"]
    assert update["placed_by_student"] == 0
    assert result.manifest["embedding"]["computed"] == update["new"] > 100
