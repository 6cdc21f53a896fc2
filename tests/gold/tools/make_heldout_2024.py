"""Writes tests/corpus/heldout-2024.zh.txt and its gold tests/gold/heldout-2024.zh.gold.json.

A shorter held-out-style 2024 Chinese edition as `pdftotext -layout` prints it: indented lines,
centred headings and page numbers (`- 12 -`), running headers with spaced characters, form feeds
at page starts, a space-aligned table, line-per-person authors with two Chinese leads, credit lines
separated by spaces, recommendations, NO chronology appendix but many body paragraphs that start
with a date. All text is invented for the test (team members are fictional).
Run: python3 tests/gold/tools/make_heldout_2024.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from heldout_lib import DocBase, Writer, generate, line_of, wrap  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
STEM = "heldout-2024.zh"
TITLE = "中俄对话：2024 模式"
HEADER = "中 俄 对 话 ： 2024 模式"
WIDTH = 28
M = " " * 10  # left margin
PAGE_LENGTHS = [40, 37, 43, 39, 36, 42, 38, 44, 41, 35]
CN_NUM = "零一二三四五六七八九十"


def centre(text, width=72):
    pad = max(0, (width - int(sum(0.5 if c.isascii() else 1 for c in text) * 2)) // 2)
    return " " * pad + text


def furniture(w, page, notes):
    out = [""] * (2 + page % 3)  # -layout keeps the vertical gap above the footer
    if notes:
        out.append(M + "—" * 10)
        for num, text in notes:
            out.append(f"{M}{num} {text}")
    out += ["", centre(f"- {page} -"), "\f" + centre(HEADER if page % 2 else w.running, 96), ""]
    return out


class Doc(DocBase):
    def __init__(self, toc_pages):
        self.w = Writer(PAGE_LENGTHS, furniture)
        self.w.number_text = lambda p: f"- {p} -"
        self.toc_pages = toc_pages
        self.pages = {}
        self.headings, self.tables, self.recs, self.authors = [], [], [], []
        self.paragraphs = []  # body paragraphs (recommendations are not)
        self.fn = 0

    def para(self, text, notes=(), first_prefix="", body=True):
        marks = []
        for marker, note in notes:
            self.fn += 1
            text = text.replace(marker, f"{marker}{self.fn}", 1)
            marks.append((f"{marker}{self.fn}", self.fn, note))
        first = None
        full = first_prefix + text
        lines = wrap(full, WIDTH)
        at = {num: line_of(full, lines, full.index(mk) + len(mk) - 1) for mk, num, _ in marks}
        for k, line in enumerate(lines):
            for mk, num, note in marks:  # before ln: the line may end the page
                if at[num] == k:
                    self.w.note(num, note)
            no = self.w.ln((M + "    " if k == 0 and not first_prefix else M) + line)
            first = first or no
        self.w.ln("")
        if body:
            self.paragraphs.append({"line": first, "text": text})
        return first

    def heading(self, kind, title, label=None, number=None, chapter=None, printed=None, running=None):
        no = self.w.ln(centre(printed or (f"{label}  {title}" if label else title)))
        self.pages[(kind, chapter, number, title)] = self.w.last_page
        self.headings.append({"kind": kind, "chapter": chapter if kind == "section" else None,
                              "number": number, "label": label, "title": title, "line": no})
        if running is not None:
            self.w.running = running
        self.w.ln("")
        if kind != "section":
            self.w.ln("")

    def build(self):
        w = self.w
        for l in ["", "", M + "RUSSIAN INTERNATIONAL AFFAIRS COUNCIL", "",
                  M + "     Российско-китайский диалог: модель 2024", "", "", ""]:
            w.ln(l)
        self.title_line = w.ln(centre("中 俄 对 话 ： 2024 模 式"))
        w.ln("")
        w.ln("")
        self.insts = ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院中国与当代亚洲研究所"]
        for inst in self.insts:
            w.ln(centre(inst))
        w.ln("")
        w.ln(centre("2024 年 10 月"))
        w.ln("")
        w.ln("\f")
        w.ln(M + "作者")
        w.ln("")
        for role_line, people in [
            ("中方团队负责人：", [("吴景文", "lead", "cn", "复旦大学国际问题研究院教授"),
                           ("林夕照", "lead", "cn", "华东师范大学俄罗斯研究中心主任，教授")]),
            ("中方成员：", [("韩立群", "member", "cn", "商务部国际贸易经济合作研究院研究员"),
                         ("蒋慕白", "member", "cn", "上海外国语大学教授，法学博士"),
                         ("沈若川", "member", "cn", "中国社会科学院俄罗斯东欧中亚研究所副研究员")]),
            ("俄方团队负责人：", [("伊·萨文科夫", "lead", "ru", "俄罗斯国际事务委员会学术主任，历史学副博士")]),
            ("俄方成员：", [("德·克雷洛夫", "member", "ru", "俄罗斯科学院中国与当代亚洲研究所高级研究员"),
                         ("玛·图尔奇娜", "member", "ru", "莫斯科国立国际关系学院东方学教研室副教授")]),
        ]:
            w.ln(M + role_line)
            for name, role, team, aff in people:
                no = w.ln(f"{M}{name:<8}{aff}")
                self.authors.append({"name": name, "team": team, "role": role, "affiliation": aff, "line": no})
            w.ln("")
        tr = ["祁晓岚", "马若谷", "欧阳澄"]
        no = w.ln(M + "俄译中翻译：" + " ".join(tr))
        for t in tr:
            self.authors.append({"name": t, "team": "cn", "role": "translator", "affiliation": None, "line": no})
        no = w.ln(M + "校对：林夕照")
        self.authors.append({"name": "林夕照", "team": "cn", "role": "proofreader", "affiliation": None, "line": no})
        w.ln("")
        w.ln("\f" + centre("目 录"))
        w.ln("")
        self.toc = []
        for kind, label, title, level, key in TOC:
            page = self.toc_pages.get(key, 0)
            printed = f"{label}  {title}" if label else title
            ind = M + ("    " if level == 2 else "")
            pad = " " * max(4, 64 - int(sum(0.5 if c.isascii() else 1 for c in ind + printed) * 2))
            no = w.ln(f"{ind}{printed}{pad}{page}")
            self.toc.append({"label": label, "title": title, "page": page, "level": level, "line": no})
        w.ln("")
        w.ln("\f")
        w.start_paging(1)
        w.running = HEADER
        self.body()
        w.end(lambda w, page, notes: [""] + [f"{M}{n} {t}" for n, t in notes] + ["", centre(f"- {page} -")])

    def body(self):
        self.heading("part", "概要", printed="概    要")
        for t in SUMMARY:
            self.para(t)
        self.heading("part", "序言", printed="序    言")
        for t in PREFACE:
            self.para(t)
        for ci, ch in enumerate(CHAPTERS, 1):
            self.heading("chapter", ch["title"], label=f"第{CN_NUM[ci]}章", number=ci, running=ch["title"])
            for si, sec in enumerate(ch["sections"], 1):
                self.heading("section", sec["title"], label=f"第{CN_NUM[si]}节", number=si, chapter=ci)
                for item in sec["body"]:
                    if isinstance(item, tuple):
                        self.para(item[0], notes=item[1])
                    elif isinstance(item, dict):
                        self.table(item)
                    else:
                        self.para(item)
        self.heading("part", "建议", printed="建    议", running=HEADER)
        n = 0
        for group, items in RECS:
            self.w.ln(M + group)
            self.w.ln("")
            for paras in items:
                n += 1
                first = self.para(paras[0], first_prefix=f"{n}. ", body=False)
                for p in paras[1:]:
                    self.para(p, body=False)
                self.recs.append({"number": n, "group": group, "text": "\n".join(paras), "line": first})

    def table(self, t):
        w = self.w
        cap = w.ln(centre(f"{t['label']}   {t['caption']}（单位：{t['unit']}）"))
        w.ln("")
        widths = [16, 12, 12, 12]

        def row(cells):
            s = M
            for k, c in enumerate(cells):
                cw = int(sum(0.5 if ch.isascii() else 1 for ch in c) * 2)
                s += (c + " " * (widths[k] * 1 - cw + 2)) if k == 0 else (" " * max(2, widths[k] - cw) + c)
            return s.rstrip()

        w.ln(row(t["columns"]))
        rows = []
        for r in t["rows"]:
            w.ln(row(r))
            rows.append([{"text": c, "value": v} for c, v in zip(r, t["values"](r))])
        w.ln("")
        w.ln(M + "资料来源：" + t["note"])
        w.ln("")
        self.tables.append({"label": t["label"], "number": t["number"], "caption": t["caption"],
                            "unit": t["unit"], "columns": t["columns"], "rows": rows,
                            "total_rows": [k for k, r in enumerate(t["rows"]) if r[0] in ("合计", "总计")],
                            "source_note": t["note"], "line": cap})

    def finish(self):
        return {"gold_version": 1, "source": f"tests/corpus/{STEM}.txt",
                "metadata": {"title": TITLE, "date": "2024-10", "institutions": self.insts, "authors": self.authors},
                "toc": self.toc, "headings": self.headings, "tables": self.tables, "figures": [],
                "recommendations": self.recs, "chronology": None, "paragraphs": self.paragraphs,
                # read by eval once page furniture and footnotes are scored (ignored before)
                "footnotes": self.w.footnotes, "page_breaks": self.w.page_breaks()}


SUMMARY = [
    "本报告是《中俄对话》系列的第十份年度报告，涵盖 2023 年至 2024 年上半年的中俄关系。报告由复旦大学国际问题研究院、俄罗斯国际事务委员会和俄罗斯科学院中国与当代亚洲研究所的专家共同完成。",
    "2023 年以来，国际体系的分化进一步加深。中俄两国在联合国、上海合作组织和金砖国家等多边平台上保持密切协调，双边贸易额在 2023 年突破 2400 亿美元，提前实现两国元首确定的目标。",
    "与此同时，双边合作面临的外部限制明显增加。金融结算、物流运输和技术供应等领域的困难，要求两国寻找新的合作模式和制度安排。",
]

PREFACE = [
    "2024 年是中俄建交 75 周年，也是《中俄对话》系列报告发布的第十个年头。十年来，报告的作者团队几经调整，但以事实为依据、以问题为导向的写作原则没有改变。",
    "本报告的写作时间为 2024 年 3 月至 8 月。其间，国际局势继续发生深刻变化，乌克兰危机仍未平息，中东局势再度紧张，这些因素都影响着中俄两国的外部环境。",
    "作者们希望，本报告能够为两国决策者、企业界和学术界提供有益的参考，也欢迎读者对报告的观点提出批评和建议。",
]

CHAPTERS = [
    {"title": "世界秩序变化中的中俄关系", "sections": [
        {"title": "高层交往与政治互信", "body": [
            "2023 年 3 月 20—22 日，中国国家主席对俄罗斯进行国事访问。两国元首签署关于深化新时代全面战略协作伙伴关系的联合声明，以及关于 2030 年前中俄经济合作重点方向发展规划的联合声明。",
            "2023 年 10 月，俄罗斯总统来华出席第三届“一带一路”国际合作高峰论坛，两国元首举行会谈，就双边关系和共同关心的国际问题深入交换意见。",
            ("2024 年 5 月 16 日，俄罗斯总统开始新任期后首次出访即来到中国。两国元首发表关于建交 75 周年之际深化新时代全面战略协作伙伴关系的联合声明，强调中俄关系不针对第三方，也不受第三方干扰。", [("不受第三方干扰", "Совместное заявление Российской Федерации и Китайской Народной Республики об углублении отношений всеобъемлющего партнерства. Пекин, 16 мая 2024 г.")]),
            "两国专家普遍认为，高层交往的频率和深度是中俄关系稳定性的重要保障。在外部环境急剧变化的条件下，元首外交为双边合作提供了明确的政治方向。",
            "除元首会晤外，两国外长、国防部长和安全会议秘书也保持了频繁接触。2023 年 4 月，两国防长在莫斯科举行会谈；2023 年 9 月，俄罗斯安全会议秘书访华并参加第十八轮中俄战略安全磋商。",
        ]},
        {"title": "对外部压力的不同感受", "body": [
            "中俄两国面临的外部压力在性质和强度上存在差异。俄罗斯承受着全面的经济制裁和外交孤立的企图，中国则主要面对技术出口管制和供应链“去风险”政策。",
            "这种差异决定了两国在某些问题上的利益并不完全重合。中国需要维护与欧美市场的经济联系，俄罗斯则更加重视与非西方国家的合作。专家认为，承认并管理这些差异，是双边关系保持稳定的前提。",
            "2024 年 6 月，七国集团峰会公报对中国企业与俄罗斯的经贸往来提出批评，并威胁采取进一步措施。中方对此表示坚决反对，认为中俄之间的正常贸易不应受到第三方的干扰。",
        ]},
        {"title": "多极化进程与全球南方", "body": [
            "2023 年 8 月，金砖国家约翰内斯堡峰会决定邀请沙特阿拉伯、埃及、阿联酋、伊朗、埃塞俄比亚和阿根廷成为正式成员。2024 年 1 月 1 日起，扩员正式生效，阿根廷最终未加入。",
            "2024 年俄罗斯担任金砖国家主席国，中方支持俄方办好喀山峰会。两国认为，金砖国家应当成为全球南方国家协调立场的重要平台，而不是与其他国际机制对抗的工具。",
            "俄方专家指出，多极化不仅意味着权力的重新分配，也意味着国际规则制定权的分散。中国学者则强调，发展中国家的现代化是多极化进程的经济基础。",
        ]},
    ]},
    {"title": "中俄在欧亚、拉美和非洲的协作", "sections": [
        {"title": "欧亚地区：上海合作组织与欧亚经济联盟", "body": [
            "2023 年 7 月 4 日，上海合作组织峰会以视频方式举行，伊朗成为正式成员国。2024 年 7 月 3—4 日，阿斯塔纳峰会接收白俄罗斯为第十个成员国。",
            "组织扩大后，如何保持决策效率成为新的问题。部分专家主张在协商一致原则之外引入更灵活的合作形式，允许部分成员国先行开展项目合作。",
            "“一带一路”倡议与欧亚经济联盟的对接合作继续推进，但具体项目的落实速度仍然较慢。中亚国家希望在中俄之间保持平衡，同时吸引更多来自其他方向的投资。",
            "2023 年 5 月 18—19 日，首届中国—中亚峰会在西安举行。俄罗斯专家对这一机制总体持平和态度，认为中国在中亚的经济存在与俄罗斯的安全作用可以相互补充。",
        ]},
        {"title": "拉丁美洲和非洲", "body": [
            "在拉丁美洲和非洲，中俄两国的利益和手段各有不同。中国主要通过贸易、投资和基础设施建设发挥作用，俄罗斯则在安全、能源和粮食供应方面具有影响力。",
            ("2023 年 7 月 27—28 日，第二届俄罗斯—非洲峰会在圣彼得堡举行。中国学者注意到，非洲国家希望同时发展与多个伙伴的关系，不愿在大国竞争中选边站队。", [("选边站队", "Лукьянов Ф. Россия и Африка: новая глава. Россия в глобальной политике. 2023. № 5. С. 8–20.")]),
        ]},
    ]},
    {"title": "双边经贸合作的成就与困难", "sections": [
        {"title": "贸易规模与结构", "body": [
            "2023 年中俄贸易额达到 2401.1 亿美元，同比增长 26.3%。中国对俄出口增长近一半，汽车、机械设备和电子产品是主要增长点；俄罗斯对华出口以原油、天然气、煤炭和农产品为主。",
            "表 1 汇总了 2022—2023 年中俄贸易主要商品类别的变化。可以看出，机电产品和汽车贸易的增长幅度远远超过能源产品。",
            {"label": "表 1", "number": 1, "caption": "2022—2023 年中俄贸易主要商品类别", "unit": "亿美元",
             "columns": ["商品类别", "2022 年", "2023 年", "增减（%）"],
             "rows": [["能源产品", "1 029,5", "1 087,2", "+5,6"], ["机电产品", "421,3", "563,8", "+33,8"],
                      ["汽车及零部件", "98,7", "233,4", "+136,5"], ["农产品", "67,2", "82,9", "+23,4"],
                      ["木材及制品", "45,6", "38,1", "−16,4"], ["其他", "240,1", "395,7", "…"],
                      ["合计", "1 902,4", "2 401,1", "+26,2"]],
             "values": lambda r: [None] + [None if c == "…" else float(c.replace(" ", "").replace(",", ".").replace("−", "-")) for c in r[1:]],
             "note": "中华人民共和国海关总署。"},
            "2024 年上半年，双边贸易增速明显放缓。部分原因在于跨境支付的困难：一些中国银行收紧了对俄业务的审查，企业不得不通过第三国或较小的地方银行进行结算。",
            "中国汽车在俄罗斯市场的份额迅速上升，2023 年已超过新车销量的一半。俄罗斯方面担心本国汽车工业受到冲击，于 2023 年 10 月和 2024 年 1 月两次提高报废税，这在一定程度上抑制了中国汽车的进口。",
            "农产品贸易是新的增长点。2023 年俄罗斯对华农产品出口超过 70 亿美元，小麦、大豆、植物油和水产品是主要品类。中方已批准更多俄罗斯企业对华出口，并开放了部分地区的小麦准入。",
        ]},
        {"title": "金融、物流与投资", "body": [
            "2024 年 2 月，两国央行负责人举行会谈，讨论完善本币结算和支付基础设施的问题。目前，人民币和卢布在双边贸易结算中的比重已超过九成。",
            "俄方专家认为，结算困难的根源在于部分金融机构对次级制裁风险的过度担忧。他们建议两国发展相互独立的金融信息传输系统，并扩大地方银行和专业结算机构的作用。",
            "物流方面，北方海航道和“北—南”国际运输走廊的作用上升。2023 年经北方海航道的中俄过境运输量创历史新高，但航行季节短、冰级船舶不足等问题依然存在。",
            "投资合作的进展相对有限。2023 年 12 月 19 日，中俄总理第二十八次定期会晤在北京举行，双方同意更新投资合作项目清单，并研究建立新的投资保护机制。",
        ]},
    ]},
    {"title": "中俄在北极和远东的合作", "sections": [
        {"title": "北方海航道", "body": [
            "2023 年，北方海航道的货运量达到 3600 万吨，其中过境运输量超过 200 万吨，创下历史纪录。中国航运企业在夏秋航行季节开行了数十个航次，主要运输集装箱和散货。",
            "俄方希望中国企业参与冰级船舶的建造和港口基础设施的投资。中方则关注航道的通航安全、保险费用和全年通航的可能性。专家认为，北方海航道不会取代传统的苏伊士运河航线，但可以成为重要的补充。",
            "2024 年 4 月，两国有关部门成立了北方海航道合作分委会，负责协调航行规则、船员培训和应急救援等问题。",
        ]},
        {"title": "远东与东北地区的合作", "body": [
            "2023 年 9 月 10—13 日，第八届东方经济论坛在符拉迪沃斯托克举行。中国代表团规模为历届最大，双方签署了农业、物流和旅游领域的多项协议。",
            "黑河—布拉戈维申斯克公路桥的通行量稳步增长，2023 年过货量比上年增加了一倍以上。两国地方政府正在研究在桥梁两端建设物流园区和跨境电商中心。",
            "俄罗斯远东地区的人口外流和劳动力短缺问题依然突出。专家建议，两国应当在职业教育和劳务合作方面开展更多试点，为远东开发提供人力支持。",
        ]},
    ]},
    {"title": "人文交流与相互认知", "sections": [
        {"title": "中俄体育交流年", "body": [
            "2024 年 3 月 12 日，中俄体育交流年在喀山开幕，两国元首致贺信。交流年期间举办了数百项体育赛事和交流活动，涵盖群众体育、青少年体育和体育科研等领域。",
            "2024 年 8 月，首届中俄青少年运动会在喀山举行，两国约两千名运动员参加了二十多个项目的比赛。专家认为，体育交流是增进青年一代相互了解的有效途径，应当形成长期机制。",
            "2024 年是中俄建交 75 周年。两国举办了一系列纪念活动，包括联合出版物、主题展览和学术研讨会，增进了两国民众对双边关系历史的了解。",
        ]},
        {"title": "旅游与教育", "body": [
            "2023 年 8 月 1 日，中俄团体旅游互免签证协议恢复实施，赴俄中国游客数量迅速回升。俄罗斯赴华游客也明显增加，海南、北京和上海是最受欢迎的目的地。",
            "在华俄罗斯留学生和在俄中国留学生的人数均恢复到疫情前水平。两国高校在工程、医学和语言教育等领域的合作办学项目不断增加。",
            "2024 年 2 月 10 日是中国农历新年，莫斯科等城市举办了大规模的春节庆祝活动。俄罗斯学习中文的人数继续增长，中文已成为俄罗斯中学生选择最多的外语之一。",
            "2024 年 5 月 17 日，两国元首在哈尔滨出席第八届中俄博览会开幕式，并与中俄高校师生代表交流。哈尔滨工业大学与圣彼得堡国立大学的合作项目受到特别关注。",
            "相互认知方面仍存在不足。民意调查显示，两国民众对对方的好感度较高，但对对方国家的现实情况了解有限，一些陈旧的刻板印象依然存在。两国媒体和学术界应当承担更多责任。",
        ]},
    ]},
]

RECS = [
    ("政治与国际合作", [
        ["保持元首外交的引领作用，充分利用总理定期会晤和各领域合作委员会机制，及时协调双边合作中出现的问题。"],
        ["在金砖国家和上海合作组织框架内加强协调，推动这些机制在全球治理中发挥更大作用，同时避免把它们变成对抗性集团。",
         "两国智库应就全球南方国家的发展需求开展联合研究，为多边合作提出具体方案。"],
        ["在中亚、拉美和非洲开展三方合作的试点，探索中俄与第三国共同实施项目的可能性。"],
    ]),
    ("经贸与人文合作", [
        ["完善本币结算和支付基础设施，发展两国银行之间的代理行关系，降低企业跨境结算的成本和风险。"],
        ["加快北方海航道和跨境铁路、公路口岸的建设，提高物流通道的稳定性。",
         "双方可以考虑建立物流信息共享平台，为企业提供运输路线和通关时间的实时信息。"],
        ["以中俄建交 75 周年和体育交流年为契机，扩大青年、媒体和地方之间的交流，巩固两国关系的社会基础。"],
    ]),
    ("北极与远东", [
        ["共同制定北方海航道的中长期发展规划，鼓励中国企业参与冰级船舶建造和港口建设，并在航行安全和环境保护方面加强合作。"],
        ["在远东地区设立中俄职业教育和劳务合作试点，简化劳务人员的签证和工作许可手续。",
         "两国地方政府可以共同建设跨境物流园区，充分利用已经开通的跨境桥梁。"],
    ]),
]

TOC = [("part", None, "概要", 1, ("part", None, None, "概要")), ("part", None, "序言", 1, ("part", None, None, "序言"))]
for _ci, _ch in enumerate(CHAPTERS, 1):
    TOC.append(("chapter", f"第{CN_NUM[_ci]}章", _ch["title"], 1, ("chapter", None, _ci, _ch["title"])))
    for _si, _sec in enumerate(_ch["sections"], 1):
        TOC.append(("section", f"第{CN_NUM[_si]}节", _sec["title"], 2, ("section", _ci, _si, _sec["title"])))
TOC.append(("part", None, "建议", 1, ("part", None, None, "建议")))


def main():
    generate(Doc, ROOT, STEM)


if __name__ == "__main__":
    main()
