"""Writes tests/corpus/heldout-2018.zh.txt and its gold tests/gold/heldout-2018.zh.gold.json.

A held-out-style *older* Chinese edition (the 2016-2019 editions, see ../shared/editions.md) as
`pdftotext` prints it with form feeds: a cover "word cloud" with another RIAC report's title
interleaved, a title page whose line starts with a form feed and has the spelling of the running
header, the Far Eastern institute, authors line per person with degrees and a `（负责人）` marker
after the name (two Russian leads), Roman-numbered front-matter pages (i-iv), a TOC with dot
leaders split by a page break, running headers that alternate between the report title (even
pages) and the chapter heading with its label (odd pages), page numbers `- N -` in the chapters
and `第 N 页` in the recommendations, appendix pages that print only a running header (no page
number, no form feed), superscript footnote markers with Russian/English references (wrapped
over two lines), a period stated in the summary and wrapped over two lines (the chronology title
names none), and a chronology with a non-leap 29 February, a year typo, a month-only entry and an
inversion. All text is invented for the test (team members are fictional).
Run: python3 tests/gold/tools/make_heldout_2018.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from heldout_lib import DocBase, Writer, date_iso as d, generate, line_of, wrap  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
STEM = "heldout-2018.zh"
TITLE = "中俄对话：2018模式"  # the gold title (spacing variants print differently)
RUNNING = "中俄对话：2018模式"  # running header of the even pages in the chapters
APP_RUNNING = "中 俄 对 话 ： 2018 模 式"  # running header of the appendix pages
WIDTH = 36
PAGE_LENGTHS = [27, 30, 25, 31, 32, 26, 28, 31, 24, 30, 27, 29]

CN_NUM = "零一二三四五六七八九十"
SUP = dict(enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹"))


def furniture(w, page, notes):
    """Footnotes, the footer of the ending page and the header of the next one, by part."""
    out = []
    if notes:
        out.append("")
        for num, text in notes:
            out += wrap_words(f"{SUP[num]} {text}", 2 * WIDTH)
    if w.mode == "appendix":
        # appendix pages: a running header only, no page number, no form feed
        return out + ["", APP_RUNNING, ""]
    footer = f"- {page} -" if w.mode == "chapters" else f"第 {page} 页"
    header = RUNNING if (page + 1) % 2 == 0 else w.running
    return out + ["", footer, "\f" + header, ""]


def wrap_words(text, width):
    """Wrap a Latin or Cyrillic reference at spaces, at most `width` characters a line."""
    lines, cur = [], ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return lines + [cur]


class PagedWriter(Writer):
    """The shared writer, with footnotes that may wrap over lines and a last page without a
    footer (the appendix prints none)."""

    def _record_notes(self, first, notes):
        for num, text in notes:
            head = f"{SUP[num]} "
            line = next(k for k in range(first, len(self.out) + 1) if self.out[k - 1].startswith(head))
            self.footnotes.append({"number": num, "text": text, "line": line,
                                   "marker_line": self.marker_lines.get(num)})

    def page_breaks(self):
        """Every page end: its first furniture line (page number, running header; not footnotes,
        not blank lines) and the page that ends there; the Roman-numbered front-matter pages have
        page null (they are not numbered in the body's sequence)."""
        notes = set()  # every line of every footnote (a note runs until the next note or blank line)
        for f in self.footnotes:
            k = f["line"]
            while self.out[k - 1].strip():
                notes.add(k)
                k += 1
        out = [{"line": line, "page": None} for line in self.roman_lines]
        for page, first, last in self.breaks:
            line = next(k for k in range(first, last + 1)
                        if self.out[k - 1].replace("\f", "").strip() and k not in notes)
            out.append({"line": line, "page": page})
        return out


class Doc(DocBase):
    def __init__(self, toc_pages):
        self.w = PagedWriter(PAGE_LENGTHS, furniture)
        self.w.mode = "chapters"
        self.w.roman_lines = []
        self.w.number_text = lambda p: f"- {p} -"
        self.toc_pages = toc_pages
        self.pages = {}
        self.gold = {"gold_version": 1, "source": f"tests/corpus/{STEM}.txt"}
        self.headings = []
        self.tables = []
        self.figures = []
        self.recs = []
        self.paragraphs = []
        self.fn = 0

    # -- helpers
    def para(self, text, notes=(), prefix="", lines=None, body=True):
        """A paragraph wrapped at the printed width (or printed as `lines`); `notes` =
        [(marker, text)] for footnotes whose marker (the next superscript number) follows the
        substring `marker` of `text`."""
        marks = []
        for marker, note in notes:
            self.fn += 1
            text = text.replace(marker, f"{marker}{SUP[self.fn]}", 1)
            marks.append((f"{marker}{SUP[self.fn]}", self.fn, note))
        full = prefix + text
        lines = lines or wrap(full, WIDTH)
        assert "".join(lines).replace(" ", "") == full.replace(" ", ""), (lines, full)
        at = {num: line_of(full, lines, full.index(mk) + len(mk) - 1) for mk, num, _ in marks}
        first = None
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

    def roman(self, numeral):
        """The end of a front-matter page: its Roman page number; the next line starts a page."""
        self.w.ln("")
        self.w.roman_lines.append(self.w.ln(numeral))

    # -- the front matter
    def build(self):
        w = self.w
        # the cover art as pdftotext prints it: a word cloud, with the title of another RIAC
        # report (on Russia-Iran relations) interleaved with the edition's own title
        for l in ["RUSSIAN INTERNATIONAL AFFAIRS COUNCIL", "",
                  "Summer SChoolS  xpert CommentarieS  WorKing paperS  ReportS",
                  "RUSSIAN-CHINESE DIALOGUE:",
                  "-IRAN PARTNERSHIP: AN OVERVIEW AND",
                  "THE 2018 MODEL",
                  "PROSPECTS FOR THE FUTURE",
                  "ДИАЛОГ  CHINA  rUSSIA  中俄 对话  Iran  партнёрство",
                  "Российско-иранское партнёрство: анализ и перспективы",
                  "Доклад № 39 / 2018",
                  "中俄对话 2018 模式",
                  "www.russiancouncil.ru", ""]:
            w.ln(l)
        self.title_line = w.ln("\f中俄对话 : 2018 模式")
        w.ln("")
        self.inst_lines = []
        for inst in ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院远东研究所"]:
            self.inst_lines.append((inst, w.ln(inst)))
        w.ln("")
        w.ln("2018 年 6 月")
        w.ln("")
        w.ln("\f作者名单")
        w.ln("")
        self.authors = []
        for head, people in [
            ("中方作者：", [("冯启明", "lead", "cn", "复旦大学国际问题研究院教授，法学博士"),
                         ("韩立群", None, "cn", "商务部国际贸易经济合作研究院研究员，经济学博士"),
                         ("陆青禾", None, "cn", "中国社会科学院俄罗斯东欧中亚研究所研究员"),
                         ("蒋慕白", None, "cn", "上海外国语大学俄罗斯研究中心副教授，历史学博士")]),
            ("俄方作者：", [("谢·罗曼诺夫", "lead", "ru", "历史学博士，教授，俄罗斯科学院远东研究所副所长"),
                         ("安·别列津", "lead", "ru", "历史学副博士，俄罗斯国际事务委员会学术主任"),
                         ("尼·别洛乌索娃", None, "ru", "政治学副博士，莫斯科国立国际关系学院副教授"),
                         ("德·克雷洛夫", None, "ru", "经济学博士，俄罗斯科学院远东研究所首席研究员")]),
        ]:
            w.ln(head)
            for name, lead, team, aff in people:
                marker = "（负责人）" if lead else ""
                no = w.ln(f"{name}{marker}，{aff}")
                self.authors.append({"name": name, "team": team, "role": "lead" if lead else "member",
                                     "affiliation": aff, "line": no})
            w.ln("")
        tr = ["祁晓岚", "马若谷"]
        no = w.ln("翻译：" + "、".join(tr))
        for t in tr:
            self.authors.append({"name": t, "team": "cn", "role": "translator", "affiliation": None, "line": no})
        no = w.ln("审校：冯启明")
        self.authors.append({"name": "冯启明", "team": "cn", "role": "proofreader", "affiliation": None, "line": no})
        self.roman("i")
        w.ln("\f说  明")
        w.ln("")
        for t in NOTICE:
            for l in wrap(t, WIDTH):
                w.ln(l)
            w.ln("")
        self.roman("ii")
        w.ln("\f目  录")
        w.ln("")
        self.toc = []
        for k, (kind, label, title, level, key) in enumerate(TOC):
            page = self.toc_pages.get(key, 0)
            printed = f"{label} {title}" if label else {"概要": "概  要", "序言": "序  言", "建议": "建  议"}.get(title, title)
            dots = "…" * max(4, 24 - len(printed))
            line = f"{printed} {dots} {page}"
            if k == TOC_PAGE_SPLIT:
                self.roman("iii")
                line = "\f" + line  # the next TOC page starts with a form feed glued to its line
            no = w.ln(line)
            self.toc.append({"label": label, "title": title, "page": page, "level": level, "line": no})
        self.roman("iv")
        w.start_paging(1)
        w.running = RUNNING
        self.body()

    def body(self):
        w = self.w
        self.heading("part", "概要", printed=["\f概  要"])
        for t in SUMMARY:
            if isinstance(t, list):
                self.para("".join(t), lines=t)
            else:
                self.para(t)
        self.heading("part", "序言", printed=["序  言"])
        for t in PREFACE:
            self.para(t)
        for ci, ch in enumerate(CHAPTERS, 1):
            label = f"第{CN_NUM[ci]}章"
            self.heading("chapter", ch["title"], label=label, number=ci, running=f"{label}  {ch['title']}")
            for si, sec in enumerate(ch["sections"], 1):
                self.heading("section", sec["title"], label=f"第{CN_NUM[si]}节", number=si, chapter=ci)
                for item in sec["body"]:
                    if isinstance(item, tuple):
                        self.para(item[0], notes=item[1])
                    elif isinstance(item, dict):
                        getattr(self, item["kind"])(item)
                    else:
                        self.para(item)
        w.mode = "recommendations"
        self.recommendations()
        w.mode = "appendix"
        self.appendix()
        # the last appendix page prints no footer: nothing after the text

    # -- tables
    def table(self, t):
        w = self.w
        cap = w.ln(f"{t['label']} {t['caption']}（{t['unit']}）")
        w.ln("\t".join(t["columns"]))
        rows = []
        for r in t["rows"]:
            w.ln("\t".join(r))
            rows.append([{"text": c, "value": v} for c, v in zip(r, t["values"](r))])
        w.ln("")
        w.ln("资料来源：" + t["note"])
        w.ln("")
        self.tables.append({"label": t["label"], "number": t["number"], "caption": t["caption"],
                            "unit": t["unit"], "columns": t["columns"], "rows": rows, "total_rows": [],
                            "source_note": t["note"], "line": cap})

    # -- recommendations
    def recommendations(self):
        w = self.w
        self.heading("part", "建议", printed=["建  议"], running=RUNNING)
        n = 0
        for group, items in RECS:
            w.ln(group)
            w.ln("")
            for paras in items:
                n += 1
                first = self.para(paras[0], prefix=f"{n}. ", body=False)
                for p in paras[1:]:
                    self.para(p, body=False)
                self.recs.append({"number": n, "group": group, "text": "\n".join(paras), "line": first})

    # -- chronology
    def appendix(self):
        w = self.w
        self.heading("part", "附录", running=RUNNING)
        ct = "中俄关系大事记"
        w.ln(ct)
        w.ln("")
        self.chron = {"title": ct, "period": {"start": "2017-01-01", "end": "2018-03-31"},
                      "categories": [], "entries": []}
        for cat, entries in CHRONO:
            self.chron["categories"].append({"name": cat, "line": w.ln(cat)})
            w.ln("")
            for e in entries:
                self.entry(cat, e)

    def entry(self, cat, e):
        """Date line, title line, description lines (the layout of the older editions)."""
        w = self.w
        text, start, end, prec, title, desc, flags = e
        first = w.ln(text)
        w.ln(title)
        last = None
        for p in desc:
            for l in wrap(p, WIDTH):
                last = w.ln(l)
        w.ln("")
        self.chron["entries"].append({
            "category": cat, "line": first, "line_end": last,
            "date": {"text": text, "start": start, "end": end, "precision": prec},
            "title": title, "description": "\n".join(desc), "items": [], "flags": sorted(flags)})

    def finish(self):
        g = self.gold
        g["metadata"] = {"title": TITLE, "date": "2018-06",
                         "institutions": [i for i, _ in self.inst_lines], "authors": self.authors}
        g["toc"] = self.toc
        g["headings"] = self.headings
        g["tables"] = self.tables
        g["figures"] = self.figures
        g["recommendations"] = self.recs
        g["chronology"] = self.chron
        g["paragraphs"] = self.paragraphs
        g["footnotes"] = self.w.footnotes
        g["page_breaks"] = self.w.page_breaks()
        return g


# ---------------------------------------------------------------- content

NOTICE = [
    "《中俄对话》年度报告由复旦大学国际问题研究院、俄罗斯国际事务委员会和俄罗斯科学院远东研究所联合编写，自 2015 年起每年以中文、俄文和英文出版。",
    "本报告是该系列的第四份报告。报告中的观点仅代表作者个人立场，不代表作者所在机构的观点。",
]

SUMMARY = [
    # the period stated here wraps over two lines, inside its second date ("2018 年 3" / "月…")
    "本报告是《中俄对话》系列的第四份年度报告，分析 2017 年 1 月至 2018 年 3 月中俄关系的发展，评估两国在全球、地区和双边层面合作的成果与问题，并提出政策建议。",
    "这一时期，中俄全面战略协作伙伴关系继续保持高水平运行。两国元首多次会晤，双方在联合国、二十国集团、金砖国家和上海合作组织等多边平台上的协调更加密切。",
    "双边贸易在经历了 2015—2016 年的下滑之后恢复增长。2017 年中俄贸易额达到 840.7 亿美元，同比增长 20.8%。能源、农业和跨境电子商务成为新的增长点。",
]

PREFACE = [
    "2017 年是中俄睦邻友好合作条约签署十六周年。两国在这一年里就欧亚经济联盟与“一带一路”建设对接合作进行了大量的协商，取得了一些具体成果。",
    "本报告的作者来自中俄两国的研究机构和高校。报告的各章由中俄作者分别撰写，经双方共同讨论后定稿，部分章节保留了双方不同的看法。",
]

CHAPTERS = [
    {"title": "全球秩序的演变与中俄关系", "sections": [
        {"title": "大国关系的新变化", "body": [
            "2017 年初美国新政府上台后，美国的对外政策出现了较大的不确定性。美国退出跨太平洋伙伴关系协定和应对气候变化的《巴黎协定》，对多边贸易体制和全球治理提出了质疑。",
            ("俄罗斯学者认为，美俄关系在 2017 年没有出现许多人预期的改善，反而因为新的制裁法案而进一步恶化。俄罗斯与西方关系的长期对抗已成定局。", [("进一步恶化", "Лукин А. В. Россия и Китай в новой международной обстановке // Международная жизнь. 2017. № 9. С. 21–35.")]),
            "中国学者更加关注中美关系的走向。他们指出，美国在 2017 年底发布的《国家安全战略》把中国和俄罗斯定义为“修正主义国家”和战略竞争对手，这将对中俄两国的对外环境产生长期影响。",
            "两国专家都认为，中俄关系不是针对第三国的同盟，但两国在维护联合国的核心地位、反对单边主义和干涉别国内政方面有着共同的利益。",
        ]},
        {"title": "朝鲜半岛与中东问题", "body": [
            "2017 年朝鲜半岛局势高度紧张。中俄两国外交部于 2017 年 7 月 4 日发表联合声明，提出以“双暂停”和“双轨并进”为基础的半岛问题解决路线图。",
            ("在叙利亚问题上，俄罗斯的军事行动改变了战场局势。阿斯塔纳和谈机制的建立为政治解决叙利亚问题创造了新的条件，中国对此表示支持。", [("新的条件", "Naumkin V. Russia and the Middle East after the Syrian Campaign. Moscow: RIAC, 2018. P. 14-19.")]),
            "专家们认为，中俄在中东的合作还有很大的空间，双方可以在反恐、难民问题和战后重建方面加强协调。",
        ]},
    ]},
    {"title": "中俄经贸合作", "sections": [
        {"title": "贸易的恢复与增长", "body": [
            "2017 年中俄贸易额恢复增长，扭转了前两年下滑的局面。增长的主要原因是国际能源价格的回升和两国间农产品、机电产品贸易的扩大。",
            "下表列出了 2014—2017 年中俄贸易的基本数据。可以看出，贸易额在 2015 年大幅下降后，用两年时间基本恢复到了 2014 年的水平。",
            {"kind": "table", "label": "表 1", "number": 1, "caption": "2014—2017 年中俄贸易额", "unit": "亿美元",
             "columns": ["年份", "贸易额", "中国出口", "中国进口"],
             "rows": [["2014", "952.8", "536.8", "416.0"], ["2015", "680.2", "348.1", "332.1"],
                      ["2016", "695.3", "373.4", "322.0"], ["2017", "840.7", "428.8", "411.9"]],
             "values": lambda r: [float(c) for c in r],
             "note": "中华人民共和国海关总署。"},
            ("俄罗斯专家指出，中国已连续八年成为俄罗斯的第一大贸易伙伴，但俄罗斯在中国对外贸易中的比重仍然只有百分之二左右，两国经济联系的规模与政治关系的水平还不相称。", [("百分之二左右", "Гельбрас В. Г. Российско-китайские экономические отношения: итоги и перспективы // Проблемы Дальнего Востока. 2018. № 1. С. 44–57.")]),
        ]},
        {"title": "投资与金融合作", "body": [
            "两国的相互投资规模不大，但结构在改善。中俄投资合作委员会确定的重点项目清单涉及能源、矿产、农业、基础设施和制造业等领域，部分项目已经开始实施。",
            "金融合作方面，2017 年 3 月中国工商银行莫斯科分行开始作为人民币清算行运行。两国央行签署的本币互换协议续签，规模为 1500 亿元人民币。",
            "专家建议，双方应当进一步简化投资审批程序，改善投资环境，并为中小企业参与双边合作提供更多的金融支持。",
        ]},
    ]},
    {"title": "人文合作与地方合作", "sections": [
        {"title": "教育、科技与媒体", "body": [
            "中俄媒体交流年于 2016—2017 年举办，两国媒体合作项目超过两百个。双方联合制作了多部纪录片和电视节目，扩大了两国民众相互了解的渠道。",
            "两国的留学生人数继续增长。在俄罗斯学习的中国留学生已超过两万五千人，在中国学习的俄罗斯留学生约一万五千人。中俄联合大学的建设也取得了进展。",
        ]},
        {"title": "地方合作与旅游", "body": [
            "中国东北地区与俄罗斯远东地区的合作是两国地方合作的重点。2017 年，两国确定了远东地区合作的重点项目，涉及农业、林业、港口和物流等领域。",
            "旅游业成为人文合作中发展最快的领域之一。2017 年中国公民赴俄旅游人数超过一百五十万人次，中国成为俄罗斯最大的入境旅游客源国。",
            "专家们认为，地方合作的潜力还远未发挥出来。制约因素包括基础设施不足、口岸通关效率不高以及地方政府之间缺乏稳定的协调机制。",
        ]},
    ]},
]

RECS = [
    ("国际和地区问题", [
        ["在联合国安理会和二十国集团框架内加强协调，共同维护多边贸易体制，反对单边制裁和贸易保护主义。"],
        ["继续推动朝鲜半岛问题的政治解决，落实两国外交部联合声明提出的路线图，防止半岛局势失控。",
         "两国应当与其他有关国家保持密切沟通，为重启六方会谈创造条件。"],
        ["在叙利亚战后重建和中东地区安全问题上开展协调，支持阿斯塔纳和谈机制。"],
    ]),
    ("经贸和人文合作", [
        ["推动欧亚经济联盟与“一带一路”建设对接合作的具体项目，尽快完成经贸合作协定的谈判。"],
        ["扩大本币结算，发展两国金融机构之间的合作，为企业提供更加便利的融资和结算服务。",
         "两国监管部门应当加强沟通，为金融机构在对方国家开展业务提供便利。"],
        ["改善口岸基础设施，简化通关程序，促进远东地区与中国东北地区的地方合作和旅游合作。"],
    ]),
]


# (date text, start, end, precision, title, [description paragraphs], flags)
CHRONO = [
    ("政治与安全合作", [
        ("2017 年 1 月 17 日", d(2017, 1, 17), d(2017, 1, 17), "day", "中俄外交部举行东北亚安全问题磋商",
         ["双方就朝鲜半岛局势和美国在韩国部署“萨德”反导系统问题交换了意见。"], []),
        ("2017 年 2 月 29 日", d(2017, 2, 1), d(2017, 2, 28), "month", "中俄战略安全磋商在北京举行",
         ["双方就全球战略稳定和地区热点问题进行了深入的讨论。"], ["date_garbled"]),
        ("2017 年 3 月 21 日", d(2017, 3, 21), d(2017, 3, 21), "day", "俄罗斯联邦安全会议秘书访华",
         ["双方讨论了两国在执法安全领域的合作。"], []),
        ("2017 年 5 月 14—15 日", d(2017, 5, 14), d(2017, 5, 15), "day", "俄罗斯总统出席“一带一路”国际合作高峰论坛",
         ["俄罗斯总统在开幕式上发表讲话，表示支持欧亚经济联盟与“一带一路”建设对接。"], []),
        ("2017 年 5 月 20 日", d(2017, 5, 20), d(2017, 5, 20), "day", "中俄议会合作委员会第三次会议在莫斯科举行",
         ["双方讨论了立法机构在促进双边合作中的作用。"], []),
        ("2017 年 4 月 2 日", d(2017, 4, 2), d(2017, 4, 2), "day", "中俄外长在阿斯塔纳举行会谈",
         ["双方讨论了上海合作组织阿斯塔纳峰会的筹备工作。"], ["out_of_order"]),
        ("2017 年 6 月 8—9 日", d(2017, 6, 8), d(2017, 6, 9), "day", "上海合作组织阿斯塔纳峰会举行",
         ["峰会决定接收印度和巴基斯坦为成员国。两国元首在峰会期间举行会晤。"], []),
        ("2017 年 7 月 3—4 日", d(2017, 7, 3), d(2017, 7, 4), "day", "中国国家主席对俄罗斯进行国事访问",
         ["两国元首签署了关于进一步深化全面战略协作伙伴关系的联合声明，两国外交部发表了关于朝鲜半岛问题的联合声明。",
          "访问期间，双方还签署了涉及经贸、能源、投资和人文等领域的多项合作文件。"], []),
        ("2017 年 7 月", d(2017, 7, 1), d(2017, 7, 31), "month", "中俄“海上联合—2017”军事演习第一阶段在波罗的海举行",
         ["这是两国海军首次在波罗的海举行联合演习。"], []),
        ("2007 年 9 月 3 日", d(2017, 9, 3), d(2017, 9, 3), "day", "金砖国家领导人第九次会晤在厦门举行",
         ["俄罗斯总统出席会晤，并与中国国家主席举行双边会见。"], ["date_corrected", "out_of_period"]),
        ("2017 年 11 月 10—11 日", d(2017, 11, 10), d(2017, 11, 11), "day", "亚太经合组织领导人非正式会议在岘港举行",
         ["两国元首在会议期间举行了会晤。"], []),
    ]),
    ("经贸与人文合作", [
        ("2017 年 3 月 28 日", d(2017, 3, 28), d(2017, 3, 28), "day", "中国工商银行莫斯科分行人民币清算行启动",
         ["这是俄罗斯境内的第一家人民币清算行。"], []),
        ("2017 年 6 月", d(2017, 6, 1), d(2017, 6, 30), "month", "中俄博览会在叶卡捷琳堡举行",
         ["两国企业签署了多项合作协议。"], []),
        ("2017 年 9 月 6—7 日", d(2017, 9, 6), d(2017, 9, 7), "day", "第三届东方经济论坛在符拉迪沃斯托克举行",
         ["中国国务院副总理出席论坛并讲话。"], []),
        ("2017 年 10 月 31 日—11 月 1 日", d(2017, 10, 31), d(2017, 11, 1), "day", "中俄总理第二十二次定期会晤在北京举行",
         ["双方签署了涉及投资、能源、农业、航天和人文等领域的合作文件。", "会晤期间双方确定了 2018—2019 年中俄地方合作交流年的工作计划。"], []),
        ("2017 年 12 月 8 日", d(2017, 12, 8), d(2017, 12, 8), "day", "亚马尔液化天然气项目第一条生产线投产",
         ["中国企业参与了项目的投资、建设和运输。"], []),
        ("2018 年 1 月 1 日", d(2018, 1, 1), d(2018, 1, 1), "day", "漠河—大庆原油管道复线投入商业运营",
         ["俄罗斯经中俄原油管道对华出口能力提高到每年三千万吨。"], []),
        ("2018 年 2 月 9 日", d(2018, 2, 9), d(2018, 2, 9), "day", "中俄地方合作交流年在莫斯科开幕",
         ["两国领导人互致贺信。"], []),
        ("2018 年 3 月", d(2018, 3, 1), d(2018, 3, 31), "month", "中俄跨境电子商务合作论坛在哈尔滨举行",
         ["与会者讨论了跨境物流和支付便利化问题。"], []),
    ]),
]


TOC = []  # (kind, label, title, level, key)
TOC_PAGE_SPLIT = 0  # index of the first TOC entry printed on the second TOC page


def _toc():
    global TOC_PAGE_SPLIT
    TOC.append(("part", None, "概要", 1, ("part", None, None, "概要")))
    TOC.append(("part", None, "序言", 1, ("part", None, None, "序言")))
    for ci, ch in enumerate(CHAPTERS, 1):
        if ci == 3:
            TOC_PAGE_SPLIT = len(TOC)
        TOC.append(("chapter", f"第{CN_NUM[ci]}章", ch["title"], 1, ("chapter", None, ci, ch["title"])))
        for si, sec in enumerate(ch["sections"], 1):
            TOC.append(("section", f"第{CN_NUM[si]}节", sec["title"], 2, ("section", ci, si, sec["title"])))
    TOC.append(("part", None, "建议", 1, ("part", None, None, "建议")))
    TOC.append(("part", None, "附录：中俄关系大事记", 1, ("part", None, None, "附录")))


_toc()


def main():
    generate(Doc, ROOT, STEM)


if __name__ == "__main__":
    main()
