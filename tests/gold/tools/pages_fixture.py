#!/usr/bin/env python3
"""Write tests/corpus/pages-2023.zh.txt and its gold tests/gold/pages-2023.zh.gold.json.

The document is authored here by hand, element by element (front matter, TOC, paragraphs,
tables, figures, footnotes, recommendations), and laid out the way pdftotext prints a report:
paragraphs wrapped at 38 characters (an A4 line), a footer page number centred with spaces, a form feed and
a running header (the report title with spacing variants on even pages, the chapter title on
odd pages, none on a page that opens a chapter), footnotes at the page bottom. Pages hold 35-45
lines, so breaks fall inside paragraphs, a table (whose header is printed again) and a
recommendation. The gold is written from the same hand-authored content (what each element
*is*), never from the converter's output; line numbers are those the layout gives.

Run from the repository root: python3 tests/gold/tools/pages_fixture.py
"""
import json

STEM = "pages-2023.zh"
WRAP = 38
PAGE_LINES = [38, 42, 36, 44, 40, 37, 43, 39, 41, 38, 40, 36]
HEADERS_EVEN = ["中俄对话：2023 模式", "中俄对话：2023模式", "中俄对话： 2023  模式"]

out = []          # the text lines
gold = {
    "gold_version": 1,
    "source": f"tests/corpus/{STEM}.txt",
    "metadata": {},
    "toc": [],
    "headings": [],
    "tables": [],
    "figures": [],
    "recommendations": [],
    "chronology": None,
    "paragraphs": [],
    "footnotes": [],
    "page_breaks": [],
}


def line_no():
    """The 1-based number of the next line written."""
    return len(out) + 1


# ---------------------------------------------------------------- front matter (no furniture)
front = [
    "中俄对话：2023 模式", "",
    "复旦大学国际问题研究院", "",
    "俄罗斯国际事务委员会", "",
    "俄罗斯科学院中国与当代亚洲研究所", "",
    "2023年6月", "",
    "本报告由中俄两国专家在 2022 年第二季度至 2023 年第一季度期间共同撰写。", "",
    "作者简介", "",
    "中方团队负责人：", "",
    "赵华胜 复旦大学国际问题研究院 教授", "",
    "俄方团队负责人：", "",
    "安·科尔图诺夫 俄罗斯国际事务委员会 学术委员会主席", "",
    "俄译中翻译：盛世良 赵世锋", "",
]
out.extend(front)
gold["metadata"] = {
    "title": "中俄对话：2023 模式",
    "date": "2023-06",
    "institutions": ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院中国与当代亚洲研究所"],
    "authors": [
        {"name": "赵华胜", "team": "cn", "role": "lead", "affiliation": "复旦大学国际问题研究院 教授", "line": 17},
        {"name": "安·科尔图诺夫", "team": "ru", "role": "lead", "affiliation": "俄罗斯国际事务委员会 学术委员会主席", "line": 21},
        {"name": "盛世良", "team": "cn", "role": "translator", "affiliation": None, "line": 23},
        {"name": "赵世锋", "team": "cn", "role": "translator", "affiliation": None, "line": 23},
    ],
}
assert out[16].startswith("赵华胜") and out[20].startswith("安·") and out[22].startswith("俄译中")

TOC = [
    (None, "概要", 0, 1),
    ("第一章", "变化中的世界秩序与中俄关系", 0, 1),
    ("第一节", "国际格局的演变", 0, 2),
    ("第二节", "中俄在欧亚地区的协作", 0, 2),
    ("第二章", "中俄经贸合作", 0, 1),
    ("第一节", "双边贸易", 0, 2),
    ("第二节", "口岸与物流", 0, 2),
    (None, "建议", 0, 1),
]
# The TOC page, opened by a form feed (the title page ended); its page numbers are filled in
# once the body is laid out.
out.append("\f目 录")
out.append("")
for label, title, page, level in TOC:
    text = f"{label} {title}" if label else title
    gold["toc"].append({"label": label, "title": title, "page": page, "level": level, "line": line_no()})
    out.append(f"{text}\t{page}")
