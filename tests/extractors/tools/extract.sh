#!/usr/bin/env bash
# Makes every dump of tests/corpus/extract-<engine>-<tool>.zh.txt from tests/extractors/pdf/<engine>.pdf,
# each tool run the way its users usually run it (see tests/extractors/README.md).
#   bash tests/extractors/tools/extract.sh [--doc STEM] [engine ...]
# With --doc STEM other than the 2020 sample (china-russia-dialogue-2020.zh), e.g. heldout-2022.zh:
# tests/extractors/pdf/heldout-2022-<engine>.pdf -> tests/corpus/extract2022-<engine>-<tool>.zh.txt
# (gen_report.names()).
# Needs poppler-utils (pdftotext) and a venv at $VENV (default /work/venv-extract) with
# pdfplumber (and pdfminer.six), pypdf, pymupdf, pypdfium2 and markitdown[pdf] (versions pinned in the README).
set -euo pipefail
cd "$(dirname "$0")/../../.."
VENV=${VENV:-/work/venv-extract}
PY="$VENV/bin/python"
STEM=china-russia-dialogue-2020.zh
if [ "${1:-}" = --doc ]; then STEM=$2; shift 2; fi
engines=("$@")
[ ${#engines[@]} -gt 0 ] || engines=(weasyprint xelatex)
for eng in "${engines[@]}"; do
  if [ "$STEM" = china-russia-dialogue-2020.zh ]; then
    pdf=tests/extractors/pdf/$eng.pdf
    out=tests/corpus/extract-$eng
  else
    short=${STEM%.zh}
    year=$(grep -o '[0-9]\{4\}' <<<"$short" | head -n1)
    pdf=tests/extractors/pdf/$short-$eng.pdf
    out=tests/corpus/extract$year-$eng
  fi
  pdftotext "$pdf" "$out-pdftotext.zh.txt"
  pdftotext -layout "$pdf" "$out-pdftotext-layout.zh.txt"
  pdftotext -raw "$pdf" "$out-pdftotext-raw.zh.txt"
  # pdfplumber: the text of each page, pages joined with "\n"
  "$PY" - "$pdf" "$out-pdfplumber.zh.txt" <<'EOF'
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    text = "\n".join(page.extract_text() for page in pdf.pages)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text)
EOF
  # PyMuPDF: page.get_text() of each page, concatenated
  "$PY" - "$pdf" "$out-pymupdf.zh.txt" <<'EOF'
import sys, pymupdf
doc = pymupdf.open(sys.argv[1])
text = ""
for page in doc:
    text += page.get_text()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text)
EOF
  # pypdfium2: get_textpage().get_text_range() of each page, concatenated (PDFium's own \r\n kept)
  "$PY" - "$pdf" "$out-pypdfium2.zh.txt" <<'EOF'
import sys, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
text = ""
for page in pdf:
    text += page.get_textpage().get_text_range()
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write(text)
EOF
  # pypdf: the text of each page, pages joined with "\n" (as pdfplumber's users join them)
  "$PY" - "$pdf" "$out-pypdf.zh.txt" <<'EOF'
import sys
from pypdf import PdfReader
reader = PdfReader(sys.argv[1])
text = "\n".join(page.extract_text() for page in reader.pages)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write(text)
EOF
  # pdfminer.six: its command line (the same text as pdfminer.high_level.extract_text, default LAParams)
  "$VENV/bin/pdf2txt.py" "$pdf" -o "$out-pdfminer.zh.txt"
  # markitdown: its command line, stdout to the file
  "$VENV/bin/markitdown" "$pdf" > "$out-markitdown.zh.txt"
  wc -l "$out"-*.zh.txt
done
