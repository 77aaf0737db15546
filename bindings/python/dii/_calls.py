"""Long library calls that Ctrl-C can interrupt.

A library call (a load, a validation, a score) runs in C with the GIL
released, and C cannot be stopped half-way: the library has no cancellation
point. Python runs signal handlers only in the main thread and only between
bytecodes, so a KeyboardInterrupt sent during a 30-second load would wait
the 30 seconds for the call to return.

So a call made from the main thread runs in a worker thread instead, and
the main thread waits for it in short slices (``Event.wait(0.1)``, which a
signal interrupts at once on POSIX): Ctrl-C raises KeyboardInterrupt in the
main thread right away. The interrupted call keeps running in its worker
until the library is done (it cannot be stopped); its result is then
discarded and freed, and the worker becomes idle again. Workers are daemon
threads: an interpreter that exits does not wait for them.

A hand-over costs tens of microseconds (two thread switches), several times
a small call, so only calls on big inputs are handed over (see ``big``):
a call on less returns within milliseconds, long before a Ctrl-C would be
noticed as late. Calls from other threads run directly too: signals never
reach those threads. Idle workers are kept for the next call.
"""

import os
import queue
import stat
import threading

__all__ = ["call", "big", "file_size", "running"]

# Sizes from which a call is handed over: 1 MiB of text, 2,000 submissions
# or results or diagnostics, 50,000 DataFrame rows. Below them the library
# takes a few milliseconds at most.
_BIG = {"bytes": 1 << 20, "items": 2000, "rows": 50000}


def big(n, unit):
    """Whether n bytes / items / rows make a call long enough to hand over."""
    return n >= _BIG[unit]


def file_size(path):
    """The size of the file at path, or None when unknown (not a regular
    file, or it cannot be read: the library says why)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None

# The job queues of the idle workers, and how many calls are running in
# workers (interrupted ones included). Guarded by _lock.
_idle = []
_running = 0
_lock = threading.Lock()


class _Job:
    """One call: what to run, and its outcome once ``done`` is set."""

    __slots__ = ("fn", "args", "result", "error", "done")

    def __init__(self, fn, args):
        self.fn = fn
        self.args = args
        self.result = None
        self.error = None
        self.done = threading.Event()


def _serve(jobs):
    """A worker: runs the jobs put in its queue, one at a time, forever."""
    global _running
    while True:
        job = jobs.get()
        with _lock:
            _running += 1
        try:
            job.result = job.fn(*job.args)
        except BaseException as e:  # handed to the caller, raised there
            job.error = e
        job.fn = job.args = None  # the inputs may go as soon as the call is done
        with _lock:
            _running -= 1
            _idle.append(jobs)
        job.done.set()
        # An abandoned (interrupted) job's result goes now, not when the
        # worker's next job arrives.
        del job


def running():
    """How many handed-over calls are still running, interrupted ones
    included (an interrupted call runs on until the library is done)."""
    with _lock:
        return _running


def _worker():
    """The queue of an idle worker, or of a new one."""
    with _lock:
        if _idle:
            return _idle.pop()
    jobs = queue.SimpleQueue()
    threading.Thread(target=_serve, args=(jobs,), name="dii-call", daemon=True).start()
    return jobs


def call(long, fn, *args):
    """fn(*args); when ``long`` (see :func:`big`) and in the main thread, run
    in a worker so that a signal (Ctrl-C) interrupts the wait for it; see the
    module's docstring."""
    if not long or threading.current_thread() is not threading.main_thread():
        return fn(*args)
    job = _Job(fn, args)
    _worker().put(job)
    while not job.done.wait(0.1):
        pass
    if job.error is not None:
        error, job.error = job.error, None
        raise error
    return job.result


def _after_fork_in_child():
    # The workers are threads of the parent: a child has none of them.
    global _lock, _running
    _lock = threading.Lock()
    _idle.clear()
    _running = 0


os.register_at_fork(after_in_child=_after_fork_in_child)
