"""Loading is atomic per model: two tabs loading at once get one model, and max_loaded always holds."""

from __future__ import annotations

import threading

import pytest

from workbench.core.jobs import CancelToken, Cancelled
from workbench.core.service import ModelService


class Watched:
    """Wraps ``_load_weights`` to count calls and the models alive while each load runs."""

    def __init__(self, service: ModelService, pause: threading.Event | None = None):
        self.service, self.pause = service, pause
        self.calls = 0
        self.running = 0
        self.most_alive = 0
        self._lock = threading.Lock()
        self._real = service._load_weights
        service._load_weights = self

    def __call__(self, *args):
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most_alive = max(self.most_alive, self.running + len(self.service.loaded()))
        try:
            if self.pause is not None:
                self.pause.wait(timeout=30)
            return self._real(*args)
        finally:
            with self._lock:
                self.running -= 1


def load_in_threads(service, refs, **kwargs):
    results, errors = {}, []

    def run(i, ref):
        try:
            results[i] = service.load(ref, **kwargs)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, ref)) for i, ref in enumerate(refs)]
    for t in threads:
        t.start()
    return threads, results, errors


def test_two_loads_of_one_model_at_once_load_it_once(library, tiny):
    service = ModelService(library, max_loaded=1)
    gate = threading.Event()
    watched = Watched(service, pause=gate)
    ref = str(tiny("gpt2"))
    threads, results, errors = load_in_threads(service, [ref, ref])
    # Both callers are in load(); the first is inside the weight load, held there by the gate.
    while watched.calls == 0:
        threads[0].join(0.01)
    gate.set()
    for t in threads:
        t.join(60)
    assert not errors
    assert watched.calls == 1
    assert results[0] is results[1] and results[0].model is not None
    assert service.loaded() == [results[0]]
    service.unload()


def test_different_models_at_once_never_exceed_max_loaded(library, tiny):
    service = ModelService(library, max_loaded=1)
    watched = Watched(service)
    service.load(str(tiny("bert")))  # an older model that must make room
    threads, results, errors = load_in_threads(service, [str(tiny("gpt2")), str(tiny("llama"))])
    for t in threads:
        t.join(60)
    assert not errors
    assert watched.most_alive == 1  # never two models in memory with max_loaded=1
    assert len(service.loaded()) == 1 and service.loaded()[0] in results.values()
    evicted = [h for h in results.values() if h not in service.loaded()]
    assert all(h.model is None for h in evicted)  # the loser of the race was unloaded, not leaked
    service.unload()


def test_concurrent_loads_of_different_models_leave_torch_intact(library, tiny):
    """transformers swaps process-wide torch state while loading; interleaved loads used to leave
    stand-ins behind (later models came out on the meta device). They are read one at a time."""
    import torch

    defaults = (torch.get_default_dtype(), torch.nn.init.normal_, torch.linspace)
    service = ModelService(library, max_loaded=3)
    watched = Watched(service)
    refs = [str(tiny("gpt2")), str(tiny("llama")), str(tiny("bert"))]
    threads, results, errors = load_in_threads(service, refs)
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert watched.calls == 3 and len(service.loaded()) == 3  # all three kept: there was room
    assert (torch.get_default_dtype(), torch.nn.init.normal_, torch.linspace) == defaults
    for handle in results.values():
        assert all(p.device.type != "meta" for p in handle.model.parameters())
    service.unload()


def test_a_load_waiting_for_a_slot_can_be_cancelled(library, tiny):
    service = ModelService(library, max_loaded=1)
    gate = threading.Event()
    watched = Watched(service, pause=gate)
    threads, results, errors = load_in_threads(service, [str(tiny("gpt2"))])
    while watched.calls == 0:
        threads[0].join(0.01)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        service.load(str(tiny("llama")), cancel=token)  # every slot is taken by the load in progress
    gate.set()
    threads[0].join(60)
    assert not errors and watched.calls == 1
    service.unload()
