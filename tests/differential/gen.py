"""Random case generator for the differential test of `leadsieve filter`.

A case is fully determined by (seed, index): the same pair always gives the
same request, the same input files and the same options, so any failure can
be replayed with `diff.py --seed S --only INDEX`.

A case is a dict:
  request_text  bytes of the request file
  inputs        [(file name, bytes), ...]
  as_of         "YYYY-MM-DD"
  mode          "documented" | "words"
  invalid       True when the generator deliberately broke the request
"""

import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
LEAD_ID = "_case_lead"     # marker field: which generated lead an output lead is


def load_titles(path=os.path.join(HERE, "titles.tsv")):
    titles = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                titles.append(parts[0])
    return titles


TITLES = load_titles()

# --- vocabularies --------------------------------------------------------

SENIORITY_WORDS = [
    "vp", "VP", " Vp ", "vP", "chief", "Chief", " CHIEF", "c-lvl", "C-LVL", " c-lvl ",
    "cxo", "CXO", "manager+", "Manager+", " manager+\t", "senior", "Sr.", "sr", "SR",
    "director", "Director", "dir", "head", "Head of", "lead", "owner", "founder",
    "partner", "junior", "Jr.", "intern", "c-level", "C level", "svp", "EVP", "gvp",
    "avp", "chief officer", "Vice President", "vice-president", "manager", "Mgr",
    "executive", "exec", "president", "Pres.", "principal", "staff", "associate",
    "CEO", "cto", "CMO", "cdo", "cpo", "GM", "MD", "managing director", "head of sales",
    "c lvl", "cxo officer", "vp+", "manager +", "Geschäftsführer", "директор",
    "διευθυντής", "Leiter", "directeur", "dyrektor", "\u00a0vp", "vp\u00a0", "\u2003chief",
    "manager+\u00a0", "\u000bcxo\u000c", "c\u2011lvl", "ｖｐ", "VP\u0000",
]
PROHIBIT_WORDS = [
    "assistant", "intern", "IT", "it", "account executive", "jr", "Jr.", "student",
    "trainee", "freelance", "consultant", "HR", "r&d", "R & D", "qa", "ops", "sales",
    "support", "teacher", "officer", "deputy", "associate", "asst", "coordinator",
    "helfer", "stagiaire", "помощник", "βοηθός",
]
FUNCTION_EXTRA = [
    "sales", "Sales", "marketing", "market", "Mktg", "HR", "Human Resources", "IT",
    "information technology", "engineering", "software", "finance", "R&D", "QA",
    "operations", "Ops", "business development", "BizDev", "biz dev", "product",
    "s m", "ing", "er", "manager", "CEO", "CFO", "cfo", "CTO", "ciso", "chro",
    "vice president", "VP Sales", "Sr. Director", "Head of IT", "UX", "ui",
    "PR", "public relations", "account executive", "AE", "SDR", "bdr", "csm",
    "customer success", "Geschäftsführung", "Vertrieb", "продажби", "πωλήσεων",
    "ventas", "ﬁnance", "ＣＥＯ", "Ł", "ß", "æ", "cœur", "naïve", "e\u0301",
]
STOP_ONLY = ["of", "&", "---", " and ", "in at", "OR", " ", "", "...", "@", "of the"[:2],
             "\u00a0", "–", "«»"]