out.append("")

# ---------------------------------------------------------------- body, laid out in pages
# Body elements: ("heading", kind, chapter, number, label, title, opens_page)
#                ("para", text, [footnote numbers]) ("table", dict) ("figure", dict)
#                ("rec_group", title) ("rec", number, text)
FOOTNOTES = {
    1: "参见：《中华人民共和国和俄罗斯联邦关于新时代国际关系和全球可持续发展的联合声明》，2022 年 2 月 4 日。",
    2: "Лузянин С.Г. Россия и Китай в Евразии: международная и региональная динамика. М.: ИКСА РАН, 2022. С. 45.",
    3: "See: Russian-Chinese Dialogue: The 2022 Model. Report No. 80/2022. Moscow: RIAC, 2022. P. 12.",
}

P = []  # the body elements in order
# Paragraphs and recommendations (by their first 12 characters) that a page break cuts before
# their n-th line, as a long page would.
BREAK_INSIDE = {k[:12]: v for k, v in {"物流领域的主要问题是口岸通关能力不足": 1, "扩大两国青年、学者和媒体之间的": 1}.items()}


def para(text, notes=()):
    P.append(("para", text, list(notes)))


P.append(("heading", "part", None, None, None, "概要", True))
para("2022 年第二季度至 2023 年第一季度，国际形势发生了深刻变化。中俄两国在复杂的外部环境中保持了战略协作的稳定性，"
     "两国元首多次会晤，为双边关系的发展指明了方向。本报告从国际格局、欧亚地区协作和经贸合作三个方面总结这一时期的中俄关系，并提出相应的建议。")
para("报告认为，中俄关系的内生动力不断增强，双边贸易额创历史新高，能源、农业、物流和金融领域的合作取得了新进展。"
     "与此同时，外部制裁带来的结算、运输和保险问题仍然存在，需要两国共同寻找解决办法。")
para("俄罗斯专家认为，这些成果表明两国合作具有很强的韧性。中国专家指出，"
     "应当继续完善合作机制1，扩大地方合作和人文交流，为双边关系的长期发展奠定更加坚实的社会基础。", [1])
para("本报告的中方和俄方作者分别撰写了各章，并在多次线上会议中讨论了报告的结构和主要结论。"
     "各章的观点由作者本人负责，不代表其所在机构的立场。报告的数据截至 2023 年 3 月底。")
P.append(("heading", "chapter", 1, 1, "第一章", "变化中的世界秩序与中俄关系", True))
P.append(("heading", "section", 1, 1, "第一节", "国际格局的演变", False))
para("当前的国际格局正处于加速演变之中。大国之间的战略竞争加剧，多边机制的作用受到削弱，"
     "地区冲突和非传统安全威胁相互交织，全球治理面临新的挑战。中俄两国都主张多极化，"
     "反对单边主义和集团对抗，支持联合国在国际事务中的核心作用。")
para("在这一背景下，中俄在联合国安理会、二十国集团、金砖国家和上海合作组织等多边平台上保持着密切协调。"
     "两国在许多国际和地区问题上的立场相近或者一致，这是双方战略协作的重要基础。")
para("俄罗斯学者强调，新的国际秩序不应由少数国家主导，而应建立在主权平等和不干涉内政的原则之上²。"
     "中国学者认为，各国应当通过对话和协商解决分歧，构建相互尊重、公平正义、合作共赢的新型国际关系。", [2])
para("表 3 列出了本报告各章所使用的主要统计来源，读者可以据此核对有关数据，"
     "并了解两国统计口径的差异。")
para("两国专家还讨论了全球经济的发展前景。高通胀、能源价格波动和供应链重组给世界经济带来了很大的不确定性，"
     "发展中国家受到的冲击尤为严重。中俄两国应当加强宏观经济政策协调，共同维护全球产业链和供应链的稳定。")
para("在能源转型问题上，两国专家的看法基本一致。能源安全是两国共同关心的问题，"
     "俄罗斯是可靠的能源供应国，中国是稳定的能源消费市场，双方在油气、核能和可再生能源领域的合作具有互补性。"
     "两国应当在国际能源市场剧烈波动的条件下继续保持长期合同的稳定执行。")
