#!/usr/bin/env python3
"""The program bench/python_bench.py times against `leadsieve filter`: the
Python package's filter() over the benchmark's files, the result written to
standard output as the CLI writes it.

    python_filter.py REQUEST.json THREADS INPUT...
"""
import sys

import leadsieve


def main(argv):
    request = leadsieve.Request.from_file(argv[1])
    result = leadsieve.filter(request, argv[3:], threads=int(argv[2]))
    sys.stdout.buffer.write(result.bytes)


if __name__ == "__main__":
    main(sys.argv)