TITLE_PREFIXES = [
    "Senior ", "Sr. ", "Sr ", "VP ", "VP, ", "Vice President of ", "SVP ", "EVP, ",
    "AVP ", "GVP ", "Head of ", "Director of ", "Chief ", "Junior ", "Jr. ",
    "Interim ", "Assistant ", "Global ", "Regional ", "Lead ", "Principal ",
    "Deputy ", "Managing Director, ", "C-level ", "C-Lvl ", "CXO ", "Exec. ",
    "Executive ", "Associate ",
]
TITLE_SUFFIXES = [
    " Manager", " Director", " Lead", " & CEO", " and Founder", ", CMO", " (CTO)",
    " / CFO", " at Acme", " - IT", " | R&D", " of Sales", " - Sales & Marketing",
    " Officer", " VP", " Mgr", " Dir.", " GM", " HRBP", " BD", " Ops", " QA/UX",
    " chief officer", " Chief Marketing Officer", " Head", " – EMEA", " — DACH",
    " \u201cSales\u201d", " Geschäftsführer", " Директор", " Διευθυντής",
]
ODD_TITLES = [
    "", " ", "\t \n", "\u00a0", "\u00a0\u00a0CEO", "CEO\u00a0", "C.E.O.", "c-e-o", "ceo/cfo",
    "VP,Sales", "V.P. Sales", "vice  president", "VICE PRESIDENT OF SALES",
    "Sr.Director", "R&D/QA", "Head of IT", "it manager", "IT", "Owner", "Chief",
    "Chief Officer", "c lvl", "CXO", "svp sales", "evp marketing", "gvp", "avp, finance",
    "Manager+", "Geschäftsführer & CEO", "Γενικός Διευθυντής", "Генерален директор",
    "Ｆｕｌｌ Ｗｉｄｔｈ ＣＥＯ", "ǅ", "ﬀ", "Ⅻ", "№ 1 sales", "ｓａｌｅｓ",
    "Ønskeleder", "Łódź manager", "Þór", "straße", "Æon", "đ", "½ time",
    "\U0001F680 Growth Hacker", "Sales\u0000Manager", "\u0000", "CEO\u0000", "🙂 CEO", "データサイエンティスト", "数据科学家",
    "مدير المبيعات", "מנהל מכירות", "विक्रय प्रबंधक", "영업 관리자", "Quản lý bán hàng",
    "Менеджер по продажам", "Керівник відділу", "of", "and", "in at of",
    "wholesales manager", "supermarket manager", "sales manager", "Sales/Marketing",
    "e\u0301tudiant", "Ａ/Ｂ", "x\u200by", "a\u00adb", "\u2014\u2013", "ceo\u2019s office",
]
NAMES = [
    "José Núñez", "jose nunez", "  JOSE   NUNEZ ", "Łukasz Żółw", "lukasz zolw",
    "Σωκράτης Παπαδόπουλος", "Иван Петров", "ivan petrov", "Sarah Chen", "sarah  chen",
    "John Smith", "Jöhn Smíth", "john\tsmith", "Anne-Marie O'Neil", "Straße Mann",
    "strasse mann", "Müller", "muller", "Mueller", "\u00a0John Smith", "",
]
LOCATIONS = [
    "San Francisco, California, United States", "California, United States",
    "United States", "united states", "New York, New York, United States",
    "Berlin, Germany", "Germany", "München, Bayern, Deutschland", "Munchen, Bayern, Deutschland",
    "Deutschland", "Bayern, Deutschland", "Αθήνα, Ελλάδα", "Ελλάδα", "Athina, Ellada",
    "София, България", "Bulgaria", "Sofia, Bulgaria", "Paris, Île-de-France, France",
    "ile de france, france", "France", "London, England, United Kingdom",
    "England,United Kingdom", "United Kingdom", " United  Kingdom ", "Kingdom",
    "São Paulo, Brazil", "Sao Paulo,  Brazil", "", ",", "Greater London", "Remote",
    "United States of America", "U.S.", "Zürich, Switzerland", "zurich switzerland",
]
HEADCOUNT_VALUES = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000",
                    "5001-10000", "10 000+", "10,001+", "10001+", "10000+", " 1-10",
                    "1 - 10", "", None, 5000,
                    # LinkedIn's forms and numbers of employees (§3, 2026-12-04)
                    "1", "2-10", "501-1,000", "1,001-5,000", "5,001-10,000", "2,500", "750",
                    "0", "007", "2 - 10", 7, 0, 10001, 12.0, -3, 1e3, True]
HEADCOUNTS = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000",
              "5001-10000", "10 000+"]
INDUSTRIES = ["Software Development", "software development", "SOFTWARE DEVELOPMENT",
              "Retail", "Financial Services", "IT Services and IT Consulting",
              "Maschinenbau", "Éducation", "education", "Hospitals and Health Care",
              "Software  Development", ""]
COMPANIES = ["Slack", "slack", "SLACK Inc.", "Slack Inc", "Acme & Co", "Acme Co",
             "Siemens AG", "siemens ag", "Müller GmbH", "Muller GmbH", "Ω Omega",
             "Omega", "Лукойл", "Lukoil", "IBM", "I.B.M.", "Deloitte & Touche",
             "deloitte touche", "Anderson Art Work / Self-employed", "", "  ", "the of"]
SLUGS = ["slack-technologies", "Slack-Technologies", "acme", "siemens", "21828",
         "ibm", "m%C3%BCller", "müller", "deloitte", "0021828"]
COMPANY_IDS = ["21828", "021828", "63587704", "1", "0", "1035", "999999999999999999999", "00"]
MONTHS_FULL = ["January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December"]
AS_OF = ["2024-06-30", "2025-01-15", "2023-03-15", "2020-02-29", "2025-12-31", "2025-02-28",
         "2024-02-29", "2024-03-01"]
NOT_EVALUATED = ["company_types", "changed_jobs", "posted_on_linkedin",
                 "mentioned_in_news", "groups", "schools", "linkedin_filter_link"]
FILTER_EMPTY = ["job_started_on", "profile_photo", "started_at_position", "company_website"]


# --- helpers --------------------------------------------------------------

def words_of(title):
    """Words of a title as written (split on spaces and common separators)."""
    out, cur = [], []
    for ch in title:
        if ch.isalnum() or ch in "&+.'-":
            cur.append(ch)
        else:
            if cur:
                out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def mutate_case(rng, s):
    r = rng.random()
    if r < 0.1:
        return s.upper()
    if r < 0.2:
        return s.lower()
    if r < 0.25:
        return "  " + s + " "
    if r < 0.28:
        return s.replace(" ", "\u00a0")
    if r < 0.31:
        return s.replace(" ", "-")
    if r < 0.33:
        return s.replace(" ", "\t")
    return s


def boundary_date(rng, as_of):
    """A start date k years before as_of, exactly or a day/month off: the
    edges of the years_in_* buckets."""
    y, m, d = (int(x) for x in as_of.split("-"))
    k = rng.choice([0, 1, 2, 3, 5, 6, 10, 11, -1])
    y -= k
    form = rng.random()
    if form < 0.5:
        d2 = d + rng.choice([-1, 0, 0, 1])
        if d2 < 1:
            m, d2 = (m - 1, 28) if m > 1 else (12, 31)
            if m == 12:
                y -= 1
        if d2 > 28 and m == 2:
            d2 = rng.choice([28, 29])
        if d2 > 30:
            d2 = 30 if m in (4, 6, 9, 11) else 31
        return "%04d-%02d-%02d" % (y, m, d2)
    m2 = m + rng.choice([-1, 0, 1])
    if m2 < 1:
        m2, y = 12, y - 1
    if m2 > 12:
        m2, y = 1, y + 1
    if form < 0.75:
        return "%04d-%02d" % (y, m2)
    if form < 0.9:
        return "%s %d" % (rng.choice([MONTHS_FULL[m2 - 1], MONTHS_FULL[m2 - 1][:3]]), y)
    return "%d" % y


