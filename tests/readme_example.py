"""README's C example = examples/c/quickstart.c, and the program works.

Usage: readme_example.py QUICKSTART_EXE SOURCE_ROOT
"""
import re
import subprocess
import sys
from pathlib import Path

exe, root = sys.argv[1], Path(sys.argv[2])
readme = (root / 'README.md').read_text(encoding='utf-8')
source = (root / 'examples' / 'c' / 'quickstart.c').read_text(encoding='utf-8')
blocks = re.findall(r'```c\n(.*?)```', readme, re.S)
if source not in blocks:
    sys.exit('README "Using the C API" does not show examples/c/quickstart.c verbatim')
ok = subprocess.run([exe, str(root / 'examples/data/dien-bien-2022.json')],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
expected = '11: 21.8559 of 23 points, index 0.9503, rank 1\n'
if ok.returncode != 0 or ok.stdout != expected:
    sys.exit(f'quickstart: exit {ok.returncode}, output {ok.stdout!r}, expected {expected!r}\n{ok.stderr}')
bad = subprocess.run([exe, str(root / 'no-such-dir' / 'data.json')],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
if bad.returncode != 1 or bad.stdout or 'error[unreadable]' not in bad.stderr:
    sys.exit(f'quickstart on a bad file: exit {bad.returncode}, stdout {bad.stdout!r}, stderr {bad.stderr!r}')
print('README C example: verbatim, 1 unit scored, a bad file reported with exit 1')