para("专家们认为，科技合作正在成为中俄关系新的增长点。两国在航天、人工智能、信息通信和新材料等领域已经开展了一批联合研究项目，"
     "下一步应当完善科技成果转化机制，鼓励两国高校、科研院所和企业建立联合实验室。")
P.append(("heading", "section", 1, 2, "第二节", "中俄在欧亚地区的协作", False))
para("欧亚地区是中俄两国共同的周边地区，也是两国协作最为密切的地区之一。"
     "“一带一路”倡议与欧亚经济联盟的对接合作稳步推进，交通、能源和数字基础设施领域的项目不断增加。")
para("上海合作组织撒马尔罕峰会通过了一系列重要文件，成员国在安全、经济和人文领域的合作进一步深化³。"
     "中俄两国支持扩大上海合作组织的国际影响，欢迎更多国家以适当形式参与组织的活动。", [3])
para("在中亚地区，中俄两国的利益总体上是相互补充的。俄罗斯在安全领域发挥着重要作用，"
     "中国在基础设施和贸易投资方面具有优势。两国应当避免在该地区形成恶性竞争，"
     "共同维护地区的和平与稳定，支持中亚国家自主选择发展道路。")
para("专家们还讨论了北极航道的开发前景。随着北极冰层的消融，北方海航道的通航期逐年延长，"
     "两国在航运、港口建设和极地科学研究方面的合作具有广阔的空间。")
P.append(("heading", "chapter", 2, 2, "第二章", "中俄经贸合作", True))
P.append(("heading", "section", 2, 1, "第一节", "双边贸易", False))
para("2022 年，中俄贸易额达到 1902.7 亿美元，同比增长 29.3%，创历史新高。"
     "其中，中国对俄出口 761.2 亿美元，自俄进口 1141.5 亿美元。能源产品在俄罗斯对华出口中的比重进一步上升。")
para("图 1 展示了 2015 年以来中俄贸易额的变化趋势，可以看出，两国贸易在经历短暂下滑之后持续增长。")
P.append(("figure", {"label": "图 1", "number": 1, "printed": "图 1. 2015—2022 年中俄贸易额（单位：亿美元）",
                     "caption": "2015—2022 年中俄贸易额", "unit": "亿美元",
                     "note_printed": "（信息来源）中华人民共和国海关总署", "source_note": "中华人民共和国海关总署"}))
para("从商品结构来看，矿物燃料、木材、农产品和有色金属是俄罗斯对华出口的主要商品，"
     "机电产品、汽车及零部件和纺织品是中国对俄出口的主要商品。表 1 按商品类别列出了两国贸易的主要数据。")
P.append(("table", {
    "label": "表 1", "number": 1, "printed": "表 1 2021—2022 年中俄贸易的商品结构（亿美元）",
    "caption": "2021—2022 年中俄贸易的商品结构", "unit": "亿美元",
    "header": ["商品类别\t2021 年贸易额\t2022 年贸易额\t增长率", "\t(亿美元)\t(亿美元)\t(%)"],
    "columns": ["商品类别", "2021 年贸易额(亿美元)", "2022 年贸易额(亿美元)", "增长率(%)"],
    "rows": [
        (["矿物燃料", "1,070.6", "1,537.9", "+43,7%"], [None, 1070.6, 1537.9, 43.7]),
        (["木材和纸浆", "28 734,6", "25 102,3", "−12.6"], [None, 28734.6, 25102.3, -12.6]),
        (["农产品", "１４６．９", "１８２．４", "２４．２"], [None, 146.9, 182.4, 24.2]),
        (["有色金属", "95.1", "—", "-"], [None, 95.1, None, None]),
        (["机电产品", "512.3", "623.8", "21.8"], [None, 512.3, 623.8, 21.8]),
        (["汽车及零部件", "75.2", "…", "暂无数据"], [None, 75.2, None, None]),
        (["纺织品", "48.6", "52.1", "7.2"], [None, 48.6, 52.1, 7.2]),
        (["化工产品", "66.4", "79.3", "19.4"], [None, 66.4, 79.3, 19.4]),
        (["钢铁", "31.8", "27.5", "−13.5"], [None, 31.8, 27.5, -13.5]),
        (["合计", "31 105,9", "29 633,2", "-4,7%"], [None, 31105.9, 29633.2, -4.7]),
    ],
    "totals": [9],
    "note_printed": "(信息来源) Источник: ФТС России; 中华人民共和国海关总署",
    "source_note": "Источник: ФТС России; 中华人民共和国海关总署",
    "break_after_row": 4,
}))
para("数据表明，2022 年两国贸易增长主要来自能源价格上涨和俄罗斯对华能源出口数量的增加。"
     "非能源商品贸易的增长相对缓慢，部分商品的贸易额甚至有所下降，贸易结构单一的问题仍然比较突出。")
