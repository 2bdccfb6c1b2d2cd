"""The CPU time a command and every process it starts take: ``python tests/cpu_time.py pytest -m site -n 2 …``
prints the wall time, user and system CPU, and the load average, when the command ends.

``/usr/bin/time`` (and a shell's ``time``) counts only the processes that are waited for by their parents, all the
way up. Chromium's renderers, where axe, HTML_CodeSniffer and Lighthouse do their work, are not: they are left to
the system's first process, and their CPU is counted nowhere. So ``/usr/bin/time`` gave 557 s of CPU for a 580 s run
of the site tests on two cores, which read as half the machine idle; counted here, the same tests take about 870 s.
This process makes itself a child subreaper (Linux's ``prctl(PR_SET_CHILD_SUBREAPER)``): every descendant left
without a parent comes to it, it waits for each, and so the kernel adds their CPU time to its children's.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>


def main(command: list[str]) -> int:
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed: Linux only")
    start = time.monotonic()
    status = subprocess.run(command).returncode
    while True:  # the orphans adopted: each waited for, so that its CPU time is counted
        try:
            os.wait()
        except ChildProcessError:
            break
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = " ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(
        f"cpu_time: {time.monotonic() - start:.1f} s wall, {used.ru_utime:.1f} s user + {used.ru_stime:.1f} s system"
        f" = {used.ru_utime + used.ru_stime:.1f} s CPU; load average {load}",
        file=sys.stderr,
    )
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
