import time

from workbench.core.jobs import Cancelled, Progress, Result, WorkbenchError
from workbench.ui.heartbeat import Heartbeat
from workbench.ui.workers import LatestRequest, WorkerPool


def test_generator_events_are_batched_and_result_delivered(qtbot):
    pool = WorkerPool()
    batches, results = [], []

    def job(n, cancel):
        for i in range(n):
            yield Progress(i + 1, n)
        yield Result(value="done")

    j = pool.submit(job, 500, on_events=batches.append, on_success=results.append)
    with qtbot.waitSignal(j.finished, timeout=5000):
        pass
    assert results == ["done"]
    events = [e for b in batches for e in b]
    assert [e.done for e in events] == list(range(1, 501))
    assert len(batches) < 50  # batched, not one screen update per event


def test_cancel_is_quiet_and_quick(qtbot):
    pool = WorkerPool()
    outcome = []

    steps = {"at_cancel": None, "done": 0}

    def slow(cancel):
        while True:
            cancel.raise_if_cancelled()
            steps["done"] += 1
            time.sleep(0.01)

    j = pool.submit(slow, on_cancel=lambda: outcome.append("cancelled"), on_error=outcome.append)
    qtbot.waitUntil(lambda: steps["done"] > 0, timeout=10000)
    with qtbot.waitSignal(j.finished, timeout=10000):
        steps["at_cancel"] = steps["done"]
        j.cancel()
    assert outcome == ["cancelled"]
    assert steps["done"] - steps["at_cancel"] <= 1  # stopped at the job's next check, not some time later


def test_errors_carry_message_hint_and_traceback(qtbot):
    pool = WorkerPool()
    errors = []

    def bad():
        raise WorkbenchError("Row 3 has no label.", "Fill in the label column.")

    def crash():
        return 1 / 0

    for fn in (bad, crash):
        j = pool.submit(fn, on_error=errors.append)
        with qtbot.waitSignal(j.finished, timeout=2000):
            pass
    assert errors[0].message == "Row 3 has no label." and errors[0].hint == "Fill in the label column."
    assert "ZeroDivisionError" in errors[1].message and "Traceback" in errors[1].details


def test_latest_request_wins(qtbot):
    pool = WorkerPool()
    slot = LatestRequest(pool)
    seen = []

    def compute(x, cancel):
        for _ in range(20):
            if cancel.cancelled:
                raise Cancelled()
            time.sleep(0.005)
        return x

    for x in range(5):
        slot.submit(compute, x, on_success=seen.append)
    with qtbot.waitSignal(slot.job.finished, timeout=5000):
        pass
    qtbot.wait(100)
    assert seen == [4]


def test_a_stopped_request_delivers_nothing_late(qtbot):
    pool = WorkerPool()
    request = LatestRequest(pool)
    seen = []
    request.submit(lambda: "late", on_success=seen.append, on_error=seen.append,
                   on_finished=lambda: seen.append("finished"))
    job = request.job
    request.stop()  # whether or not the job has returned already: nothing reaches the view
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    qtbot.wait(50)
    assert seen == []


def test_shutdown_waits_for_jobs(qtbot):
    pool = WorkerPool()

    def slow(cancel):
        cancel.wait(30)
        cancel.raise_if_cancelled()

    j = pool.submit(slow)
    pool.shutdown(timeout=5)
    assert j.wait(0)  # the job's thread has ended
    j.finish_now()


def test_gui_stays_responsive_while_a_job_computes(qtbot):
    pool = WorkerPool()
    beat = Heartbeat().start()

    def busy(cancel):
        import torch
        a = torch.randn(300, 300)
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            a = (a @ a).tanh()
        return True

    j = pool.submit(busy)
    with qtbot.waitSignal(j.finished, timeout=10000):
        pass
    gap = beat.stop()
    print(f"\nworst GUI heartbeat gap: {gap:.0f} ms")
    assert gap < 500  # torch computes without the GIL: the GUI thread keeps beating even on a shared machine


def test_job_slot_drives_buttons_progress_and_status_through_each_outcome(qtbot):
    from workbench.ui.qt import QtWidgets
    from workbench.ui.workers import JobSlot

    run, stop, bar, label = (QtWidgets.QPushButton(), QtWidgets.QPushButton(), QtWidgets.QProgressBar(),
                             QtWidgets.QLabel())
    slot = JobSlot(WorkerPool(), progress=bar, run_buttons=[run], stop_buttons=[stop], status=label.setText)
    assert run.isEnabled() and not stop.isEnabled() and bar.isHidden()
    gate, results = {"go": False}, []

    def counted(cancel):
        yield Progress(1, 4, message="one of four")
        while not gate["go"]:
            cancel.raise_if_cancelled()
            time.sleep(0.005)
        yield Result(value=42)

    job = slot.submit(counted, busy="Counting…", on_success=results.append)
    assert slot.submit(counted) is None  # one job at a time
    assert label.text() == "Counting…" and not run.isEnabled() and stop.isEnabled() and not bar.isHidden()
    qtbot.waitUntil(lambda: bar.value() == 250 and bar.format() == "one of four", timeout=5000)
    gate["go"] = True
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == [42] and slot.job is None and run.isEnabled() and not stop.isEnabled() and bar.isHidden()

    gate["go"] = False
    job = slot.submit(counted)
    slot.stop()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert label.text() == "Stopped." and results == [42]

    def broken():
        raise WorkbenchError("The file is empty.", "Choose another file.")

    job = slot.submit(broken)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert label.text() == "⚠ The file is empty. Choose another file." and run.isEnabled()
