#!/usr/bin/env python3
"""Independent DRAFT generator for tests/gold/china-russia-dialogue-2020.zh.gold.json.

Written from reading input/china-russia-dialogue-2020.zh.txt (stdlib only).  It is not derived
from the extraction tool.  Generic parsing handles the regular layouts; the irregular spots are
handled by the explicit, commented per-line dictionaries below.  The output was then reviewed
line by line against the source text (see ../README.md).

Usage:  python3 tests/gold/tools/make_gold.py [input.txt] [output.json]
"""
import json
import os
import re
import sys
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SRC_REL = 'input/china-russia-dialogue-2020.zh.txt'
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, SRC_REL)
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    HERE, '..', 'china-russia-dialogue-2020.zh.gold.json')

with open(SRC, encoding='utf-8') as f:
    LINES = f.read().split('\n')


def ln(n):
    """Text of 1-based line n."""
    return LINES[n - 1]


def nonblank(a, b):
    """1-based numbers of non-blank lines in [a, b]."""
    return [n for n in range(a, b + 1) if ln(n).strip()]


# ---------------------------------------------------------------------------------------------
# Layout landmarks (verified by reading the text)
# ---------------------------------------------------------------------------------------------
TOC_RANGE = (91, 123)          # '目 录' is line 89; entries are 'title<TAB>page'
BODY_RANGE = (125, 1079)       # 概 要 .. end of 建议 (附录 starts at 1080)
PART_LINES = {125: '概要', 153: '序言', 974: '建议', 1080: '附录'}   # printed '概 要', '序 言'
RECS_RANGE = (976, 1079)
REC_GROUP_LINES = [976, 1010, 1020, 1042, 1062]   # short unnumbered topic headings
CHRON_TITLE_LINE = 1082
CHRON_PERIOD = ('2019-04-01', '2020-03-31')  # 2019 第二季度 .. 2020 年第一季度
CATEGORY_LINES = [1084, 1462, 1864, 1954, 2712, 3011, 3210, 3561, 4173]

