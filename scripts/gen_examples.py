#!/usr/bin/python3
"""Generate the bundled example leads in data/examples/leads/.

The leads are synthetic people with REAL job titles: every title comes from
data/examples/titles.tsv, which holds the titles picked from public
occupation corpora (O*NET, ESCO; see data/README.md for attribution) plus a
few LinkedIn-style titles written for these examples (source "leadsieve").

Each lead has the field set of the example lead in the by_icp API
documentation.  The mix is chosen so that the documented example request
(data/examples/request.json) exercises every one of its rules: leads for
each persona, leads each request filter drops, duplicates across files,
non-English titles, \\u-escaped text and numbers that must be kept as written.

Usage:
  gen_examples.py                 write data/examples/leads/ from titles.tsv
  gen_examples.py --select DIR    first re-pick titles.tsv from the corpus
                                  directory DIR (*.tsv: code, occupation,
                                  title, lang), then write the leads

Output is deterministic: same titles.tsv, same bytes (fixed seed, sorted
inputs, standard library only).
"""
import csv
import json
import os
import random
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, 'data', 'examples')
TITLES_TSV = os.path.join(EXAMPLES, 'titles.tsv')
LEADS_DIR = os.path.join(EXAMPLES, 'leads')
SEED = 20240917

# ---------------------------------------------------------------------------
# Title selection (only with --select)
# ---------------------------------------------------------------------------

ENGLISH_FILES = ['onet_titles.tsv', 'onet_reported_titles.tsv', 'esco_en.tsv',
                 'national_usa_en.tsv']
FOREIGN_FILES = ['esco_de.tsv', 'esco_fr.tsv', 'esco_es.tsv', 'esco_el.tsv',
                 'esco_bg.tsv', 'esco_it.tsv', 'esco_pl.tsv']
SENIOR = r'\b(director|manager|head|vp|vice president|chief|senior)\b'
# group -> (files, how many, test on (lowercased title, occupation, code))
GROUPS = {
    'marketing': (ENGLISH_FILES, 24, lambda t, o, c: re.search(r'market|brand|growth|demand', t)
                  and re.search(SENIOR, t)),
    'sales': (ENGLISH_FILES, 24, lambda t, o, c: re.search(r'sales|business development|revenue|account',
                                                         t) and re.search(SENIOR, t)),
    'product': (ENGLISH_FILES, 12, lambda t, o, c: re.search(r'product', t) and re.search(SENIOR, t)),
    'junior': (ENGLISH_FILES, 12, lambda t, o, c: re.search(r'market|sales|product|brand', t)
               and re.search(r'\b(intern|coordinator|specialist|associate|representative|junior|'
                             r'analyst)\b', t)),
    # chief executives, IT, HR, finance, engineering managers, software developers
    'other': (ENGLISH_FILES, 30, lambda t, o, c: c in (
        '11-1011.00', '11-3021.00', '11-3121.00', '11-3031.00', '11-9041.00', '15-1252.00',
        '1120', '1330', '1212', '1211', '2512')
        and not re.search(r'market|sales|product|brand|growth|revenue|business development', t)),
    'foreign': (FOREIGN_FILES, 6, lambda t, o, c: re.search(
        r'marketing manager|chief marketing officer|^sales manager|^product manager|'
        r'chief executive officer|commercial director|brand manager|ict product manager|'
        r'ict business development', o.lower())),
}
# LinkedIn-style titles the corpora lack: forms the contract's examples name
# ("VP, Sales & Marketing", "Head of ...", acronyms) and titles where a
# persona's prohibit list, not its seniority, decides.
WRITTEN = [
    'VP, Sales & Marketing', 'Head of Growth', 'Head of Demand Generation',
    'Vice President of Sales', 'SVP Revenue', 'CMO', 'Sr. Director, Product Marketing',
    'Director \u2013 Brand Strategy', 'Associate Marketing Director',
    'Junior Sales Manager', 'Senior Product Analyst', 'Marketing Manager (Intern)',
    'Head of Product', 'Gesch\u00e4ftsf\u00fchrer', 'Directeur Marketing & Communication',
    '\u0394\u03b9\u03b5\u03c5\u03b8\u03c5\u03bd\u03c4\u03ae\u03c2 Marketing',
]


