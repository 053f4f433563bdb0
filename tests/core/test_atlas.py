"""Atlases: texts and vectors on disk in chunks (resumable), the nearest-neighbour index, layouts, clusters."""

import json

import numpy as np
import pytest

from workbench.core import atlas as M
from workbench.core.atlas.ann import exact_search, recall_at
from workbench.core.jobs import CancelToken, Cancelled, WorkbenchError


def planted(n: int, dim: int = 32, groups: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around ``groups`` directions (a structure a map must show), and each one's group."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, dim))
    group = rng.integers(0, groups, n)
    vectors = centres[group] + rng.normal(scale=0.35, size=(n, dim))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32), group


def test_the_index_finds_what_exact_search_finds_and_says_its_recall(tmp_path):
    vectors, _ = planted(30_000, dim=48)  # above the exact limit: the inverted-file index, tuned
    stored = vectors.astype(np.float16)
    index = M.NeighbourIndex.build(stored)
    assert index.kind == "ivf-sq8" and index.count == 30_000 and index.recall >= 0.95
    queries = vectors[np.random.default_rng(5).choice(30_000, 300, replace=False)]  # not the tuning sample
    found = index.search(queries, 10)[0]
    assert recall_at(found, exact_search(stored, 30_000, queries, 10)) >= 0.95
    index.save(tmp_path)
    again = M.NeighbourIndex.load(tmp_path, stored)
    assert again.nprobe == index.nprobe and (again.search(queries, 10)[0] == found).all()
    neighbours = index.neighbours_of(stored, 7, 5)
    assert len(neighbours) == 5 and 7 not in [j for j, _ in neighbours]
    assert [s for _, s in neighbours] == sorted((s for _, s in neighbours), reverse=True)


def test_small_indexes_are_exact(tmp_path):
    vectors, _ = planted(500)
    index = M.NeighbourIndex.build(vectors)
    assert index.kind == "exact" and index.recall == 1.0
    ids, scores = index.search(vectors[:3], 1)
    assert ids[:, 0].tolist() == [0, 1, 2] and np.allclose(scores[:, 0], 1.0, atol=1e-5)


def test_pca_layout_equals_scikit_learn_up_to_sign_and_keeps_neighbours():
    from sklearn.decomposition import PCA

    vectors, group = planted(5_000)
    xy, shares = M.pca_layout(vectors.astype(np.float16))
    unit = vectors.astype(np.float16).astype(np.float32)
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    reference = PCA(n_components=2).fit(unit)
    expected = reference.transform(unit)
    for axis in range(2):
        sign = np.sign(np.dot(xy[:, axis], expected[:, axis]))
        np.testing.assert_allclose(sign * xy[:, axis], expected[:, axis], atol=2e-3)
    np.testing.assert_allclose(shares, reference.explained_variance_ratio_, rtol=1e-3)
    assert 0.0 <= M.knn_preservation(vectors, xy) < 1.0


def test_tsne_layout_keeps_more_neighbours_than_pca_and_places_a_sample():
    vectors, _ = planted(1_200, groups=12)
    xy, sample = M.tsne_layout(vectors, max_points=600, seed=1)
    assert len(sample) == 600 and np.isnan(xy).any(axis=1).sum() == 600
    tsne_kept = M.knn_preservation(vectors, xy)
    pca_kept = M.knn_preservation(vectors[sample], M.pca_layout(vectors[sample])[0])
    assert tsne_kept > pca_kept and tsne_kept >= 0.3


def test_clusters_follow_the_planted_groups_and_are_named_by_their_words():
    vectors, group = planted(3_000, groups=4, seed=2)
    found = M.spherical_kmeans(vectors, 4, seed=0)
    # each found cluster is (almost) one planted group
    purity = sum(np.bincount(group[found == c]).max() for c in range(4) if (found == c).any()) / len(group)
    assert purity > 0.95
    topics = ["rocket orbit launch", "violin concert orchestra", "harvest wheat farmer", "火箭 发射 轨道"]
    texts = [f"{topics[g]} number {i}" for i, g in enumerate(group)]
    names = M.cluster_terms(lambda idx: [texts[i] for i in idx], found)
    for c, words in names.items():
        planted_group = np.bincount(group[found == c]).argmax()
        assert set(words) <= set(M.clusters.words_of(topics[planted_group])) and words
    with pytest.raises(WorkbenchError, match="Cannot make 1 clusters"):
        M.spherical_kmeans(vectors, 1)


