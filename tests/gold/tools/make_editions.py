#!/usr/bin/env python3
"""Write the edition fixtures of the gold corpus and their hand-written gold annotations.

Each document below is written out line by line as it should look in a PDF-to-text dump of
another edition of the report. Every gold value (names, affiliations, titles, dates, start/end,
precision, flags, table cells) is spelled out by hand next to the text it annotates; only line
numbers are counted by this script. Nothing here runs or reads the converter.

Run: python3 tests/gold/tools/make_editions.py  (writes tests/corpus/<stem>.txt and
tests/gold/<stem>.gold.json).
"""
import json
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


class Doc:
    def __init__(self, stem):
        self.stem = stem
        self.lines = []
        self.gold = {
            "gold_version": 1,
            "source": f"tests/corpus/{stem}.txt",
            "metadata": {"title": None, "date": None, "institutions": [], "authors": []},
            "toc": [],
            "headings": [],
            "tables": [],
            "figures": [],
            "recommendations": [],
            "chronology": None,
        }
        self.chapter = None
        self.cat = None
        self.group = None

    # Text.
    def add(self, text):
        self.lines.append(text)
        return len(self.lines)

    def blank(self, n=1):
        for _ in range(n):
            self.add("")

    def para(self, text):
        n = self.add(text)
        self.blank()
        return n

    # Front matter.
    def author(self, name, team, role, affiliation, line):
        self.gold["metadata"]["authors"].append(
            {"name": name, "team": team, "role": role, "affiliation": affiliation, "line": line}
        )

    def toc(self, printed, page, label=None, title=None, level=1):
        line = self.add(f"{printed}\t{page}")
        self.gold["toc"].append(
            {"label": label, "title": title if title is not None else printed, "page": page, "level": level, "line": line}
        )

    # Headings.
    def part(self, printed, title):
        line = self.para(printed)
        self.gold["headings"].append(
            {"kind": "part", "chapter": None, "number": None, "label": None, "title": title, "line": line}
        )
        return line

    def chapter_heading(self, number, label, title):
        line = self.para(f"{label} {title}")
        self.chapter = number
        self.gold["headings"].append(
            {"kind": "chapter", "chapter": None, "number": number, "label": label, "title": title, "line": line}
        )

    def section(self, number, label, title):
        line = self.para(f"{label} {title}")
        self.gold["headings"].append(
            {"kind": "section", "chapter": self.chapter, "number": number, "label": label, "title": title, "line": line}
        )

    # Recommendations.
    def rec_group(self, title):
        self.para(title)
        self.group = title

    def rec(self, number, paragraphs):
        line = self.para(f"{number}. {paragraphs[0]}")
        for p in paragraphs[1:]:
            self.para(p)
        self.gold["recommendations"].append(
            {"number": number, "group": self.group, "text": "\n".join(paragraphs), "line": line}
        )

    # Chronology.
    def chronology(self, title, start, end):
        self.gold["chronology"] = {"title": title, "period": {"start": start, "end": end}, "categories": [], "entries": []}

    def category(self, name):
        if self.lines and self.lines[-1] != "":
            self.blank()
        line = self.para(name)
        self.cat = name
        self.gold["chronology"]["categories"].append({"name": name, "line": line})

    def entry(self, layout, date, start, end, precision, title, description, flags=(), items=(), title_printed=None):
        """One entry in one of the printed layouts:
        blocks: date line / title line / description paragraphs, blank lines between;
        tab:    `date<TAB>title description` on one line (no blank line after);
        bold:   `- date **title**` then ` description` on the next line;
        space:  `date title` on one line, then the description paragraphs."""
        desc = list(description)
        shown = title_printed or title
        if layout == "blocks":
            first = self.para(date)
            last = self.para(shown)
            for p in desc:
                last = self.para(p)
            for n, text in items:
                last = self.add(f"{n}. {text}")
            if items:
                self.blank()
        elif layout == "tab":
            first = last = self.add(f"{date}\t{shown} {desc[0]}" if desc else f"{date}\t{shown}")
        elif layout == "bold":
            first = last = self.add(f"- {date} **{shown}**")
            for p in desc:
                last = self.add(f" {p}")
        elif layout == "space":
            first = last = self.para(f"{date} {shown}")
            for p in desc:
                last = self.para(p)
        else:
            raise ValueError(layout)
        self.gold["chronology"]["entries"].append(
            {
                "category": self.cat,
                "line": first,
                "line_end": last,
                "date": {"text": date, "start": start, "end": end, "precision": precision},
                "title": title,
                "description": "\n".join(desc),
                "items": [{"number": n, "text": t} for n, t in items],
                "flags": sorted(flags),
            }
        )

    def write(self):
        with open(os.path.join(ROOT, "tests/corpus", f"{self.stem}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(self.lines) + "\n")
        with open(os.path.join(ROOT, "tests/gold", f"{self.stem}.gold.json"), "w", encoding="utf-8") as f:
            json.dump(self.gold, f, ensure_ascii=False, indent=1)
            f.write("\n")


def wrap(text, width):
    """A paragraph as a PDF-to-text tool prints it: cut every `width` characters."""
    return [text[i : i + width] for i in range(0, len(text), width)]


def line_of(lines, first_line, needle):
    """Line number (from `first_line`) of the wrapped line where `needle` starts."""
    text = "".join(lines)
    pos = text.index(needle)
    acc = 0
    for k, l in enumerate(lines):
        if pos < acc + len(l):
            return first_line + k
        acc += len(l)
    raise ValueError(needle)


def edition_2021():
    d = Doc("china-russia-dialogue-2021-like.zh")
    m = d.gold["metadata"]
    d.blank()
    d.add("中俄对话：2021模式")
    m["title"] = "中俄对话：2021模式"
    d.blank(3)
    for inst in ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院远东研究所"]:
        d.para(inst)
        m["institutions"].append(inst)
    d.para("2021年6月")
    m["date"] = "2021-06"
    d.para(
        "复旦大学国际问题研究院、俄罗斯国际事务委员会和俄罗斯科学院远东研究所从 2014 年开始联合发布中俄关系年度报告，"
        "由中俄专家团队共同撰写，以中俄英三种文字在中国和俄罗斯发表。《中俄对话：2021 模式》是这一系列报告的第七份。"
    )
    d.para("作者简介")
    # Authors as prose, wrapped by the PDF tool every 38 characters (a name is cut in two).
    cn = [
        ("赵华胜", "lead", "复旦大学国际问题研究院教授"),
        ("刘华芹", "member", "中国商务部国际贸易经济合作研究院欧洲与欧亚研究所所长，教授，经济学博士"),
        ("石泽", "member", "中国外交部国际问题研究院教授，原中国驻俄罗斯大使馆参赞"),
        ("冯玉军", "member", "复旦大学国际问题研究院副院长、俄罗斯中亚研究中心主任，教授，法学博士"),
        ("李勇慧", "member", "中国社会科学院俄罗斯东欧中亚研究所研究员，法学博士"),
    ]
    ru = [
        ("安·科尔图诺夫", "lead", "俄罗斯国际事务委员会学术主任，历史学副博士"),
        ("阿·马斯洛夫", "lead", "俄罗斯科学院远东研究所所长，历史学博士"),
        ("瓦·卡申", "member", "莫斯科高等经济学校欧洲和国际关系研究综合中心高级研究员，政治学副博士"),
        ("伊·达尼林", "member", "俄罗斯科学院普里马科夫世界经济与国际关系研究所科学创新研究室主任，政治学副博士"),
        ("克·库兹米娜", "member", "俄罗斯国际事务委员会项目协调人"),
    ]

    def prose(team, people, lead_head, member_head):
        leads = [p for p in people if p[1] == "lead"]
        members = [p for p in people if p[1] == "member"]
        text = (
            f"{lead_head}：" + "；".join(f"{n}，{a}" for n, _, a in leads) + "。"
            + f"{member_head}：" + "；".join(f"{n}，{a}" for n, _, a in members) + "。"
        )
        lines = wrap(text, 38)
        first = len(d.lines) + 1
        for l in lines:
            d.add(l)
        d.blank()
        for n, role, a in leads + members:
            # The name as printed may be cut by the wrap: find it in the joined text.
            d.author(n, team, role, a, line_of(lines, first, f"{n}，"))

    prose("cn", cn, "中方团队负责人", "中方成员")
    prose("ru", ru, "俄方团队负责人", "俄方成员")
    line = d.para("翻译（俄译中）：盛世良，赵世锋，孙凌云，钱宗旗")
    for n in ["盛世良", "赵世锋", "孙凌云", "钱宗旗"]:
        d.author(n, "cn", "translator", None, line)
    line = d.para("审校：赵华胜")
    d.author("赵华胜", "cn", "proofreader", None, line)

    d.para("目 录")
    chapters = [
        ("第一章", "国际格局变化中的中俄关系", [("第一节", "新冠疫情与世界秩序的转变"), ("第二节", "中俄与美国新政府")]),
        ("第二章", "《中俄睦邻友好合作条约》签署二十周年", []),
        ("第三章", "中俄在全球治理中的协作", [("第一节", "联合国与二十国集团"), ("第二节", "上海合作组织与金砖国家")]),
        ("第四章", "中俄在地区问题上的立场", []),
        ("第五章", "中俄经贸合作", [("第一节", "双边贸易动态"), ("第二节", "投资与金融合作"), ("第三节", "能源合作")]),
        ("第六章", "中俄科技与教育合作", []),
        ("第七章", "中俄人文交流与媒体合作", [("第一节", "中俄科技创新年"), ("第二节", "媒体与公共外交")]),
    ]
    cn_num = ["一", "二", "三", "四", "五", "六", "七"]
    d.toc("概要", 1)
    d.toc("序言", 4)
    page = 6
    for label, title, secs in chapters:
        d.toc(f"{label} {title}", page, label=label, title=title)
        for sl, st in secs:
            d.toc(f"{sl} {st}", page, label=sl, title=st, level=2)
            page += 2
        page += 3
    d.toc("建议", 58)
    d.toc("附录：2020 年至 2021 年第一季度中俄关系大事记", 63)
    d.blank()

    d.part("概 要", "概要")
    for t in [
        "- 《中俄对话》年度报告的宗旨是，对中俄关系各方面的进展作出定期分析，就发展北京与莫斯科的协作提出专家建议。本报告分析了 2020 年至 2021 年第一季度两国合作的成果。",
        "- 2021 年是《中俄睦邻友好合作条约》签署二十周年。两国领导人宣布条约延期，这表明双方愿意在条约确立的原则基础上继续发展关系。",
        "- 新冠疫情大流行对两国经济和人文联系造成冲击，但也显示了中俄在公共卫生领域协作的潜力。",
    ]:
        d.add(t)
    d.blank()
    d.part("序言", "序言")
    d.para("2020 年的国际形势发生了深刻变化。新冠疫情的全球蔓延加剧了大国之间的竞争，全球经济陷入二战以来最严重的衰退。")
    d.para("在这样的背景下，中俄全面战略协作伙伴关系经受住了考验，两国在政治、经济和人文领域的合作继续推进。")

    bodies = {
        1: ["疫情暴露了全球治理体系的缺陷，国际合作的必要性更加突出。中俄两国在疫情初期相互支持，提供了医疗物资援助。"],
        2: ["2001 年 7 月 16 日签署的《中俄睦邻友好合作条约》为两国关系奠定了法律基础。二十年来，两国解决了历史遗留的边界问题，建立了全面战略协作伙伴关系。"],
        3: ["中俄两国都主张维护以联合国为核心的国际体系，维护以国际法为基础的国际秩序。"],
        4: ["在阿富汗、伊朗核问题和朝鲜半岛问题上，中俄两国的立场相近或一致，双方在联合国安理会保持密切协调。"],
        5: ["受疫情影响，2020 年中俄贸易额为 1077.7 亿美元，同比下降 2.9%，但连续三年保持在千亿美元以上。"],
        6: ["两国在基础科学研究、人工智能和航天领域的合作不断深化，联合研究项目数量持续增加。"],
        7: ["2020 年和 2021 年是中俄科技创新年。由于疫情，许多活动改为线上举行。"],
    }
    sec_bodies = {
        (1, 1): ["疫情加速了国际格局的演变，单边主义和保护主义抬头。"],
        (1, 2): ["拜登政府执政后，美国对华对俄政策的基本方向没有改变，继续把两国视为战略竞争者。"],
        (3, 1): ["中俄在联合国安理会就叙利亚、委内瑞拉等问题保持协调，反对单边制裁。"],
        (3, 2): ["俄罗斯担任 2020 年上海合作组织和金砖国家轮值主席国，中国支持俄方的工作。"],
        (5, 1): ["2020 年中国对俄出口 505.8 亿美元，自俄进口 571.8 亿美元。"],
        (5, 2): ["两国继续推动本币结算，卢布和人民币在双边贸易中的比重上升。"],
        (5, 3): ["“西伯利亚力量”天然气管道运行平稳，2020 年对华供气 41 亿立方米。"],
        (7, 1): ["中俄科技创新年开幕式于 2020 年 8 月以视频形式举行。"],
        (7, 2): ["两国主流媒体在疫情期间加强了信息合作，共同抵制虚假信息。"],
    }
    for n, (label, title, secs) in enumerate(chapters, start=1):
        d.chapter_heading(n, label, title)
        for p in bodies[n]:
            d.para(p)
        for k, (sl, st) in enumerate(secs, start=1):
            d.section(k, sl, st)
            for p in sec_bodies[(n, k)]:
                d.para(p)
            if (n, k) == (5, 1):
                line = d.para("表 1. 2020 年中俄贸易主要商品结构（单位：亿美元）")
                d.add("商品类别\t中国对俄出口\t中国自俄进口\t同比变化(%)")
                rows = [
                    ("机电产品", "219.4", "12.6", "-3.2"),
                    ("矿产品", "3.2", "380.5", "-19.8"),
                    ("农产品", "17.5", "40.8", "12.3"),
                ]
                for r in rows:
                    d.add("\t".join(r))
                d.blank()
                d.para("（信息来源）中国海关总署统计数据。")
                d.gold["tables"].append(
                    {
                        "label": "表 1",
                        "number": 1,
                        "caption": "2020 年中俄贸易主要商品结构",
                        "unit": "亿美元",
                        "columns": ["商品类别", "中国对俄出口", "中国自俄进口", "同比变化(%)"],
                        "rows": [
                            [
                                {"text": "机电产品", "value": None},
                                {"text": "219.4", "value": 219.4},
                                {"text": "12.6", "value": 12.6},
                                {"text": "-3.2", "value": -3.2},
                            ],
                            [
                                {"text": "矿产品", "value": None},
                                {"text": "3.2", "value": 3.2},
                                {"text": "380.5", "value": 380.5},
                                {"text": "-19.8", "value": -19.8},
                            ],
                            [
                                {"text": "农产品", "value": None},
                                {"text": "17.5", "value": 17.5},
                                {"text": "40.8", "value": 40.8},
                                {"text": "12.3", "value": 12.3},
                            ],
                        ],
                        "source_note": "中国海关总署统计数据。",
                        "line": line,
                    }
                )

    d.part("建议", "建议")
    d.rec_group("巩固条约基础上的战略协作")
    d.rec(1, ["以《中俄睦邻友好合作条约》签署二十周年为契机，总结两国关系发展的经验，确定下一阶段合作的优先方向。"])
    d.rec(
        2,
        [
            "在联合国、二十国集团、上海合作组织和金砖国家等多边平台上加强协调，共同维护以国际法为基础的国际秩序。",
            "双方应就美国对华对俄政策的变化定期进行磋商，避免第三方因素影响双边关系。",
        ],
    )
    d.rec_group("经贸与科技合作")
    d.rec(3, ["扩大本币结算规模，完善两国金融基础设施的对接，降低外部制裁对双边贸易的影响。"])
    d.rec(4, ["利用中俄科技创新年的机制，在人工智能、生物医药和航天领域建立长期联合研究项目。"])
    d.rec_group("人文交流")
    d.rec(5, ["疫情结束后尽快恢复人员往来，扩大留学生交流规模，发展远程教育合作。"])

    line = d.part("附录", "附录")
    title = "2020 年至 2021 年第一季度中俄关系大事记"
    d.para(title)
    d.chronology(title, "2020-01-01", "2021-03-31")

    d.category("政治对话")
    d.entry("blocks", "2020 年 1 月 21 日", "2020-01-21", "2020-01-21", "day", "中俄外长通电话",
            ["双方就新年伊始的国际形势和双边关系交换了意见，同意加强在联合国安理会的协调。"])
    d.entry("blocks", "2020 年 2 月 20 日", "2020-02-20", "2020-02-20", "day", "王毅会见拉夫罗夫",
            ["两国外长在慕尼黑安全会议期间会面。", "双方表示将共同应对疫情带来的挑战。"])
    d.entry("blocks", "2020 年 6 月 24 日", "2020-06-24", "2020-06-24", "day", "中国人民解放军仪仗队参加莫斯科红场阅兵",
            ["纪念卫国战争胜利 75 周年阅兵在莫斯科举行，中国人民解放军三军仪仗队参加。"])
    d.entry("blocks", "2002 年 7 月 3 日", "2020-07-03", "2020-07-03", "day", "两国领导人通电话祝贺条约签署十九周年",
            ["双方同意为条约签署二十周年纪念活动做好准备。"], flags=["date_corrected", "out_of_period"])
    d.entry("blocks", "2020 年 8 月 30 日-9 月 4 日", "2020-08-30", "2020-09-04", "day", "第二届中俄地区合作发展论坛以视频方式举行",
            ["论坛期间签署了多项地方合作协议。"])
    d.entry("blocks", "2020 年 11 月 17 日", "2020-11-17", "2020-11-17", "day", "金砖国家领导人第十二次会晤以视频方式举行",
            ["会晤通过了《莫斯科宣言》。"],
            items=[(1, "《金砖国家领导人第十二次会晤莫斯科宣言》"), (2, "《金砖国家经济伙伴战略 2025》"), (3, "《金砖国家反恐战略》")])
    d.entry("blocks", "2020 年 11 月 31 日", "2020-11-01", "2020-11-30", "month", "中俄总理定期会晤委员会各分委会会议结束",
            ["各分委会总结了全年工作，确定了来年的合作重点。"], flags=["date_garbled"])
    d.entry("blocks", "2020 年 12 月 4 日", "2020-12-04", "2020-12-04", "day", "中俄总理举行第二十五次定期会晤",
            ["会晤以视频方式举行，双方签署了联合公报。"])
    d.entry("blocks", "2020 年 12 月", "2020-12-01", "2020-12-31", "month", "中俄两国议会合作委员会举行视频会议",
            ["双方议员讨论了疫情背景下的立法合作。"])
    d.entry("blocks", "2021 年 1 月 12 日", "2021-01-12", "2021-01-12", "day", "中俄外长举行视频会谈",
            ["双方就拜登政府上台后的国际形势交换了意见。"])

    d.category("抗疫合作")
    d.entry("tab", "2020年1月31日", "2020-01-31", "2020-01-31", "day", "俄罗斯暂时关闭中俄陆路口岸",
            ["俄方表示这是防止疫情传播的临时措施。"])
    d.entry("tab", "2020年2月4日", "2020-02-04", "2020-02-04", "day", "俄罗斯向中国运送医疗物资",
            ["俄紧急情况部的飞机将 23 吨医疗物资运抵武汉。"])
    d.entry("tab", "2020年3月19日", "2020-03-19", "2020-03-19", "day", "中国向俄罗斯派遣医疗专家组",
            ["专家组与俄方同行交流了救治经验。"])
    d.entry("tab", "2020年1月20日", "2020-01-20", "2020-01-20", "day", "中俄卫生部门建立疫情信息通报机制",
            ["双方同意及时通报疫情信息。"], flags=["out_of_order"])
    d.entry("tab", "2020年4月2日", "2020-04-02", "2020-04-02", "day", "中国医疗物资运抵莫斯科",
            ["物资包括口罩、防护服和呼吸机。"])
    d.entry("tab", "2020年9月15月", "2020-09-15", "2020-09-15", "day", "中俄疫苗研发合作启动",
            ["双方研究机构签署了疫苗临床试验合作协议。"], flags=["date_corrected", "month_for_day"])
    d.entry("tab", "2020 年 12 月 22 日", "2020-12-22", "2020-12-22", "day",
            "中俄常驻代表就延长也门制裁措施至 ２０２１ 年 ２ 月投弃权票。",
            ["安理会以 13 票赞成通过决议。"])

    d.category("经贸合作")
    d.entry("bold", "2020 年 3 月 10 日", "2020-03-10", "2020-03-10", "day", "中俄贸易额前两个月保持增长",
            ["中国海关数据显示，1-2 月双边贸易额同比增长 3.4%。"])
    d.entry("bold", "2020 年 5 月 20 日", "2020-05-20", "2020-05-20", "day", "“西伯利亚力量”天然气管道供气量增加",
            ["俄气公司表示，对华供气量超过合同规定的日供气量。"])
    d.entry("bold", "2020 年 7 月 8 日", "2020-07-08", "2020-07-08", "day", "中俄农产品贸易逆势增长",
            ["上半年俄罗斯对华农产品出口同比增长 12%。"])
    d.entry("bold", "2021 年 2 月 25 日", "2021-02-25", "2021-02-25", "day", "中俄同江铁路大桥准备通车",
            ["黑龙江省表示大桥铁路部分将于年内投入运营。"])

    d.category("人文交流")
    d.entry("space", "2020年8月26日", "2020-08-26", "2020-08-26", "day", "中俄科技创新年开幕",
            ["两国元首致贺信，开幕式以视频方式举行。"])
    d.entry("space", "2020年10月15日-11月15日", "2020-10-15", "2020-11-15", "day", "中俄联合举办网上电影节",
            ["十部中国电影和十部俄罗斯电影在线展映。"])
    d.entry("space", "2021年3月", "2021-03-01", "2021-03-31", "month", "中俄大学联盟举行线上年会",
            ["来自两国的 60 多所高校参加。"])
    d.write()


def edition_2023():
    d = Doc("china-russia-dialogue-2023-like.zh")
    m = d.gold["metadata"]
    # Cover noise: the cover art turned into text, the Russian header, another report's title.
    d.add("RUSSIAN INTERNATIONAL AFFAIRS COUNCIL Summer SChoolS xpert CommentarieS")
    d.add("Российский совет по международным делам ДОКЛАД № 87 / 2023")
    d.add("中国-伊朗伙伴关系：回顾与展望")
    d.add("ИРАН  КИТАЙ  ПАРТНЕРСТВО  2023")
    d.blank(2)
    d.add("《中俄对话：2023 模式》")
    m["title"] = "中俄对话：2023模式"
    d.blank()
    for inst in ["复旦大学国际问题研究院", "俄罗斯国际事务委员会", "俄罗斯科学院中国与当代亚洲研究所"]:
        d.add(inst)
        m["institutions"].append(inst)
    d.blank()
    d.para("2023年9月")
    m["date"] = "2023-09"
    d.para("作者简介")
    d.para("中方团队负责人：")
    for name, printed, aff in [
        ("冯玉军", "冯玉军", "复旦大学国际问题研究院院长，教授，法学博士"),
        ("高际香", "高际香", "中国社会科学院俄罗斯东欧中亚研究所研究员，经济学博士"),
    ]:
        line = d.para(f"{printed} {aff}")
        d.author(name, "cn", "lead", aff, line)
    d.para("中方成员：")
    for name, printed, aff in [
        ("赵华胜", "赵华胜", "复旦大学国际问题研究院教授"),
        ("石泽", "石 泽", "中国外交部国际问题研究院教授"),
    ]:
        line = d.para(f"{printed} {aff}")
        d.author(name, "cn", "member", aff, line)
    d.para("俄方团队负责人：")
    for name, aff in [
        ("安·科尔图诺夫", "俄罗斯国际事务委员会学术主任，历史学副博士"),
        ("基·巴巴耶夫", "俄罗斯科学院中国与当代亚洲研究所所长，经济学博士"),
    ]:
        line = d.para(name)
        d.para(aff)
        d.author(name, "ru", "lead", aff, line)
    d.para("俄方成员：")
    for name, aff in [
        ("瓦·卡申", "莫斯科高等经济学校欧洲和国际关系研究综合中心主任，政治学副博士"),
    ]:
        line = d.para(name)
        d.para(aff)
        d.author(name, "ru", "member", aff, line)
    line = d.add("译者：盛世良、赵世锋、")
    for n in ["盛世良", "赵世锋"]:
        d.author(n, "cn", "translator", None, line)
    line = d.add("孙凌云")
    d.author("孙凌云", "cn", "translator", None, line)
    d.blank()
    line = d.para("校对：冯玉军；赵华胜")
    for n in ["冯玉军", "赵华胜"]:
        d.author(n, "cn", "proofreader", None, line)

    d.para("目 录")
    d.toc("概要", 1)
    d.toc("第一章 变化中的世界秩序与中俄关系", 3, label="第一章", title="变化中的世界秩序与中俄关系")
    d.toc("第二章 中俄在欧亚、拉美和非洲的合作", 9, label="第二章", title="中俄在欧亚、拉美和非洲的合作")
    d.toc("第一节 欧亚地区", 9, label="第一节", title="欧亚地区", level=2)
    d.toc("第二节 拉丁美洲与非洲", 12, label="第二节", title="拉丁美洲与非洲", level=2)
    d.toc("第三章 双边合作的成就与困难", 15, label="第三章", title="双边合作的成就与困难")
    d.toc("建议", 21)
    d.toc("附录：2022 年第二季度至 2023 年第一季度中俄关系大事记", 24)
    d.blank()

    d.part("概要", "概要")
    d.para("本报告回顾了 2022 年第二季度至 2023 年第一季度中俄关系的发展，分析了两国在变化中的世界秩序中的立场。")
    d.para("报告认为，两国在欧亚、拉美和非洲的合作具有互补性，双边经贸合作在外部压力下继续扩大。")
    d.chapter_heading(1, "第一章", "变化中的世界秩序与中俄关系")
    d.para("乌克兰危机加速了国际秩序的转变。西方对俄罗斯实施了前所未有的制裁，中国坚持独立自主的立场。")
    d.chapter_heading(2, "第二章", "中俄在欧亚、拉美和非洲的合作")
    d.para("中俄两国在第三地区的利益总体上并不冲突，存在协调与合作的空间。")
    d.section(1, "第一节", "欧亚地区")
    d.para("上海合作组织撒马尔罕峰会通过了扩员决定，伊朗成为正式成员的程序启动。")
    d.section(2, "第二节", "拉丁美洲与非洲")
    d.para("两国都重视发展与非洲国家的关系，在粮食安全和能源领域有合作潜力。")
    d.chapter_heading(3, "第三章", "双边合作的成就与困难")
    d.para("2022 年中俄贸易额达到 1902.7 亿美元，同比增长 29.3%，创历史新高。")
    d.para("与此同时，支付结算和物流仍是制约合作的主要困难。")

    d.part("建议", "建议")
    d.rec_group("政治与安全")
    d.rec(1, ["在多边平台上协调立场，推动国际秩序朝更加公正合理的方向发展。"])
    d.rec(2, ["加强在上海合作组织框架内的安全合作，共同维护中亚地区的稳定。"])
    d.rec_group("经济合作")
    d.rec(
        3,
        [
            "完善本币结算体系，扩大人民币和卢布在双边贸易中的使用。",
            "建立双边结算的备用渠道，减少对第三方金融基础设施的依赖。",
        ],
    )
    d.rec(4, ["加快跨境交通基础设施建设，提高口岸通关效率。"])

    title = "2022 年第二季度至 2023 年第一季度中俄关系大事记"
    line = d.add(f"附录 {title}")
    d.gold["headings"].append(
        {"kind": "part", "chapter": None, "number": None, "label": None, "title": "附录", "line": line}
    )
    d.blank()
    d.chronology(title, "2022-04-01", "2023-03-31")

    d.category("政治与安全")
    d.entry("blocks", "2022年5月18日", "2022-05-18", "2022-05-18", "day", "中俄外长通电话",
            ["双方就乌克兰局势和双边关系交换了意见。"])
    d.entry("blocks", "2022年6月15日", "2022-06-15", "2022-06-15", "day", "中俄两国元首通电话",
            ["两国元首互致生日祝贺，就双边关系和国际问题交换意见。"])
    d.entry("blocks", "2022年6月31日", "2022-06-01", "2022-06-30", "month", "金砖国家领导人第十四次会晤筹备会议结束",
            ["会议为北京会晤做了准备。"], flags=["date_garbled"])
    d.entry("blocks", "2022年9月15日", "2022-09-15", "2022-09-15", "day", "两国元首在撒马尔罕会晤",
            ["会晤在上海合作组织成员国元首理事会第二十二次会议期间举行。"])
    d.entry("blocks", "2012年10月14日", "2022-10-14", "2022-10-14", "day", "中俄第十七次战略安全磋商举行",
            ["双方讨论了全球战略稳定问题。"], flags=["date_corrected", "out_of_period"])
    d.entry("blocks", "2022年11月3日", "2022-11-03", "2022-11-03", "day", "中俄总理举行第二十七次定期会晤",
            ["会晤以视频方式举行。"])
    d.entry("blocks", "2022年11月29日", "2022-11-29", "2022-11-29", "day", "中俄举行第二十七次联合空中战略巡航",
            ["两国空军在日本海和东海上空进行巡航。"])
    d.entry("blocks", "2022年11月", "2022-11-01", "2022-11-30", "month", "中俄战略安全磋商机制工作组会议举行",
            ["双方就年度合作计划达成一致。"])
    d.entry("blocks", "2023年3月20-22日", "2023-03-20", "2023-03-22", "day", "习近平主席对俄罗斯进行国事访问",
            ["两国元首签署了《中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明》。"])

    d.category("经济合作")
    d.entry("space", "2022年4月", "2022-04-01", "2022-04-30", "month", "中俄贸易额以人民币结算的比重上升",
            ["俄央行数据显示，人民币在俄外贸结算中的比重明显提高。"])
    d.entry("space", "2022年6月10日", "2022-06-10", "2022-06-10", "day", "黑河-布拉戈维申斯克公路大桥通车",
            ["这是中俄之间第一座跨黑龙江公路大桥。"])
    d.entry("space", "2022年12月21日", "2022-12-21", "2022-12-21", "day", "“西伯利亚力量”东线天然气管道南段全线贯通",
            ["管道输气能力进一步提高。"])
    d.entry("space", "2023年1月13日", "2023-01-13", "2023-01-13", "day", "海关总署公布 2022 年中俄贸易数据",
            ["全年贸易额 1902.7 亿美元，同比增长 29.3%。"])
    d.entry("space", "2022年8月8日", "2022-08-08", "2022-08-08", "day", "中俄同江铁路大桥开通货运",
            ["首列货运列车经大桥驶入俄罗斯。"], flags=["out_of_order"])
    d.entry("space", "2023年1月", "2023-01-01", "2023-01-31", "month", "俄罗斯成为中国最大原油供应国",
            ["俄罗斯对华原油出口量超过沙特阿拉伯。"])
    d.write()


if __name__ == "__main__":
    edition_2021()
    edition_2023()