def read_tsv(path):
    with open(path, encoding='utf-8', newline='') as f:
        return list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))


def select_titles(corpus_dir):
    rng = random.Random(SEED)
    rows = []
    for group, (files, count, test) in GROUPS.items():
        per_file = group == 'foreign'
        pool = []
        for name in files:
            cands = []
            for r in read_tsv(os.path.join(corpus_dir, name)):
                if test(r['title'].lower(), r['occupation'], r['code']):
                    cands.append((r['title'], r['code'], r['occupation'], r['lang'], name))
            cands = sorted(set(cands))
            if per_file:
                pool += rng.sample(cands, min(count, len(cands)))
            else:
                pool += cands
        if not per_file:
            # one row per distinct title, then a fixed-seed sample
            by_title = {}
            for c in pool:
                by_title.setdefault(c[0], c)
            pool = rng.sample(sorted(by_title.values()), count)
        for title, code, occ, lang, src in sorted(pool):
            rows.append((group, code, occ, title, lang, src))
    for title in WRITTEN:
        rows.append(('written', '-', '-', title, 'en', 'leadsieve'))
    with open(TITLES_TSV, 'w', encoding='utf-8', newline='') as f:
        f.write('group\tcode\toccupation\ttitle\tlang\tsource\n')
        for r in rows:
            f.write('\t'.join(r) + '\n')


# ---------------------------------------------------------------------------
# People, places, companies
# ---------------------------------------------------------------------------

# (first, last, ascii slug for non-Latin names or None)
NAMES = {
    'en': [('Olivia', 'Bennett'), ('James', 'Carter'), ('Amelia', 'Hughes'), ('Noah', 'Foster'),
           ('Charlotte', 'Reed'), ('Ethan', 'Brooks'), ('Harper', 'Sullivan'),
           ('Liam', 'Patterson'), ('Grace', 'Whitman'), ('Mason', 'Doyle'),
           ('Chloe', 'Ramirez'), ('Lucas', 'Nguyen'), ('Ava', 'Kowalski'), ('Henry', 'Okafor'),
           ('Isla', 'McKenzie'), ('Oliver', 'Thornton'), ('Maya', 'Patel'), ('Daniel', 'Kim'),
           ('Zoe', 'Fitzgerald'), ('Samuel', 'Adeyemi'), ('Priya', 'Raman'), ('Wei', 'Zhang'),
           ('Hannah', 'Goldberg'), ('Marcus', 'Bell'), ('Leah', 'Morrison'),
           ('Ryan', "O'Connor"), ('Nadia', 'Hassan'), ('Owen', 'Price'), ('Ruby', 'Chambers'),
           ('Jack', 'Delaney'), ('Sophie', 'Turner-Hall'), ('Aaron', 'Weiss')],
    'de': [('J\u00fcrgen', 'M\u00fcller'), ('Anja', 'Schr\u00f6der'), ('Lukas', 'Wei\u00df'),
           ('Katrin', 'Hoffmann'), ('Tobias', 'Kr\u00e4mer')],
    'fr': [('\u00c9lodie', 'Lef\u00e8vre'), ('Fran\u00e7ois', 'Girard'), ('Chlo\u00e9', 'Moreau'),
           ('Ga\u00ebl', 'Rousseau')],
    'es': [('Jos\u00e9', 'Mart\u00ednez'), ('Luc\u00eda', 'Fern\u00e1ndez'), ('Iker', 'Ib\u00e1\u00f1ez')],
    'el': [('\u0393\u03b9\u03ce\u03c1\u03b3\u03bf\u03c2',
            '\u03a0\u03b1\u03c0\u03b1\u03b4\u03cc\u03c0\u03bf\u03c5\u03bb\u03bf\u03c2',
            'giorgos-papadopoulos'),
           ('\u0394\u03ae\u03bc\u03b7\u03c4\u03c1\u03b1',
            '\u039d\u03b9\u03ba\u03bf\u03bb\u03ac\u03bf\u03c5', 'dimitra-nikolaou')],
    'bg': [('\u0418\u0432\u0430\u043d', '\u041f\u0435\u0442\u0440\u043e\u0432', 'ivan-petrov'),
           ('\u041c\u0430\u0440\u0438\u044f', '\u0413\u0435\u043e\u0440\u0433\u0438\u0435\u0432\u0430',
            'maria-georgieva')],
    'it': [('Giulia', 'Ricci'), ('Matteo', 'Esposito')],
    'pl': [('\u0141ukasz', 'Nowak'), ('Agnieszka', 'W\u00f3jcik')],
}

