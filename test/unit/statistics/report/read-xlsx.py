# An independent reader of the report's XLSX (Debian's python3-openpyxl): prints every sheet's
# cell values as JSON, {sheet: [[row values...], ...]}, for the tests to compare.
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1], data_only=True)
print(json.dumps({ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}, ensure_ascii=False, default=str))
