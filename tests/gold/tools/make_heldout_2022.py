"""Writes tests/corpus/heldout-2022.zh.txt and its gold tests/gold/heldout-2022.zh.gold.json.

A held-out-style 2022 Chinese edition as `pdftotext` (no -layout) prints it: cover noise, title
page, prose authors, credit lines, TOC with dot leaders, body wrapped at the printed line width,
bare page numbers and running headers every 35-45 lines (also inside paragraphs), footnotes at page
bottoms, tables (one split by a page break with its header repeated, one with a two-level header),
a figure, recommendations, and a chronology appendix for 2021Q2-2022Q1. All text is invented for
the test (names of team members are fictional). Run: python3 tests/gold/tools/make_heldout_2022.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from heldout_lib import DocBase, Writer, date_iso as d, generate, line_of, wrap  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
STEM = "heldout-2022.zh"
TITLE = "中俄对话：2022 模式"
WIDTH = 38
PAGE_LENGTHS = [41, 38, 44, 36, 40, 43, 33, 45, 39, 42, 35, 40, 44, 38, 41, 36, 43, 39, 42, 40]

CN_NUM = "零一二三四五六七八九十"


def furniture(w, page, notes):
    out = []
    if notes:
        out.append("")
        for num, text in notes:
            out.append(f"{num} {text}")
    # page number, then the next page's running header; blank lines vary like real dumps
    if page % 3 == 0:
        out += [str(page), TITLE if (page + 1) % 2 == 0 else w.running]
    else:
        out += ["", str(page), "", TITLE if (page + 1) % 2 == 0 else w.running, ""]
    return out


class Doc(DocBase):
    def __init__(self, toc_pages):
        self.w = Writer(PAGE_LENGTHS, furniture)
        self.toc_pages = toc_pages
        self.pages = {}
        self.gold = {"gold_version": 1, "source": f"tests/corpus/{STEM}.txt"}
        self.headings = []
        self.tables = []
        self.figures = []
        self.recs = []
        self.paragraphs = []  # body paragraphs (summary list items and recommendations are not)
        self.fn = 0

    # -- helpers
    def para(self, text, notes=(), prefix="", body=True):
        """A paragraph wrapped at the printed width; `notes` = [(marker, text)] for footnotes whose
        marker (printed as the next footnote number) is the substring `marker` of `text`."""
        marks = []
        for marker, note in notes:
            self.fn += 1
            text = text.replace(marker, f"{marker}{self.fn}", 1)
            marks.append((f"{marker}{self.fn}", self.fn, note))
        first = None
        full = prefix + text
        lines = wrap(full, WIDTH)
        at = {num: line_of(full, lines, full.index(mk) + len(mk) - 1) for mk, num, _ in marks}
        for k, line in enumerate(lines):
            for mk, num, note in marks:  # before ln: the line may end the page
                if at[num] == k:
                    self.w.note(num, note)
            no = self.w.ln(line)
            first = first or no
        self.blank()
        if body:
            self.paragraphs.append({"line": first, "text": text})
        return first

    # -- the document
    def build(self):
        w = self.w
        # cover noise: the cover art as pdftotext prints it
        for l in ["", "RUSSIAN INTERNATIONAL AFFAIRS COUNCIL", "РОССИЙСКИЙ СОВЕТ ПО МЕЖДУНАРОДНЫМ ДЕЛАМ",
                  "Summer SChoolS  xpert CommentarieS  WorKing paperS", "ДОКЛАД № 81 / 2022",
                  "Российско-китайский диалог: модель 2022", "CHINA  rUSSIA  eurASIA  ДИАЛОГ  dialogue",
                  "中俄 对话 Dialogue 2022", "", "RUSSIAN-CHINESE DIALOGUE: THE 2022 MODEL", "", ""]:
            w.ln(l)
        self.title_line = w.ln(TITLE)
        w.ln("")
        w.ln("")
        self.inst_lines = []
        for inst in ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院中国与当代亚洲研究所"]:
            self.inst_lines.append((inst, w.ln(inst)))
            w.ln("")
        w.ln("2022 年 9 月")
        w.ln("")
        for l in wrap("复旦大学国际问题研究院、俄罗斯国际事务委员会和俄罗斯科学院中国与当代亚洲研究所自 2015 年起"
                      "每年联合发布中俄关系年度报告。本报告是该系列的第八份报告，由中俄两国专家共同撰写，"
                      "报告中的观点仅代表作者个人立场。", WIDTH):
            w.ln(l)
        w.ln("")
        w.ln("作者简介")
        w.ln("")
        self.authors = []
        # prose author list, wrapped as printed; each record's line is the line where its name starts
        people = [
            ("中方团队负责人：", [("吴景文", "lead", "cn", "复旦大学国际问题研究院教授，法学博士")]),
            ("中方成员：", [("韩立群", "member", "cn", "商务部国际贸易经济合作研究院欧亚研究所研究员，经济学博士"),
                         ("陆青禾", "member", "cn", "中国社会科学院俄罗斯东欧中亚研究所研究员"),
                         ("蒋慕白", "member", "cn", "上海外国语大学教授，法学博士"),
                         ("贺云舟", "member", "cn", "复旦大学俄罗斯中亚研究中心副主任，副教授")]),
            ("俄方团队负责人：", [("伊·萨文科夫", "lead", "ru", "俄罗斯国际事务委员会学术主任，历史学副博士"),
                           ("彼·戈洛瓦诺夫", "lead", "ru", "俄罗斯科学院中国与当代亚洲研究所所长，经济学博士")]),
            ("俄方成员：", [("尼·别洛乌索娃", "member", "ru", "莫斯科国立国际关系学院副教授，政治学副博士"),
                         ("德·克雷洛夫", "member", "ru", "俄罗斯科学院中国与当代亚洲研究所高级研究员"),
                         ("叶·索科洛娃", "member", "ru", "俄罗斯国际事务委员会项目协调人")]),
        ]
        prose = ""
        spans = []  # (name, role, team, aff, char offset of the name in the prose)
        for k, (intro, ps) in enumerate(people):
            prose += intro
            for j, (name, role, team, aff) in enumerate(ps):
                spans.append((name, role, team, aff, len(prose)))
                prose += f"{name}，{aff}"
                prose += "；" if j + 1 < len(ps) else "。"
        lines = wrap(prose, WIDTH)
        # map each char offset to a line number
        start_lines = []
        pos = 0
        for l in lines:
            start_lines.append((pos, w.ln(l)))
            pos += len(l)
        for name, role, team, aff, off in spans:
            line = max(no for p, no in start_lines if p <= off)
            self.authors.append({"name": name, "team": team, "role": role, "affiliation": aff, "line": line})
        w.ln("")
        tr = ["祁晓岚", "马若谷", "欧阳澄", "季文涛"]
        no = w.ln("翻译（俄译中）：" + "，".join(tr))
        for t in tr:
            self.authors.append({"name": t, "team": "cn", "role": "translator", "affiliation": None, "line": no})
        no = w.ln("审校：吴景文")
        self.authors.append({"name": "吴景文", "team": "cn", "role": "proofreader", "affiliation": None, "line": no})
        w.ln("")
        w.ln("")
        # TOC (page numbers from the first pass)
        w.ln("目  录")
        w.ln("")
        self.toc = []
        for kind, label, title, level, key in TOC:
            page = self.toc_pages.get(key, 0)
            printed = f"{label} {title}" if label else title
            dots = "." * max(6, 60 - 2 * len(printed))
            no = w.ln(f"{printed} {dots} {page}")
            self.toc.append({"label": label, "title": title, "page": page, "level": level, "line": no})
        w.ln("")
        w.ln("")
        w.start_paging(1)
        w.running = TITLE
        self.body()

    def body(self):
        w = self.w
        self.heading("part", "概要", printed=["概  要"])
        for t in SUMMARY:
            self.para(t, prefix="- ", body=False)  # a bulleted list, not paragraphs
        self.heading("part", "序言", printed=["序  言"])
        for t in PREFACE:
            self.para(t)
        for ci, ch in enumerate(CHAPTERS, 1):
            label = f"第{CN_NUM[ci]}章"
            self.heading("chapter", ch["title"], label=label, number=ci, printed=ch.get("printed"),
                         running=ch["title"])
            for si, sec in enumerate(ch["sections"], 1):
                self.heading("section", sec["title"], label=f"第{CN_NUM[si]}节", number=si, chapter=ci)
                for item in sec["body"]:
                    if isinstance(item, tuple):
                        self.para(item[0], notes=item[1])
                    elif isinstance(item, dict):
                        getattr(self, item["kind"])(item)
                    else:
                        self.para(item)
        self.recommendations(TITLE, RECS)
        self.appendix()
        w.end(lambda w, page, notes: [""] + [f"{n} {t}" for n, t in notes] + ["", str(page)])

    # -- tables and figures
    def table(self, t):
        w = self.w
        cap = w.ln(f"{t['label']} {t['caption']}{t['unit_printed']}")
        header = t["header"]
        repeat = {"on": False}
        for h in header:
            w.ln(h)

        def again():
            repeat["on"] = True

        rows = []
        for r in t["rows"]:
            w.on_break = again
            w.ln("\t".join(c for c in r))
            w.on_break = None
            if repeat["on"]:
                repeat["on"] = False
                if r is not t["rows"][-1]:
                    for h in header:
                        w.ln(h)
            rows.append([{"text": c, "value": v} for c, v in zip(r, t["values"](r))])
        w.ln("")
        if t.get("note"):
            w.ln(t["note_printed"])
            w.ln("")
        self.tables.append({"label": t["label"], "number": t["number"], "caption": t["caption"],
                            "unit": t["unit"], "columns": t["columns"], "rows": rows,
                            "total_rows": [k for k, r in enumerate(t["rows"]) if r[0] in ("合计", "总计")],
                            "source_note": t.get("note"), "line": cap})

    # -- chronology
    def appendix(self):
        w = self.w
        self.heading("part", "附录", running=TITLE)
        ct = "2021 年第二季度至 2022 年第一季度中俄关系大事记"
        w.ln(ct)
        w.ln("")
        self.chron = {"title": ct, "period": {"start": "2021-04-01", "end": "2022-03-31"},
                      "categories": [], "entries": []}
        for cat, layout, entries in CHRONO:
            self.chron["categories"].append({"name": cat, "line": w.ln(cat)})
            w.ln("")
            for e in entries:
                self.entry(cat, layout, e)

    def entry(self, cat, layout, e):
        w = self.w
        text, start, end, prec, title, desc, flags = e
        desc_lines = []
        if layout == "A":  # date line / title line / description lines
            first = w.ln(text) if text else None
            t = w.ln(title)
            first = first or t
            for p in desc:
                desc_lines += wrap(p, WIDTH)
        elif layout == "B":  # "DATE title" then description lines
            first = w.ln(f"{text} {title}" if text else title)
            for p in desc:
                desc_lines += wrap(p, WIDTH)
        else:  # "DATE<TAB>title description" on one line
            first = w.ln(f"{text}\t{title} {desc[0]}")
            last = first
        if layout != "C":
            last = first
            for l in desc_lines:
                last = w.ln(l)
        w.ln("")
        self.chron["entries"].append({
            "category": cat, "line": first, "line_end": last,
            "date": {"text": text, "start": start, "end": end, "precision": prec},
            "title": title, "description": "\n".join(desc), "items": [], "flags": sorted(flags)})

    def finish(self):
        g = self.gold
        g["metadata"] = {"title": TITLE, "date": "2022-09",
                         "institutions": [i for i, _ in self.inst_lines], "authors": self.authors}
        g["toc"] = self.toc
        g["headings"] = self.headings
        g["tables"] = self.tables
        g["figures"] = self.figures
        g["recommendations"] = self.recs
        g["chronology"] = self.chron
        g["paragraphs"] = self.paragraphs
        # read by eval once page furniture and footnotes are scored (ignored before)
        g["footnotes"] = self.w.footnotes
        g["page_breaks"] = self.w.page_breaks()
        return g


# ---------------------------------------------------------------- content

SUMMARY = [
    "《中俄对话》年度报告旨在对中俄关系各领域的进展作出系统分析，并就两国协作的发展方向提出专家建议。本报告涵盖 2021 年第二季度至 2022 年第一季度的中俄关系。",
    "2021 年是《中俄睦邻友好合作条约》签署二十周年。两国元首宣布条约延期，并重申条约确立的不结盟、不对抗、不针对第三方的原则仍然是双边关系的基础。",
    "国际环境的不确定性明显上升。大国竞争加剧，全球供应链受到疫情冲击，欧洲安全局势在 2022 年初急剧恶化，这对中俄协作提出了新的要求。",
    "双边贸易在 2021 年创下历史新高，全年贸易额超过 1400 亿美元。能源、农产品和机电产品贸易增长显著，但口岸通关能力不足和物流瓶颈依然存在。",
    "中俄科技创新年于 2021 年圆满结束，两国在基础研究、卫星导航、月球科研站等领域的合作取得实质进展。人文交流在疫情条件下更多转向线上形式。",
]

PREFACE = [
    "过去一年，中俄关系在复杂多变的国际环境中保持了高水平运行。两国元首通过视频会晤、通话和信函保持密切沟通，为双边关系的发展指明了方向。",
    "本报告由复旦大学国际问题研究院、俄罗斯国际事务委员会和俄罗斯科学院中国与当代亚洲研究所的专家共同撰写。作者们力求以客观、务实的态度分析双边合作的成就与问题，并提出可操作的建议。",
    "需要指出的是，报告的大部分内容完成于 2022 年 2 月之前。此后国际局势的急剧变化对中俄关系产生了深远影响，相关评估将在下一份报告中展开。",
]

CHAPTERS = [
    {"title": "变化中的国际格局与中俄关系", "sections": [
        {"title": "大国竞争加剧背景下的国际秩序", "body": [
            ("当前国际秩序正在经历冷战结束以来最深刻的调整。美国将中国视为主要战略竞争对手，同时继续对俄罗斯施加制裁压力，推动建立以价值观划线的排他性联盟。", [("排他性联盟", "参见：赵明远《大国竞争与国际秩序的转型》，《国际问题研究》2021 年第 5 期，第 12—30 页。")]),
            "在这种背景下，中俄两国都强调联合国在国际事务中的核心作用，反对单边制裁和“长臂管辖”。两国认为，国际秩序的演变应当通过协商而非对抗来实现，任何国家都不应以牺牲他国安全为代价谋求自身安全。",
            "俄罗斯专家认为，世界正在从单极时刻向多中心体系过渡，这一过程将伴随长期的动荡。中国学者则更多强调经济全球化的韧性，认为各国相互依存的格局不会因为地缘政治竞争而根本改变。两种观点并不矛盾，而是从不同角度描述了同一进程。",
            "2021 年 6 月，美俄首脑在日内瓦举行会晤，双方同意启动战略稳定对话。这一接触并未改变美俄关系的总体走向，但表明在军控领域仍存在有限合作的空间。中方对美俄恢复战略稳定对话表示欢迎，同时重申不参加所谓三边军控谈判的立场。",
        ]},
        {"title": "中俄关系的政治基础：条约签署二十周年", "body": [
            ("2021 年 6 月 28 日，两国元首举行视频会晤并发表联合声明，正式宣布《中俄睦邻友好合作条约》延期五年。声明指出，条约确立的原则经受住了国际风云变幻的考验，是中俄关系长期健康稳定发展的法律基础。", [("法律基础", "Совместное заявление Российской Федерации и Китайской Народной Республики к 20-летию Договора о добрососедстве, дружбе и сотрудничестве. М., 28 июня 2021 г.")]),
            "二十年来，两国通过条约彻底解决了历史遗留的边界问题，建立了涵盖政治、经济、安全和人文领域的完整合作机制。元首年度互访、总理定期会晤以及议会、执法安全、战略安全磋商等机制保证了双边关系的连续性和可预期性。",
            "表 1 列出了条约签署以来双边关系主要机制的建立年份。这一机制网络的密度在大国关系中是少见的，它使两国能够在外部压力上升时迅速协调立场，也为地方和企业层面的合作提供了制度保障。",
            {"kind": "table", "label": "表 1", "number": 1, "caption": "中俄主要合作机制的建立", "unit": None,
             "unit_printed": "", "header": ["机制\t建立年份\t级别"], "columns": ["机制", "建立年份", "级别"],
             "rows": [["总理定期会晤", "1996", "政府首脑"], ["战略安全磋商", "2005", "副总理级"],
                      ["投资合作委员会", "2014", "副总理级"], ["远东和贝加尔地区与东北地区政府间合作委员会", "2018", "副总理级"]],
             "values": lambda r: [None, float(r[1]), None], "note": None},
        ]},
    ]},
    {"title": "中俄在全球治理与地区安全问题上的协作", "sections": [
        {"title": "联合国与多边机制中的协调", "body": [
            "在联合国安理会，中俄在叙利亚、朝鲜半岛、伊朗核问题等议题上保持密切协调。两国共同反对未经安理会授权的单边制裁，主张通过政治外交手段解决地区热点问题。",
            ("两国还在二十国集团和金砖国家框架内协调立场，推动国际金融机构改革，提高新兴市场国家的代表性和发言权。金砖国家新开发银行在 2021 年吸收了新成员，其业务范围进一步扩大。", [("进一步扩大", "New Development Bank. Annual Report 2021. Shanghai, 2022. P. 8–11.")]),
            "在气候变化问题上，中俄立场既有共同点也有差异。两国都反对把气候议程政治化，反对以碳边境调节机制为名设置新的贸易壁垒，但在减排路径和时间表上各有安排。",
        ]},
        {"title": "阿富汗局势与中亚安全", "body": [
            "2021 年 8 月美军仓促撤出阿富汗，塔利班重新掌权，中亚安全形势随之发生重大变化。中俄两国在阿富汗问题上保持了高度一致，主张阿富汗建立开放包容的政治架构，防止恐怖主义和毒品从阿富汗向周边扩散。",
            "两国通过“中美俄+”磋商机制、阿富汗邻国外长会议和上海合作组织等平台协调行动。俄罗斯专家认为，中亚国家的边境安全能力有限，集体安全条约组织与上海合作组织之间应加强信息交流，避免职能重叠。",
            "中方则强调，阿富汗的长治久安离不开经济重建，国际社会应当向阿富汗提供人道主义援助，并解冻其海外资产。两国的观点相互补充，为地区安全合作提供了较为完整的思路。",
        ]},
        {"title": "上海合作组织成立二十周年", "body": [
            "2021 年 9 月，上海合作组织杜尚别峰会启动接收伊朗为正式成员国的程序，并接纳埃及、卡塔尔和沙特阿拉伯为对话伙伴。组织的扩大增强了它的国际影响力，也对内部协调提出了更高要求。",
            "中俄两国作为上海合作组织的创始成员国，在组织的发展方向上存在广泛共识。双方认为，安全合作仍然是上海合作组织的核心，同时应当推动经贸、互联互通和人文领域的务实合作，使组织更好地惠及成员国人民。",
        ]},
    ]},
    {"title": "中俄经贸合作：在疫情与外部限制条件下", "sections": [
        {"title": "双边贸易动态", "body": [
            "2021 年中俄贸易额达到 1468.7 亿美元，同比增长 35.9%，创历史新高。其中中国对俄出口 675.7 亿美元，自俄进口 793.0 亿美元。能源产品占中国自俄进口的七成以上，机电产品和汽车则是中国对俄出口增长最快的类别。",
            "表 2 列出了 2021 年各月的进出口数据。从月度数据看，贸易额在下半年持续走高，12 月单月超过 140 亿美元。能源价格上涨是贸易额增长的主要原因，但贸易量本身也有明显增加。",
            {"kind": "table", "label": "表 2", "number": 2, "caption": "2021 年中俄货物贸易月度数据", "unit": "亿美元",
             "unit_printed": "（单位：亿美元）", "header": ["月份\t中国出口\t中国进口\t同比（%）"],
             "columns": ["月份", "中国出口", "中国进口", "同比（%）"],
             "rows": [["1—2 月", "86,9", "103,6", "+30,7"], ["3 月", "48,1", "59,2", "+25,3"],
                      ["4 月", "47,3", "60,8", "+21,9"], ["5 月", "50,2", "61,4", "+31,2"],
                      ["6 月", "53,8", "64,1", "+37,5"], ["7 月", "55,6", "63,9", "+34,4"],
                      ["8 月", "58,4", "66,2", "+33,1"], ["9 月", "62,0", "68,7", "+42,6"],
                      ["10 月", "60,3", "71,9", "+46,3"], ["11 月", "72,5", "74,3", "+56,0"],
                      ["12 月", "80,6", "78,9", "+31,8"], ["合计", "675,7", "793,0", "+35,9"]],
             "values": lambda r: [None] + [float(c.replace(",", ".")) for c in r[1:]],
             "note": "根据中华人民共和国海关总署月度统计数据整理。",
             "note_printed": "(信息来源) 根据中华人民共和国海关总署月度统计数据整理。"},
            "值得注意的是，中俄贸易的本币结算比例继续上升。2021 年双边贸易中以人民币和卢布结算的份额合计接近四分之一，两国央行的本币互换协议为企业提供了流动性支持。",
        ]},
        {"title": "口岸与跨境物流", "body": [
            "疫情防控措施使陆路口岸的通关能力受到严重制约。满洲里、绥芬河等口岸多次临时关闭，大量货车在边境排队等候。与此同时，同江—下列宁斯阔耶铁路桥于 2021 年底开通运营，黑河—布拉戈维申斯克公路桥也于 2022 年 6 月通车，口岸基础设施有所改善。",
            "表 3 列出了 2020—2021 年经由主要陆路口岸的货运量。可以看到，铁路口岸的运量保持增长，而公路口岸的运量受疫情影响出现下降，这说明运输方式的调整是应对疫情冲击的重要手段。",
            {"kind": "table", "label": "表 3", "number": 3, "caption": "2020—2021 年中俄主要陆路口岸货运量", "unit": "万吨",
             "unit_printed": "（万吨）", "header": ["口岸\t2020 年\t2021 年", "\t进口\t出口\t进口\t出口"],
             "columns": ["口岸", "2020 年进口", "2020 年出口", "2021 年进口", "2021 年出口"],
             "rows": [["满洲里", "1 520,4", "380,2", "1 611,0", "402,7"], ["绥芬河", "842,1", "95,6", "870,3", "88,4"],
                      ["黑河", "35,2", "12,9", "31,7", "—"], ["同江", "—", "—", "156,8", "40,1"],
                      ["合计", "2 397,7", "488,7", "2 669,8", "531,2"]],
             "values": lambda r: [None] + [None if c == "—" else float(c.replace(" ", "").replace(",", ".")) for c in r[1:]],
             "note": "根据中国海关总署和俄罗斯联邦海关署数据整理。",
             "note_printed": "（信息来源）根据中国海关总署和俄罗斯联邦海关署数据整理。"},
            "中欧班列过境俄罗斯的运量在 2021 年继续增长，全年开行超过一万五千列。俄方专家指出，跨西伯利亚铁路的运力接近饱和，需要加快贝阿铁路的现代化改造，才能承接更多的过境货物。",
        ]},
        {"title": "能源合作", "body": [
            ("能源合作是中俄经贸关系的压舱石。“西伯利亚力量”天然气管道 2021 年对华输气量达到 104 亿立方米，超过合同约定的年度计划。双方还就经蒙古国的“西伯利亚力量 2 号”管道开展了可行性研究。", [("可行性研究", "Газпром. Годовой отчет ПАО «Газпром» за 2021 год. М., 2022. С. 45.")]),
            "图 1 展示了 2017—2021 年俄罗斯对华原油出口的变化。除 2020 年受价格下跌影响略有波动外，出口量总体保持在每年 7000 万吨以上。",
            {"kind": "figure", "label": "图 1", "number": 1, "caption": "2017—2021 年俄罗斯对华原油出口量", "unit": "百万吨",
             "art": ["80", "60", "40", "20", "0", "2017  2018  2019  2020  2021"],
             "note": "中国海关总署统计数据。"},
            "核能合作同样取得进展。2021 年 5 月，两国元首以视频方式共同见证田湾核电站和徐大堡核电站四台机组开工，这是迄今为止两国规模最大的核能合作项目。",
        ]},
    ]},
    {"title": "中俄科技与创新合作", "sections": [
        {"title": "科技创新年的成果", "body": [
            "2020—2021 年中俄科技创新年期间，两国共举办了一千多项活动，涉及基础研究、人工智能、生物技术、新材料等领域。双方在国际月球科研站项目上签署了合作谅解备忘录，并向国际伙伴开放。",
            "俄罗斯科学院与中国科学院之间的合作从传统的联合实验室扩展到大科学装置的共同使用。俄方专家建议，应当简化科研人员的签证和设备通关手续，以便项目顺利实施。",
        ]},
        {"title": "数字经济与信息安全", "body": [
            "在数字经济领域，中国企业的智能手机和通信设备在俄罗斯市场占有重要份额，跨境电子商务也保持了较快增长。两国在信息安全问题上立场接近，共同推动在联合国框架内制定负责任国家行为规范。",
            "与此同时，外部限制措施对两国的技术合作构成挑战。部分中国企业出于对次级制裁的担忧，在对俄合作中趋于谨慎，这一问题在 2022 年以后更加突出。",
        ]},
    ]},
    {"title": "中俄人文合作", "sections": [
        {"title": "教育合作", "body": [
            "截至 2021 年底，在华学习的俄罗斯留学生约一万五千人，在俄学习的中国留学生超过五万人。深圳北理莫斯科大学等合作办学项目发展良好，在线教育在疫情期间发挥了重要作用。",
            "两国高校之间的联合科研和学分互认仍有较大发展空间。专家建议扩大政府奖学金名额，并为学生返校提供便利。",
        ]},
        {"title": "媒体与公共外交", "body": [
            "中俄媒体合作以 2020—2021 年科技创新年为契机，联合制作了多部纪录片和专题节目。两国主要媒体在报道国际事务时相互引用的频率有所提高。",
            ("公共舆论调查显示，两国民众对双边关系的评价总体积极，但对对方国家社会生活的了解仍较为有限。加强地方交流、旅游和青年交往，是增进相互了解的有效途径。", [("有效途径", "Левада-Центр. Отношение к другим странам. Пресс-выпуск, 2021.")]),
        ]},
    ]},
    {"title": "中俄在北极、远东及东北地区合作的新机遇",
     "printed": ["第六章 中俄在北极、远东及东北地区", "合作的新机遇"],
     "sections": [
        {"title": "北极航道与能源项目", "body": [
            "北方海航道的货运量在 2021 年达到 3485 万吨，中国企业参与的亚马尔液化天然气项目运行稳定，北极液化天然气 2 号项目的建设也在推进之中。中方希望更多参与北极航道的开发利用，俄方则强调航道管理应遵守俄罗斯国内法律。",
        ]},
        {"title": "远东开发与东北振兴的对接", "body": [
            "俄罗斯远东超前发展区和符拉迪沃斯托克自由港吸引了一批中国投资项目，但规模仍然有限。投资者反映的主要问题包括劳动力短缺、基础设施不足和行政审批周期较长。",
            "中国东北地区与俄罗斯远东在农业、林业和旅游方面具有明显的互补性。专家建议两国地方政府建立更加灵活的协调机制，并利用新开通的跨境桥梁发展边境经济合作区。",
        ]},
    ]},
]

RECS = [
    ("在国际和地区问题上加强战略协作", [
        ["中俄应继续在联合国安理会和其他多边平台上协调立场，维护以联合国为核心的国际体系，反对单边制裁和集团对抗。",
         "双方应当定期举行外交部门和智库之间的磋商，就国际形势的重大变化交换评估，及早发现分歧并加以管控。"],
        ["在阿富汗问题上，两国应通过上海合作组织和阿富汗邻国外长会议等机制协调行动，支持阿富汗的人道主义重建，防止安全风险外溢到中亚。"],
        ["中俄应加强在军控和战略稳定问题上的沟通，共同维护外空和网络空间的和平利用，推动在联合国框架内制定相关国际规则。"],
    ]),
    ("经贸和投资合作", [
        ["提高口岸通关能力，加快推进口岸基础设施的现代化改造，推广电子通关和“绿色通道”，在疫情条件下保障货物运输的稳定。",
         "双方应当建立口岸运行信息的共享机制，及时通报临时关闭和恢复通关的安排，减少货车在边境的滞留。"],
        ["扩大本币结算，完善两国支付系统之间的对接，为企业规避汇率风险和外部限制提供金融工具。"],
        ["在能源领域，应在保持油气合作稳定的同时，拓展氢能、可再生能源和节能技术方面的合作。"],
        ["鼓励中国企业投资俄罗斯远东和北极地区的项目，俄方应进一步改善营商环境，简化审批程序。"],
    ]),
    ("科技与数字合作", [
        ["巩固科技创新年的成果，设立长期的联合研究计划，重点支持人工智能、新材料和生物医药领域的合作项目。"],
        ["简化科研人员往来签证和科研设备的通关手续，为大科学装置的共同使用创造条件。"],
    ]),
    ("人文交流", [
        ["扩大政府奖学金名额，推动高校之间的学分互认和联合培养，在疫情条件下为留学生返校提供便利。"],
        ["支持两国媒体合作制作反映对方国家社会生活的节目，扩大青年、地方和智库之间的交流。",
         "应当重视新媒体平台的作用，鼓励两国博主和网络创作者开展合作，让更多年轻人了解对方国家。"],
    ]),
]


# (text, start, end, precision, title, [description paragraphs], flags)
CHRONO = [
    ("政治对话", "A", [
        ("2021 年 4 月 13 日", d(2021, 4, 13), d(2021, 4, 13), "day", "中俄外长在桂林举行会谈",
         ["双方就中俄关系和共同关心的国际和地区问题交换意见，一致认为应当加强在联合国等多边机制中的协调。"], []),
        ("2021 年 5 月 19 日", d(2021, 5, 19), d(2021, 5, 19), "day", "两国元首视频见证核能合作项目开工",
         ["田湾核电站 7、8 号机组和徐大堡核电站 3、4 号机组同时开工建设。"], []),
        ("2021 年 6 月 28 日", d(2021, 6, 28), d(2021, 6, 28), "day", "两国元首举行视频会晤并发表联合声明",
         ["双方宣布《中俄睦邻友好合作条约》延期五年，并就条约签署二十周年发表联合声明。声明强调，中俄关系不是冷战时期的军事政治同盟，而是超越这种国家关系模式的新型关系。"], []),
        (None, None, None, None, "中俄议会合作委员会第七次会议以视频方式举行",
         ["双方表示将加强立法机构在疫情防控、经贸和人文领域的交流。"], ["date_missing"]),
        ("2021 年 9 月 28 日—10 月 2 日", d(2021, 9, 28), d(2021, 10, 2), "day", "俄罗斯联邦委员会代表团访华",
         ["代表团与全国人大有关委员会举行会谈，讨论两国议会在应对外部干涉方面的合作。"], []),
        ("2021 年 12 月 15 日", d(2021, 12, 15), d(2021, 12, 15), "day", "两国元首举行年内第二次视频会晤",
         ["双方讨论了欧洲安全局势、北京冬奥会以及双边务实合作等问题，强调要继续相互坚定支持。"], []),
        ("2022 年 2 月 4 日", d(2022, 2, 4), d(2022, 2, 4), "day", "俄罗斯总统访华并出席北京冬奥会开幕式",
         ["两国发表关于新时代国际关系和全球可持续发展的联合声明，并签署涉及能源、体育、海关等领域的十余份合作文件。"], []),
    ]),
    ("经贸合作", "B", [
        ("2021 年 4 月 21 日", d(2021, 4, 21), d(2021, 4, 21), "day", "中俄投资合作委员会秘书处举行工作会议",
         ["会议审议了委员会项目清单的执行情况，清单中的项目总额超过一千亿美元。"], []),
        ("2021 年 6 月 3 日", d(2021, 6, 3), d(2021, 6, 3), "day", "圣彼得堡国际经济论坛开幕",
         ["中国企业代表以线上和线下相结合的方式参加论坛，双方签署多项能源和基础设施合作协议。"], []),
        ("2012 年 6 月 28 日", d(2021, 6, 28), d(2021, 6, 28), "day", "中俄首条跨境铁路桥完成全部施工",
         ["同江—下列宁斯阔耶铁路桥俄方段工程完工，为年底开通运营做好准备。"], ["date_corrected", "out_of_period"]),
        ("2021 年 7 月 12 日", d(2021, 7, 12), d(2021, 7, 12), "day", "中俄博览会筹备工作会议以视频方式举行",
         ["双方商定第七届中俄博览会推迟至 2022 年举办。"], []),
        ("2021 年 7 月 28 日", d(2021, 7, 28), d(2021, 7, 28), "day", "两国海关签署农产品检验检疫合作备忘录",
         ["备忘录为俄罗斯大豆、油菜籽和禽肉对华出口提供便利。"], []),
        ("2021 年 7 月", d(2021, 7, 1), d(2021, 7, 31), "month", "中俄双边贸易额连续五个月同比增长超过三成",
         ["能源产品价格上涨和机电产品出口增加是主要原因。"], []),
        ("2021 年 9 月 3 日", d(2021, 9, 3), d(2021, 9, 3), "day", "东方经济论坛在符拉迪沃斯托克举行",
         ["中国副总理以视频方式出席论坛全会并致辞，表示中方愿与俄方深化远东地区合作。"], []),
        ("2021 年 11 月 25 日", d(2021, 11, 25), d(2021, 11, 25), "day", "同江—下列宁斯阔耶铁路桥正式开通货运",
         ["首批货物为俄罗斯出口的铁矿石，年设计过货能力为 2100 万吨。"], []),
        ("2021 年 11 月 31 日", d(2021, 11, 1), d(2021, 11, 30), "month", "中俄总理第二十六次定期会晤举行",
         ["会晤以视频方式进行，双方签署了能源、农业、科技等领域的合作文件。"], ["date_garbled"]),
        ("2021 年 12 月 2 日", d(2021, 12, 2), d(2021, 12, 2), "day", "中俄能源商务论坛以视频方式举行",
         ["双方企业就天然气、石油化工和可再生能源项目交换意见，并签署多项合作协议。"], []),
        ("2022 年 2 月 4 日", d(2022, 2, 4), d(2022, 2, 4), "day", "两国签署远东天然气供应协议",
         ["根据协议，俄方将通过远东线路每年向中国供应 100 亿立方米天然气。"], []),
    ]),
    ("科技合作", "C", [
        ("2021年4月22日", d(2021, 4, 22), d(2021, 4, 22), "day", "中俄月球科研站合作路线图在南京发布",
         ["双方邀请感兴趣的国家和国际组织参与项目。"], []),
        ("2021年6月16日", d(2021, 6, 16), d(2021, 6, 16), "day", "两国航天机构发布国际月球科研站指南",
         ["指南介绍了科研站的建设阶段、合作方式和伙伴权益。"], []),
        ("2021年10月14日", d(2021, 10, 14), d(2021, 10, 14), "day", "中俄科技创新年闭幕式在莫斯科和北京同时举行",
         ["两国科技部门宣布将建立长期的联合研究基金，首期资助期限延长至 ２０２４ 年。"], []),
        ("2021年11月19日", d(2021, 11, 19), d(2021, 11, 19), "day", "中俄工程院士论坛以视频方式举行",
         ["与会者讨论了能源转型、先进制造和人工智能领域的合作前景。"], []),
    ]),
    ("人文合作", "A", [
        ("2021 年 5 月 24 日", d(2021, 5, 24), d(2021, 5, 24), "day", "中俄大学校长论坛以视频方式举行",
         ["两国一百多所高校的负责人参加论坛，讨论疫情条件下的联合办学和学生交流。"], []),
        ("2021 年 9 月 10 日", d(2021, 9, 10), d(2021, 9, 10), "day", "中俄媒体论坛在线举行",
         ["两国主要媒体机构签署了联合制作纪录片和交换新闻内容的合作协议。"], []),
        ("2021 年 9 月 15 日", d(2021, 9, 15), d(2021, 9, 15), "day", "中俄文化节在哈尔滨开幕",
         ["文化节期间举办了音乐会、电影展映和图书展等活动，吸引了大量观众参加。"], []),
        ("2021 年 9 月 2 日", d(2021, 9, 2), d(2021, 9, 2), "day", "俄罗斯中文教学大会在莫斯科召开",
         ["与会者指出，俄罗斯已有近两百所中小学开设中文课程，中文被纳入国家统一考试科目。"], ["out_of_order"]),
        ("2021 年 9 月 20 日", d(2021, 9, 20), d(2021, 9, 20), "day", "中俄青年友好交流年活动计划发布",
         ["双方计划在 2022 年至 2023 年举办青年论坛、夏令营和创业大赛等活动。"], []),
        ("2022 年 3 月 1 日", d(2022, 3, 1), d(2022, 3, 1), "day", "中俄教育合作分委会举行会议",
         ["双方决定继续扩大互派留学生规模，并研究为留学生返校提供便利的具体办法。"], []),
    ]),
]

TOC = []  # filled below: (kind, label, title, level, key)


def _toc():
    TOC.append(("part", None, "概要", 1, ("part", None, None, "概要")))
    TOC.append(("part", None, "序言", 1, ("part", None, None, "序言")))
    for ci, ch in enumerate(CHAPTERS, 1):
        TOC.append(("chapter", f"第{CN_NUM[ci]}章", ch["title"], 1, ("chapter", None, ci, ch["title"])))
        for si, sec in enumerate(ch["sections"], 1):
            TOC.append(("section", f"第{CN_NUM[si]}节", sec["title"], 2, ("section", ci, si, sec["title"])))
    TOC.append(("part", None, "建议", 1, ("part", None, None, "建议")))
    TOC.append(("part", None, "附录：2021 年第二季度至 2022 年第一季度中俄关系大事记", 1, ("part", None, None, "附录")))


_toc()


def main():
    generate(Doc, ROOT, STEM)


if __name__ == "__main__":
    main()