# location -> (city, state, country)
TARGET_PLACES = [
    ('San Francisco, California, United States', 'San Francisco', 'California', 'United States'),
    ('New York, New York, United States', 'New York', 'New York', 'United States'),
    ('London, England, United Kingdom', 'London', 'England', 'United Kingdom'),
]
# Written differently, still the same place once normalized.
TARGET_VARIANTS = [
    ('london, england, united kingdom', 'London', 'England', 'United Kingdom'),
    ('New York,New York,United States', 'New York', 'New York', 'United States'),
    ('SAN FRANCISCO, CALIFORNIA, UNITED STATES', 'San Francisco', 'California', 'United States'),
]
OTHER_PLACES = [
    ('San Francisco Bay Area', None, None, None),
    ('New York City Metropolitan Area', None, None, None),
    ('Greater London, England, United Kingdom', 'London', 'England', 'United Kingdom'),
    ('Manchester, England, United Kingdom', 'Manchester', 'England', 'United Kingdom'),
    ('Austin, Texas, United States', 'Austin', 'Texas', 'United States'),
    ('Oakland, California, United States', 'Oakland', 'California', 'United States'),
    ('United States', None, None, 'United States'),
    ('Toronto, Ontario, Canada', 'Toronto', 'Ontario', 'Canada'),
    ('Berlin, Berlin, Germany', 'Berlin', 'Berlin', 'Germany'),
    ('M\u00fcnchen, Bayern, Deutschland', 'M\u00fcnchen', 'Bayern', 'Deutschland'),
    ('Paris, \u00cele-de-France, France', 'Paris', '\u00cele-de-France', 'France'),
    ('Madrid, Community of Madrid, Spain', 'Madrid', 'Community of Madrid', 'Spain'),
    ('Athens, Attica, Greece', 'Athens', 'Attica', 'Greece'),
    ('Sofia, Sofia City, Bulgaria', 'Sofia', 'Sofia City', 'Bulgaria'),
    ('Dublin, County Dublin, Ireland', 'Dublin', 'County Dublin', 'Ireland'),
]

SLACK = {
    'company_city': 'San Francisco', 'company_country': 'United States',
    'company_description': 'Slack is a messaging app for business that connects people to the '
                           'information they need.',
    'company_headcount_range': '1001-5000', 'company_id': '21828',
    'company_industry': 'Software Development',
    'company_location': 'San Francisco, California, United States', 'company_name': 'Slack',
    'company_state': 'California',
    'company_url': 'https://www.linkedin.com/company/slack-technologies/',
    'company_website': 'https://slack.com',
}
# Fictional companies: leads there are what company_link drops.
OTHER_COMPANIES = [
    ('Northwind Traders', '4410932', 'northwind-traders', 'Seattle', 'Washington',
     'United States', 'Wholesale', '201-500', 'https://northwindtraders.example'),
    ('Contoso Ltd', '1203398', 'contoso', 'London', 'England', 'United Kingdom',
     'IT Services and IT Consulting', '5001-10000', 'https://contoso.example'),
    ('Fabrikam, Inc.', '2871150', 'fabrikam-inc', 'New York', 'New York', 'United States',
     'Software Development', '10,001+', 'https://fabrikam.example'),
    ('Tailspin Toys', '9920417', 'tailspin-toys', 'Austin', 'Texas', 'United States',
     'Retail', '51-200', 'https://tailspintoys.example'),
    ('Globex Corporation', '3318006', 'globex', 'San Francisco', 'California',
     'United States', 'Financial Services', '1001-5000', 'https://globex.example'),
]