para("投资合作的规模仍然有限。两国应当改善投资环境，保护投资者的合法权益，"
     "在能源、矿产、农业、制造业和基础设施等领域实施一批示范性项目，并发挥中俄投资基金等机制的作用。")
P.append(("heading", "section", 2, 2, "第二节", "口岸与物流", False))
para("表 2 列出了 2021—2022 年主要口岸的货运量，可以看出，满洲里和绥芬河仍是最重要的陆路口岸，"
     "同江铁路桥和黑河公路桥开通后，新口岸的货运量增长很快。")
P.append(("table", {
    "label": "表 2", "number": 2, "printed": "表 2 2021—2022 年主要口岸货运量",
    "unit_line": "（单位：万吨）",
    "caption": "2021—2022 年主要口岸货运量", "unit": "万吨",
    "header": ["口岸\t2021 年\t2022 年", "\t进口\t出口\t进口\t出口"],
    "columns": ["口岸", "2021 年进口", "2021 年出口", "2022 年进口", "2022 年出口"],
    "rows": [
        (["满洲里", "1 520,4", "310.2", "1 602,8", "298.7"], [None, 1520.4, 310.2, 1602.8, 298.7]),
        (["绥芬河", "812.5", "120.6", "905.1", "131.4"], [None, 812.5, 120.6, 905.1, 131.4]),
        (["同江", "105.3", "12.1", "356.9", "40.2"], [None, 105.3, 12.1, 356.9, 40.2]),
        (["黑河", "—", "—", "48.3", "15.6"], [None, None, None, 48.3, 15.6]),
        (["总计", "2 438,2", "442.9", "2 913,1", "485.9"], [None, 2438.2, 442.9, 2913.1, 485.9]),
    ],
    "totals": [4],
    "note_printed": "（信息来源）中国口岸协会",
    "source_note": "中国口岸协会",
}))
para("物流领域的主要问题是口岸通关能力不足和铁路运力紧张。两国应当加快口岸基础设施的现代化改造，"
     "推广电子通关和“绿色通道”，提高过境运输的效率，并发展多式联运和海铁联运。")
para("在金融领域，本币结算的比重明显提高。两国企业越来越多地使用人民币和卢布进行结算，"
     "两国银行也在不断完善跨境支付基础设施，以降低外部制裁对双边贸易的影响。")
P.append(("heading", "part", None, None, None, "建议", True))
P.append(("rec_group", "政治与安全"))
P.append(("rec", 1, "继续保持两国元首的年度互访机制，充分发挥总理定期会晤机制和各领域合作委员会的作用，"
                    "及时协调两国在重大国际和地区问题上的立场。"))
P.append(("rec", 2, "加强在联合国、二十国集团、金砖国家和上海合作组织框架内的协调，共同反对单边制裁和集团对抗，"
                    "维护以联合国为核心的国际体系和以国际法为基础的国际秩序，推动全球治理体系朝着更加公正合理的方向发展。"))
P.append(("rec_group", "经贸合作"))
P.append(("rec", 3, "扩大本币结算的规模，完善跨境支付和清算基础设施，鼓励两国银行互设分支机构，"
                    "为企业提供更加便利的贸易融资和保险服务。"))