def date_value(rng, ctx=None):
    if ctx is not None and rng.random() < 0.3:
        return boundary_date(rng, ctx.as_of)
    r = rng.random()
    y = rng.choice([1999, 2005, 2013, 2014, 2015, 2019, 2020, 2021, 2022, 2023, 2024,
                    2025, 2026, 2030])
    m = rng.randint(1, 12)
    d = rng.choice([1, 14, 15, 16, 28, 29, 30, 31])
    if r < 0.15:
        return "%s %d" % (MONTHS_FULL[m - 1][:3], y)
    if r < 0.25:
        return "%s %d" % (MONTHS_FULL[m - 1], y)
    if r < 0.32:
        return "%s  %d" % (mutate_case(rng, MONTHS_FULL[m - 1][:3]), y)
    if r < 0.42:
        return "%d" % y
    if r < 0.52:
        return "%d-%02d" % (y, m)
    if r < 0.66:
        return "%d-%02d-%02d" % (y, m, d)     # may be impossible (Feb 30)
    junk = ["Sept 2023", "2023/03", "03-2023", "2023-3", "2023-03-5", "", "  ", None,
            2023, "Mar. 2023", "Märch 2023", "Present", "2023-13", "0000", "2023-00-10",
            " 2019 ", "mar 2023", "MAR 2023", "Mar\t2023", "Mar2023", "1 Mar 2023",
            "2023-02-29", "2024-02-29", "20230315", "Mar 23", "Juni 2020", True, [],
            "2023-03-15T00:00:00", "\u00a02020"]
    return rng.choice(junk)


def company_url_value(rng, slug=None):
    slug = slug or rng.choice(SLUGS)
    forms = [
        "https://www.linkedin.com/company/%s/", "https://www.linkedin.com/company/%s",
        "http://linkedin.com/company/%s", "linkedin.com/company/%s",
        "https://de.linkedin.com/company/%s", "www.linkedin.com/company/%s/",
        "https://www.linkedin.com/company/%s/about", "https://www.linkedin.com/company/%s?x=1",
        "https://www.linkedin.com/sales/company/21828", "https://www.linkedin.com/pub/%s",
        "https://www.linkedin.com/pub-profile/%s/", " https://www.linkedin.com/company/%s ",
        "HTTPS://WWW.LINKEDIN.COM/COMPANY/%s", "https://example.com/company/%s",
        "https://www.linkedin.com/company/%s//", "https://abc.linkedin.com/company/%s",
    ]
    f = rng.choice(forms)
    return f % slug if "%s" in f else f


def request_company_link(rng):
    slug = rng.choice(SLUGS)
    forms = [
        "https://www.linkedin.com/company/%s", "https://www.linkedin.com/company/%s/",
        "linkedin.com/company/%s", "http://fr.linkedin.com/company/%s",
        "www.linkedin.com/company/%s", "https://www.linkedin.com/sales/company/21828",
        "https://www.linkedin.com/sales/company/021828/", "linkedin.com/pub/%s",
        "https://linkedin.com/pub-profile/%s/", "  https://www.linkedin.com/company/%s  ",
        "HTTPS://LinkedIn.com/Company/%s", "https://www.linkedin.com/pub/21828",
    ]
    f = rng.choice(forms)
    return f % slug if "%s" in f else f


BAD_COMPANY_LINKS = [
    "https://www.linkedin.com/in/john", "https://www.linkedin.com/company/acme/about",
    "https://www.linkedin.com/company/acme?x=1", "https://example.com/company/acme",
    "linkedin.com/company/", "https://www.linkedin.com/sales/company/acme",
    "ftp://linkedin.com/company/acme", "https://www.linkedin.co/company/acme",
    "https://abc.linkedin.com/company/acme", "", 21828, ["linkedin.com/company/acme"],
    "https://www.linkedin.com/company/acme//", "https://www.linkedin.com/company/ac me",
]


# --- titles ---------------------------------------------------------------

def make_title(rng, pool):
    r = rng.random()
    if r < 0.06:
        return rng.choice(ODD_TITLES)
    base = rng.choice(pool)
    if rng.random() < 0.35:
        base = rng.choice(TITLE_PREFIXES) + base
    if rng.random() < 0.25:
        base = base + rng.choice(TITLE_SUFFIXES)
    if rng.random() < 0.05:
        base = base + " " + rng.choice(ODD_TITLES)
    return mutate_case(rng, base)


STOPWORDS = {"or", "and", "of", "in", "at"}


def usable(kw):
    """Roughly: does the keyword keep a token after normalization?"""
    toks = re.findall(r"\w+", kw.lower())
    return any(t not in STOPWORDS and t != "_" for t in toks)


def keyword_from(rng, pool):
    for _ in range(20):
        kw = _keyword_from(rng, pool)
        if usable(kw):
            return kw
    return "sales"