# Request filters of data/examples/request.json and how a lead is made to
# fail exactly one of them (so the per-filter counts do not depend on the
# order filters are applied in).
EXCLUDED = [  # (first, last, unformatted_full_name or None = key absent)
    ('John', 'Smith', 'John Smith'),
    ('Sarah', 'Johnson', 'SARAH JOHNSON'),
    ('Michael', 'Brown', 'Michael   Brown'),
    ('Emily', 'Davis', '\u00c9mily Davis'),
    ('David', 'Wilson', 'david wilson'),
    ('Jennifer', 'Garcia', None),
]
NOT_EXCLUDED = [('John', 'Smithson'), ('Jennifer', 'Garcia-L\u00f3pez')]
EMPTY_VARS = [  # (field, value; DROP = key absent)
    ('profile_photo', ''), ('profile_photo', None), ('profile_photo', 'DROP'),
    ('profile_photo', False), ('profile_photo', '   '),
    ('job_started_on', None), ('job_started_on', ''), ('job_started_on', 'DROP'),
    ('job_started_on', ' '),
]
SLACK_URL_KEPT = [
    'https://www.linkedin.com/company/Slack-Technologies',
    'linkedin.com/company/slack-technologies',
    'https://uk.linkedin.com/company/slack-technologies/',
    'http://www.linkedin.com/company/slack-technologies',
]
SLACK_URL_DROPPED = [
    'https://www.linkedin.com/company/slack-technologies/about/',
    'https://www.linkedin.com/sales/company/21828',
    'https://www.linkedin.com/company/slack',
]

MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
          'September', 'October', 'November', 'December']
B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
RAW = '@@raw:'  # marks a number to be written exactly as given


def slug(text):
    s = unicodedata.normalize('NFKD', text).encode('ascii', 'ignore').decode().lower()
    return re.sub(r'[^a-z0-9]+', '-', s).strip('-')