P.append(("rec", 4, "加快口岸基础设施建设，提高通关效率，发展多式联运，保障两国之间运输通道的畅通和稳定。"))
P.append(("rec", 5, "优化贸易结构，扩大农产品、机电产品和高技术产品的贸易，培育跨境电子商务等新的增长点，"
                    "推动两国贸易从数量增长转向质量提升。"))
P.append(("rec_group", "人文交流"))
P.append(("rec", 6, "扩大两国青年、学者和媒体之间的交流，增加互派留学生的数量，支持两国高校开展联合办学，"
                    "在旅游、体育和文化领域举办更多的主题活动，增进两国人民之间的相互了解和传统友谊。"))
P.append(("rec", 7, "恢复和扩大两国之间的直航航班，简化签证手续，为两国公民的往来提供便利。"))
P.append(("rec", 8, "加强两国智库之间的交流与合作，定期举办中俄关系学术研讨会，联合开展对双边关系和国际形势的研究，"
                    "为两国政府的决策提供智力支持，并将本报告的研究工作继续下去。"))


def latin(c):
    return ord(c) < 0x2E80 and c != " "


def wrap(text, width=WRAP):
    """Cut a paragraph into lines of `width` characters, never inside a Latin word or number."""
    lines = []
    while len(text) > width:
        cut = width
        while cut > 1 and latin(text[cut - 1]) and latin(text[cut]):
            cut -= 1
        lines.append(text[:cut])
        text = text[cut:]
    return lines + [text] if text else lines


# Render the body elements to "items": each item is a list of lines with a kind, so the page
# layout can break between any two lines.
stream = []  # (line text, tag) where tag marks what the line belongs to


def emit(text, tag=None):
    stream.append((text, tag))


for el in P:
    kind = el[0]
    if kind == "heading":
        _, hk, ch, num, label, title, opens = el
        emit(("\x00OPEN" if opens else ""), None) if opens else None
        text = f"{label} {title}" if label else ("概 要" if title == "概要" else ("建 议" if title == "建议" else title))
        emit(text, ("heading", el))
        emit("", None)
    elif kind == "para":
        _, text, notes = el
        for k, piece in enumerate(wrap(text)):
            emit(piece, ("para", el, k))
        emit("", None)
    elif kind == "figure":
        f = el[1]
        emit(f["printed"], ("figure", f))
        emit("", None)
        emit(f["note_printed"], ("note", f))
        emit("", None)
    elif kind == "table":
        t = el[1]
        emit(t["printed"], ("table", t))
        if "unit_line" in t:
            emit(t["unit_line"], ("unit", t))
        for h in t["header"]:
            emit(h, ("theader", t))
        for r, (cells, _) in enumerate(t["rows"]):
            emit("\t".join(cells), ("row", t, r))
        emit("", None)
        emit(t["note_printed"], ("note", t))
        emit("", None)
    elif kind == "rec_group":
        emit(el[1], ("group", el))
        emit("", None)
    elif kind == "rec":
        _, n, text = el
        for k, piece in enumerate(wrap(f"{n}. {text}")):
            emit(piece, ("rec", el, k))
        emit("", None)

# Lay out pages. A page takes PAGE_LINES[i] lines (body lines plus its blank lines); a page
# opens early where a chapter or part begins ("\x00OPEN").
page = 1
page_idx = 0
budget = PAGE_LINES[0]
chapter_title = "概要"
pending_notes = []  # footnotes whose marker is on this page
table_header_on_break = None
first_page = True
i = 0
positions = {}  # id(element) -> first line
para_lines = {}  # id(para) -> first line
rec_lines = {}


