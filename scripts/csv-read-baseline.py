# The import benchmark's baseline: Python's csv module reading an export and nothing else
# (the same loop `clause-bench --jobs import` runs inline), for pairing with farm-bench.
import csv
import sys

n = 0
for row in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')):
    n += 1
print(n)