class Maker:
    def __init__(self, titles):
        self.rng = random.Random(SEED)
        self.titles = titles
        self.used_names = set()
        self.serial = 0

    def token(self, n, alphabet=B64):
        return ''.join(self.rng.choice(alphabet) for _ in range(n))

    def date(self, year_lo=2012, year_hi=2024):
        y = self.rng.randint(year_lo, year_hi)
        m = self.rng.randint(1, 12)
        d = self.rng.randint(1, 28)
        form = self.rng.choice(['mon', 'mon', 'mon', 'month', 'year', 'ym', 'ymd'])
        return {'mon': '%s %d' % (MONTHS[m - 1][:3], y), 'month': '%s %d' % (MONTHS[m - 1], y),
                'year': str(y), 'ym': '%d-%02d' % (y, m),
                'ymd': '%d-%02d-%02d' % (y, m, d)}[form], y

    def person(self, lang):
        pool = NAMES.get(lang, NAMES['en'])
        for _ in range(100):
            entry = self.rng.choice(pool)
            other = self.rng.choice(pool)
            first, last = entry[0], other[1]
            key = (first, last)
            if key not in self.used_names:
                break
        self.used_names.add(key)
        if len(entry) == 3 and len(other) == 3:
            s = entry[2].split('-')[0] + '-' + other[2].split('-')[1]
        else:
            s = slug(first + ' ' + last)
        return first, last, s

    def photo(self):
        return ('https://media.licdn.com/dms/image/v2/%s/profile-displayphoto-shrink_800_800/'
                'profile-displayphoto-shrink_800_800/0/%d?e=1738800000&v=beta&t=%s'
                % (self.token(18), self.rng.randint(10**12, 2 * 10**12), self.token(43)))

    def lead(self, title, lang, place, company=None, first_last=None):
        rng = self.rng
        self.serial += 1
        if first_last:
            first, last = first_last
            s = slug(first + ' ' + last)
        else:
            first, last, s = self.person(lang)
        full = '%s %s' % (first, last)
        started, year = self.date()
        location, city, state, country = place
        comp = dict(SLACK)
        if company is not None:
            name, cid, cslug, ccity, cstate, ccountry, ind, heads, web = company
            comp = {'company_city': ccity, 'company_country': ccountry,
                    'company_description': '%s is a company in %s.' % (name, ind.lower()),
                    'company_headcount_range': heads, 'company_id': cid,
                    'company_industry': ind,
                    'company_location': '%s, %s, %s' % (ccity, cstate, ccountry),
                    'company_name': name, 'company_state': cstate,
                    'company_url': 'https://www.linkedin.com/company/%s/' % cslug,
                    'company_website': web}
        logo = ('https://media.licdn.com/dms/image/v2/%s/company-logo_200_200/'
                'company-logo_200_200/0/%d?e=1740009600&v=beta&t=%s'
                % (self.token(18), rng.randint(10**12, 2 * 10**12), self.token(43)))
        past_name, past_id, past_slug = rng.choice(
            [(c[0], c[1], c[2]) for c in OTHER_COMPANIES])
        past_start, _ = self.date(2005, 2011)
        past_end, _ = self.date(2011, 2012)
        current_job = {
            'company_city': comp['company_city'], 'company_country': comp['company_country'],
            'company_description': comp['company_description'],
            'company_headcount_range': comp['company_headcount_range'],
            'company_id': comp['company_id'], 'company_image': logo,
            'company_industry': comp['company_industry'],
            'company_location': comp['company_location'], 'company_name': comp['company_name'],
            'company_state': comp['company_state'], 'company_url': comp['company_url'],
            'company_website': comp['company_website'],
            'job_description': None, 'job_ended_on': None, 'job_location': location,
            'job_started_on': started, 'job_still_working': True, 'job_title': title,
            'raw_company_name': comp['company_name'], 'raw_job_title': title,
        }
        past_job = {
            'company_city': None, 'company_country': None, 'company_description': None,
            'company_headcount_range': None, 'company_id': past_id, 'company_image': None,
            'company_industry': None, 'company_location': None, 'company_name': past_name,
            'company_state': None,
            'company_url': 'https://www.linkedin.com/company/%s/' % past_slug,
            'company_website': None, 'job_description': None, 'job_ended_on': past_end,
            'job_location': None, 'job_started_on': past_start, 'job_still_working': False,
            'job_title': title, 'raw_company_name': past_name, 'raw_job_title': title,
        }
        sales_id = 'ACwAA' + self.token(34)
        languages = [{'name': 'English', 'proficiency': 'NATIVE_OR_BILINGUAL'
                      if lang == 'en' else 'FULL_PROFESSIONAL'}]
        if lang != 'en':
            languages.append({'name': {'de': 'Deutsch', 'fr': 'Fran\u00e7ais', 'es': 'Espa\u00f1ol',
                                       'el': '\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac',
                                       'bg': '\u0411\u044a\u043b\u0433\u0430\u0440\u0441\u043a\u0438',
                                       'it': 'Italiano', 'pl': 'Polski'}[lang],
                              'proficiency': 'NATIVE_OR_BILINGUAL'})
        return {
            'certifications': [],
            'company_city': comp['company_city'], 'company_country': comp['company_country'],
            'company_description': comp['company_description'],
            'company_headcount_range': comp['company_headcount_range'],
            'company_id': comp['company_id'], 'company_image': logo,
            'company_industry': comp['company_industry'],
            'company_location': comp['company_location'], 'company_name': comp['company_name'],
            'company_state': comp['company_state'], 'company_url': comp['company_url'],
            'company_website': comp['company_website'],
            'educations': [],
            'first_name': first, 'full_name': full,
            'headline': '%s at %s' % (title, comp['company_name']),
            'industry': comp['company_industry'],
            'is_full_data': True, 'is_job_seeker': rng.random() < 0.05,
            'is_openlink': rng.random() < 0.1, 'is_premium': rng.random() < 0.3,
            'is_retired': False,
            'job_description': None, 'job_ended_on': None, 'job_location': location,
            'job_started_on': started, 'job_still_working': True, 'job_title': title,
            'jobs': [past_job, current_job],
            'languages': languages,
            'last_name': last,
            'linkedin_company_id': comp['company_id'],
            'linkedin_id': str(rng.randint(10**7, 10**9)),
            'linkedin_lead_persona': rng.choice(['Marketing Leaders', 'Sales Executives',
                                                 'Product Managers', 'Decision Makers']),
            'linkedin_sales_link': 'https://www.linkedin.com/sales/lead/%s,NAME_SEARCH,%s'
                                   % (sales_id, self.token(4)),
            'linkedin_url': 'https://www.linkedin.com/in/%s-%s' % (s, self.token(6, '0123456789abcdef')),
            'location': location, 'location_city': city, 'location_country': country,
            'location_county': None, 'location_state': state,
            'middle_name': '',
            'num_of_connections': rng.choice([500, 500, 500, rng.randint(40, 499)]),
            'private_website': None,
            'profile_photo': self.photo(),
            'raw_company_name': comp['company_name'],
            'raw_headline': '%s at %s' % (title, comp['company_name']),
            'raw_job_title': title,
            'sales_id': sales_id,
            'skills': [],
            'summary': None,
            'twitter_link': None,
            'unformatted_full_name': full,
        }