def end_page(opens_next):
    """Footnotes, footer, form feed and the next page's header."""
    global page, page_idx, budget
    if pending_notes:
        out.append("")
        for n in pending_notes:
            pieces = wrap(f"{n} {FOOTNOTES[n]}" if n < 3 else f"³ {FOOTNOTES[n]}", 60)
            gold["footnotes"].append({"number": n, "text": FOOTNOTES[n], "line": line_no(),
                                      "marker_line": marker_lines[n]})
            out.extend(pieces)
        pending_notes.clear()
    out.append("")
    gold["page_breaks"].append({"line": line_no(), "page": page})
    out.append(" " * 24 + str(page))
    page += 1
    page_idx += 1
    budget = PAGE_LINES[page_idx % len(PAGE_LINES)]
    if opens_next:
        return "\f"
    header = HEADERS_EVEN[(page // 2) % 3] if page % 2 == 0 else chapter_title
    out.append("\f" + header)
    out.append("")
    return ""


marker_lines = {}
heading_pages = []
prefix = "\f"  # the body starts on a new page after the TOC
used = 0
for text, tag in stream:
    if text == "\x00OPEN":
        if not first_page:
            prefix = end_page(True)
            used = 0
        first_page = False
        continue
    forced = tag is not None and (
        (tag[0] == "row" and tag[1].get("break_after_row") == tag[2] - 1)
        or (used > 10 and tag[0] in ("para", "rec") and BREAK_INSIDE.get(tag[1][1 if tag[0] == "para" else 2][:12]) == tag[2])
    )
    if (used >= budget or forced) and tag is not None and text:
        prefix = end_page(False)
        used = 0
        if tag[0] == "row":
            # The table goes on: its header is printed again.
            for h in tag[1]["header"]:
                out.append(h)
                used += 1
    if not text and used == 0:
        continue
    if tag and tag[0] == "heading":
        el = tag[1]
        _, hk, ch, num, label, title, _ = el
        if hk in ("chapter", "part"):
            chapter_title = title
        gold["headings"].append({"kind": hk, "chapter": ch if hk == "section" else None,
                                 "number": num, "label": label, "title": title, "line": line_no()})
        heading_pages.append(page)
    elif tag and tag[0] == "para":
        el, k = tag[1], tag[2]
        if k == 0:
            gold["paragraphs"].append({"line": line_no(), "text": el[1]})
        for n in el[2]:
            mark = "¹²³"[n - 1] if n != 1 else "1"
            if mark in text and n not in marker_lines:
                marker_lines[n] = line_no()
                pending_notes.append(n)
    elif tag and tag[0] == "figure":
        f = tag[1]
        gold["figures"].append({"label": f["label"], "number": f["number"], "caption": f["caption"],
                                "unit": f["unit"], "source_note": f["source_note"], "line": line_no()})
    elif tag and tag[0] == "table":
        t = tag[1]
        gold["tables"].append({"label": t["label"], "number": t["number"], "caption": t["caption"],
                               "unit": t["unit"], "columns": t["columns"],
                               "rows": [[{"text": c, "value": v} for c, v in zip(cells, values)]
                                        for cells, values in t["rows"]],
                               "total_rows": t["totals"], "source_note": t["source_note"], "line": line_no()})
    elif tag and tag[0] == "group":
        current_group = tag[1][1]
    elif tag and tag[0] == "rec":
        el, k = tag[1], tag[2]
        if k == 0:
            gold["recommendations"].append({"number": el[1], "group": current_group, "text": el[2],
                                            "line": line_no()})
    out.append(prefix + text)
    prefix = ""
    used += 1
end_page(True)

# The TOC gives the page on which each heading was laid out.
assert len(heading_pages) == len(TOC)
for entry, (label, title, _, level), pg in zip(gold["toc"], TOC, heading_pages):
    entry["page"] = pg
    text = f"{label} {title}" if label else title
    out[entry["line"] - 1] = f"{text}\t{pg}"

# Full-width cells are compared after folding; the gold keeps them as printed.
with open(f"tests/corpus/{STEM}.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(out) + "\n")
with open(f"tests/gold/{STEM}.gold.json", "w", encoding="utf-8") as f:
    f.write(json.dumps(gold, ensure_ascii=False, indent=1) + "\n")
print(f"{len(out)} lines, {page - 1} pages, {len(gold['page_breaks'])} breaks, {len(gold['footnotes'])} footnotes")