def _keyword_from(rng, pool):
    r = rng.random()
    if r < 0.55:
        ws = words_of(rng.choice(pool))
        if ws:
            k = rng.randint(1, min(3, len(ws)))
            i = rng.randint(0, len(ws) - k)
            kw = " ".join(ws[i:i + k])
            if rng.random() < 0.15 and len(kw) > 4:      # a piece inside a word
                a = rng.randint(0, len(kw) - 3)
                kw = kw[a:a + rng.randint(2, 5)]
            return mutate_case(rng, kw)
    if r < 0.85:
        return mutate_case(rng, rng.choice(FUNCTION_EXTRA))
    return rng.choice(SENIORITY_WORDS)


def big_or_small_int(rng):
    r = rng.random()
    if r < 0.7:
        return rng.randint(-3, 5)
    if r < 0.85:
        return rng.choice([-1, 0, 1, 2])
    return rng.choice([10 ** 20, -10 ** 20, 10 ** 20 + 1, -10 ** 20 - 1, 2 ** 63, -2 ** 63,
                       -2 ** 63 - 1, 2 ** 63 - 1, 2 ** 64, 2 ** 31, 123456789, raw("-0"),
                       10 ** 40, 10 ** 40 + 1])


def make_personas(rng, pool):
    n = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 8])
    ps = []
    for i in range(n):
        name = rng.choice(["Marketing Leaders", "Sales", "CEOs", "IT", "Finance", "Ops",
                           "Führung", "Διευθυντές", "Директори", "p", "P", " p", "x y"])
        name = name + ("" if rng.random() < 0.5 else " %d" % i)
        if any(p[0] == name for p in ps):
            name = name + "#%d" % i
        funcs = [keyword_from(rng, pool)
                 for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5, 5, 5, 5, 100] if i == 0 and n == 8
                                           else [0, 0, 1, 1, 2, 3, 5]))]
        sens = []
        for _ in range(rng.choice([0, 0, 0, 0, 1, 1, 2, 3])):
            sens.append(rng.choice(SENIORITY_WORDS) if rng.random() < 0.75
                        else keyword_from(rng, pool))
        pros = []
        for _ in range(rng.choice([0, 0, 0, 0, 1, 1, 2])):
            pros.append(rng.choice(PROHIBIT_WORDS) if rng.random() < 0.6
                        else keyword_from(rng, pool))
        p = [name, funcs, sens, pros]
        if rng.random() < 0.6:
            p.append(big_or_small_int(rng))
        ps.append(p)
    return ps


# --- leads ----------------------------------------------------------------

class Ctx:
    """Per-case pools so that leads and filters overlap."""

    def __init__(self, rng):
        self.titles = rng.sample(TITLES, rng.randint(2, 7))
        self.as_of = rng.choice(AS_OF)
        self.sales_ids = ["ACw%04d" % rng.randint(0, 9999) for _ in range(rng.randint(2, 8))]
        self.urls = ["https://www.linkedin.com/in/p%d" % rng.randint(0, 999)
                     for _ in range(rng.randint(2, 6))]
        self.lids = [str(rng.randint(1000, 9999)) for _ in range(rng.randint(2, 5))]
        self.next_id = 0


def maybe(rng, p, v):
    return v if rng.random() < p else None


def empty_var_value(rng):
    return rng.choice([None, "", " ", False, True, 0, 1, [], {}, [1], {"a": 1},
                       "https://x/y.jpg", "2020", "\u00a0", "MISSING"])


def make_job(rng, ctx, company_id):
    j = {}
    if rng.random() < 0.8:
        j["company_name"] = rng.choice(COMPANIES + [None, 5])
    r = rng.random()
    if r < 0.5 and company_id is not None:
        j["company_id"] = company_id
    elif r < 0.85:
        j["company_id"] = rng.choice(COMPANY_IDS + [21828, None])
    if rng.random() < 0.7:
        j["company_url"] = rng.choice([company_url_value(rng), None, "", " "])
    if rng.random() < 0.8:
        j["job_started_on"] = date_value(rng, ctx)
    r = rng.random()
    if r < 0.5:
        j["job_ended_on"] = None
    elif r < 0.7:
        j["job_ended_on"] = date_value(rng, ctx)
    elif r < 0.75:
        j["job_ended_on"] = rng.choice(["", " ", "x"])
    r = rng.random()
    if r < 0.6:
        j["job_still_working"] = rng.random() < 0.6
    elif r < 0.7:
        j["job_still_working"] = rng.choice([None, 0, "false", 1])
    if rng.random() < 0.5:
        j["job_title"] = make_title(rng, ctx.titles)
    keys = list(j)
    if rng.random() < 0.3:
        rng.shuffle(keys)
    return {k: j[k] for k in keys}


def id_value(rng, pool):
    """Mostly unique ids; some from a small shared pool (duplicates); some junk."""
    r = rng.random()
    if r < 0.72:
        return "%s-u%d" % (pool[0], rng.randrange(10 ** 9))
    if r < 0.87:
        return rng.choice(pool)
    return rng.choice([None, "", " ", 12345, "12345", ["x"], True, "\u00a0"])