def set_key(lead, key, value):
    """Sets key keeping its position; value 'DROP' removes it."""
    if value == 'DROP':
        lead.pop(key, None)
    else:
        lead[key] = value


def build(titles):
    mk = Maker(titles)
    rng = mk.rng
    by_group = {}
    for t in titles:
        by_group.setdefault(t['group'], []).append(t)

    def pick(group):
        t = rng.choice(by_group[group])
        return t['title'], t['lang']

    def target():
        return rng.choice(TARGET_PLACES)

    leads = []   # (lead, why) in generation order; why explains the intent
    # Every title of titles.tsv appears at least once, at Slack in a target
    # location with nothing empty: persona matching alone decides these.
    for t in titles:
        leads.append((mk.lead(t['title'], t['lang'], target()), 'persona'))
    # More leads in the proportions of a real Slack search.
    for group, n in (('marketing', 22), ('sales', 22), ('product', 8), ('other', 16),
                     ('junior', 6), ('foreign', 6)):
        for _ in range(n):
            title, lang = pick(group)
            leads.append((mk.lead(title, lang, target()), 'persona'))
    for place in TARGET_VARIANTS:
        leads.append((mk.lead(pick('marketing')[0], 'en', place), 'persona: location variant'))
    for first_last in NOT_EXCLUDED:
        leads.append((mk.lead(pick('sales')[0], 'en', target(), first_last=first_last),
                      'persona: name near an excluded one'))
    for url in SLACK_URL_KEPT:
        lead = mk.lead(pick('marketing')[0], 'en', target())
        lead['company_url'] = url
        leads.append((lead, 'persona: company_url variant'))
    # company_url blank: the current jobs[] entry with the lead's company_id decides.
    for blank in (None, ''):
        lead = mk.lead(pick('sales')[0], 'en', target())
        lead['company_url'] = blank
        leads.append((lead, 'persona: slug from jobs[]'))
    # Title fallbacks: job_title missing/blank -> raw_job_title -> title -> headline.
    lead = mk.lead('Head of Growth', 'en', target())
    lead['job_title'] = None
    leads.append((lead, 'persona: raw_job_title used'))
    lead = mk.lead('Head of Demand Generation', 'en', target())
    lead['job_title'] = '   '
    lead['raw_job_title'] = ''
    lead['headline'] = 'Head of Demand Generation | B2B SaaS'
    leads.append((lead, 'persona: headline used'))

    # Leads one request filter drops (each fails only that filter).
    for first, last, unformatted in EXCLUDED:
        lead = mk.lead(pick('marketing')[0], 'en', target(), first_last=(first, last))
        set_key(lead, 'unformatted_full_name', 'DROP' if unformatted is None else unformatted)
        leads.append((lead, 'exclude_names'))
    for field, value in EMPTY_VARS:
        lead = mk.lead(pick('sales')[0], 'en', target())
        set_key(lead, field, value)
        leads.append((lead, 'filter_empty_vars'))
    for place in OTHER_PLACES:
        lang = {'Germany': 'de', 'Deutschland': 'de', 'France': 'fr', 'Spain': 'es',
                'Greece': 'el', 'Bulgaria': 'bg'}.get(place[3], 'en')
        title = pick('foreign')[0] if lang != 'en' else pick('marketing')[0]
        leads.append((mk.lead(title, lang, place), 'locations'))
    for place in OTHER_PLACES[:6]:
        leads.append((mk.lead(pick('sales')[0], 'en', place), 'locations'))
    lead = mk.lead(pick('product')[0], 'en', target())
    lead['location'] = None
    leads.append((lead, 'locations'))
    for company in OTHER_COMPANIES * 3:
        title = pick(rng.choice(['marketing', 'sales']))[0]
        leads.append((mk.lead(title, 'en', target(), company=company), 'company_link'))
    for url in SLACK_URL_DROPPED:
        lead = mk.lead(pick('marketing')[0], 'en', target())
        lead['company_url'] = url
        leads.append((lead, 'company_link'))
    # company_url null and no current Slack job to take the slug from.
    lead = mk.lead(pick('sales')[0], 'en', target())
    lead['company_url'] = None
    lead['jobs'] = lead['jobs'][:1]
    leads.append((lead, 'company_link'))
    return mk, leads


