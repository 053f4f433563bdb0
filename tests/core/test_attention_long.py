"""Long inputs: attention stored compact (8 bits a weight, causal lower triangle only) stays close
to the exact weights, and the overview and head statistics are computed from the exact ones."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.core import attention as A
from workbench.core.attention import recorder


@pytest.fixture
def handle(tiny, service):
    return service.load(str(tiny("llama")))


TEXT = "The cat sat on the mat because it was warm, and the dog watched it from the door. " * 3


def test_compact_capture_matches_the_dense_one(handle, service, monkeypatch):
    dense = A.capture(handle, TEXT, service=service)
    monkeypatch.setattr(recorder, "DENSE_LIMIT_BYTES", 0)  # every capture is "long"
    compact = A.capture(handle, TEXT, service=service)
    exact, small = dense.part("self"), compact.part("self")
    assert small.compact and not exact.compact
    n = exact.weights.shape[-1]
    assert small.weights.shape == exact.weights.shape
    assert compact.stored_bytes < 0.3 * dense.stored_bytes + small.weights.scales.nbytes  # half the bytes, half the cells
    for layer in range(exact.layers):
        for head in range(exact.heads):
            a = exact.weights[layer, head].astype(np.float32)
            b = small.weights[layer, head].astype(np.float32)
            assert np.allclose(a, b, atol=0.01 * a.max(axis=-1, keepdims=True).max() + 1e-3)
            assert np.all(np.triu(b, 1) == 0)  # causal: nothing above the diagonal
            assert np.allclose(b.sum(axis=-1), 1, atol=0.05)
    # the overview and statistics come from the exact weights, not the 8-bit copy
    exact_stats = A.head_statistics(exact)
    for s_exact, s_compact in zip(exact_stats, A.head_statistics(small)):
        assert (s_exact.layer, s_exact.head) == (s_compact.layer, s_compact.head)
        assert s_compact.entropy == pytest.approx(s_exact.entropy, abs=2e-3)
        assert s_compact.sink == pytest.approx(s_exact.sink, abs=2e-3)
        assert s_compact.previous == pytest.approx(s_exact.previous, abs=2e-3)
    assert np.allclose(A.thumbnails(small), A.thumbnails(exact), atol=2e-3)
    # views of a head and of aggregates work on the compact store
    head_view = A.compute_view(compact, "self", layer=1, head=2)
    assert head_view.matrix.shape == (n, n)
    mean_view = A.compute_view(compact, "self", layer=0, aggregate="mean-heads")
    assert np.allclose(mean_view.matrix, A.compute_view(dense, "self", layer=0, aggregate="mean-heads").matrix,
                       atol=0.02)


def test_compact_capture_saves_codes_not_a_dense_copy(handle, service, monkeypatch, tmp_path):
    monkeypatch.setattr(recorder, "DENSE_LIMIT_BYTES", 0)
    captured = A.capture(handle, TEXT, service=service)
    path = tmp_path / "long.npz"
    A.save_npz(captured, path)
    saved = np.load(path)
    assert "attentions" not in saved and saved["attentions_codes"].dtype == np.uint8
    weights = captured.part("self").weights
    assert tuple(saved["attentions_shape"]) == weights.shape and bool(saved["attentions_packed"])