def make_lead(rng, ctx):
    lead = {}
    ctx.next_id += 1
    lid = ctx.next_id
    # title placement
    title = make_title(rng, ctx.titles)
    r = rng.random()
    blanks = [None, "", "  ", "\t", 5, True, ["CEO"], {"t": "CEO"}, "\u00a0", "\u2003",
              "\u3000", "\u200b", " \r\n\f\v", "\u0085"]
    if r < 0.72:
        lead["job_title"] = title
        if rng.random() < 0.3:
            lead["raw_job_title"] = make_title(rng, ctx.titles)
    elif r < 0.97:
        field = rng.choice(["raw_job_title", "title", "headline"])
        order = ["job_title", "raw_job_title", "title", "headline"]
        for f in order[:order.index(field)]:
            if rng.random() < 0.6:
                lead[f] = rng.choice(blanks)
        lead[field] = title
        if rng.random() < 0.3 and field != "headline":
            lead["headline"] = make_title(rng, ctx.titles) + " at Acme"
    # else: no title at all
    if rng.random() < 0.8:
        lead["sales_id"] = id_value(rng, ctx.sales_ids)
        if rng.random() < 0.04:
            # numeric ids.  Not generated: one number spelled two ways (1.5 and
            # 1.50, 0 and -0), which the contract leaves open; see README.md.
            lead["sales_id"] = raw(rng.choice(["1.5", "1000", "1e3", "0", "7"]))
    if rng.random() < 0.7:
        lead["linkedin_url"] = id_value(rng, ctx.urls)
    if rng.random() < 0.5:
        lid_v = id_value(rng, ctx.lids)
        if rng.random() < 0.2 and isinstance(lid_v, str) and lid_v.isdigit():
            lid_v = int(lid_v)
        lead["linkedin_id"] = lid_v
    if rng.random() < 0.5:
        lead["full_name"] = rng.choice(NAMES + [None, 7])
    if rng.random() < 0.4:
        lead["unformatted_full_name"] = rng.choice(NAMES + [None])
    if rng.random() < 0.6:
        lead["location"] = rng.choice(LOCATIONS + [None, 3])
    if rng.random() < 0.5:
        lead["company_location"] = rng.choice(LOCATIONS + [None])
    if rng.random() < 0.6:
        lead["company_headcount_range"] = rng.choice(HEADCOUNT_VALUES)
    if rng.random() < 0.6:
        lead["industry"] = rng.choice(INDUSTRIES + [None, 1])
    company_id = None
    if rng.random() < 0.7:
        company_id = rng.choice(COMPANY_IDS + [21828, 1035, None, "", " 21828", 1.5,
                                               raw("21828.0"), raw("2.1828e4")])
        lead["company_id"] = company_id
    if rng.random() < 0.5:
        lead["linkedin_company_id"] = rng.choice(COMPANY_IDS + [21828, None, "x"])
    if rng.random() < 0.6:
        lead["company_name"] = rng.choice(COMPANIES + [None, 9])
    if rng.random() < 0.5:
        lead["company_url"] = rng.choice([company_url_value(rng)] * 4 + [None, "", "  "])
    if rng.random() < 0.6:
        lead["job_started_on"] = date_value(rng, ctx)
    for f in ("profile_photo", "started_at_position", "company_website"):
        if rng.random() < 0.5:
            v = empty_var_value(rng)
            if v != "MISSING":
                lead[f] = v
    if rng.random() < 0.5:
        lead["jobs"] = [make_job(rng, ctx, company_id if isinstance(company_id, (str, int)) else None)
                        for _ in range(rng.choice([0, 1, 1, 2, 3, 4]))]
        if rng.random() < 0.03:
            lead["jobs"].append(rng.choice([None, 5, "x", []]))
    elif rng.random() < 0.05:
        lead["jobs"] = rng.choice([None, {}, "jobs", 3])
    if rng.random() < 0.3:
        lead["linkedin_lead_persona"] = rng.choice(["Marketing Leaders", "", None, 3, "Sales"])
    # extra fields that must survive untouched
    if rng.random() < 0.4:
        lead["num_of_connections"] = rng.choice([710, 0, -1, 1.5, 1e21, 12345678901234567890,
                                                 0.1, -0.0, 3.0] +
                                                [raw(n) for n in NUMBER_LITERALS])
    if rng.random() < 0.3:
        lead["languages"] = [{"name": "Deutsch", "proficiency": "NATIVE"},
                             {"name": "Ελληνικά\u2028x", "n": [1, {"z": None}]}]
    if rng.random() < 0.2:
        lead["note"] = rng.choice(["tab\there", "quote\"back\\slash", "\u0000nul",
                                   "ctl\u001f", "emoji \U0001F600", "\u2028\u2029", "/slash/"])
    if rng.random() < 0.2:
        lead["educations"] = []
    if rng.random() < 0.1:
        lead["is_premium"] = rng.choice([True, False, None])
    # marker, then shuffle key order sometimes
    lead[LEAD_ID] = lid
    keys = list(lead)
    if rng.random() < 0.4:
        rng.shuffle(keys)
    return {k: lead[k] for k in keys}


# --- request --------------------------------------------------------------

def pick_values_from_leads(rng, leads, field, k):
    vals = [l.get(field) for l in leads if isinstance(l.get(field), str)]
    out = []
    for _ in range(k):
        if vals and rng.random() < 0.6:
            out.append(rng.choice(vals))
    return out


