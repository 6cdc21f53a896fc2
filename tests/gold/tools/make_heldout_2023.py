"""Writes tests/corpus/heldout-2023.zh.txt and its gold tests/gold/heldout-2023.zh.gold.json.

A held-out-style 2023 Chinese edition as `pdftotext` (no -layout) prints it, with form feeds kept:
a short cover, the renamed institute, line-per-person authors (Russian names on a line of their
own, affiliation on the next), `译者：` / `校对：` credit lines, a TOC without leaders, `第 N 页`
footers and running headers, superscript footnote markers (¹ ²), tables with a header wrapped over
two lines (units under the columns), a unit on its own line, number styles (`1,070.6`, `−95.1`,
full-width digits, `暂无数据`), recommendations, and a chronology for 2022Q2-2023Q1 with a
numbered sub-list, `月` printed for `日`, a cross-year range and a lost date. All text is invented
for the test (team members are fictional). Run: python3 tests/gold/tools/make_heldout_2023.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from heldout_lib import DocBase, Writer, date_iso as d, generate, line_of, wrap  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
STEM = "heldout-2023.zh"
TITLE = "中俄对话：2023模式"
WIDTH = 36
PAGE_LENGTHS = [39, 43, 37, 41, 45, 36, 40, 38, 44, 42, 35, 40]

CN_NUM = "零一二三四五六七八九十"


def furniture(w, page, notes):
    out = []
    if notes:
        out.append("")
        for num, text in notes:
            out.append(f"{SUP[num]} {text}")
    out += ["", f"第 {page} 页", "\f" + (TITLE if (page + 1) % 2 == 0 else w.running), ""]
    return out


SUP = dict(enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹"))


class Doc(DocBase):
    def __init__(self, toc_pages):
        self.w = Writer(PAGE_LENGTHS, furniture)
        self.w.number_text = lambda p: f"第 {p} 页"
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
            text = text.replace(marker, f"{marker}{SUP[self.fn]}", 1)
            marks.append((f"{marker}{SUP[self.fn]}", self.fn, note))
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
        # a short cover: publisher, the Russian title, the report's own title further down
        for l in ["РОССИЙСКИЙ СОВЕТ ПО МЕЖДУНАРОДНЫМ ДЕЛАМ", "Доклад № 87 / 2023",
                  "Российско-китайский диалог: модель 2023", "RIAC · FUDAN · ИКСА РАН", "\f"]:
            w.ln(l)
        self.title_line = w.ln("《" + TITLE + "》")
        w.ln("")
        self.inst_lines = []
        for inst in ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院中国与当代亚洲研究所"]:
            self.inst_lines.append((inst, w.ln(inst)))
        w.ln("")
        w.ln("2023 年 6 月")
        w.ln("")
        w.ln("\f作者简介")
        w.ln("")
        self.authors = []
        for head, people, two_lines in [
            ("中方团队负责人：", [("冯启明", "lead", "cn", "复旦大学国际问题研究院教授")], False),
            ("中方成员：", [("韩立群", "member", "cn", "商务部国际贸易经济合作研究院研究员，经济学博士"),
                         ("陆青禾", "member", "cn", "中国社会科学院俄罗斯东欧中亚研究所研究员"),
                         ("沈若川", "member", "cn", "中国社会科学院俄罗斯东欧中亚研究所副研究员，法学博士")], False),
            ("俄方团队负责人：", [("阿·巴巴耶娃", "lead", "ru", "俄罗斯科学院中国与当代亚洲研究所所长，经济学博士"),
                           ("伊·萨文科夫", "lead", "ru", "俄罗斯国际事务委员会学术主任，历史学副博士")], True),
            ("俄方成员：", [("德·克雷洛夫", "member", "ru", "俄罗斯科学院中国与当代亚洲研究所高级研究员"),
                         ("叶·索科洛娃", "member", "ru", "俄罗斯国际事务委员会项目协调人"),
                         ("米·沃龙佐夫", "member", "ru", "莫斯科高等经济学校东方学院副教授，政治学副博士")], True),
        ]:
            w.ln(head)
            for name, role, team, aff in people:
                if two_lines:
                    no = w.ln(name)
                    w.ln(aff)
                else:
                    no = w.ln(f"{name} {aff}")
                self.authors.append({"name": name, "team": team, "role": role, "affiliation": aff, "line": no})
            w.ln("")
        tr = ["祁晓岚", "马若谷", "欧阳澄"]
        no = w.ln("译者：" + "、".join(tr))
        for t in tr:
            self.authors.append({"name": t, "team": "cn", "role": "translator", "affiliation": None, "line": no})
        no = w.ln("校对：冯启明")
        self.authors.append({"name": "冯启明", "team": "cn", "role": "proofreader", "affiliation": None, "line": no})
        w.ln("\f目录")
        w.ln("")
        self.toc = []
        for kind, label, title, level, key in TOC:
            page = self.toc_pages.get(key, 0)
            printed = f"{label} {title}" if label else title
            no = w.ln(f"{printed} {page}")
            self.toc.append({"label": label, "title": title, "page": page, "level": level, "line": no})
        w.ln("\f")
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
        w.end(lambda w, page, notes: [""] + [f"{SUP[n]} {t}" for n, t in notes] + ["", f"第 {page} 页"])

    # -- tables and figures
    def table(self, t):
        w = self.w
        cap = w.ln(f"{t['label']} {t['caption']}{t['unit_printed']}")
        if t.get("unit_line"):
            w.ln(t["unit_line"])
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
        ct = "2022 年第二季度至 2023 年第一季度中俄关系大事记"
        w.ln(ct)
        w.ln("")
        self.chron = {"title": ct, "period": {"start": "2022-04-01", "end": "2023-03-31"},
                      "categories": [], "entries": []}
        for cat, layout, entries in CHRONO:
            self.chron["categories"].append({"name": cat, "line": w.ln(cat)})
            w.ln("")
            for e in entries:
                self.entry(cat, layout, e)

    def entry(self, cat, layout, e):
        w = self.w
        text, start, end, prec, title, desc, flags = e[:7]
        items = e[7] if len(e) > 7 else []
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
            for k, it in enumerate(items, 1):
                for l in wrap(f"{k}. {it}", WIDTH):
                    last = w.ln(l)
        w.ln("")
        self.chron["entries"].append({
            "category": cat, "line": first, "line_end": last,
            "date": {"text": text, "start": start, "end": end, "precision": prec},
            "title": title, "description": "\n".join(desc),
            "items": [{"number": k, "text": it} for k, it in enumerate(items, 1)], "flags": sorted(flags)})

    def finish(self):
        g = self.gold
        g["metadata"] = {"title": TITLE, "date": "2023-06",
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
    "本报告是《中俄对话》系列的第九份年度报告，分析 2022 年第二季度至 2023 年第一季度的中俄关系，并就两国在全球、地区和双边层面的合作提出建议。",
    "这一时期国际局势发生了冷战结束以来最剧烈的变化。乌克兰危机使俄罗斯与西方的关系全面破裂，中美战略竞争也在加剧。在这种背景下，中俄关系保持了稳定发展的势头。",
    "双边贸易额在 2022 年达到 1902.7 亿美元，同比增长 29.3%。能源贸易的增长最为显著，但金融结算、物流和技术合作面临新的限制。",
    "中俄在欧亚、拉丁美洲和非洲的协作具有不同的特点。两国在这些地区的利益总体上相互补充，但也需要加强沟通，避免误解。",
]

PREFACE = [
    "俄罗斯科学院远东研究所于 2022 年 7 月更名为中国与当代亚洲研究所。本报告是该所以新名称参与撰写的第一份《中俄对话》报告。",
    "由于国际局势的急剧变化，本报告的写作比往年更加困难。作者们力求在有限的时间内对双边关系作出客观的评估，报告中的观点仅代表作者个人。",
]

CHAPTERS = [
    {"title": "变化中的世界秩序与中俄关系", "sections": [
        {"title": "国际体系的转型", "body": [
            ("俄罗斯学者认为，当前的国际体系正处于从西方主导向多中心格局转变的关键阶段，这一转变不可能在短期内完成，并将伴随着严重的冲突和危机。", [("严重的冲突和危机", "Караганов С. А. От не-Запада к Мировому большинству // Россия в глобальной политике. 2022. № 5.")]),
            "中国学者更多地关注全球经济治理的变化。他们指出，西方国家对俄罗斯实施的大规模金融制裁，动摇了国际社会对现有国际金融体系中立性的信任，促使更多国家寻求多元化的结算和储备安排。",
            "2022 年下半年，美国先后出台针对中国半导体产业的出口管制措施，欧盟也开始讨论对华“去风险”问题。中国学者认为，这些措施表明西方正在把经济相互依存变成地缘政治竞争的工具。",
            "两国专家都认为，联合国的核心地位必须得到维护。中俄反对以“基于规则的秩序”取代以国际法为基础的国际秩序，主张国际规则应当由各国共同制定。",
        ]},
        {"title": "乌克兰危机背景下的中俄关系", "body": [
            "乌克兰危机爆发后，中国坚持客观公正的立场，呼吁各方保持克制，通过对话谈判解决危机。2023 年 2 月 24 日，中国外交部发布《关于政治解决乌克兰危机的中国立场》文件，提出十二点主张。",
            ("俄方对中方的立场总体上表示理解。俄罗斯专家指出，中国没有参加西方的对俄制裁，保持了与俄罗斯正常的经贸往来，这对俄罗斯经济适应新的外部条件具有重要意义。", [("具有重要意义", "Лузянин С. Г. Россия и Китай в условиях украинского кризиса // Проблемы Дальнего Востока. 2022. № 6. С. 5–18.")]),
            "与此同时，部分中国企业出于对次级制裁的担忧，暂停或减少了在俄罗斯的业务。这一现象在金融、汽车和电子行业尤为明显，成为双边经贸合作中的新问题。",
        ]},
    ]},
    {"title": "中俄在欧亚的合作", "sections": [
        {"title": "上海合作组织撒马尔罕峰会", "body": [
            "2022 年 9 月 15—16 日，上海合作组织成员国元首理事会第二十二次会议在撒马尔罕举行。峰会签署了关于伊朗加入上海合作组织义务的备忘录，并启动了接收白俄罗斯的程序。",
            "峰会期间，中俄两国元首举行了会晤。这是乌克兰危机爆发后两国元首的首次面对面会晤，双方表示将继续在涉及彼此核心利益的问题上相互坚定支持。",
        ]},
        {"title": "中亚与南高加索", "body": [
            "中亚国家在乌克兰危机中采取了谨慎的立场，既不支持对俄制裁，也不承认俄罗斯对乌克兰领土的主张。它们希望在大国之间保持平衡，扩大对外合作的选择。",
            "俄罗斯专家认为，中国在中亚经济影响力的上升是客观趋势，俄罗斯应当与中国协调，共同维护地区的稳定。中国学者则强调，中国在中亚没有地缘政治意图，中国的合作对所有国家开放。",
            "2022 年 10 月，俄罗斯—中亚峰会在阿斯塔纳首次举行；2023 年 5 月，首届中国—中亚峰会在西安举行。这两个机制的出现说明，中亚国家正在积极经营与主要伙伴的关系。",
            "在南高加索，中俄的利益交集相对有限。俄罗斯在亚美尼亚和阿塞拜疆之间的调停作用受到挑战，中国则主要关注“中间走廊”的运输潜力。",
        ]},
    ]},
    {"title": "中俄在拉丁美洲和非洲", "sections": [
        {"title": "拉丁美洲", "body": [
            "拉丁美洲国家大多没有参加对俄制裁。巴西、阿根廷和墨西哥等国与中国的经贸联系日益密切，中国已成为南美洲多数国家的最大贸易伙伴。",
            "2023 年 1 月，巴西新政府就职。巴西总统表示将恢复积极的外交政策，重视金砖国家的作用，并愿意在乌克兰问题上发挥调解作用。中俄两国都欢迎巴西的这一立场。",
            "俄罗斯在拉美的存在主要体现在能源、军事技术和粮食化肥供应方面。专家认为，中俄可以在金砖国家框架内与巴西加强协调，共同推动国际金融体系改革。",
        ]},
        {"title": "非洲", "body": [
            ("非洲是中俄两国对外合作中日益重要的方向。中国在非洲的基础设施投资规模巨大，俄罗斯则在安全合作和粮食供应方面具有传统优势。", [("传统优势", "Фитуни Л. Л. Россия и Африка: перспективы сотрудничества. М.: ИАфр РАН, 2022. С. 31–47.")]),
            "2023 年 3 月，第三届俄罗斯—非洲议会会议在莫斯科举行，俄方宣布免除非洲国家部分债务。中国则在 2022 年 11 月宣布免除 17 个非洲国家 23 笔无息贷款。",
            "2022 年乌克兰危机引发的粮食价格上涨对非洲国家造成了严重冲击。中俄两国都表示愿意帮助非洲国家保障粮食安全，但具体合作方式仍有待探讨。",
        ]},
    ]},
    {"title": "双边经贸合作的成就与困难", "sections": [
        {"title": "贸易的增长", "body": [
            "2022 年中俄贸易额达到创纪录的水平。中国自俄进口大幅增长，主要原因是能源价格上涨和俄罗斯能源出口向亚洲转移。中国对俄出口增长较慢，全年仅增长 12.8%。",
            "下表列出了 2018—2022 年的中俄贸易数据。2020 年受疫情影响，贸易额出现了小幅下降。",
            {"kind": "table", "label": "表 1", "number": 1, "caption": "2018—2022 年中俄贸易额", "unit": None,
             "unit_printed": "", "header": ["年份\t贸易额\t中国出口\t中国进口\t增速", "\t(百万美元)\t(百万美元)\t(百万美元)\t(%)"],
             "columns": ["年份", "贸易额(百万美元)", "中国出口(百万美元)", "中国进口(百万美元)", "增速(%)"],
             "rows": [["2018", "107,060.6", "47,975.2", "59,085.4", "24.0"],
                      ["2019", "110,757.1", "49,743.4", "61,013.7", "3.4"],
                      ["2020", "107,765.0", "50,585.3", "57,179.7", "−2.7"],
                      ["2021", "146,887.0", "67,565.0", "79,322.0", "36.3"],
                      ["2022", "190,271.0", "76,122.0", "114,149.0", "29.5"]],
             "values": lambda r: [float(c.replace(",", "").replace("−", "-")) for c in r],
             "note": "中华人民共和国海关总署。", "note_printed": "（信息来源）中华人民共和国海关总署。"},
            "2023 年第一季度，双边贸易继续保持高速增长，同比增长 38.7%。汽车和机械设备的对俄出口增长尤为迅速，中国品牌汽车在俄罗斯市场的份额迅速扩大。",
        ]},
        {"title": "能源合作", "body": [
            "能源是中俄经贸合作中最重要的领域。2022 年俄罗斯对华原油出口达到 8625 万吨，俄罗斯成为中国第二大原油供应国。管道天然气和液化天然气的出口也有明显增长。",
            {"kind": "table", "label": "表 2", "number": 2, "caption": "2021—2022 年俄罗斯对华主要能源产品出口", "unit": "万吨",
             "unit_printed": "", "unit_line": "单位：万吨", "header": ["产品\t2021 年\t2022 年\t变化"],
             "columns": ["产品", "2021 年", "2022 年", "变化"],
             "rows": [["原油", "7 964", "8 625", "+8.3%"], ["液化天然气", "４５０", "６５０", "+44.4%"],
                      ["煤炭", "5 700", "6 800", "+19.3%"], ["石油产品", "420", "暂无数据", "-"]],
             "values": lambda r: [None] + [None if c in ("暂无数据", "-") else float(c.replace(" ", "").replace("%", "").translate({ord(ch): ord("0") + k for k, ch in enumerate("０１２３４５６７８９")})) for c in r[1:]],
             "note": "中国海关总署；俄罗斯联邦能源部。", "note_printed": "（信息来源）中国海关总署；俄罗斯联邦能源部。"},
            "“西伯利亚力量 2 号”天然气管道的谈判取得了一定进展，但在价格和融资问题上双方尚未达成最终协议。俄方希望尽快签署合同，中方则表示需要综合考虑能源需求和供应多元化。",
        ]},
        {"title": "金融与物流", "body": [
            "俄罗斯被排除在环球银行金融电信协会系统之外后，中俄贸易结算更多地转向本币。2023 年初，人民币在俄罗斯外汇市场的交易量首次超过美元。",
            "2022 年 9 月，俄罗斯天然气工业股份公司与中国石油天然气集团公司同意将天然气供应的结算货币转为卢布和人民币。此后，越来越多的大宗商品合同开始使用本币计价。",
            "物流方面，西方港口和航运公司对俄业务的限制，使中俄贸易更加依赖铁路和远东港口。跨境铁路运输能力的不足成为制约贸易增长的瓶颈，两国正在研究新建铁路口岸和扩建现有口岸的方案。",
        ]},
    ]},
    {"title": "人文和科技合作", "sections": [
        {"title": "教育与文化", "body": [
            "2022 年 12 月，中国调整疫情防控政策，中俄之间的人员往来限制逐步取消。俄罗斯旅游业界对中国游客的回归抱有很高期待，开始恢复面向中国市场的旅游产品。",
            "疫情防控措施的调整为人员往来的恢复创造了条件。2023 年初，中俄之间的航班数量逐步增加，留学生陆续返校。",
            "2022 年，两国在线上举办了多场文化活动，包括电影周、音乐节和图书展。疫情期间形成的线上交流形式得到了保留，成为传统交流方式的有益补充。",
            "两国在高等教育领域的合作继续深化。中俄联合大学和合作办学项目的招生规模有所扩大，俄罗斯高校对中文教学的需求持续增长。",
        ]},
        {"title": "科技合作", "body": [
            "西方的技术限制促使俄罗斯更加重视与中国的科技合作。双方在航天、核能、信息技术等领域的合作项目继续推进，但部分中国企业对敏感技术领域的合作保持谨慎。",
            "2023 年 3 月，两国签署了关于加强基础研究合作的协定，确定了数学、物理、生命科学等优先领域。俄方专家认为，基础研究合作受外部限制的影响较小，应当成为科技合作的重点。",
            "专家建议，两国应当建立更加稳定的科技合作机制，支持中小企业和科研机构之间的直接合作，并为科研人员的往来提供便利。",
        ]},
    ]},
]

RECS = [
    ("全球和地区问题", [
        ["维护以联合国为核心的国际体系，反对单边制裁，在联合国安理会、二十国集团和金砖国家等平台上加强协调。"],
        ["在上海合作组织框架内推动安全和经济合作，做好新成员国的接收工作，提高组织的决策效率。",
         "中俄应当与中亚国家一道，加强对阿富汗局势的监测，防止恐怖主义和毒品向地区扩散。"],
        ["在拉丁美洲和非洲开展协调，共同帮助发展中国家应对粮食和能源安全挑战。"],
    ]),
    ("经贸合作", [
        ["扩大本币结算，建立稳定的跨境支付渠道，降低企业在结算中遇到的风险和成本。"],
        ["加快跨境铁路口岸的建设和现代化改造，发展北方海航道和远东港口的运输能力。"],
        ["在能源领域签署长期合同，推进“西伯利亚力量 2 号”天然气管道等重大项目的谈判。",
         "双方也应当在可再生能源和低碳技术领域开展合作，为能源合作的长期发展做好准备。"],
    ]),
    ("人文和科技合作", [
        ["恢复和扩大人员往来，增加航班数量，为留学生、游客和商务人员提供签证便利。"],
        ["建立稳定的科技合作机制，支持科研机构和中小企业之间的直接合作。"],
        ["巩固疫情期间形成的线上交流形式，把线上活动与线下活动结合起来，扩大文化交流的覆盖面。",
         "两国智库应当定期举行联合研讨，就双边关系和国际形势中的重大问题交换看法，为决策提供参考。"],
    ]),
]


# (text, start, end, precision, title, [description paragraphs], flags[, items])
CHRONO = [
    ("政治对话", "A", [
        ("2022 年 5 月 14 日", d(2022, 5, 14), d(2022, 5, 14), "day", "中俄外长通电话",
         ["双方就乌克兰局势和双边关系交换意见。"], []),
        ("2022 年 6 月 15 日", d(2022, 6, 15), d(2022, 6, 15), "day", "两国元首通电话",
         ["双方表示将继续在涉及主权、安全等核心利益问题上相互支持，加强在联合国、金砖国家和上海合作组织等多边平台上的协调。"], []),
        ("2022 年 7 月 8 月", d(2022, 7, 8), d(2022, 7, 8), "day", "中俄外长在巴厘岛二十国集团外长会议期间会晤",
         ["双方讨论了二十国集团的议程和全球粮食安全问题。"], ["date_corrected", "month_for_day"]),
        ("2022 年 7 月 12 日", d(2022, 7, 12), d(2022, 7, 12), "day", "中俄战略安全磋商以视频方式举行",
         ["双方就国际和地区安全形势交换了意见。"], []),
        ("2022 年 9 月 15 日", d(2022, 9, 15), d(2022, 9, 15), "day", "两国元首在撒马尔罕会晤",
         ["这是两国元首在乌克兰危机爆发后的首次面对面会晤。"], []),
        ("2022 年 12 月 30 日—2023 年 1 月 2 日", d(2022, 12, 30), d(2023, 1, 2), "day", "两国元首互致新年贺电并举行视频会晤",
         ["双方回顾了一年来双边关系的发展，并就新一年的合作作出规划。"], []),
        ("2023 年 3 月 20—22 日", d(2023, 3, 20), d(2023, 3, 22), "day", "中国国家主席对俄罗斯进行国事访问",
         ["访问期间签署的主要文件如下："], [],
         ["《中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明》",
          "《中华人民共和国主席和俄罗斯联邦总统关于 2030 年前中俄经济合作重点方向发展规划的联合声明》",
          "《中俄两国政府关于加强基础研究合作的协定》"]),
    ]),
    ("经贸合作", "B", [
        ("2022 年 4 月 28 日", d(2022, 4, 28), d(2022, 4, 28), "day", "中俄投资合作委员会召开工作会议",
         ["会议讨论了在新的外部条件下保障投资项目实施的措施。"], []),
        ("2022 年 6 月 10 日", d(2022, 6, 10), d(2022, 6, 10), "day", "黑河—布拉戈维申斯克公路桥开通",
         ["这是中俄之间第一座跨黑龙江的公路桥，设计年过货能力为 300 万吨。"], []),
        (None, None, None, None, "中俄博览会以线上方式举办",
         ["两国企业在线上展示了农业、机械和消费品等领域的产品。"], ["date_missing"]),
        ("2022 年 9 月 7 日", d(2022, 9, 7), d(2022, 9, 7), "day", "第七届东方经济论坛在符拉迪沃斯托克举行",
         ["中国全国人大常委会委员长出席论坛全会。"], []),
        ("2022 年 10 月 12—14 日", d(2022, 10, 12), d(2022, 10, 14), "day", "俄罗斯能源周在莫斯科举行",
         ["中国能源企业代表参加了论坛，双方讨论了油气贸易和能源基础设施合作。", "俄罗斯副总理在论坛上表示，俄罗斯将继续扩大对亚洲的能源出口。"], []),
        ("2022 年 11 月 30 日", d(2022, 11, 30), d(2022, 11, 30), "day", "中俄总理第二十七次定期会晤以视频方式举行",
         ["双方讨论了贸易、能源和交通物流领域的合作。"], []),
        ("2023 年 2 月", d(2023, 2, 1), d(2023, 2, 28), "month", "人民币在俄罗斯外汇市场的月交易量首次超过美元",
         ["俄罗斯企业和个人对人民币资产的需求明显增加。"], []),
    ]),
    ("人文与科技合作", "C", [
        ("2022年6月2日", d(2022, 6, 2), d(2022, 6, 2), "day", "中俄大学校长论坛以视频方式举行",
         ["两国高校签署了十余项合作协议。"], []),
        ("2022年8月24日", d(2022, 8, 24), d(2022, 8, 24), "day", "中俄航空运输协定延长至 ２０２３ 年底",
         ["两国民航部门同意逐步恢复定期航班。"], []),
        ("2022年11月18日", d(2022, 11, 18), d(2022, 11, 18), "day", "中俄媒体论坛在莫斯科举行",
         ["双方讨论了在新形势下加强媒体合作、抵制虚假信息的问题。"], []),
        ("2022年12月21日", d(2022, 12, 21), d(2022, 12, 21), "day", "中俄工程院士联合研讨会在哈尔滨举行",
         ["与会者讨论了北极开发和寒区工程技术的合作。"], []),
        ("2023年1月25日", d(2023, 1, 25), d(2023, 1, 25), "day", "莫斯科举办中国春节庆祝活动",
         ["活动吸引了数十万莫斯科市民参加。"], []),
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
    TOC.append(("part", None, "附录：2022 年第二季度至 2023 年第一季度中俄关系大事记", 1, ("part", None, None, "附录")))


_toc()


def main():
    generate(Doc, ROOT, STEM)


if __name__ == "__main__":
    main()