def special_values(parts):
    """Text and numbers a faithful reader must keep byte for byte, spread
    over the files (escaped and raw UTF-8 alike) on leads the filters keep."""
    plain = [[l for l, why in part if why == 'persona'] for part in parts]
    plain[0][2]['summary'] = ('Building the future of work \U0001F680 \u2014 B2B SaaS, PLG, '
                              '\u201cdemand gen\u201d.')
    plain[1][2]['num_of_connections'] = RAW + '1.50'
    plain[1][4]['summary'] = 'Growth \U0001F4C8 and brand \u00b7 ex-Contoso'
    plain[2][2]['summary'] = 'Tabs\tand\nnew lines, a backslash \\ and "quotes".'
    plain[2][4]['num_of_connections'] = RAW + '5E+2'
    plain[3][2]['num_of_connections'] = RAW + '12345678901234567890'


def dump(obj, ensure_ascii, indent):
    text = json.dumps(obj, ensure_ascii=ensure_ascii, indent=indent)
    return re.sub(r'"' + re.escape(RAW) + r'([^"]+)"', r'\1', text)


def write_outputs(leads, doc_lead):
    rng = random.Random(SEED + 1)
    order = list(leads)
    rng.shuffle(order)
    n = len(order)
    cuts = [0, n * 30 // 100, n * 58 // 100, n * 80 // 100, n]
    parts = [order[cuts[i]:cuts[i + 1]] for i in range(4)]
    special_values(parts)
    parts = [[l for l, _ in part] for part in parts]
    # The documentation's own example lead opens the first file.
    parts[0].insert(0, doc_lead)
    # Duplicates: re-downloads of leads from earlier files (same sales_id,
    # a field changed), and one repeat within a file by linkedin_url.
    for src, dst in ((0, 1), (0, 2), (1, 2), (1, 3), (2, 3), (0, 3)):
        dup = json.loads(json.dumps(rng.choice(parts[src][1:])))
        dup['num_of_connections'] = 500
        parts[dst].insert(rng.randrange(len(parts[dst]) + 1), dup)
    nokey = parts[3][0]
    nokey['sales_id'] = None
    nokey['linkedin_sales_link'] = None
    parts[3].append(json.loads(json.dumps(nokey)))
    # The JSONL export has no linkedin_lead_persona yet: filter appends it.
    for lead in parts[3]:
        lead.pop('linkedin_lead_persona', None)

    os.makedirs(LEADS_DIR, exist_ok=True)
    for name in os.listdir(LEADS_DIR):
        os.remove(os.path.join(LEADS_DIR, name))
    files = [('01-slack-search.json', True, 2), ('02-slack-search.json', False, None),
             ('03-slack-search.json', True, 2)]
    for (name, ascii_only, indent), part in zip(files, parts):
        resp = {'amount': -len(part), 'leads': part, 'results_count': 'within limit'}
        with open(os.path.join(LEADS_DIR, name), 'w', encoding='utf-8', newline='\n') as f:
            f.write(dump(resp, ascii_only, indent) + '\n')
    with open(os.path.join(LEADS_DIR, '04-crm-export.jsonl'), 'w', encoding='utf-8',
              newline='\n') as f:
        for lead in parts[3]:
            f.write(dump(lead, False, None) + '\n')
    return [len(p) for p in parts]


def load_doc_lead():
    """The example lead of the by_icp documentation, as published."""
    with open(os.path.join(EXAMPLES, 'doc-example-lead.json'), encoding='utf-8') as f:
        return json.load(f)


def main(argv):
    if len(argv) == 3 and argv[1] == '--select':
        select_titles(argv[2])
    elif len(argv) != 1:
        sys.stderr.write(__doc__)
        return 2
    titles = read_tsv(TITLES_TSV)
    _, leads = build(titles)
    sizes = write_outputs(leads, load_doc_lead())
    print('wrote %s: %s leads (%d in all)' % (os.path.relpath(LEADS_DIR, ROOT),
                                              ' + '.join(map(str, sizes)), sum(sizes)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