def make_request(rng, ctx, leads):
    req = {}
    ps = make_personas(rng, ctx.titles)
    r = rng.random()
    if ps or r < 0.5:
        req["personas"] = ps
    elif r < 0.75:
        req["personas"] = None
    # company identification
    r = rng.random()
    if r < 0.65:
        req["without_company"] = True
    elif r < 0.75:
        req["company_id"] = rng.choice(COMPANY_IDS + [21828, 0, 1035, 999999999999999999999,
                                                      raw("21828"), "00"])
    elif r < 0.83:
        req["company_link"] = request_company_link(rng)
    elif r < 0.91:
        req["company_name"] = rng.choice([c for c in COMPANIES if c.strip() and c != "the of"])
    else:
        req["linkedin_filter_link"] = "https://www.linkedin.com/sales/search/people?query=x"
        for k in ("company_id", "company_link", "company_name"):
            if rng.random() < 0.3:
                req[k] = {"company_id": lambda: rng.choice(COMPANY_IDS),
                          "company_link": lambda: request_company_link(rng),
                          "company_name": lambda: rng.choice(COMPANIES[:6])}[k]()
        if rng.random() < 0.2:
            req["without_company"] = False
    if "without_company" not in req and rng.random() < 0.1:
        req["without_company"] = rng.choice([False, None])
    # filters: about half the cases test persona matching alone
    if rng.random() < 0.45:
        return finish_request(rng, req)
    if rng.random() < 0.15:
        names = pick_values_from_leads(rng, leads, "full_name", 2) + \
            pick_values_from_leads(rng, leads, "unformatted_full_name", 1)
        req["exclude_names"] = [mutate_case(rng, n) for n in names] + \
            ([rng.choice(NAMES)] if rng.random() < 0.5 else [])
    if rng.random() < 0.15:
        req["exclude_ids"] = pick_values_from_leads(rng, leads, "sales_id", 3) + \
            (["12345"] if rng.random() < 0.3 else [])
    if rng.random() < 0.12:
        req["filter_empty_vars"] = rng.sample(FILTER_EMPTY, rng.randint(0, 3))
    if rng.random() < 0.15:
        req["locations"] = [rng.choice(LOCATIONS[:-8] + ["United States,", ", United States",
                                                         "california , united states", "Ελλάδα",
                                                         "Sofia,Bulgaria", "DE"])
                            for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.1:
        req["company_locations"] = [rng.choice(LOCATIONS[:-8]) for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.12:
        req["company_headcounts"] = rng.sample(HEADCOUNTS, rng.randint(0, 4))
    if rng.random() < 0.1:
        req["lead_industries"] = [mutate_case(rng, rng.choice(INDUSTRIES[:-1]))
                                  for _ in range(rng.randint(0, 2))]
    if rng.random() < 0.1:
        req["past_company_names"] = [rng.choice([c for c in COMPANIES if c.strip() and c != "the of"])
                                     for _ in range(rng.randint(0, 2))]
    for key in ("years_in_position", "years_in_company"):
        if rng.random() < 0.12:
            req[key] = rng.sample([1, 2, 3, 4, 5], rng.randint(0, 3))
    for key in NOT_EVALUATED[:-1]:
        if rng.random() < 0.03:
            req[key] = {"company_types": lambda: ["Privately Held"],
                        "changed_jobs": lambda: rng.choice([True, False]),
                        "posted_on_linkedin": lambda: True,
                        "mentioned_in_news": lambda: False,
                        "groups": lambda: [1, 2],
                        "schools": lambda: rng.choice([[], [15]])}[key]()
    if rng.random() < 0.05:
        req[rng.choice(["group", "foo", "Personas", "limit", "unknown_field"])] = \
            rng.choice([1, "x", None, [1], {"a": 1}])
    # nulls count as absent
    if rng.random() < 0.08:
        for key in rng.sample(["exclude_names", "locations", "company_headcounts",
                               "years_in_position", "limit_by", "exclude_ids"], 2):
            req.setdefault(key, None)
    return finish_request(rng, req)


def finish_request(rng, req):
    # limit_by
    r = rng.random()
    if r < 0.35:
        reduced = req.get("without_company") is True or req.get("linkedin_filter_link") is not None
        req["limit_by"] = rng.choice([1, 1, 2, 3, 5, 10, 50, 2400, 2400 if reduced else 2500])
    # key order is free in JSON; shuffle sometimes
    keys = list(req)
    if rng.random() < 0.5:
        rng.shuffle(keys)
    return {k: req[k] for k in keys}


INVALID_MUTATIONS = []


def invalid(fn):
    INVALID_MUTATIONS.append(fn)
    return fn


def _persona(rng, req):
    ps = req.get("personas")
    if not isinstance(ps, list) or not ps:
        req["personas"] = ps = [["P", ["sales"], [], []]]
    i = rng.randrange(len(ps))
    if not isinstance(ps[i], list) or len(ps[i]) < 4:
        ps[i] = ["Q%d" % i, ["sales"], [], []]
    return i, ps


@invalid
def m_short_persona(rng, req):
    i, ps = _persona(rng, req)
    ps[i] = ps[i][:rng.randint(0, 3)]


@invalid
def m_long_persona(rng, req):
    i, ps = _persona(rng, req)
    ps[i] = (ps[i] + [0])[:5] + [rng.choice([1, "x", None])] * rng.randint(1, 2)


@invalid
def m_dup_name(rng, req):
    i, ps = _persona(rng, req)
    ps.append(list(ps[i]))


@invalid
def m_bad_name(rng, req):
    i, ps = _persona(rng, req)
    ps[i][0] = rng.choice(["", 5, None, ["x"]])


@invalid
def m_bad_list(rng, req):
    i, ps = _persona(rng, req)
    ps[i][rng.randint(1, 3)] = rng.choice(["sales", None, {"a": 1}, 3])


@invalid
def m_bad_keyword(rng, req):
    i, ps = _persona(rng, req)
    k = rng.randint(1, 3)
    cur = ps[i][k] if isinstance(ps[i][k], list) else []
    ps[i][k] = cur + [rng.choice(STOP_ONLY + [5, None, ["x"]])]


@invalid
def m_bad_priority(rng, req):
    i, ps = _persona(rng, req)
    p = ps[i][:4]
    p.append(rng.choice([1.0, True, False, "1", None, 0.5, [1], raw("1e2"), raw("1E0"),
                         raw("-0.0"), raw("2.000"), raw("1e400")]))
    ps[i] = p


@invalid
def m_personas_type(rng, req):
    req["personas"] = rng.choice([{"a": 1}, "CEO", 5, True, [["P", [], [], []], "x"]])


@invalid
def m_limit(rng, req):
    reduced = req.get("without_company") is True or req.get("linkedin_filter_link") is not None
    req["limit_by"] = rng.choice([0, -5, 2501, 2401 if reduced else 2501, "10", 10.0, True, [5], 1e9,
                                  raw("1e1"), raw("10.0"), raw("-0"), raw("0e0"),
                                  raw("99999999999999999999999")])


@invalid
def m_list_type(rng, req):
    key = rng.choice(["exclude_names", "exclude_ids", "locations", "company_locations",
                      "lead_industries", "past_company_names"])
    req[key] = rng.choice(["x", 5, {"a": 1}, ["ok", 5], [None], True])


@invalid
def m_enum(rng, req):
    key = rng.choice(["filter_empty_vars", "company_headcounts"])
    req[key] = rng.choice([["title"], ["10000+"], ["1-10 "], [1], "1-10", ["job_started_on", "x"],
                           ["10,001+"], ["Job_started_on"], ["2-10"], ["501-1,000"], [50]])


@invalid
def m_years(rng, req):
    key = rng.choice(["years_in_position", "years_in_company"])
    req[key] = rng.choice([[0], [6], ["1"], [True], [1.0], 3, [1, 9]])


@invalid
def m_bool(rng, req):
    key = rng.choice(["without_company", "changed_jobs", "posted_on_linkedin", "mentioned_in_news"])
    req[key] = rng.choice(["yes", 1, 0, "true", [True]])


@invalid
def m_company_conflict(rng, req):
    for k in ("linkedin_filter_link",):
        req.pop(k, None)
    keys = rng.sample(["company_id", "company_link", "company_name", "without_company"], 2)
    for k in keys:
        req[k] = {"company_id": "21828", "company_link": "linkedin.com/company/acme",
                  "company_name": "Acme", "without_company": True}[k]


@invalid
def m_company_missing(rng, req):
    for k in ("company_id", "company_link", "company_name", "without_company",
              "linkedin_filter_link"):
        req.pop(k, None)
    if rng.random() < 0.5:
        req["without_company"] = rng.choice([False, None])


@invalid
def m_company_bad(rng, req):
    for k in ("company_id", "company_link", "company_name", "without_company",
              "linkedin_filter_link"):
        req.pop(k, None)
    k = rng.choice(["company_id", "company_link", "company_name"])
    req[k] = {"company_id": lambda: rng.choice(["-1", "12a", -3, 1.5, " 12", "", "１２",
                                                True, ["1"], "+5", raw("21828.0"),
                                                raw("2.1828e4"), raw("-1")]),
              "company_link": lambda: rng.choice(BAD_COMPANY_LINKS),
              "company_name": lambda: rng.choice(["&", "", " of ", 5, ["Acme"], "---"])}[k]()


@invalid
def m_not_evaluated_types(rng, req):
    key = rng.choice(["groups", "schools", "company_types", "linkedin_filter_link"])
    req[key] = rng.choice([["x"], [1.5], "x", 5, [True], {"a": 1}])


ROOT_INVALID = [b"[]", b"\"request\"", b"5", b"null", b"{", b"{\"personas\": [}", b"",
                b"[{\"without_company\": true}]", b"true", b"{\"a\":1}}"]


def make_invalid(rng, req):
    """Returns request text (bytes) with one or more deliberate problems."""
    if rng.random() < 0.06:
        return rng.choice(ROOT_INVALID)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        rng.choice(INVALID_MUTATIONS)(rng, req)
    return dumps(rng, req, False)


# --- serialization and input files ----------------------------------------

RAW = "\u0000RAW:"
RAW_RE = re.compile(r'"\\u0000RAW:([^"]*)"')


def raw(text):
    """A JSON value written exactly as `text` (numbers as written)."""
    return RAW + text


NUMBER_LITERALS = ["1.50", "1E3", "-0", "0.0e0", "123456789012345678901234567890",
                   "1e400", "-1.0E-7", "7", "3.0", "0.1000", "-12", "1e-400"]


def dumps(rng, obj, ascii_only=None, pretty=None):
    if ascii_only is None:
        ascii_only = rng.random() < 0.2
    if pretty is None:
        pretty = rng.random() < 0.2
    if pretty:
        s = json.dumps(obj, ensure_ascii=ascii_only, indent=rng.choice([1, 2, "\t"]))
    else:
        s = json.dumps(obj, ensure_ascii=ascii_only,
                       separators=rng.choice([(",", ":"), (", ", ": ")]))
    s = RAW_RE.sub(lambda m: m.group(1), s)
    return s.encode("utf-8", "surrogatepass" if ascii_only else "strict")


def needs_ascii(obj):
    if isinstance(obj, str):
        return any(0xD800 <= ord(c) <= 0xDFFF for c in obj)
    if isinstance(obj, list):
        return any(needs_ascii(x) for x in obj)
    if isinstance(obj, dict):
        return any(needs_ascii(k) or needs_ascii(v) for k, v in obj.items())
    return False


def make_file(rng, leads):
    """Serialize leads in one of the accepted shapes."""
    ascii_only = rng.random() < 0.2 or needs_ascii(leads)
    items = list(leads)
    if rng.random() < 0.04:
        items.insert(rng.randint(0, len(items)), rng.choice([5, "lead", None, [1]]))
    shapes = ["api", "v1", "array", "jsonl", "both"]
    if len(leads) == 1:
        shapes.append("single")
    shape = rng.choice(shapes)
    if shape == "single":
        data = dumps(rng, leads[0], ascii_only)
    elif shape == "jsonl":
        nl = b"\r\n" if rng.random() < 0.1 else b"\n"
        lines = [dumps(rng, x, ascii_only, pretty=False) for x in items]
        if rng.random() < 0.2 and lines:
            lines.insert(rng.randint(0, len(lines)), b"   ")
        data = nl.join(lines) + (nl if rng.random() < 0.7 else b"")
    else:
        if shape == "api":
            obj = {"amount": -len(items), "leads": items, "results_count": "within limit"}
        elif shape == "v1":
            obj = {"status": "ok", "data": {"leads": items, "amount": len(items)}}
        elif shape == "both":
            obj = {"data": {"leads": [{"job_title": "decoy", "sales_id": "decoy",
                                       LEAD_ID: -1}]}, "leads": items}
        else:
            obj = items
        data = dumps(rng, obj, ascii_only)
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    return data


def inject_bad_bytes(rng, data):
    """Put an invalid UTF-8 sequence into the first job title, at its start
    or between two of its characters (inside the JSON string, so the file
    stays well-formed JSON)."""
    m = re.search(rb'"job_title": ?"([^"\\]*)"', data)
    if not m:
        return data
    a, b = m.span(1)
    j = a
    if b > a and rng.random() < 0.7:
        j = rng.randint(a, b)
        while j < b and 0x80 <= data[j] < 0xC0:      # not inside a character
            j += 1
    bad = rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf",
                      b"\xf4\x90\x80\x80", b"\xf0\x9f\x98", b"\x80\x80", b"\xc3\x28"])
    return data[:j] + bad + data[j:]