CN_NUM = {'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}


def cn_int(s):
    if len(s) == 1:
        return CN_NUM[s]
    if s[0] == '十':
        return 10 + CN_NUM[s[1]]
    if len(s) == 2 and s[1] == '十':
        return CN_NUM[s[0]] * 10
    return CN_NUM[s[0]] * 10 + CN_NUM[s[2]]


# ---------------------------------------------------------------------------------------------
# Metadata
# ---------------------------------------------------------------------------------------------
def split_cn_member(text):
    """'赵华胜 复旦大学…' -> (name, affiliation).  Two-character names are sometimes printed
    with a space between the characters ('石 泽 中国外交部…'); then the name is both tokens."""
    toks = text.split(' ')
    if len(toks[0]) == 1 and len(toks) > 2 and len(toks[1]) == 1:
        return toks[0] + ' ' + toks[1], ' '.join(toks[2:])
    return toks[0], ' '.join(toks[1:])


def metadata():
    authors = []
    # Chinese team lead: line 21 (heading 中方团队负责人： line 19)
    name, aff = split_cn_member(ln(21))
    authors.append(dict(name=name, team='cn', role='lead', affiliation=aff, line=21))
    # Chinese members: lines 25..39 (heading 中方成员： line 23), name + affiliation on one line
    for n in nonblank(25, 39):
        name, aff = split_cn_member(ln(n))
        authors.append(dict(name=name, team='cn', role='member', affiliation=aff, line=n))
    # Russian team lead: name line 43, affiliation on the next non-blank line 45
    authors.append(dict(name=ln(43).strip(), team='ru', role='lead',
                        affiliation=ln(45).strip(), line=43))
    # Russian members: lines 49..83, name line then affiliation line
    rl = nonblank(49, 83)
    for i in range(0, len(rl), 2):
        authors.append(dict(name=ln(rl[i]).strip(), team='ru', role='member',
                            affiliation=ln(rl[i + 1]).strip(), line=rl[i]))
    # 俄译中翻译：盛世良 赵世锋 孙凌云 钱宗旗 倪文卿  (line 85)
    assert ln(85).startswith('俄译中翻译：')
    for name in ln(85).split('：', 1)[1].split():
        authors.append(dict(name=name, team='cn', role='translator', affiliation=None, line=85))
    # 校对：赵华胜 (line 87) -- same person as the lead, listed again for the second role
    assert ln(87).startswith('校对：')
    authors.append(dict(name=ln(87).split('：', 1)[1].strip(), team='cn', role='proofreader',
                        affiliation=None, line=87))
    return {
        'title': ln(3).strip(),                       # 中俄对话：2020模式
        'date': '2020-07',                             # line 13: 2020年7月
        'institutions': [ln(7).strip(), ln(9).strip(), ln(11).strip()],
        'authors': authors,
    }


# ---------------------------------------------------------------------------------------------
# TOC and headings
# ---------------------------------------------------------------------------------------------
LABEL_RE = re.compile(r'^(第([一二三四五六七八九十]+)([章节]))\s*(.*)$')


def toc():
    out = []
    for n in nonblank(*TOC_RANGE):
        title, page = ln(n).rsplit('\t', 1)
        m = LABEL_RE.match(title)
        if m:
            out.append(dict(label=m.group(1), title=m.group(4).strip(), page=int(page),
                            level=1 if m.group(3) == '章' else 2, line=n))
        else:
            out.append(dict(label=None, title=title.strip(), page=int(page), level=1, line=n))
    return out


def headings():
    out = []
    chapter = None
    for n in range(BODY_RANGE[0], 1081):
        s = ln(n).strip()
        if n in PART_LINES:
            out.append(dict(kind='part', chapter=None, number=None, label=None,
                            title=PART_LINES[n], line=n))
            continue
        m = LABEL_RE.match(s)
        if not m or len(s) > 60:
            continue
        num = cn_int(m.group(2))
        if m.group(3) == '章':
            chapter = num
            out.append(dict(kind='chapter', chapter=None, number=num, label=m.group(1),
                            title=m.group(4).strip(), line=n))
        else:
            out.append(dict(kind='section', chapter=chapter, number=num, label=m.group(1),
                            title=m.group(4).strip(), line=n))
    return out


# ---------------------------------------------------------------------------------------------
# Tables and figures
# ---------------------------------------------------------------------------------------------
CAP_RE = re.compile(r'^([表图])\s*([一二三四五六七八九十]|\d+)\s*\.?\s*(.*?)\s*$')
UNIT_RE = re.compile(r'^(.*?)\s*（单位：(.*?)）\s*$')
MARKER_RE = re.compile(r'^\s*[（(]信息来源[)）]\s*')


def split_caption(n):
    m = CAP_RE.match(ln(n).strip())
    raw_label = ln(n).strip()[:ln(n).strip().index(m.group(2)) + len(m.group(2))]
    num = int(m.group(2)) if m.group(2).isdigit() else cn_int(m.group(2))
    rest = m.group(3)
    mu = UNIT_RE.match(rest)
    caption, unit = (mu.group(1), mu.group(2)) if mu else (rest, None)
    return raw_label, num, caption.strip(), unit


def note_text(lines):
    """Join the note's lines with a space; drop the (信息来源) marker and markdown emphasis
    (line 604 prints '*Источник:*' in single-asterisk italics)."""
    parts = [ln(n).strip() for n in lines]
    parts[0] = MARKER_RE.sub('', parts[0])
    txt = ' '.join(parts)
    txt = re.sub(r'\*+', '', txt)
    return txt


def cell_value(t):
    s = t.strip().replace(',', '.').replace('%', '').replace('+', '')
    try:
        return float(s) if ('.' in s) else int(s)
    except ValueError:
        return None


# (caption line, header line, data row lines, note lines) -- read off the text
TABLES = [
    # 表一 (line 289): header 291, rows 292-293; the source note (line 295) has no (信息来源)
    # marker but is the table's note ('根据俄罗斯银行统计 … 编制').
    (289, 291, [292, 293], [295]),
    # 表 2. (line 588): header 590, rows 591-602, note 604
    (588, 590, list(range(591, 603)), [604]),
    # 表3. (line 632): header 634, rows 635-637 and 639-653 -- line 638 is a BLANK line inside
    # the table (between 化学物品 and 毛皮及毛皮制品); both halves are data rows.  Note 655.
    (632, 634, [635, 636, 637] + list(range(639, 654)), [655]),
    # 表 4. (line 954): header 956, rows 957-958 (row labels printed with stray spaces
    # '从中国到俄 罗斯的入境 旅行次数'); note spans 960, 962, 964 (blank lines between).
    (954, 956, [957, 958], [960, 962, 964]),
]

FIGURES = [
    (580, [584]),         # 图 1. … （单位：十亿美元）  note 584
    (666, [670, 671]),    # 图 2. … （单位：百万美元）  note spans 670-671 (URL on 671)
    (684, [688]),         # 图 3. …                   note 688
    (692, [696]),         # 图 4.在东方经济论坛…         note 696 (no space after '图 4.')
]


def tables():
    out = []
    for cap, head, rows, note in TABLES:
        label, num, caption, unit = split_caption(cap)
        cols = [c.strip() for c in ln(head).split('\t')]
        data = []
        for r in rows:
            cells = [c.strip() for c in ln(r).split('\t')]
            assert len(cells) == len(cols), (r, cells)
            data.append([dict(text=c, value=(None if i == 0 else cell_value(c)))
                         for i, c in enumerate(cells)])
        out.append(dict(label=label, number=num, caption=caption, unit=unit, columns=cols,
                        rows=data, source_note=note_text(note) if note else None, line=cap))
    return out


def figures():
    out = []
    for cap, note in FIGURES:
        label, num, caption, unit = split_caption(cap)
        out.append(dict(label=label, number=num, caption=caption, unit=unit,
                        source_note=note_text(note) if note else None, line=cap))
    return out


# ---------------------------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------------------------
def recommendations():
    out = []
    group = None
    cur = None
    for n in nonblank(*RECS_RANGE):
        s = ln(n).strip()
        if n in REC_GROUP_LINES:
            group = s
            cur = None
            continue
        m = re.match(r'^(\d+)\.\s*(.*)$', s)
        if m:
            cur = dict(number=int(m.group(1)), group=group, text=m.group(2), line=n)
            out.append(cur)
        else:
            # following paragraph (incl. page-break continuations at 992 and 1074)
            cur['text'] += '\n' + s
    assert [r['number'] for r in out] == list(range(1, 27))
    return out


# ---------------------------------------------------------------------------------------------
# Chronology
# ---------------------------------------------------------------------------------------------
D = r'\d{1,2}'
Y = r'\d{4}'
DASH = r'[-—–]'
DATE_RE = re.compile(
    r'^(?P<date>'
    rf'{Y}\s*年\s*{D}\s*月\s*{D}\s*(?:{DASH}\s*{D}\s*)?日'
    rf'(?:\s*{DASH}\s*(?:{Y}\s*年\s*)?{D}\s*月\s*{D}\s*日)?'
    rf'|{Y}年{D}月-\d+日'        # garbled: 2019年5月-174日 (line 3653)
    rf'|{Y}年{D}月{D}月'          # 月 for 日: 2020年1月9月 (4109), 2020年1月2月 (4175)
    r')(?P<rest>$|\t.*$|\s.*$|\*\*.*$)')

# Per-line date overrides: line -> (start, end, precision, flags)
DATE_OVERRIDES = {
    # '2010 年 2 月 12-13 日': year typo; between 2020-02-11 and 2020-02-14 entries of a
    # chronology of 2019Q2-2020Q1, so 2020 is meant.  Literal start 2010-02-12 is out of period.
    1429: ('2020-02-12', '2020-02-13', 'day', ['date_corrected', 'out_of_period']),
    # '2020年1月9月': 月 printed for 日; intended 2020-01-09.
    4109: ('2020-01-09', '2020-01-09', 'day', ['date_corrected', 'month_for_day']),
    # '2020年1月2月': same kind of typo; read as 2020-01-02 (first COVID entry, before 1-21).
    4175: ('2020-01-02', '2020-01-02', 'day', ['date_corrected', 'month_for_day']),
    # '2019年5月-174日': day '174' is not a day; only the month is readable.
    3653: ('2019-05-01', '2019-05-31', 'month', ['date_garbled']),
}


def iso(y, m, d):
    return date(int(y), int(m), int(d)).isoformat()


def parse_date(text):
    t = re.sub(r'\s+', '', text)
    m = re.match(r'^(\d{4})年(\d+)月(\d+)日$', t)
    if m:
        s = iso(*m.groups())
        return s, s, 'day'
    m = re.match(r'^(\d{4})年(\d+)月(\d+)[-—–](\d+)日$', t)
    if m:
        y, mo, a, b = m.groups()
        return iso(y, mo, a), iso(y, mo, b), 'day'
    m = re.match(r'^(\d{4})年(\d+)月(\d+)日[-—–](?:(\d{4})年)?(\d+)月(\d+)日$', t)
    if m:
        y, mo, a, y2, mo2, b = m.groups()
        return iso(y, mo, a), iso(y2 or y, mo2, b), 'day'
    raise ValueError(text)


def literal_start(text, line):
    """Start date as literally printed (for out_of_period)."""
    if line == 1429:
        return '2010-02-12'
    if line in (3653, 4109, 4175):
        return DATE_OVERRIDES[line][0]
    return parse_date(text)[0]


SEP_CJK_RE = re.compile(r'(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])')
SEP_ANY_RE = re.compile(r' ')


def split_title_desc(rest, spaced_date):
    """'title description' on a TAB line, separated by a single space.
    - Lines whose date is printed with spaced digits ('2020 年 2 月 26 日', 1447-1452) also
      space the digits inside the text ('至 2021 年 2 月 26 日和'), so there the separator is the
      first space between two non-ASCII characters ('决议投弃权票。 安理会', '举行 约 10000').
    - Lines with compact dates ('2019年6月15日', 1159-1164) have no such spaces, and the
      separator may touch a digit ('亚信第五次峰会在杜尚别举行 27个成员国…', line 1163)."""
    m = (SEP_CJK_RE if spaced_date else SEP_ANY_RE).search(rest)
    if not m:
        return rest.strip(), None
    return rest[:m.start()].strip(), rest[m.end():].strip()


def strip_marker(s):
    s = s.strip()
    if s.startswith('- '):
        s = s[2:].strip()
    return s


ITEM_RE = re.compile(r'^(\d+)\.(?!\d)\s*(.*)$')


def chronology():
    cats = [dict(name=ln(n).strip(), line=n) for n in CATEGORY_LINES]
    cat_at = {n: ln(n).strip() for n in CATEGORY_LINES}
    entries = []
    cur = None
    state = None      # None | 'need_title' | 'open_bold'
    category = None

    def new_entry(n, dtext):
        e = dict(category=category, line=n, line_end=n,
                 date=dict(text=dtext, start=None, end=None, precision=None),
                 title='', description=[], items=[], flags=[])
        entries.append(e)
        return e

    for n in range(CATEGORY_LINES[0], len(LINES) + 1):
        raw = ln(n)
        if not raw.strip():
            continue
        if n in cat_at:
            category = cat_at[n]
            cur, state = None, None
            continue
        s = strip_marker(raw)
        if state == 'open_bold':
            # bold title wrapped onto the next line, closed by '**' (1731, 1736, 1743)
            assert s.endswith('**'), n
            cur['title'] += s[:-2]
            cur['line_end'] = n
            state = None
            continue
        if state == 'need_title':
            # title line after a date-only line: plain, or '- title**'
            cur['title'] = s[:-2] if s.endswith('**') else s
            cur['title'] = cur['title'].lstrip('*').strip()
            cur['line_end'] = n
            state = None
            continue
        m = DATE_RE.match(s)
        if m:
            cur = new_entry(n, m.group('date').strip())
            rest = m.group('rest')
            if rest == '':
                state = 'need_title'
            elif rest.startswith('\t'):
                title, desc = split_title_desc(rest[1:], ' ' in m.group('date'))
                cur['title'] = title
                if desc:
                    cur['description'].append(desc)
            else:
                rest = rest.strip()
                if rest.startswith('**'):
                    if rest.endswith('**') and len(rest) > 4:
                        cur['title'] = rest[2:-2].strip()
                    else:
                        cur['title'] = rest[2:].strip()
                        state = 'open_bold'
                else:
                    cur['title'] = rest          # 'DATE title' without bold
            continue
        if s.endswith('**') and not s.startswith('**'):
            # '- title**' with no date line before it: the date was lost (1489-1499)
            cur = new_entry(n, None)
            cur['title'] = s[:-2].strip()
            cur['flags'].append('date_missing')
            continue
        im = ITEM_RE.match(s)
        if im and int(im.group(1)) == len(cur['items']) + 1:
            cur['items'].append(dict(number=int(im.group(1)), text=im.group(2).strip()))
            cur['line_end'] = n
            continue
        cur['description'].append(s)
        cur['line_end'] = n

    # dates and flags
    for e in entries:
        t = e['date']['text']
        if t is None:
            continue
        if e['line'] in DATE_OVERRIDES:
            st, en, pr, fl = DATE_OVERRIDES[e['line']]
            e['flags'].extend(fl)
        else:
            st, en, pr = parse_date(t)
        e['date'].update(start=st, end=en, precision=pr)
        lit = literal_start(t, e['line'])
        if not (CHRON_PERIOD[0] <= lit <= CHRON_PERIOD[1]) and 'out_of_period' not in e['flags']:
            e['flags'].append('out_of_period')

    # out_of_order per FORMAT.md rule, on corrected starts, within each category
    for c in cats:
        dated = [e for e in entries if e['category'] == c['name'] and e['date']['start']]
        d = [e['date']['start'] for e in dated]
        for i in range(1, len(d)):
            if d[i] < d[i - 1]:
                k = i - 1 if (i >= 2 and d[i - 2] <= d[i]) else i
                if 'out_of_order' not in dated[k]['flags']:
                    dated[k]['flags'].append('out_of_order')

    for e in entries:
        e['description'] = '\n'.join(e['description'])
        e['flags'] = sorted(set(e['flags']))
    return {
        'title': ln(CHRON_TITLE_LINE).strip(),
        'period': {'start': CHRON_PERIOD[0], 'end': CHRON_PERIOD[1]},
        'categories': cats,
        'entries': entries,
    }


def main():
    gold = {
        'gold_version': 1,
        'source': SRC_REL,
        'metadata': metadata(),
        'toc': toc(),
        'headings': headings(),
        'tables': tables(),
        'figures': figures(),
        'recommendations': recommendations(),
        'chronology': chronology(),
    }
    with open(OUT, 'w', encoding='utf-8') as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print('wrote', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