def test_an_atlas_is_built_stopped_resumed_and_reopened_without_the_model(service, tiny, tmp_path):
    from workbench.core.embeddings import embed_texts

    texts = [f"Sentence number {i} is about {'cats' if i % 2 else 'the stock market'}." for i in range(300)]
    texts[7] += " It is the longest sentence of all, by far, and so it is embedded in the first chunk."
    folder = tmp_path / "atlas"
    token = CancelToken()
    seen = []

    def stop_after_first_chunk(event):
        seen.append(event)
        if "Embedded" in event.message:
            token.cancel()

    model = str(tiny("bert"))
    with pytest.raises(Cancelled):
        M.build_atlas(service, model, folder, texts, labels=["x"] * 300, clusters=3, chunk=128,
                      cancel=token, progress=stop_after_first_chunk)
    partial = M.open_atlas(folder)
    assert partial.embedded == 128 and not partial.complete  # one chunk saved, the rest not started
    filled = np.flatnonzero(np.abs(partial.vectors().astype(np.float32)).sum(axis=1) > 0)
    longest = np.argsort([-len(t.encode()) for t in texts], kind="stable")[:128]
    assert 7 in filled and set(filled) == set(longest)  # longest first, as the plain loop batches them
    first = [e for e in seen if "Embedded" in e.message][0]
    assert (first.done, first.total) == (128, 300) and "a second, about" in first.message
    atlas = M.build_atlas(service, model, folder, clusters=3, chunk=128)
    assert atlas.complete and atlas.count == 300
    handle = service.load(model)
    with service.use(handle):
        expected = embed_texts(handle, texts).vectors
    np.testing.assert_allclose(atlas.vectors().astype(np.float32), expected, atol=2e-3)  # float16 on disk
    reopened = M.open_atlas(folder)
    assert reopened.texts([5, 299]) == [texts[5], texts[299]] and reopened.labels() == ["x"] * 300
    assert reopened.array("xy").shape == (300, 2) and reopened.array("clusters").shape == (300,)
    meta = json.loads((folder / "atlas.json").read_text())
    assert meta["layout"]["settings"]["projection"] == "pca" and 0 <= meta["layout"]["knn_preservation"] <= 1
    assert len(meta["clusters"]["terms"]) == 3 and sum(meta["clusters"]["sizes"]) == 300
    index = M.NeighbourIndex.load(folder)
    assert index.neighbours_of(reopened.vectors(), 4, 3)[0][0] % 2 == 0  # its nearest is about the market too


def test_an_atlas_begun_in_file_order_continues_in_file_order(service, tiny, tmp_path):
    texts = ["short"] * 10 + ["a much longer text than the ones before it"] * 10
    atlas = M.create_atlas(tmp_path / "old", texts, "m")
    np.lib.format.open_memmap(atlas.folder / "vectors.npy", mode="w+", dtype=np.float16, shape=(20, 32))[:] = 0
    atlas.meta.update(embedded=10, dim=32)  # the first ten embedded by an older version (no "order" kept)
    handle = service.load(str(tiny("bert")))
    with service.use(handle):
        M.embed_into(atlas, handle, chunk=4)
    vectors = atlas.vectors().astype(np.float32)
    assert not vectors[:10].any() and (np.abs(vectors[10:]).sum(axis=1) > 0).all() and atlas.meta["order"] == "file"


def test_bad_atlas_folders_and_plans_say_what_to_do(tmp_path):
    with pytest.raises(WorkbenchError, match="is not an atlas"):
        M.open_atlas(tmp_path)
    (tmp_path / "atlas.json").write_text("{not json")
    with pytest.raises(WorkbenchError, match="cannot be read"):
        M.open_atlas(tmp_path)
    M.create_atlas(tmp_path / "a", ["one", "two"], "m")
    with pytest.raises(WorkbenchError, match="already holds an atlas"):
        M.create_atlas(tmp_path / "a", ["three"], "m")
    with pytest.raises(WorkbenchError, match="no texts"):
        M.create_atlas(tmp_path / "b", [], "m")
    plan = M.plan_atlas(1_000_000, 384, "tsne", 100_000)
    assert plan.vectors_disk == 1_000_000 * 384 * 2 and plan.index_memory == 1_000_000 * 392
    assert "1,000,000 texts × 384 dimensions" in plan.describe()
    with pytest.raises(WorkbenchError, match="Unknown projection"):
        M.plan_atlas(10, 8, "umap")