def make_case(seed, index):
    rng = random.Random("%s:%d" % (seed, index))
    ctx = Ctx(rng)
    big = rng.random() < 0.01      # sizes past small fixed buffers
    n = rng.choice([300, 1000]) if big else rng.choice([0, 1, 2, 3, 5, 8, 12, 20, 30])
    leads = [make_lead(rng, ctx) for _ in range(n)]
    if big:
        for lead in rng.sample(leads, min(20, n)):
            lead["job_title"] = " ".join(make_title(rng, ctx.titles)
                                         for _ in range(rng.choice([50, 500])))
    # duplicates across files: re-emit some leads with changed content
    for _ in range(rng.choice([0, 0, 1, 2])):
        if leads:
            d = dict(rng.choice(leads))
            ctx.next_id += 1
            d[LEAD_ID] = ctx.next_id
            d["job_title"] = make_title(rng, ctx.titles)
            leads.insert(rng.randint(0, len(leads)), d)
    if rng.random() < 0.03 and leads:       # lone surrogate escape in a title
        leads[0]["job_title"] = "Sales \ud800 Manager"
    req = make_request(rng, ctx, leads)
    is_invalid = rng.random() < 0.12
    if is_invalid:
        req_text = make_invalid(rng, req)
    else:
        req_text = dumps(rng, req)
    if rng.random() < 0.03:
        req_text = b"\xef\xbb\xbf" + req_text
    if rng.random() < 0.02:     # an invalid UTF-8 sequence inside a function keyword
        req_text = re.sub(rb'(\[\s*"[^"]*"\s*,\s*\[\s*")',
                          lambda m: m.group(1) + rng.choice([b"\xff", b"\xc3", b"\xe2\x82"]),
                          req_text, count=1)
    # split leads over 1-3 files
    nfiles = rng.choice([1, 1, 1, 2, 3])
    cuts = sorted(rng.randint(0, len(leads)) for _ in range(nfiles - 1))
    parts, prev = [], 0
    for c in cuts + [len(leads)]:
        parts.append(leads[prev:c])
        prev = c
    inputs = []
    for k, part in enumerate(parts):
        data = make_file(rng, part) if part or rng.random() < 0.5 else b""
        if rng.random() < 0.04:
            data = inject_bad_bytes(rng, data)
        inputs.append(("in%d.%s" % (k, rng.choice(["json", "jsonl", "txt"])), data))
    return {
        "request_text": req_text,
        "inputs": inputs,
        "as_of": ctx.as_of,
        "mode": "words" if rng.random() < 0.25 else "documented",
        "invalid": is_invalid,
    }
